// Committed diffs per baseline over the folders its own specs track: grouping baselines by scope,
// and the snapshot's cache knowing which scope each baseline's diff covers.
import * as assert from 'node:assert/strict';
import { coversScope, groupByScope, unionScope } from '../../src/core/drift/treeDiffs';
import { RepoSnapshot } from '../../src/core/drift/snapshot';
import type { TreeDiffOptions } from '../../src/core/gitPort';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { NodeGit } from '../../src/node/git';
import { TempRepo, lines } from './helpers/gitRepo';

const set = (...p: string[]) => new Set(p);

describe('drift scopes per baseline', () => {
  it('covers a scope by the same or an outer folder; all covers everything', () => {
    assert.equal(coversScope(set('src'), set('src/a', 'src/b/c.py')), true);
    assert.equal(coversScope(set('src/a'), set('src')), false);
    assert.equal(coversScope(set('src'), set('src', 'lib')), false);
    assert.equal(coversScope('all', set('x')), true);
    assert.equal(coversScope(set('src'), 'all'), false);
  });

  it('unites scopes to their outermost folders, all beyond the limit', () => {
    assert.deepEqual([...(unionScope(set('src/a', 'lib'), set('src', 'docs/x.md'), 10) as Set<string>)], ['docs/x.md', 'lib', 'src']);
    assert.equal(unionScope(set('a', 'b'), set('c'), 2), 'all');
    assert.equal(unionScope(set('a'), 'all', 10), 'all');
  });

  it('groups baselines of the same scope; beyond the limit the smallest groups are read together', () => {
    const needs = new Map<string, Set<string> | 'all'>([
      ['b1', set('src/a')], ['b2', set('src/b')], ['b3', set('src/a')], ['b4', set('src/c')], ['b5', set('src/a')], ['b6', set('src/b')],
    ]);
    const groups = groupByScope(needs, 8, 64);
    assert.deepEqual(groups.map((g) => [[...(g.scope as Set<string>)], g.baselines]), [
      [['src/a'], ['b1', 'b3', 'b5']], [['src/b'], ['b2', 'b6']], [['src/c'], ['b4']],
    ]);
    const two = groupByScope(needs, 2, 64);
    assert.deepEqual(two.map((g) => [[...(g.scope as Set<string>)], g.baselines.sort()]), [
      [['src/a'], ['b1', 'b3', 'b5']], [['src/b', 'src/c'], ['b2', 'b4', 'b6']],
    ]);
    // Whole-tree baselines take the merged ones along: no process more.
    const withAll = groupByScope(new Map<string, Set<string> | 'all'>([['x', 'all'], ['y', 'all'], ['z', set('a')], ['w', set('b')]]), 2, 1);
    assert.deepEqual(withAll.map((g) => [g.scope, g.baselines]), [['all', ['x', 'y', 'z', 'w']]]);
  });

  describe('the snapshot', function () {
    this.timeout(30_000);
    let repo: TempRepo;
    before(() => {
      repo = TempRepo.create('drift-scope');
    });
    after(() => repo.dispose());

    it("reads a baseline's diff again only when a wider scope is needed, and groups by scope", async () => {
      repo.write('src/a/x.py', lines(5));
      repo.write('src/b/y.py', lines(5));
      const b1 = repo.commit('one', '2026-01-01T00:00:00Z');
      repo.append('src/a/x.py', 'more\n');
      const b2 = repo.commit('two', '2026-01-02T00:00:00Z');
      repo.append('src/b/y.py', 'more\n');
      const head = repo.commit('three', '2026-01-03T00:00:00Z');
      const real = new NodeGit();
      const calls: string[] = [];
      const git = Object.assign(Object.create(real) as NodeGit, {
        treeDiffs: (r: string, pairs: { from: string; to: string }[], o?: TreeDiffOptions) => {
          calls.push(`${pairs.map((p) => (p.from === b1 ? 'b1' : 'b2')).join('+')}:${o?.paths?.join(',') ?? 'all'}`);
          return real.treeDiffs(r, pairs, o);
        },
      });
      try {
        const info = await real.repoInfo(repo.dir);
        assert.equal(info?.head, head);
        const snap = new RepoSnapshot(info!, { git, fs: nodeFileSystem, pause: async () => undefined });
        await snap.readCommitted(new Map([[b1, set('src/a')], [b2, set('src/b')]]));
        assert.deepEqual(calls, ['b1:src/a', 'b2:src/b'], 'each baseline over its own folder');
        assert.deepEqual([...snap.committed.get(b1)!.keys()], ['src/a/x.py']);
        assert.deepEqual([...snap.committed.get(b2)!.keys()], ['src/b/y.py']);
        calls.length = 0;
        await snap.readCommitted(new Map([[b1, set('src/a/x.py')], [b2, set('src/b')]]));
        assert.deepEqual(calls, [], 'covered: nothing read');
        await snap.readCommitted(new Map([[b1, set('src/b')]]));
        assert.deepEqual(calls, ['b1:src/a,src/b'], 'a wider need reads again, over both');
        assert.deepEqual([...snap.committed.get(b1)!.keys()].sort(), ['src/a/x.py', 'src/b/y.py']);
      } finally {
        real.dispose();
      }
    });
  });
});
