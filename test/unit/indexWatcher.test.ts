// The index watcher on a real folder: what it reports for the ways chant and git change files,
// and that it holds one watch per folder (not per file) where the platform lets us count.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createIndexWatcher } from '../../src/node/indexWatcher';
import type { FileChange } from '../../src/core/ports';

async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** inotify watches this process holds (Linux); undefined elsewhere. */
function inotifyWatches(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) !== 'anon_inode:inotify') continue;
      n += fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').filter((l) => l.startsWith('inotify wd:')).length;
    } catch {
      // the fd closed meanwhile
    }
  }
  return n;
}

describe('index watcher (one native watch per .chant folder)', () => {
  let dir: string;
  let chant: string;
  let seen: FileChange[];
  let batches: number;
  let handle: { dispose(): void } | undefined;
  const has = (kind: FileChange['kind'], p: string) => seen.some((c) => c.kind === kind && c.path === p);
  // A new file's write event can follow its create event: either kind says "it is there now".
  const present = (p: string) => has('created', p) || has('changed', p);

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-watch-'))).replace(/\\/g, '/');
    chant = `${dir}/.chant`;
    fs.mkdirSync(`${chant}/specs`, { recursive: true });
    fs.mkdirSync(`${chant}/archive/2026-01-01`, { recursive: true });
    for (let i = 0; i < 200; i++) fs.writeFileSync(`${chant}/specs/s${i}.md`, `# ${i}\n`);
    fs.writeFileSync(`${chant}/archive/2026-01-01/old.md`, '# old\n');
    seen = [];
    batches = 0;
    const before = inotifyWatches();
    handle = createIndexWatcher((e) => { throw e; }).watch([chant], (changes) => {
      batches++;
      seen.push(...changes);
    });
    // Ready when the four folders are watched (Linux), or after the walk elsewhere.
    if (before !== undefined) await until('watches on every folder', () => inotifyWatches()! - before >= 4);
    else await new Promise((r) => setTimeout(r, 300));
  });

  afterEach(() => {
    handle?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds one watch per folder, not per file', function () {
    const n = inotifyWatches();
    if (n === undefined) this.skip();
    handle?.dispose();
    const after = inotifyWatches()!;
    // .chant, specs, archive, archive/2026-01-01: four, for 201 files.
    assert.equal(n - after, 4);
  });

  it('reports writes, creates, deletes and chant\'s atomic rename, and ignores temp files', async () => {
    fs.appendFileSync(`${chant}/specs/s1.md`, 'more\n');
    fs.writeFileSync(`${chant}/specs/new.md`, '# new\n');
    fs.unlinkSync(`${chant}/specs/s2.md`);
    fs.writeFileSync(`${chant}/specs/s3.md.tmp`, '# 3 again\n');
    fs.renameSync(`${chant}/specs/s3.md.tmp`, `${chant}/specs/s3.md`);
    await until('four changes', () => seen.length >= 4);
    assert.ok(has('changed', `${chant}/specs/s1.md`), JSON.stringify(seen));
    assert.ok(present(`${chant}/specs/new.md`));
    assert.ok(has('deleted', `${chant}/specs/s2.md`));
    assert.ok(present(`${chant}/specs/s3.md`));
    assert.ok(!seen.some((c) => c.path.endsWith('.tmp')), 'temp files are not reported');
  });

  it('watches a folder that appears and reports the files it brings', async () => {
    const staging = `${dir}/staging`;
    fs.mkdirSync(staging);
    fs.writeFileSync(`${staging}/moved.md`, '# moved\n');
    fs.renameSync(staging, `${chant}/archive/2026-02-02`);
    await until('the moved-in file', () => present(`${chant}/archive/2026-02-02/moved.md`));
    fs.writeFileSync(`${chant}/archive/2026-02-02/later.md`, '# later\n');
    await until('a file created in the new folder', () => present(`${chant}/archive/2026-02-02/later.md`));
  });

  it('reports a deleted folder, and .chant itself going away', async () => {
    fs.rmSync(`${chant}/archive`, { recursive: true });
    await until('archive deleted', () => has('deleted', `${chant}/archive`));
    fs.rmSync(chant, { recursive: true });
    await until('.chant deleted', () => has('deleted', chant));
  });

  it('delivers a burst of 200 writes as one batch', async () => {
    for (let i = 0; i < 200; i++) fs.writeFileSync(`${chant}/specs/s${i}.md`, `# ${i} again\n`);
    await until('200 changes', () => new Set(seen.map((c) => c.path)).size >= 200);
    assert.equal(batches, 1);
  });

  it('reports the files already there when asked to announce them (a project watched after it was read)', async () => {
    // The plain watch above reported nothing for the 201 files it found.
    assert.equal(seen.length, 0);
    const announced: FileChange[] = [];
    const second = createIndexWatcher((e) => { throw e; }).watch([chant], (changes) => announced.push(...changes), { announce: true });
    try {
      await until('201 files announced', () => announced.length >= 201);
      assert.ok(announced.every((c) => c.kind === 'created'));
      assert.ok(announced.some((c) => c.path === `${chant}/archive/2026-01-01/old.md`), 'below the first level too');
      // And it watches from then on, like the plain one.
      fs.writeFileSync(`${chant}/specs/after.md`, '# after\n');
      await until('the file written after', () => announced.some((c) => c.path === `${chant}/specs/after.md`));
    } finally {
      second.dispose();
    }
  });
});
