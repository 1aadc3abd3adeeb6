// Tree diffs of many baselines with each distinct blob pair counted once (src/node/blobPairCounts.ts),
// compared with git's own --numstat of every pair: edits, additions, deletions, moves with and
// without edits, binary files (moved unchanged too), a symbolic link, a mode change, CRLF and a
// last line without a line feed; and, where a `diff` attribute applies or a submodule changed,
// git's own counts.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TreeDiffOptions } from '../../src/core/gitPort';
import { NodeGit, type GitRun } from '../../src/node/git';
import { CheckAttrBatch } from '../../src/node/gitBatch';
import { TempRepo, lines } from './helpers/gitRepo';

describe('line counts shared between the pairs of a tree diff', function () {
  this.timeout(120_000);
  let r: TempRepo;
  const baselines: string[] = [];
  before(() => {
    r = TempRepo.create('blob-pairs');
    r.write('src/a.py', lines(30, 'a'));
    r.write('src/b.py', lines(10, 'b'));
    r.write('src/crlf.txt', 'one\r\ntwo\r\n');
    r.write('src/tail.txt', 'no line feed at the end');
    r.write('lib/data.bin', 'x\0y\n');
    r.write('lib/tool.sh', '#!/bin/sh\necho hi\n');
    fs.symlinkSync('a.py', path.join(r.dir, 'src/link'));
    baselines.push(r.commit('start', '2026-03-01T00:00:00Z'));
    for (let day = 2; day <= 12; day++) {
      r.append('src/a.py', `edit ${day}\n`);
      if (day === 3) r.move('lib/data.bin', 'assets/data.bin'); // a binary file moved unchanged
      if (day === 4) r.move('src/b.py', 'lib/b.py');
      if (day === 5) r.append('lib/b.py', 'moved, then edited\n');
      if (day === 6) fs.chmodSync(path.join(r.dir, 'lib/tool.sh'), 0o755); // mode only
      if (day === 7) r.write('src/tail.txt', 'no line feed at the end\nnow one more');
      if (day === 8) r.write('assets/other.bin', Buffer.from([0, 1, 2, 10]).toString('latin1'));
      if (day === 9) r.remove('src/crlf.txt');
      if (day === 10) {
        fs.rmSync(path.join(r.dir, 'src/link'));
        fs.symlinkSync('b.py', path.join(r.dir, 'src/link'));
      }
      if (day === 11) r.write('src/new.py', lines(4, 'n'));
      baselines.push(r.commit(`day ${day}`, `2026-03-${String(day).padStart(2, '0')}T00:00:00Z`));
    }
  });
  after(() => r.dispose());

  /** The same request with and without sharing, and the git commands each ran. */
  async function both(options: TreeDiffOptions = {}) {
    const head = baselines[baselines.length - 1];
    const pairs = baselines.slice(0, -1).map((from) => ({ from, to: head }));
    const runs: string[][] = [];
    const record = (_a: string[], _ms: number, _c: number, run: GitRun) => runs.push(run.argv);
    const shared = new NodeGit({ onCall: record });
    const own = new NodeGit({ shareLineCounts: false });
    try {
      const a = await shared.treeDiffs(r.dir, pairs, options);
      const b = await own.treeDiffs(r.dir, pairs, options);
      // Processes started besides the recorded runs: the long-lived check-attr.
      return { shared: a, own: b, runs: runs.map((argv) => argv.slice(argv.indexOf('diff-tree'))), batches: shared.calls - runs.length };
    } finally {
      shared.dispose();
      own.dispose();
    }
  }

  it('counts as git counts each pair, with one count of each distinct pair', async () => {
    for (const options of [{}, { paths: ['src', 'lib'] }, { filter: 'ADRC' }] as TreeDiffOptions[]) {
      const { shared, own, runs, batches } = await both(options);
      assert.deepEqual(shared.map((d) => [...d]), own.map((d) => [...d]), JSON.stringify(options));
      assert.equal(runs.filter((a) => a.includes('--numstat')).length, 1, `one count of the distinct pairs: ${JSON.stringify(runs)}`);
      assert.equal(batches, 1, 'diff attributes looked for by one long-lived check-attr');
    }
    const { own } = await both();
    const all = own.flat();
    assert.ok(all.some((d) => d.binary && d.status === 'R' && d.similarity === 100), 'a binary file moved unchanged is binary to git too');
    assert.ok(all.some((d) => d.status === 'R' && (d.insertions > 0)), 'a move with an edit');
    assert.ok(all.some((d) => d.path === 'src/tail.txt' && d.insertions === 2 && d.deletions === 1), 'the last line without a line feed');
    assert.ok(all.some((d) => d.path === 'lib/tool.sh' && d.status === 'M' && d.insertions === 0), 'a mode change');
  });

  it('leaves the counts to git where a diff attribute applies', async () => {
    r.write('.gitattributes', '*.py -diff\n');
    try {
      const { shared, own, runs } = await both();
      assert.deepEqual(shared.map((d) => [...d]), own.map((d) => [...d]));
      assert.ok(own.flat().some((d) => d.path === 'src/a.py' && d.binary), 'git says binary by the attribute');
      assert.ok(runs.some((a) => a.includes('--numstat') && a.includes('--stdin')), 'git counted the pairs itself');
    } finally {
      fs.rmSync(path.join(r.dir, '.gitattributes'));
    }
  });
});

describe('CheckAttrBatch: one git check-attr for many questions', function () {
  this.timeout(30_000);
  let r: TempRepo;
  before(() => {
    r = TempRepo.create('check-attr');
    r.write('.gitattributes', '*.bin -diff\n*.txt diff=words\ndocs/** diff\n');
    r.write('a.py', 'x\n');
    r.commit('attributes', '2026-03-01T00:00:00Z');
  });
  after(() => r.dispose());

  it('answers requests in order, many at once, as git check-attr does', async () => {
    let started = 0;
    const batch = new CheckAttrBatch('git', r.dir, process.env, [], () => started++);
    try {
      const asks: [string[], boolean][] = [
        [['a.py', 'src/b.md', 'with space.rs', 'ünï/côde.go', 'line\nbreak.c'], true],
        [['a.py', 'x.bin'], false],
        [['notes.txt'], false],
        [['docs/readme'], false],
        [[], true],
        [['lib/a.py', 'deep/er/c.h'], true],
      ];
      const answers = await Promise.all(asks.map(([paths]) => batch.diffUnset(paths)));
      assert.deepEqual(answers, asks.map(([, unset]) => unset));
      for (const [paths, unset] of asks) {
        if (paths.length === 0) continue;
        const out = execFileSync('git', ['check-attr', '-z', '--stdin', 'diff'], { cwd: r.dir, input: paths.join('\0') + '\0', encoding: 'utf8' }).split('\0');
        const gitSays = out.filter((_, i) => i % 3 === 2).every((v) => v === 'unspecified');
        assert.equal(gitSays, unset, `git check-attr for ${paths.join(', ')}`);
      }
      assert.equal(started, 1, 'one process answered them all');
      await assert.rejects(batch.diffUnset(['bad\0path']));

      // git reads the attribute files once per process: an idle one ends, and the next question
      // sees an edited .gitattributes.
      await new Promise((res) => setTimeout(res, CheckAttrBatch.IDLE_MS + 300));
      assert.equal(batch.running, false, 'ended when idle');
      r.write('.gitattributes', '*.py -diff\n');
      assert.equal(await batch.diffUnset(['a.py']), false, 'the edited attributes are read');
      assert.equal(started, 2);
    } finally {
      batch.dispose();
    }
  });
});
