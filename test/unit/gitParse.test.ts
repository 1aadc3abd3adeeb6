// Parsers for git's -z outputs, fed with output captured from a real repository.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parseLog, parseRawNumstat, parseStatus, parseTimestamps } from '../../src/core/gitParse';
import { TempRepo } from './helpers/gitRepo';

describe('git output parsers', function () {
  this.timeout(30_000);
  let r: TempRepo;
  let first = '';
  let head = '';
  before(() => {
    r = TempRepo.create('parse');
    r.write('a.txt', 'a\nb\n');
    r.write('b.txt', 'x\ny\nz\n');
    r.write('bin.dat', 'x\0y');
    r.write('with space/ünï.txt', '1\n');
    first = r.commit('one', '2026-01-01T00:00:00Z');
    r.write('a.txt', 'a\nc\nd\n');
    r.git('mv', 'b.txt', 'c.txt');
    r.write('bin.dat', 'x\0z');
    r.write('with space/ünï.txt', '1\n2\n');
    head = r.commit('two: rename and edit', '2026-01-02T00:00:00Z');
  });
  after(() => r.dispose());

  const git = (...args: string[]) => execFileSync('git', ['-c', 'core.quotepath=off', ...args], { cwd: r.dir, encoding: 'utf8' });

  it('parses --raw --numstat -z with renames, binary files and unusual names', () => {
    const [deltas] = parseRawNumstat(git('diff', '-z', '--raw', '--numstat', '-M', first, head));
    const by = Object.fromEntries(deltas.map((d) => [d.path, d]));
    const blob = (rev: string) => git('rev-parse', rev).trim();
    assert.deepEqual(by['a.txt'], { status: 'M', path: 'a.txt', insertions: 2, deletions: 1, binary: false, oldSha: by['a.txt'].oldSha, sha: by['a.txt'].sha, oldMode: '100644', mode: '100644' });
    assert.ok(blob(`${first}:a.txt`).startsWith(by['a.txt'].oldSha!) && blob(`${head}:a.txt`).startsWith(by['a.txt'].sha!), 'blob ids before and after');
    assert.equal(by['c.txt'].status, 'R');
    assert.equal(by['c.txt'].from, 'b.txt');
    assert.equal(by['bin.dat'].binary, true);
    assert.equal(by['with space/ünï.txt'].insertions, 1);
  });

  it('splits diff-tree --stdin --always output into one list per input line, empty ones included', () => {
    const out = execFileSync('git', ['diff-tree', '--stdin', '--always', '-r', '-z', '--raw', '--numstat', '-M'], {
      cwd: r.dir, input: `${head} ${first}\n${head} ${head}\n${head} ${first}\n`, encoding: 'utf8',
    });
    const diffs = parseRawNumstat(out, true);
    assert.equal(diffs.length, 3);
    assert.equal(diffs[0].length, 4);
    assert.equal(diffs[1].length, 0);
    assert.deepEqual(diffs[2].map((d) => d.path).sort(), diffs[0].map((d) => d.path).sort());
  });

  it('parses status --porcelain -z', () => {
    r.write('new file.txt', 'n\n');
    r.write('a.txt', 'changed\n');
    try {
      const entries = parseStatus(git('status', '--porcelain=v1', '-z', '--untracked-files=all'));
      assert.deepEqual(entries.find((e) => e.path === 'a.txt'), { index: ' ', worktree: 'M', path: 'a.txt' });
      assert.deepEqual(entries.find((e) => e.path === 'new file.txt'), { index: '?', worktree: '?', path: 'new file.txt' });
    } finally {
      r.git('checkout', '--', 'a.txt');
      r.remove('new file.txt');
    }
  });

  it('parses log -z with name-status', () => {
    const log = parseLog(git('log', '-z', '--format=%x1e%H%x1f%cI%x1f%s', '--name-status', '-M', `${first}..${head}`));
    assert.equal(log.length, 1);
    assert.equal(log[0].sha, head);
    assert.equal(log[0].subject, 'two: rename and edit');
    assert.ok(log[0].files.some((f) => f.status === 'R' && f.from === 'b.txt' && f.path === 'c.txt'));
    assert.ok(log[0].files.some((f) => f.status === 'M' && f.path === 'with space/ünï.txt'));
  });

  it('parses rev-list --timestamp', () => {
    const history = parseTimestamps(git('rev-list', '--first-parent', '--timestamp', 'HEAD'));
    assert.deepEqual(history.map((h) => h.sha), [head, first]);
    assert.equal(history[1].time, Date.parse('2026-01-01T00:00:00Z') / 1000);
  });
});
