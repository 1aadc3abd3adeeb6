// A save's changed lines counted in the extension, checked against `git diff --no-index
// --numstat` on many generated edits. When every diff counts them alike (one edit in one place:
// a line changed, a block inserted, appended or removed) they are always answered. Edits far
// apart are counted as git's Myers diff counts them, discarded lines included, up to an edit
// cost; beyond it they are left to git.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_EDIT_COST, myersLineCounts } from '../../src/core/drift/myersCounts';
import { changedLines, linesOf } from '../../src/core/drift/saveFastPath';

/** A small deterministic generator (tests repeat exactly). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('line counts of a save without git', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-linecounts-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function gitCounts(before: Uint8Array, after: Uint8Array): { insertions: number; deletions: number; binary: boolean } {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    fs.writeFileSync(a, before);
    fs.writeFileSync(b, after);
    let out = '';
    try {
      out = execFileSync('git', ['-c', 'diff.algorithm=myers', 'diff', '--no-index', '--numstat', '--', a, b], { encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? ''); // exit 1: the files differ
    }
    const m = /^(-|\d+)\t(-|\d+)\t/.exec(out);
    if (!m) return { insertions: 0, deletions: 0, binary: false };
    return { insertions: m[1] === '-' ? 0 : Number(m[1]), deletions: m[2] === '-' ? 0 : Number(m[2]), binary: m[1] === '-' };
  }

  const enc = (lines: string[], endNewline = true) => Buffer.from(lines.join('\n') + (endNewline && lines.length > 0 ? '\n' : ''));

  it('agrees with git whenever it answers, and answers every edit in one place', () => {
    const rnd = random(7);
    const words = ['', '}', 'return x;', '  if (a) {', 'alpha', 'beta', 'gamma', '\r', 'délta', '\t'];
    const line = () => (rnd() < 0.6 ? words[Math.floor(rnd() * words.length)] : `line ${Math.floor(rnd() * 1000)}`);
    let answered = 0;
    let leftToGit = 0;
    for (let n = 0; n < 300; n++) {
      const before = Array.from({ length: Math.floor(rnd() * 40) }, line);
      const after = [...before];
      const kind = n % 6;
      const at = Math.floor(rnd() * (after.length + 1));
      if (kind === 0) after.splice(at, 0, ...Array.from({ length: 1 + Math.floor(rnd() * 4) }, line)); // insert
      else if (kind === 1) after.splice(at, 1 + Math.floor(rnd() * 3)); // remove
      else if (kind === 2) after.push(line(), line()); // append
      else if (kind === 3 && after.length > 0) after[Math.min(at, after.length - 1)] = `edited ${n}`; // one line changed
      else if (kind === 4) {
        // Two edits apart.
        after.splice(at, 0, line());
        after.splice(Math.floor(rnd() * (after.length + 1)), 1);
      } else {
        after.reverse();
      }
      const endBefore = rnd() < 0.85;
      const endAfter = kind === 5 || rnd() < 0.85 ? endBefore : !endBefore;
      const a = enc(before, endBefore);
      const b = enc(after, endAfter);
      if (a.equals(b)) continue;
      const ours = changedLines(a, b);
      if (ours === undefined) {
        leftToGit++;
        assert.ok(kind >= 4 || endBefore !== endAfter, `one edit in one place is answered (case ${n}, kind ${kind})`);
        continue;
      }
      answered++;
      assert.deepEqual(ours, gitCounts(a, b), `case ${n} (kind ${kind}): ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
    assert.ok(answered >= 150, `most saves answered without git: ${answered}`);
    assert.ok(leftToGit >= 10, `edits far apart are left to git: ${leftToGit}`);
  });

  it('counts a last line without a line feed as git does, and knows binary files by a NUL byte', () => {
    const cases: [string, string][] = [
      ['a\nb', 'a\nb\n'], ['a\nb\n', 'a\nb'], ['', 'x'], ['x', ''], ['a\nb', 'a\nc'], ['a\r\nb\r\n', 'a\nb\n'],
    ];
    for (const [x, y] of cases) {
      const a = Buffer.from(x);
      const b = Buffer.from(y);
      assert.deepEqual(changedLines(a, b), gitCounts(a, b), JSON.stringify([x, y]));
    }
    const bin = Buffer.from('a\0b\n');
    assert.deepEqual(changedLines(bin, Buffer.from('a\n')), { insertions: 0, deletions: 0, binary: true });
    assert.deepEqual(gitCounts(bin, Buffer.from('a\n')).binary, true);
  });

  /** The fewest lines inserted plus deleted (a plain LCS table): what a diff without git's discards would count. */
  function minimalCost(a: string[], b: string[]): number {
    let prev = new Array<number>(b.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
      const row = new Array<number>(b.length + 1).fill(0);
      for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
      prev = row;
    }
    return a.length + b.length - 2 * prev[b.length];
  }

  it('counts edits far apart as git\'s Myers diff does, including the lines git discards first', () => {
    const rnd = random(11);
    // Few distinct lines, many times over: git discards some of those before its diff, which
    // makes its counts larger than the fewest possible.
    const common = ['', '}', '{', '  return;', '    break;'];
    const line = () => (rnd() < 0.25 ? '' : rnd() < 0.4 ? common[Math.floor(rnd() * common.length)] : `item ${Math.floor(rnd() * 60)}`);
    let answered = 0;
    let notFewest = 0;
    let leftToGit = 0;
    for (let n = 0; n < 400; n++) {
      const before = Array.from({ length: 5 + Math.floor(rnd() * (n % 4 === 0 || n % 5 === 0 ? 600 : 120)) }, line);
      const after = [...before];
      const edits = 1 + Math.floor(rnd() * (n % 5 === 0 ? 300 : 12));
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rnd() * (after.length + 1));
        const r = rnd();
        if (r < 0.3) after.splice(at, 0, ...Array.from({ length: 1 + Math.floor(rnd() * 3) }, line));
        else if (r < 0.5) after.splice(at, 1 + Math.floor(rnd() * 3));
        else if (r < 0.7) {
          // A paragraph rewritten: its lines new, its blank lines kept.
          for (let i = at; i < Math.min(after.length, at + 4 + Math.floor(rnd() * 12)); i++) if (after[i] !== '') after[i] = `rewritten ${n}.${e}.${i}`;
        }
        else if (at < after.length) after[at] = line();
      }
      const a = enc(before, rnd() < 0.9);
      const b = enc(after, rnd() < 0.9);
      if (a.equals(b)) continue;
      const ours = myersLineCounts(linesOf(a), linesOf(b));
      if (ours === undefined) {
        leftToGit++;
        assert.ok(minimalCost(linesOf(a), linesOf(b)) > MAX_EDIT_COST / 2, `case ${n}: a small edit is answered`);
        continue;
      }
      answered++;
      const git = gitCounts(a, b);
      assert.deepEqual({ ...ours, binary: false }, git, `case ${n}: ${edits} edits of ${before.length} lines`);
      if (git.insertions + git.deletions > minimalCost(linesOf(a), linesOf(b))) notFewest++;
    }
    assert.ok(answered >= 300, `answered without git: ${answered}`);
    assert.ok(notFewest >= 10, `cases where git's discards count (its counts above the fewest): ${notFewest}`);
    assert.ok(leftToGit >= 5, `costly diffs left to git: ${leftToGit}`);
  });
});
