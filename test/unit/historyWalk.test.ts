// One walk of HEAD's first-parent history standing in for a whole-tree diff per baseline and a
// log per path: compared, for every commit of a history with moves, deletions, files that come
// back, a file that becomes a folder, a type change, unusual names and a merge, with what git
// itself prints for that baseline.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { commitsTouching, WalkChanges, WalkIndex } from '../../src/core/drift/historyWalk';
import { isCovered } from '../../src/core/drift/treeDiffs';
import { RepoSnapshot } from '../../src/core/drift/snapshot';
import { parseRawNumstat } from '../../src/core/gitParse';
import type { GitFileDelta, TreeDiffOptions } from '../../src/core/gitPort';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { NodeGit } from '../../src/node/git';
import { TempRepo, lines } from './helpers/gitRepo';

const key = (d: { status: string; path: string; oldSha?: string; sha?: string }) => `${d.status} ${d.path} ${d.status === 'A' ? d.sha : d.oldSha}`;

describe('the first-parent history walk', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const git = new NodeGit();
  after(() => {
    git.dispose();
    repo?.dispose();
  });

  /** The first-parent line, newest first, and each commit's place on it. */
  function line(): { shas: string[]; positions: Map<string, number> } {
    const shas = repo.git('rev-list', '--first-parent', 'HEAD').trim().split('\n');
    return { shas, positions: new Map(shas.map((s, k) => [s, k])) };
  }

  it('gives each baseline the additions and deletions git diff-tree --no-renames gives', async () => {
    repo = TempRepo.create('history-walk');
    const r = repo;
    r.write('src/a.py', lines(5, 'a'));
    r.write('src/b.py', lines(5, 'b'));
    r.write('docs/x.md', lines(3, 'x'));
    r.write('odd/tab\tand\nnewline.txt', 'odd\n');
    r.commit('start', '2026-01-01T00:00:00Z');
    r.move('src/a.py', 'lib/a.py');
    r.commit('move a', '2026-01-02T00:00:00Z');
    r.remove('src/b.py');
    r.write('src/c.py', lines(4, 'c'));
    r.commit('drop b, add c', '2026-01-03T00:00:00Z');
    r.write('src/b.py', lines(5, 'b')); // back with the same content
    r.append('docs/x.md', 'more\n');
    r.commit('b back', '2026-01-04T00:00:00Z');
    r.remove('docs/x.md');
    r.write('docs/x.md/inside.md', 'now a folder\n');
    fs.symlinkSync('c.py', path.join(r.dir, 'src/link'));
    r.commit('file to folder, a link', '2026-01-05T00:00:00Z');
    // A side branch merged into main: the merge's changes are those against its first parent.
    r.git('checkout', '-q', '-b', 'side');
    r.write('side/new.py', lines(2, 's'));
    r.remove('src/c.py');
    r.commit('side work', '2026-01-06T00:00:00Z');
    r.git('checkout', '-q', 'main');
    r.write('main/only.py', lines(2, 'm'));
    r.commit('main work', '2026-01-06T12:00:00Z');
    r.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
    fs.rmSync(path.join(r.dir, 'src/link'));
    r.write('src/link', 'a file now\n'); // a type change: neither added nor deleted
    r.move('lib/a.py', 'src/a.py'); // back where it started
    r.append('main/only.py', 'edited\n');
    r.move('src/b.py', 'src/sub/b2.py'); // moved and edited: an inexact rename
    r.append('src/sub/b2.py', 'one more line\n');
    r.commit('last', '2026-01-07T00:00:00Z');

    const { shas, positions } = line();
    const head = shas[0];
    const root = shas[shas.length - 1];
    const walk = await git.firstParentChanges(r.dir, root, head);
    assert.ok(walk, 'the walk is read');
    assert.deepEqual(walk.map((c) => c.sha), shas.slice(0, -1), 'the first-parent line, newest first');
    assert.equal(walk.filter((c) => c.parents > 1).length, 1, 'one merge on it');
    assert.ok(walk.every((c) => /^\d{4}-\d\d-\d\dT/.test(c.date) && c.subject.length > 0));

    const changes = WalkChanges.of(walk);
    const addsAndDeletes = (scope?: Set<string>) => new Map([...changes.changesSince(positions, scope)].map(([b, list]) => [b, list.filter((d) => d.status === 'A' || d.status === 'D')]));
    const found = addsAndDeletes();
    for (const b of shas) {
      const expected = parseRawNumstat(r.git('diff-tree', '-r', '-z', '--raw', '--no-abbrev', '--no-renames', '--diff-filter=AD', b, head))[0];
      assert.deepEqual(found.get(b)!.map(key).sort(), expected.map(key).sort(), `baseline ${shas.indexOf(b)}`);
    }
    assert.ok(found.get(root)!.length >= 4, 'the oldest baseline sees several additions and deletions');
    // Only what the scope covers: folders (not a folder whose name only starts the same) and files.
    const scope = new Set(['docs', 'sr', 'src/a.py', 'odd/tab\tand\nnewline.txt']);
    const inScope = addsAndDeletes(scope);
    for (const b of shas) assert.deepEqual(inScope.get(b)!.map(key).sort(), found.get(b)!.filter((d) => isCovered(scope, d.path)).map(key).sort(), `in scope since ${shas.indexOf(b)}`);

    // The same asked by blob and by file name, as the moves across the tracked folders' edge ask.
    const index = new WalkIndex(walk);
    for (const b of shas) {
      const expected = parseRawNumstat(r.git('diff-tree', '-r', '-z', '--raw', '--no-abbrev', '--no-renames', '--diff-filter=AD', b, head))[0];
      const outside = index.outsideAt(positions.get(b)!, (p) => !p.startsWith('src/'));
      const wanted = expected.filter((d) => !d.path.startsWith('src/'));
      for (const d of [...expected, { status: 'A', path: 'none/never.py', sha: 'f'.repeat(40) } as GitFileDelta]) {
        const sha = d.status === 'A' ? d.sha! : d.oldSha!;
        const name = d.path.slice(d.path.lastIndexOf('/') + 1);
        assert.deepEqual(outside.withSha(sha).map(key).sort(), wanted.filter((w) => (w.status === 'A' ? w.sha : w.oldSha) === sha).map(key).sort(), `blob ${sha} since ${shas.indexOf(b)}`);
        assert.deepEqual(outside.named(name).map(key).sort(), wanted.filter((w) => w.path.endsWith(`/${name}`) || w.path === name).map(key).sort(), `name ${name} since ${shas.indexOf(b)}`);
      }
    }

    // Every change, modes and type changes included: the raw diff git gives for each baseline.
    const full = changes.changesSince(positions);
    const rawKey = (d: GitFileDelta) => `${d.status} ${d.path} ${d.oldMode} ${d.mode} ${d.oldSha} ${d.sha}`;
    for (const b of shas) {
      const expected = parseRawNumstat(r.git('diff-tree', '-r', '-z', '--raw', '--no-abbrev', '--no-renames', b, head))[0];
      assert.deepEqual(full.get(b)!.map(rawKey).sort(), expected.map(rawKey).sort(), `all changes since baseline ${shas.indexOf(b)}`);
    }
    for (const list of full.values()) assert.deepEqual(list.map((d) => d.path), list.map((d) => d.path).sort(), 'in path order, as git lists them');
    const all = [...full.values()].flat();
    assert.ok(all.some((d) => d.status === 'T') && all.some((d) => d.status === 'M'), 'type changes and modifications among them');

    assert.equal(commitsTouching(walk, new Set(['src/a.py'])), undefined, 'with a merge, git log decides');
  });

  it('lists the commits touching each path since each baseline, as git log does, on a line without merges', async () => {
    const r = TempRepo.create('history-walk-log');
    try {
      const files = ['src/a.py', 'src/b.py', 'lib/c.py'];
      for (const f of files) r.write(f, lines(3, f));
      r.commit('start', '2026-02-01T00:00:00Z');
      for (let day = 2; day <= 8; day++) {
        r.append(files[day % 3], `day ${day}\n`);
        if (day === 4) r.move('src/b.py', 'lib/b.py');
        if (day === 6) r.remove('lib/c.py');
        r.commit(`day ${day}`, `2026-02-0${day}T00:00:00Z`);
      }
      const shas = r.git('rev-list', '--first-parent', 'HEAD').trim().split('\n');
      const walk = (await git.firstParentChanges(r.dir, shas[shas.length - 1], shas[0]))!;
      const paths = ['src/a.py', 'src/b.py', 'lib/b.py', 'lib/c.py', 'never.py'];
      const touching = commitsTouching(walk, new Set(paths))!;
      assert.ok(touching, 'no merge: the walk answers');
      const logOf = (b: string, p: string) => r.git('log', '--format=%H', `${b}..HEAD`, '--', p).trim().split('\n').filter(Boolean);
      shas.forEach((b, at) => {
        for (const p of paths) {
          const actual = (touching.get(p) ?? []).filter((k) => k < at).map((k) => walk[k].sha);
          assert.deepEqual(actual, logOf(b, p), `${p} since baseline ${at}`);
        }
      });

      // The snapshot: its committed diffs read the walk once, and its logs come from it.
      const calls: string[] = [];
      const spy = Object.assign(Object.create(git) as NodeGit, {
        firstParentChanges: (repo: string, since: string, to: string) => (calls.push('walk'), git.firstParentChanges(repo, since, to)),
        log: (repo: string, from: string, to: string, p: string[]) => (calls.push('log'), git.log(repo, from, to, p)),
      });
      const snap = new RepoSnapshot((await git.repoInfo(r.dir))!, { git: spy, fs: nodeFileSystem, pause: async () => undefined });
      const baselines = shas.slice(1);
      await snap.readCommitted(new Map(baselines.map((b) => [b, new Set(['src', 'lib'])])));
      await snap.readLogs(new Map(baselines.map((b) => [b, new Set(paths)])));
      assert.deepEqual(calls, ['walk'], 'one walk, no git log');
      for (const b of baselines) {
        for (const p of paths) assert.deepEqual(snap.logs.get(b)!.get(p)!.map((c) => c.sha), logOf(b, p), `${p} since ${shas.indexOf(b)}`);
      }
      const dated = snap.logs.get(shas[shas.length - 1])!.get('src/a.py')!;
      assert.ok(dated.length > 0 && dated.every((c) => c.date.startsWith('2026-02-') && c.subject.startsWith('day ')), 'with dates and subjects');
    } finally {
      r.dispose();
    }
  });

  it('is not read beyond its size bound; drift then diffs each baseline, with the same results', async () => {
    const { shas } = line();
    const small = new NodeGit({ maxWalkBytes: 200 });
    try {
      assert.equal(await small.firstParentChanges(repo.dir, shas[shas.length - 1], shas[0]), undefined);
      const read = async (git: NodeGit) => {
        const calls: string[] = [];
        const spy = Object.assign(Object.create(git) as NodeGit, {
          treeDiffs: (r: string, pairs: { from: string; to: string }[], o?: TreeDiffOptions) => (calls.push(`diff-tree ${o?.filter ?? ''}`), git.treeDiffs(r, pairs, o)),
          firstParentChanges: (r: string, since: string, to: string) => git.firstParentChanges(r, since, to).then((w) => (calls.push(w ? 'walk' : 'no walk'), w)),
        });
        const snap = new RepoSnapshot((await git.repoInfo(repo.dir))!, { git: spy, fs: nodeFileSystem, pause: async () => undefined });
        await snap.readCommitted(new Map(shas.slice(1).map((b) => [b, new Set(['src'])])));
        // Field order aside (a diff made from the walk lists them in another order).
        const sorted = (d: GitFileDelta) => Object.fromEntries(Object.entries(d).sort(([x], [y]) => (x < y ? -1 : 1)));
        return { calls, committed: shas.slice(1).map((b) => JSON.stringify([...snap.committed.get(b)!.values()].map(sorted))) };
      };
      const bounded = await read(small);
      const walked = await read(git);
      assert.ok(bounded.calls.includes('no walk') && bounded.calls.includes('diff-tree AD'), bounded.calls.join(', '));
      // From the walk, every diff is made here: renames found, lines counted in one process.
      assert.ok(walked.calls.includes('walk') && !walked.calls.some((c) => c.startsWith('diff-tree')), walked.calls.join(', '));
      assert.deepEqual(bounded.committed, walked.committed);
      assert.ok(walked.committed.some((c) => c.includes('"from":"src/b.py"') && /"similarity":(\d\d)\b/.test(c)), 'an inexact rename among them');
    } finally {
      small.dispose();
    }
  });

  it('is not read from a git that cannot give it, or from a revision that is not a commit id', async () => {
    assert.equal(await git.firstParentChanges(repo.dir, 'HEAD~1', 'HEAD'), undefined);
    assert.equal(await git.firstParentChanges(repo.dir, '--output=/tmp/x', 'HEAD'), undefined);
  });
});
