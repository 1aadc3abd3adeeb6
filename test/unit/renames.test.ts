// Rename detection made here (renames.ts) against git's own `diff-tree -M`, on generated commits
// that move, copy, edit, swap, empty and duplicate files, with long lines, CRLF, NUL bytes,
// links and executable bits, and with a small rename limit: the same pairs, the same scores.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { detectRenames, MAX_SCORE, similarity, spansOf, type BlobFacts } from '../../src/core/drift/renames';
import { parseRawNumstat } from '../../src/core/gitParse';
import type { GitFileDelta } from '../../src/core/gitPort';
import { NodeGit } from '../../src/node/git';
import { TempRepo } from './helpers/gitRepo';

/** A small deterministic generator (the same cases on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const key = (d: GitFileDelta) => `${d.status} ${d.from ?? ''} -> ${d.path} ${d.status === 'R' ? d.similarity : ''}`;

describe('rename detection without git', function () {
  this.timeout(120_000);
  const git = new NodeGit();
  after(() => git.dispose());

  it('scores a blob pair as git does: spans of lines or 64 bytes, CR before LF ignored in text, the last open span not counted', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const facts = (s: string): BlobFacts => ({ size: enc(s).length, spans: spansOf(enc(s)) });
    const a = facts('one\ntwo\nthree\n');
    assert.equal(similarity(a, a), MAX_SCORE);
    assert.equal(similarity(facts('one\ntwo\n'), facts('one\r\ntwo\r\n')), Math.floor((8 * MAX_SCORE) / 10), 'CRs not counted, but the size is');
    assert.equal(similarity(facts('one\ntwo'), facts('one\ntwo')), Math.floor((4 * MAX_SCORE) / 7), 'a last line without a break is not a span');
    assert.equal(similarity(facts('x'.repeat(10)), facts('x'.repeat(100))), 0, 'ruled out by size alone');
    assert.equal(similarity({ size: 10 }, { size: 11 }), undefined, 'no spans: the bytes are needed');
  });

  it('pairs the same files with the same scores as git diff-tree -M, over 40 generated commits', async () => {
    const repo = TempRepo.create('renames');
    try {
      let compared = 0;
      let inexact = 0;
      let sizedOnly = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const r = random(seed);
        const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
        const words = ['alpha', 'beta', 'gamma', 'delta', 'return x;', '}', '{', 'let y = 0;', '// note', ''];
        const text = (n: number) => {
          const out: string[] = [];
          for (let k = 0; k < n; k++) {
            const w = r() < 0.1 ? `${pick(words)} ${'long '.repeat(20)}${k}` : `${pick(words)} ${Math.floor(r() * 8)}`;
            out.push(w);
          }
          const eol = r() < 0.15 ? '\r\n' : '\n';
          const body = out.join(eol) + (r() < 0.85 ? eol : '');
          return r() < 0.05 ? `\0binary ${body}` : body;
        };
        const dirs = ['src', 'src/a', 'lib', 'docs', 'x/y/z'];
        const names = ['main.ts', 'util.ts', 'index.md', 'a.txt', 'b.txt', 'same.txt', 'data.bin', 'notes.md'];
        // Base commit: files, duplicates, an empty one, maybe a link and an executable.
        fs.rmSync(path.join(repo.dir, 'w'), { recursive: true, force: true });
        const files = new Map<string, string>();
        const count = 6 + Math.floor(r() * 20);
        for (let k = 0; k < count; k++) {
          const p = `w/${pick(dirs)}/${r() < 0.6 ? pick(names) : `f${k}.ts`}`;
          files.set(p, r() < 0.1 && files.size > 0 ? [...files.values()][0] : r() < 0.05 ? '' : text(3 + Math.floor(r() * 30)));
        }
        for (const [p, t] of files) repo.write(p, t);
        const linkAt = r() < 0.3 ? `w/${pick(dirs)}/link${seed}` : undefined;
        const link = (at: string) => {
          fs.mkdirSync(path.dirname(path.join(repo.dir, at)), { recursive: true });
          fs.symlinkSync('target', path.join(repo.dir, at));
        };
        if (linkAt) link(linkAt);
        const exec = [...files.keys()][0];
        if (r() < 0.3) fs.chmodSync(path.join(repo.dir, exec), 0o755);
        const before = repo.commit(`base ${seed}`, '2026-03-01T00:00:00Z');

        // The change: moves with edits of every size, deletions, additions, copies, a swap.
        for (const [p, t] of [...files]) {
          const roll = r();
          const lines = t.split('\n');
          const edited = () => lines.map((l) => (r() < r() ? `${l} changed` : l)).filter(() => r() > 0.1).join('\n');
          if (roll < 0.25) {
            const to = `w/${pick(dirs)}/${r() < 0.5 ? path.basename(p) : pick(names)}`;
            if (files.has(to) || to === p) continue;
            fs.rmSync(path.join(repo.dir, p));
            repo.write(to, r() < 0.3 ? t : edited());
            files.delete(p);
            files.set(to, t);
          } else if (roll < 0.35) {
            fs.rmSync(path.join(repo.dir, p));
            files.delete(p);
          } else if (roll < 0.45) {
            repo.write(p, edited());
          } else if (roll < 0.5) {
            const to = `w/${pick(dirs)}/copy${seed}-${path.basename(p)}`;
            if (!files.has(to)) repo.write(to, edited());
          }
        }
        for (let k = 0; k < 1 + Math.floor(r() * 4); k++) repo.write(`w/${pick(dirs)}/new${k}-${pick(names)}`, text(2 + Math.floor(r() * 20)));
        if (linkAt && r() < 0.5) {
          fs.rmSync(path.join(repo.dir, linkAt));
          link(`w/${pick(dirs)}/moved-link${seed}`);
        }
        const after = repo.commit(`change ${seed}`, '2026-03-02T00:00:00Z');

        for (const limit of [1000, 2]) {
          const raw = parseRawNumstat(repo.git('diff-tree', '-r', '-z', '--raw', '--no-abbrev', '--no-renames', before, after))[0];
          // Quietly: git warns on stderr when the limit skips its matrix.
          const expected = parseRawNumstat(execFileSync('git', ['diff-tree', '-r', '-z', '--raw', '--no-abbrev', '-M', `-l${limit}`, before, after], { cwd: repo.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))[0];
          const work = detectRenames(raw, limit);
          // Bytes only where sizes alone do not rule every pair out.
          const bytes = new Map<string, Uint8Array>();
          for (const sha of work.blobs) bytes.set(sha, (await git.blob(repo.dir, sha))!.bytes);
          const needed = work.spansNeeded((sha) => bytes.get(sha)?.length);
          const facts = new Map<string, BlobFacts>([...bytes].map(([sha, b]) => [sha, needed.has(sha) ? { size: b.length, spans: spansOf(b) } : { size: b.length }]));
          sizedOnly += work.blobs.size - needed.size;
          const found = work.finish((sha) => facts.get(sha));
          assert.ok(found, `seed ${seed}: finished`);
          assert.deepEqual(found.map(key).sort(), expected.map(key).sort(), `seed ${seed}, limit ${limit}`);
          compared++;
          inexact += expected.filter((d) => d.status === 'R' && (d.similarity ?? 100) < 100).length;
        }
      }
      assert.equal(compared, 80);
      assert.ok(inexact >= 20, `inexact renames among the cases: ${inexact}`);
      assert.ok(sizedOnly >= 10, `blobs left unread, their sizes ruling them out: ${sizedOnly}`);
    } finally {
      repo.dispose();
    }
  });

  it('asks for the bytes of a pair it must score, and gives up without them', () => {
    const z = '0'.repeat(40);
    const deltas: GitFileDelta[] = [
      { status: 'D', path: 'a/x.txt', oldSha: '1'.repeat(40), sha: z, oldMode: '100644', mode: '000000', insertions: 0, deletions: 0, binary: false },
      { status: 'A', path: 'b/x.txt', oldSha: z, sha: '2'.repeat(40), oldMode: '000000', mode: '100644', insertions: 0, deletions: 0, binary: false },
    ];
    const work = detectRenames(deltas, 1000);
    assert.deepEqual([...work.blobs].sort(), ['1'.repeat(40), '2'.repeat(40)]);
    assert.equal(work.finish(() => ({ size: 100 })), undefined, 'sizes alone cannot score them');
    assert.deepEqual(work.finish((sha) => ({ size: sha.startsWith('1') ? 10 : 1000 }))?.map((d) => d.status), ['D', 'A'], 'too far apart in size: no rename');
    // Scoring has a budget of span lookups: a pair of large blobs past it is git's to score.
    const spans = (seed: string) => spansOf(new TextEncoder().encode(Array.from({ length: 2000 }, (_, k) => `${seed} ${k % 1000}\n`).join('')));
    const big = (): BlobFacts => ({ size: 20_000, spans: spans('same text') });
    assert.equal(work.finish(big, undefined, { left: 100 }), undefined, 'over the budget');
    assert.equal(work.finish(big, undefined, { left: 100_000 })?.[0].status, 'R', 'within it');
  });
});
