// The index reads through the optional fast file-system calls (typed directory listings, one
// open per spec) when the adapter has them; it must find and read exactly what the plain calls
// find, on the fixture workspaces with their broken links, loops, binary and oversized files.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SpecIndex, discoverProjects } from '../../src/core/specIndex';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import type { FileSystem } from '../../src/core/ports';

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

  it('discover projects without a stat per file', async () => {
    let stats = 0;
    const counting: FileSystem = { ...nodeFileSystem, stat: (p) => { stats++; return nodeFileSystem.stat(p); } };
    const found = await discoverProjects(counting, FIXTURES.replace(/\\/g, '/'));
    assert.deepEqual(found, await discoverProjects(plainFileSystem, FIXTURES.replace(/\\/g, '/')));
    assert.ok(found.length >= 3);
    assert.equal(stats, 0, 'typed listings need no stat for plain files and folders');
  });
});
