// The git port's blob access (one long-lived cat-file per repository), blob ids and line counts,
// each checked against git's own answer in a real temporary repository.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitUnavailableError } from '../../src/core/gitPort';
import { NodeGit } from '../../src/node/git';
import { TempRepo, lines } from './helpers/gitRepo';

describe('git blobs and line counts (real git)', function () {
  this.timeout(30_000);
  let r: TempRepo;
  let git: NodeGit;
  let head: string;
  // Larger than a pipe's buffer, so an answer arrives in several chunks.
  const big = lines(20_000, 'a fairly long line of text, number');
  const binary = Buffer.from([0, 1, 2, 255, 10, 0, 13, 10]);

  before(() => {
    r = TempRepo.create('blobs');
    r.write('src/a.txt', lines(5));
    r.write('src/big.txt', big);
    fs.writeFileSync(r.path('src/bin.dat'), binary);
    r.write('src/no-newline.txt', 'one\ntwo');
    r.write('src/with space.txt', 'spaced\n');
    head = r.commit('files', '2026-01-01T00:00:00Z');
    git = new NodeGit();
  });
  after(() => {
    git.dispose();
    r.dispose();
  });

  it('reads blobs at a commit with git\'s ids, many at once in order, big and binary ones whole', async () => {
    const names = ['src/a.txt', 'src/big.txt', 'src/bin.dat', 'src/no-newline.txt', 'src/with space.txt', 'src/a.txt'];
    const blobs = await Promise.all(names.map((n) => git.blobAt(r.dir, head, n)));
    names.forEach((n, k) => {
      assert.equal(blobs[k]?.sha, r.git('rev-parse', `${head}:${n}`).trim(), n);
      assert.deepEqual(Buffer.from(blobs[k]!.bytes), fs.readFileSync(r.path(n)), n);
      assert.equal(git.blobId(blobs[k]!.bytes, 'sha1'), blobs[k]!.sha, `blobId of ${n}`);
    });
    assert.equal(git.calls, 1, 'one cat-file process answered them all');
  });

  it('answers undefined for a missing path or a tree, and refuses a name with a line break', async () => {
    assert.equal(await git.blobAt(r.dir, head, 'src/missing.txt'), undefined);
    assert.equal(await git.blobAt(r.dir, head, 'src'), undefined);
    await assert.rejects(git.blobAt(r.dir, head, 'src/a.txt\nHEAD:src/bin.dat'));
    // The process still answers after all of these.
    assert.equal((await git.blobAt(r.dir, head, 'src/a.txt'))?.bytes.length, lines(5).length);
  });

  it('lists a path in a merge conflict once', async () => {
    const c = TempRepo.create('conflict');
    try {
      c.write('a.txt', 'base\n');
      c.write('b.txt', 'b\n');
      c.commit('base', '2026-01-01T00:00:00Z');
      c.git('checkout', '-q', '-b', 'other');
      c.write('a.txt', 'other\n');
      c.commit('other', '2026-01-02T00:00:00Z');
      c.git('checkout', '-q', 'main');
      c.write('a.txt', 'main\n');
      c.commit('main', '2026-01-03T00:00:00Z');
      assert.throws(() => c.git('merge', '-q', 'other'));
      assert.ok(c.git('ls-files', '-s').split('\n').filter((l) => l.endsWith('\ta.txt')).length > 1, 'the conflict is in the index');
      assert.deepEqual(await git.listFiles(c.dir), ['a.txt', 'b.txt']);
    } finally {
      c.dispose();
    }
  });

  it('starts a new process after dispose', async () => {
    const before = git.calls;
    git.dispose();
    assert.equal((await git.blobAt(r.dir, head, 'src/no-newline.txt'))?.bytes.length, 7);
    assert.equal(git.calls, before + 1);
  });

  it('counts lines from a blob to a file as git diff BASE -- FILE does', async () => {
    const cases: [string, string | Buffer][] = [
      ['src/a.txt', lines(3) + 'changed\n' + lines(7).split('\n').slice(4).join('\n')],
      ['src/no-newline.txt', 'one\ntwo\n'],
      ['src/big.txt', big.replace('number 100\n', 'number one hundred\n') + 'tail\n'],
      ['src/bin.dat', Buffer.from([0, 9, 9])],
      ['src/with space.txt', 'spaced\n'],
    ];
    for (const [file, content] of cases) fs.writeFileSync(r.path(file), content);
    try {
      for (const [file] of cases) {
        const base = (await git.blobAt(r.dir, head, file))!;
        const counts = await git.lineCounts(r.dir, base, r.path(file));
        const numstat = r.git('diff', '--numstat', head, '--', file).trim();
        const [ins = '0', del = '0'] = numstat.split('\t');
        assert.deepEqual(counts, {
          insertions: ins === '-' ? 0 : Number(ins), deletions: del === '-' ? 0 : Number(del), binary: ins === '-',
        }, `${file}: git says "${numstat}"`);
      }
    } finally {
      r.git('checkout', '--', '.');
    }
  });

  it('reads big outputs through scratch files whole, keeps exit codes, and removes the files', async () => {
    const many = TempRepo.create('many-files');
    try {
      // ~1 MB of paths: many pipe buffers' worth.
      for (let d = 0; d < 40; d++) {
        fs.mkdirSync(many.path(`dir-${d}`), { recursive: true });
        for (let f = 0; f < 250; f++) fs.writeFileSync(many.path(`dir-${d}/a-rather-long-file-name-to-make-the-list-big-${f}.txt`), `${d} ${f}\n`);
      }
      many.commit('many', '2026-01-01T00:00:00Z');
      fs.writeFileSync(many.path('dir-0/untracked.txt'), 'new\n');
      const outputs: string[] = [];
      const g = new NodeGit({ onCall: (_args, _ms, _code, run) => { if (run.output) outputs.push(run.output); } });
      const listed = await g.listFiles(many.dir);
      assert.deepEqual(listed, many.git('ls-files', '-z').split('\0').filter(Boolean));
      assert.equal(listed.length, 10_000);
      assert.deepEqual((await g.status(many.dir)).map((e) => `${e.index}${e.worktree} ${e.path}`), ['?? dir-0/untracked.txt']);
      // A failing command: its exit code and message come back, not an empty success.
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'not-a-repo-'));
      try {
        await assert.rejects(g.status(outside), /git status failed: .*not a git repository/i);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
      assert.ok(outputs.length >= 3, 'status and file lists went through files');
      assert.deepEqual(outputs.filter((f) => fs.existsSync(f)), [], 'no output file left behind');
      g.dispose();
    } finally {
      many.dispose();
    }
  });

  it('reports a missing git executable as such', async () => {
    const g = new NodeGit({ gitPath: path.join(os.tmpdir(), 'no-such-dir', 'git') });
    await assert.rejects(g.listFiles(r.dir), GitUnavailableError);
    await assert.rejects(g.status(r.dir), GitUnavailableError);
    await assert.rejects(g.repoInfo(r.dir), GitUnavailableError);
    g.dispose();
  });

  it('lists the local branches, loose and packed, with slashes, in one process', async () => {
    r.git('branch', 'chant/2026-01-01-001-abc');
    r.git('branch', 'feature/a/b');
    r.git('pack-refs', '--all');
    r.git('branch', 'loose-one');
    r.git('tag', 'v1');
    const before = git.calls;
    const names = await git.branchNames(r.dir);
    assert.equal(git.calls, before + 1);
    const current = r.git('rev-parse', '--abbrev-ref', 'HEAD').trim();
    assert.deepEqual([...names!].sort(), [current, 'chant/2026-01-01-001-abc', 'feature/a/b', 'loose-one'].sort());
    const notRepo = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-not-a-repo-'));
    try {
      assert.equal(await git.branchNames(notRepo), undefined, 'not a repository: unknown, so every read finds out for itself');
    } finally {
      fs.rmSync(notRepo, { recursive: true, force: true });
    }
  });
});
