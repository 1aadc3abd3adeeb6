// The in-memory FileSystem used by the index tests behaves like a POSIX file system.

import assert from 'node:assert/strict';
import { MemoryFileSystem } from './helpers/memoryFs';

describe('MemoryFileSystem (test helper)', () => {
  const fs = () => new MemoryFileSystem()
    .write('/a/b/file.md', 'hello')
    .symlink('/a/rel', 'b/file.md')
    .symlink('/a/abs', '/a/b')
    .symlink('/a/b/up', '..')
    .symlink('/a/self', 'self')
    .symlink('/a/ping', 'pong')
    .symlink('/a/pong', 'ping')
    .symlink('/a/broken', 'missing');

  it('reads files through relative and absolute links', async () => {
    const m = fs();
    assert.equal(new TextDecoder().decode(await m.readFile('/a/rel')), 'hello');
    assert.equal(new TextDecoder().decode(await m.readFile('/a/abs/file.md')), 'hello');
    assert.equal(await m.realPath('/a/abs/up/b/file.md'), '/a/b/file.md');
    assert.deepEqual((await m.readDir('/a/abs')).sort(), ['file.md', 'up']);
  });

  it('lstat sees links, stat follows them; loops and broken links do not resolve', async () => {
    const m = fs();
    assert.equal((await m.lstat('/a/rel'))?.isSymbolicLink, true);
    assert.equal((await m.stat('/a/rel'))?.isFile, true);
    for (const p of ['/a/self', '/a/ping', '/a/broken']) {
      assert.equal((await m.lstat(p))?.isSymbolicLink, true, p);
      assert.equal(await m.stat(p), undefined, p);
      assert.equal(await m.realPath(p), undefined, p);
      await assert.rejects(m.readFile(p));
    }
    assert.deepEqual(await m.readDir('/a/self'), []);
  });

  it('records the events a watcher would report', () => {
    const m = new MemoryFileSystem();
    m.write('/x/a.md', '1');
    m.write('/x/a.md', '2');
    m.rename('/x/a.md', '/x/b.md');
    m.write('/x/d/c.md', '');
    m.remove('/x/d');
    assert.deepEqual(m.takeChanges(), [
      { kind: 'created', path: '/x/a.md' },
      { kind: 'changed', path: '/x/a.md' },
      { kind: 'deleted', path: '/x/a.md' },
      { kind: 'created', path: '/x/b.md' },
      { kind: 'created', path: '/x/d/c.md' },
      { kind: 'deleted', path: '/x/d/c.md' },
      { kind: 'deleted', path: '/x/d' },
    ]);
    assert.deepEqual(m.takeChanges(), []);
  });
});
