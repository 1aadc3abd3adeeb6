// A save's changed lines counted in the extension when every diff counts them alike, checked
// against `git diff --no-index --numstat` on many generated edits: whenever it answers, git
// agrees; one edit in one place (a line changed, a block inserted, appended or removed) is
// always answered; edits far apart are left to git.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { changedLines } from '../../src/core/drift/saveFastPath';

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
});
