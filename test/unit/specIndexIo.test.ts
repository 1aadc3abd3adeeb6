// The index reads through the optional fast file-system calls (typed directory listings, one
// open per spec) when the adapter has them; it must find and read exactly what the plain calls
// find, on the fixture workspaces with their broken links, loops, binary and oversized files.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { SpecIndex } from '../../src/core/specIndex';
import { discoverProjects } from '../../src/core/projectDiscovery';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import type { FileChange, FileSystem } from '../../src/core/ports';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

/** The node adapter without its optional calls: the core falls back to stat per entry. */
const plainFileSystem: FileSystem = {
  readFile: nodeFileSystem.readFile,
  lstat: nodeFileSystem.lstat,
  stat: nodeFileSystem.stat,
  readDir: nodeFileSystem.readDir,
  realPath: nodeFileSystem.realPath,
};

async function summaries(fsys: FileSystem, folder: string) {
  const index = new SpecIndex(fsys);
  await index.setFolders([folder]);
  return { projects: index.projects(), specs: index.summaries() };
}

describe('index file-system fast paths', () => {
  const workspaces = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(FIXTURES, e.name).replace(/\\/g, '/'));

  it('find the same projects and specs as plain listing and stat', async () => {
    assert.ok(workspaces.length >= 3, `fixtures not found under ${FIXTURES}`);
    let specs = 0;
    for (const ws of workspaces) {
      const fast = await summaries(nodeFileSystem, ws);
      const plain = await summaries(plainFileSystem, ws);
      assert.deepEqual(fast, plain, ws);
      specs += fast.specs.length;
    }
    assert.ok(specs > 20, `only ${specs} specs indexed`);
  });

  it('apply change batches as the plain calls would: files, folders, pipes, links, deletions', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-io-'))).replace(/\\/g, '/');
    const specs = `${dir}/.chant/specs`;
    try {
      fs.mkdirSync(specs, { recursive: true });
      fs.writeFileSync(`${dir}/.chant/config.md`, '---\nproject:\n  name: io\n---\n');
      for (const n of ['a', 'b', 'c']) fs.writeFileSync(`${specs}/${n}.md`, `---\nstatus: pending\n---\n# ${n}\n`);
      const fast = new SpecIndex(nodeFileSystem);
      const plain = new SpecIndex(plainFileSystem);
      await fast.setFolders([dir]);
      await plain.setFolders([dir]);
      const step = async (what: string, changes: FileChange[]) => {
        await fast.applyChanges(changes);
        await plain.applyChanges(changes);
        assert.deepEqual(fast.summaries(), plain.summaries(), what);
      };
      fs.writeFileSync(`${specs}/a.md`, '---\nstatus: completed\n---\n# a done\n');
      await step('an edit', [{ kind: 'changed', path: `${specs}/a.md` }]);
      fs.rmSync(`${specs}/b.md`);
      await step('a deletion reported as a change', [{ kind: 'changed', path: `${specs}/b.md` }]);
      fs.mkdirSync(`${specs}/folder.md`);
      await step('a folder named like a spec', [{ kind: 'created', path: `${specs}/folder.md` }]);
      fs.symlinkSync(`${specs}/nowhere.md`, `${specs}/dead.md`);
      await step('a broken link', [{ kind: 'created', path: `${specs}/dead.md` }]);
      fs.symlinkSync(`${specs}/c.md`, `${specs}/link.md`);
      await step('a link to a spec', [{ kind: 'created', path: `${specs}/link.md` }]);
      if (process.platform !== 'win32') {
        execFileSync('mkfifo', [`${specs}/pipe.md`]);
        await step('a named pipe (must not hang)', [{ kind: 'created', path: `${specs}/pipe.md` }]);
      }
      fs.writeFileSync(`${specs}/big.md`, Buffer.alloc(17 * 1024 * 1024, 0x61));
      await step('a file over the size limit', [{ kind: 'created', path: `${specs}/big.md` }]);
      assert.ok(fast.summaries().some((s) => s.id === 'big' && s.problems.some((p) => p.code === 'too-large')));
      await step('a burst', ['a', 'c', 'dead', 'link', 'folder'].map((n) => ({ kind: 'changed' as const, path: `${specs}/${n}.md` })));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('discover projects without a stat per file', async () => {
    let stats = 0;
    const counting: FileSystem = { ...nodeFileSystem, stat: (p) => { stats++; return nodeFileSystem.stat(p); } };
    const found = await discoverProjects(counting, FIXTURES.replace(/\\/g, '/'));
    assert.deepEqual(found, await discoverProjects(plainFileSystem, FIXTURES.replace(/\\/g, '/')));
    assert.ok(found.length >= 3);
    assert.equal(stats, 0, 'typed listings need no stat for plain files and folders');
  });
});
