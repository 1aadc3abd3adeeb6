// Tree diffs of many baselines with each distinct blob pair counted once (src/node/blobPairCounts.ts),
// compared with git's own --numstat of every pair: edits, additions, deletions, moves with and
// without edits, binary files (moved unchanged too), a symbolic link, a mode change, CRLF and a
// last line without a line feed; and, where a `diff` attribute applies or a submodule changed,
// git's own counts.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TreeDiffOptions } from '../../src/core/gitPort';
import { NodeGit, type GitRun } from '../../src/node/git';
import { CatFileObjects, CheckAttrBatch, type CatFileMode, type GitObject } from '../../src/node/gitBatch';
import { parseRawNumstat } from '../../src/core/gitParse';
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

  it('counts small text blobs without git, as git counts them, and leaves the rest to git', async () => {
    const head = baselines[baselines.length - 1];
    // A text file over the bound of what is counted here, edited.
    const big = (n: number) => Array.from({ length: 60_000 }, (_, k) => `line ${k} of a large file ${k === 5 ? n : ''}`).join('\n') + '\n';
    r.write('big/large.txt', big(1));
    const two = Array.from({ length: 40 }, (_, k) => `two ${k % 7}`); // repeated lines: Myers decides
    r.write('src/two.py', two.join('\n') + '\n');
    const before = r.commit('large', '2026-03-20T00:00:00Z');
    r.write('big/large.txt', big(2));
    r.write('src/two.py', [...two.slice(0, 5), 'edited', ...two.slice(6, 30), 'also', 'added', ...two.slice(31)].join('\n') + '\n'); // edits apart
    const after = r.commit('large edited', '2026-03-21T00:00:00Z');
    try {
      for (const [from, to] of [...baselines.slice(0, -1).map((b) => [b, head]), [before, after], [baselines[0], after]]) {
        const raw = r.git('diff-tree', '-r', '-z', '--raw', '--no-abbrev', '--no-renames', from, to);
        const numstat = r.git('diff-tree', '-r', '-z', '--numstat', '--no-renames', from, to).split('\0').filter((t) => /^(-|\d+)\t/.test(t.replace(/^\n/, '')));
        const gitSays = new Map<string, string>();
        // -z numstat: "ins\tdel\tpath" tokens in raw order.
        for (const t of numstat) {
          const [ins, del, ...rest] = t.replace(/^\n/, '').split('\t');
          gitSays.set(rest.join('\t'), `${ins} ${del}`);
        }
        const deltas = parseRawNumstat(raw)[0];
        const runs: string[][] = [];
        const git = new NodeGit({ onCall: (_a, _ms, _c, run) => runs.push(run.argv) });
        try {
          assert.equal(await git.countTreeDeltas(r.dir, deltas, { algorithm: 'myers' }), true);
        } finally {
          git.dispose();
        }
        for (const d of deltas) assert.equal(d.binary ? '- -' : `${d.insertions} ${d.deletions}`, gitSays.get(d.path), `${d.path} ${from.slice(0, 7)}..${to.slice(0, 7)}`);
        const large = deltas.some((d) => d.path === 'big/large.txt');
        assert.equal(runs.some((a) => a.includes('diff-tree')), large, large ? 'the large file counted by git' : 'counted without git');
      }
    } finally {
      r.git('reset', '-q', '--hard', head);
    }
  });

  it('asks git about diff attributes only where a .gitattributes can apply: work tree or index', async function () {
    const probe = new NodeGit();
    const outside = (await probe.contentSettings((await probe.repoInfo(r.dir))!)).attributesOutside;
    probe.dispose();
    if (outside) this.skip(); // this machine's own attributes file applies everywhere
    const raw = r.git('diff-tree', '-r', '-z', '--raw', '--no-abbrev', '--no-renames', baselines[0], baselines[baselines.length - 1]);
    const count = async (attributeFilesOnly: boolean, pathOf = (p: string) => p) => {
      const deltas = parseRawNumstat(raw)[0].map((d) => ({ ...d, path: pathOf(d.path) }));
      const git = new NodeGit();
      try {
        const counted = await git.countTreeDeltas(r.dir, deltas, { algorithm: 'myers', attributeFilesOnly });
        return { counted, calls: git.calls, counts: deltas.map((d) => `${d.path} ${d.binary ? '-' : `${d.insertions} ${d.deletions}`}`) };
      } finally {
        git.dispose();
      }
    };
    const asked = await count(false);
    const known = await count(true);
    assert.equal(asked.counted, true);
    assert.deepEqual(known, { ...asked, calls: asked.calls - 1 }, 'the same counts without a check-attr process');
    // A hostile history's path out of the tree: nothing outside the project is looked at, git is asked.
    const probed: string[] = [];
    const lstatSync = fs.lstatSync;
    const spy = (p: fs.PathLike, ...rest: unknown[]) => (probed.push(String(p)), (lstatSync as (...a: unknown[]) => unknown)(p, ...rest));
    (fs as { lstatSync: unknown }).lstatSync = spy;
    try {
      const outside = (p: string) => `lib/../../${p}`;
      assert.deepEqual(await count(true, outside), await count(false, outside), 'git asked, as without the option');
      await count(true);
    } finally {
      (fs as { lstatSync: unknown }).lstatSync = lstatSync;
    }
    assert.ok(probed.length > 0, 'the work tree was looked at');
    assert.deepEqual(probed.filter((p) => !path.resolve(p).startsWith(`${r.dir}/`)), [], 'nothing outside the project');
    // An attribute file in a folder of a counted path, in the work tree, then only in the index.
    r.write('src/.gitattributes', '*.py -diff\n');
    try {
      assert.equal((await count(true)).counted, false, 'in the work tree: git counts');
      r.git('add', 'src/.gitattributes');
      fs.rmSync(path.join(r.dir, 'src/.gitattributes'));
      assert.match(r.git('check-attr', 'diff', '--', 'src/a.py'), /diff: unset/, 'git reads the index copy');
      assert.equal((await count(true)).counted, false, 'only in the index: git counts');
    } finally {
      r.git('rm', '-q', '--cached', '--ignore-unmatch', 'src/.gitattributes');
      fs.rmSync(path.join(r.dir, 'src/.gitattributes'), { force: true });
    }
    assert.deepEqual(await count(true), known, 'gone: known unset again');
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

describe('cat-file batches: one process for many objects', function () {
  this.timeout(30_000);
  let r: TempRepo;
  let commit = '';
  before(() => {
    r = TempRepo.create('cat-file-batches');
    r.write('small.txt', 'small\n');
    r.write('large.txt', 'x'.repeat(3 * 1024 * 1024)); // over several pipe reads
    commit = r.commit('objects', '2026-03-01T00:00:00Z');
  });
  after(() => r.dispose());

  for (const mode of ['info', 'command'] as CatFileMode[]) {
    it(`answers object ids, types and sizes in order, as git cat-file --batch-check does (${mode})`, async () => {
      let started = 0;
      const batch = new CatFileObjects('git', r.dir, process.env, [], () => started++, mode);
      try {
        const names = [`${commit.slice(0, 8)}^{commit}`, 'deadbeefdeadbeef', `${commit}:small.txt`, `${commit}:large.txt`, `${commit}^{tree}`, ':0:small.txt', ':0:absent.txt'];
        const answers = await Promise.all(names.map((n) => batch.info(n)));
        const gitSays = execFileSync('git', ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], { cwd: r.dir, input: names.join('\n') + '\n', encoding: 'utf8' }).trim().split('\n');
        assert.deepEqual(answers.map((a) => (a ? `${a.sha} ${a.type} ${a.size}` : undefined)), gitSays.map((l) => (/ missing$/.test(l) ? undefined : l)));
        assert.equal(answers[0]?.sha, commit);
        assert.equal(started, 1);
        await assert.rejects(batch.info('a\nb'));
      } finally {
        batch.dispose();
      }
    });
  }

  for (const mode of ['contents', 'command'] as CatFileMode[]) {
    it(`drops contents over the bound asked without holding them, and answers the next question (${mode})`, async () => {
      const batch = new CatFileObjects('git', r.dir, process.env, [], () => undefined, mode);
      try {
        const [large, small, largeAgain, tree] = await Promise.all([
          batch.object(`${commit}:large.txt`, 1024 * 1024),
          batch.object(`${commit}:small.txt`, 1024 * 1024),
          batch.object(`${commit}:large.txt`),
          batch.object(`${commit}^{tree}`),
        ]);
        assert.deepEqual({ ...large }, { sha: r.git('rev-parse', `${commit}:large.txt`).trim(), type: 'blob', size: 3 * 1024 * 1024 }, 'over the bound: no bytes');
        assert.equal(Buffer.from(small!.bytes!).toString(), 'small\n');
        assert.equal(largeAgain?.bytes?.length, 3 * 1024 * 1024, 'no bound: read whole');
        assert.deepEqual(Buffer.from(tree!.bytes!), execFileSync('git', ['cat-file', 'tree', `${commit}^{tree}`], { cwd: r.dir }));
      } finally {
        batch.dispose();
      }
    });
  }

  it('answers ids and contents asked together of one --batch-command process, in order', async () => {
    let started = 0;
    const batch = new CatFileObjects('git', r.dir, process.env, [], () => started++, 'command');
    try {
      const asked: (GitObject | undefined)[] = await Promise.all([
        batch.info(`${commit}:large.txt`),
        batch.object(`${commit}:small.txt`),
        batch.info('deadbeefdeadbeef'),
        batch.object(`${commit}:large.txt`, 10),
        batch.info(`${commit}:small.txt`),
      ]);
      assert.deepEqual(asked.map((o) => (o ? `${o.type} ${o.size} ${o.bytes ? Buffer.from(o.bytes).toString().slice(0, 6) : '-'}` : 'missing')), ['blob 3145728 -', 'blob 6 small\n', 'missing', 'blob 3145728 -', 'blob 6 -']);
      assert.equal(started, 1);
    } finally {
      batch.dispose();
    }
  });

  it('works with a git that has no cat-file --batch-command (before 2.36): two processes', async function () {
    if (process.platform === 'win32') this.skip(); // the stand-in git is a shell script
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-old-git-'));
    const oldGit = path.join(bin, 'git');
    // git as before 2.36: the option unknown, a usage error (exit 129) before any answer.
    fs.writeFileSync(oldGit, `#!/bin/sh\nfor a in "$@"; do [ "$a" = --batch-command ] && { echo "error: unknown option \\\`batch-command'" >&2; exit 129; }; done\nexec git "$@"\n`, { mode: 0o755 });
    const git = new NodeGit({ gitPath: oldGit });
    try {
      const sizes = await git.blobSizes(r.dir, [r.git('rev-parse', `${commit}:small.txt`).trim()]);
      assert.deepEqual([...sizes.values()], [6]);
      const blob = await git.blobAt(r.dir, commit, 'small.txt');
      assert.equal(Buffer.from(blob!.bytes).toString(), 'small\n');
      const found = await git.resolveCommits(r.dir, [commit.slice(0, 10)]);
      assert.equal(found.get(commit.slice(0, 10))?.subject, 'objects');
      assert.equal(git.calls, 3, 'the refused --batch-command, then --batch-check and --batch');
    } finally {
      git.dispose();
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });
});

describe('commits read by cat-file: dates and subjects as git show prints them', function () {
  this.timeout(30_000);
  let r: TempRepo;
  const made: string[] = [];
  before(() => {
    r = TempRepo.create('commit-objects');
    r.write('a.txt', 'a\n');
    const first = r.commit('first', '2026-03-01T00:00:00Z');
    const tree = r.git('rev-parse', `${first}^{tree}`).trim();
    const raw = (header: string, message: string) => {
      const body = `tree ${tree}\nparent ${first}\nauthor A <a@x> 1700000000 +0000\n${header}\n${message}`;
      return execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: r.dir, input: Buffer.from(body, 'latin1') }).toString().trim();
    };
    made.push(first);
    made.push(raw('committer C <c@x> 1700000000 -0230', '\n\n  \nA subject  \nthat goes on\t\n\nbody\n'));
    made.push(raw('committer C <c@x> 1234567890 +0545\ngpgsig -----BEGIN PGP SIGNATURE-----\n committer X <x@x> 1 +0100\n -----END PGP SIGNATURE-----', '\nsigned, CRLF\r\nnext\r\n'));
    made.push(raw('committer C <c@x> 1700000000 -0000', '\nzero offset'));
    made.push(raw('committer C <c@x> 1700000000 +0100\nencoding ISO-8859-1', '\ncaf\xe9 in latin-1'));
    made.push(raw('committer C <c@x> 1700000000 +0100', '\n'));
  });
  after(() => r.dispose());

  it('reads each commit as git show -s --format=%H%x1f%cI%x1f%s does', async () => {
    const git = new NodeGit();
    try {
      const found = await git.resolveCommits(r.dir, made.map((sha) => sha.slice(0, 12)));
      const gitSays = r.git('show', '-s', '--no-notes', '--format=%H%x1f%cI%x1f%s', ...made).trim().split('\n');
      assert.deepEqual(made.map((sha) => { const c = found.get(sha.slice(0, 12)); return c && `${c.sha}\x1f${c.date}\x1f${c.subject}`; }), gitSays);
    } finally {
      git.dispose();
    }
  });
});
