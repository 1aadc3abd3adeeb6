// Derived status, readiness and what `chant work` would refuse (chant-format.md §4, §8), one small
// project per rule; plus members, orphans, duplicates, cycles and tree nesting.

import assert from 'node:assert/strict';
import { findCycles } from '../../src/core/cycles';
import { chantListFilters, computeRelations, matchesStatuses, workAccepts, type BlockReason, type SpecRelations } from '../../src/core/relations';
import { parseSpecText } from '../../src/core/spec';
import type { Spec } from '../../src/core/model';

const ROOT = '/p';

/** `X` → `.chant/specs/X.md`; a key with a slash is a path under `.chant/` (`archive/…`, `specs/sub/…`). */
function pathOf(key: string): string {
  return key.includes('/') ? `${ROOT}/.chant/${key}${key.endsWith('.md') ? '' : '.md'}` : `${ROOT}/.chant/specs/${key}.md`;
}

/** A spec file from frontmatter lines and a body (a title by default). */
function fm(yaml: string, body = '# Title\n'): string {
  return `---\n${yaml}\n---\n\n${body}`;
}

function project(files: Record<string, string>): { rel: (key: string) => SpecRelations; specs: Spec[]; all: Map<string, SpecRelations> } {
  const specs = Object.entries(files).map(([key, text]) =>
    parseSpecText({ path: pathOf(key), root: ROOT, archived: key.startsWith('archive/') }, text));
  const all = computeRelations(specs);
  return {
    specs,
    all,
    rel: (key) => {
      const r = all.get(pathOf(key));
      assert.ok(r, `no relations for ${key}`);
      return r;
    },
  };
}

const kinds = (reasons: BlockReason[]) => reasons.map((r) => r.kind);

describe('relations (chant-format.md §4)', () => {
  describe('(a) dependencies', () => {
    it('a dependency on an active completed or cancelled spec is met when chant loads (show: pending)', () => {
      const { rel } = project({
        A: fm('status: pending\ndepends_on: [DONE, GONE]'),
        DONE: fm('status: completed'),
        GONE: fm('status: cancelled'),
      });
      assert.equal(rel('A').status, 'pending');
      assert.deepEqual(rel('A').blockedBy, []);
    });

    it('but `chant list` drops cancelled specs first, so there the cancelled dependency blocks', () => {
      const { rel } = project({ A: fm('depends_on: [GONE]'), B: fm('depends_on: [DONE]'), DONE: fm('status: completed'), GONE: fm('status: cancelled') });
      assert.deepEqual([rel('A').ready, rel('A').listBlocked, rel('A').listReadyWithGroups], [false, true, false]);
      assert.deepEqual(rel('A').listBlockedBy, [{ kind: 'dependency', id: 'GONE', state: 'cancelled', status: 'cancelled' }]);
      assert.deepEqual([rel('B').ready, rel('B').listBlocked], [true, false]);
    });

    for (const status of ['pending', 'in_progress', 'paused', 'failed', 'needs_attention', 'ready', 'blocked']) {
      it(`a dependency that is ${status} blocks`, () => {
        const { rel } = project({ A: fm('status: pending\ndepends_on: B'), B: fm(`status: ${status}`) });
        assert.equal(rel('A').status, 'blocked');
        assert.equal(rel('A').ready, false);
        assert.deepEqual(rel('A').blockedBy, [{ kind: 'dependency', id: 'B', state: 'unfinished', status }]);
      });
    }

    it('missing, archived, cross-repo and unloadable dependencies all block', () => {
      const { rel } = project({
        A: fm('status: pending\ndepends_on: [NOPE, OLD, "backend:2026-01-01-001-abc", BAD]'),
        'archive/2026-01-01/OLD': fm('status: completed'),
        BAD: fm('status: done'),
      });
      assert.equal(rel('A').status, 'blocked');
      assert.deepEqual(rel('A').blockedBy.map((r) => r.kind === 'dependency' && r.state), ['missing', 'archived', 'cross-repo', 'invalid']);
      assert.equal(rel('BAD').status, 'invalid');
    });

    it('only pending and blocked specs are re-derived; other statuses stay as written', () => {
      const { rel } = project({
        RUN: fm('status: in_progress\ndepends_on: [NOPE]'),
        DONE: fm('status: completed\ndepends_on: [NOPE]'),
        STUCK: fm('status: paused'),
      });
      assert.equal(rel('RUN').status, 'in_progress');
      assert.equal(rel('DONE').status, 'completed');
      assert.equal(rel('STUCK').status, 'paused');
      assert.equal(rel('RUN').ready, false);
    });

    it('`status: blocked` on disk is recomputed: pending once its dependencies are met', () => {
      const { rel } = project({
        WAS: fm('status: blocked\ndepends_on: [DONE]'),
        STILL: fm('status: blocked\ndepends_on: [NOPE]'),
        DONE: fm('status: completed'),
      });
      assert.equal(rel('WAS').status, 'pending');
      assert.equal(rel('WAS').ready, true);
      assert.equal(rel('STILL').status, 'blocked');
    });

    it('`status: ready` on disk is never ready', () => {
      const { rel } = project({ R: fm('status: ready') });
      assert.equal(rel('R').status, 'ready');
      assert.equal(rel('R').ready, false);
    });

    it('a failed spec is ready when nothing blocks it (chant retries failed specs)', () => {
      const { rel } = project({
        F: fm('status: failed'),
        G: fm('status: failed\ndepends_on: [NOPE]'),
      });
      assert.equal(rel('F').status, 'failed');
      assert.equal(rel('F').ready, true);
      assert.equal(rel('G').status, 'failed');
      assert.equal(rel('G').ready, false);
    });

    it('lists dependents', () => {
      const { rel } = project({ A: fm('depends_on: [C]'), B: fm('depends_on: C'), C: fm('status: pending') });
      assert.deepEqual(rel('C').dependents.sort(), ['A', 'B']);
    });
  });

  describe('(b) a member inherits its driver\'s dependencies', () => {
    it('is blocked by the driver\'s unmet dependency', () => {
      const { rel } = project({
        D: fm('type: driver\ndepends_on: [E]'),
        'D.1': fm('status: pending'),
        'D.2.1': fm('status: pending'),
        E: fm('status: in_progress'),
      });
      assert.equal(rel('D.1').status, 'blocked');
      assert.deepEqual(rel('D.1').blockedBy, [{ kind: 'driver-dependency', driver: 'D', id: 'E', state: 'unfinished', status: 'in_progress' }]);
      assert.equal(rel('D.2.1').status, 'blocked', 'the driver of X.2.1 is X');
    });

    it('is not blocked by the driver\'s dependencies on its own siblings (chant 0.23.2)', () => {
      // What `chant split` writes: the group driver depends on all its members.
      const { rel } = project({
        D: fm('type: group\ndepends_on: [D.1, D.2]'),
        'D.1': fm('status: pending\ndepends_on: []'),
        'D.2': fm('status: pending\ndepends_on: []'),
      });
      assert.equal(rel('D').status, 'blocked');
      assert.equal(rel('D.1').status, 'pending');
      assert.equal(rel('D.1').ready, true);
      assert.equal(rel('D.2').ready, true);
    });

    it('the driver\'s met dependencies do not block', () => {
      const { rel } = project({ D: fm('depends_on: [E]'), 'D.1': fm('status: pending'), E: fm('status: completed') });
      assert.equal(rel('D.1').ready, true);
    });
  });

  describe('(c) approval', () => {
    it('required and pending or rejected blocks a pending spec', () => {
      const { rel } = project({
        P: fm('approval:\n  required: true'),
        R: fm('approval:\n  required: true\n  status: rejected'),
      });
      assert.equal(rel('P').status, 'blocked');
      assert.deepEqual(rel('P').blockedBy, [{ kind: 'approval', status: 'pending' }]);
      assert.equal(rel('R').status, 'blocked');
      assert.deepEqual(rel('R').blockedBy, [{ kind: 'approval', status: 'rejected' }]);
    });

    it('approved, or not required, does not block', () => {
      const { rel } = project({
        A: fm('approval:\n  required: true\n  status: approved\n  by: ana\n  at: 2026-01-01T00:00:00Z'),
        N: fm('approval:\n  required: false\n  status: rejected'),
      });
      assert.equal(rel('A').ready, true);
      assert.equal(rel('N').ready, true);
    });

    it('only applies to pending specs', () => {
      const { rel } = project({ F: fm('status: failed\napproval:\n  required: true') });
      assert.equal(rel('F').ready, true);
    });

    it('`status: blocked` + pending approval: derived pending (as chant loads it) but still not ready', () => {
      // apply_blocked_status checks approval only for on-disk `pending`, so this loads as Pending;
      // is_ready then checks again with Pending and the approval blocks it.
      const { rel } = project({ B: fm('status: blocked\napproval:\n  required: true') });
      assert.equal(rel('B').status, 'pending');
      assert.equal(rel('B').ready, false);
      assert.deepEqual(rel('B').blockedBy, [{ kind: 'approval', status: 'pending' }]);
    });
  });

  describe('prior siblings (all_prior_siblings_completed)', () => {
    it('without a depends_on key, .N waits for .1 … .N-1 completed or cancelled', () => {
      const { rel } = project({
        D: fm('type: driver'),
        'D.1': fm('status: completed'),
        'D.2': fm('status: cancelled'),
        'D.3': fm('status: pending'),
        'D.4': fm('status: pending'),
      });
      assert.equal(rel('D.3').ready, true);
      assert.equal(rel('D.4').ready, false);
    });

    it('waiting only on a sibling is pending, not blocked', () => {
      const { rel } = project({ D: fm('type: driver'), 'D.1': fm('status: in_progress'), 'D.2': fm('status: pending') });
      assert.equal(rel('D.2').status, 'pending');
      assert.deepEqual(rel('D.2').blockedBy, []);
      assert.equal(rel('D.2').ready, false);
    });

    it('a missing sibling is skipped', () => {
      const { rel } = project({ D: fm('type: driver'), 'D.1': fm('status: completed'), 'D.3': fm('status: pending') });
      assert.equal(rel('D.3').ready, true);
    });

    it('`depends_on: []` (any depends_on key) opts out of sibling order', () => {
      const { rel } = project({
        D: fm('type: driver'), 'D.1': fm('status: pending'),
        'D.2': fm('depends_on: []'), 'D.3': fm('depends_on: [D.1]'),
      });
      assert.equal(rel('D.2').ready, true);
      assert.equal(rel('D.3').status, 'blocked');
    });

    it('`depends_on: null` is no key: sibling order still applies', () => {
      const { rel } = project({ D: fm('type: driver'), 'D.1': fm('status: pending'), 'D.2': fm('depends_on: null') });
      assert.equal(rel('D.2').ready, false);
    });

    it('siblings are counted per top-level driver: X.2.1 waits for X.1', () => {
      const { rel } = project({ D: fm('type: driver'), 'D.1': fm('status: pending'), 'D.2': fm('status: completed'), 'D.2.1': fm('status: pending') });
      assert.equal(rel('D.2.1').ready, false);
    });
  });

  describe('a driver with members', () => {
    const driverWith = (body: string, statuses: string[]) => {
      const files: Record<string, string> = { D: fm('type: driver', `# D\n\n${body}`) };
      statuses.forEach((s, i) => { files[`D.${i + 1}`] = fm(`status: ${s}\ndepends_on: []`); });
      return project(files);
    };

    it('with an AC section it is ready only when every member is completed', () => {
      assert.equal(driverWith('## Acceptance Criteria\n- [ ] all done\n', ['completed', 'completed']).rel('D').ready, true);
      assert.equal(driverWith('## Acceptance Criteria\n- [ ] all done\n', ['completed', 'pending']).rel('D').ready, false);
      // `chant list` has dropped the cancelled member before it looks: it no longer holds the driver back.
      assert.equal(driverWith('## Acceptance Criteria\n- [ ] all done\n', ['completed', 'cancelled']).rel('D').ready, true, 'a cancelled member is not there');
    });

    it('without an AC section its members do not matter', () => {
      assert.equal(driverWith('Just a plan.\n', ['pending', 'failed']).rel('D').ready, true);
    });

    it('members are the prefix-members in chant order, with progress', () => {
      const { rel } = driverWith('', ['completed', 'pending', 'cancelled', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'pending']);
      assert.deepEqual(rel('D').members, ['D.1', 'D.2', 'D.3', 'D.4', 'D.5', 'D.6', 'D.7', 'D.8', 'D.9', 'D.10']);
      assert.deepEqual(rel('D').memberProgress, { completed: 7, total: 10 });
      assert.equal(rel('D.10').driver, 'D');
    });
  });

  describe('workBlockedBy (get_blocking_dependencies + lint errors)', () => {
    it('a cancelled dependency blocks work (and the list), though chant loads the spec as pending', () => {
      const { rel } = project({ A: fm('depends_on: [C]'), C: fm('status: cancelled') });
      assert.deepEqual([rel('A').status, rel('A').ready], ['pending', false]);
      assert.deepEqual(rel('A').workBlockedBy, [{ kind: 'dependency', id: 'C', state: 'cancelled', status: 'cancelled' }]);
    });

    it('prior siblings are always checked, even with depends_on; cancelled and missing ones block', () => {
      const { rel } = project({
        D: fm('type: driver'),
        'D.1': fm('status: completed'),
        'D.2': fm('status: cancelled'),
        'D.4': fm('status: pending'),
        'D.5': fm('depends_on: []'),
      });
      assert.equal(rel('D.5').ready, true, 'the list skips sibling order for a spec with depends_on');
      assert.deepEqual(rel('D.5').workBlockedBy, [
        { kind: 'sibling', id: 'D.2', state: 'cancelled', status: 'cancelled' },
        { kind: 'sibling', id: 'D.3', state: 'missing' },
        { kind: 'sibling', id: 'D.4', state: 'unfinished', status: 'pending' },
      ]);
    });

    it('unknown dependencies and a missing title are lint errors that stop work', () => {
      const { rel } = project({ A: fm('depends_on: [NOPE, OLD]', 'No title here.\n'), 'archive/x/OLD': fm('status: completed') });
      const lint = rel('A').workBlockedBy.filter((r): r is Extract<BlockReason, { kind: 'lint' }> => r.kind === 'lint');
      assert.deepEqual(lint.map((r) => r.rule), ['title', 'dependency', 'dependency']);
      assert.match(lint[1].message, /NOPE/);
      assert.match(lint[2].message, /archived/);
    });

    it('the driver\'s dependencies are not checked by work', () => {
      const { rel } = project({ D: fm('depends_on: [E]'), 'D.1': fm('status: pending'), E: fm('status: pending') });
      assert.equal(rel('D.1').status, 'blocked');
      assert.deepEqual(rel('D.1').workBlockedBy, []);
    });

    it('a spec chant would run has none', () => {
      const { rel } = project({ A: fm('depends_on: [B]'), B: fm('status: completed') });
      assert.deepEqual(rel('A').workBlockedBy, []);
    });
  });

  describe('cycles', () => {
    it('finds a self-dependency', () => {
      const { rel } = project({ A: fm('depends_on: [A]') });
      assert.deepEqual(rel('A').cycle, ['A']);
      assert.equal(rel('A').status, 'blocked');
      assert.ok(kinds(rel('A').workBlockedBy).includes('cycle'));
    });

    it('finds cycles of 2 and 3 in edge order, and nothing outside them', () => {
      const { rel } = project({
        A: fm('depends_on: [B]'), B: fm('depends_on: [A]'),
        C: fm('depends_on: [D]'), D: fm('depends_on: [E]'), E: fm('depends_on: [C]'),
        F: fm('depends_on: [A]'),
      });
      assert.deepEqual(rel('A').cycle, ['A', 'B']);
      assert.deepEqual(rel('B').cycle, ['A', 'B']);
      assert.deepEqual(rel('E').cycle, ['C', 'D', 'E']);
      assert.equal(rel('F').cycle, undefined);
      assert.equal(rel('F').status, 'blocked');
    });

    it('handles a 10,000-spec chain and a 10,000-spec cycle without recursion', () => {
      const template = parseSpecText({ path: pathOf('T'), root: ROOT, archived: false }, fm('status: pending\ndepends_on: [x]'));
      const chain = (n: number, closed: boolean): Spec[] => Array.from({ length: n }, (_, i) => {
        const next = i + 1 < n ? `C${i + 1}` : closed ? 'C0' : undefined;
        return {
          ...template, id: `C${i}`, path: pathOf(`C${i}`),
          status: !closed && i === n - 1 ? 'completed' : 'pending',
          dependsOn: next ? [{ value: next, range: template.dependsOn[0].range }] : [],
        };
      });
      const open = computeRelations(chain(10000, false));
      assert.equal(open.get(pathOf('C9998'))?.ready, true);
      assert.equal(open.get(pathOf('C0'))?.status, 'blocked');
      assert.equal([...open.values()].filter((r) => r.cycle).length, 0);
      const closedSpecs = chain(10000, true);
      const closed = computeRelations(closedSpecs);
      const cycle = closed.get(pathOf('C0'))?.cycle;
      assert.equal(cycle?.length, 10000);
      assert.deepEqual(cycle?.slice(0, 3), ['C0', 'C1', 'C2']);
      assert.equal(findCycles(new Map(closedSpecs.map((s) => [s.id, s]))).size, 10000);
    });
  });

  describe('orphans, duplicates and tree nesting', () => {
    it('a member without its driver file is an orphan', () => {
      const { rel } = project({ 'X.1': fm('status: pending'), 'X.2': fm('status: pending') });
      assert.equal(rel('X.1').orphan, true);
      assert.equal(rel('X.1').driver, undefined);
      assert.equal(rel('X.1').ready, true);
      assert.equal(rel('X.2').ready, false, 'sibling order still applies to orphans');
    });

    it('an unloadable driver leaves its members orphaned (chant skips the driver)', () => {
      const { rel } = project({ X: fm('type: implementation'), 'X.1': fm('status: pending') });
      assert.equal(rel('X.1').orphan, true);
    });

    it('a spec in specs/ wins over the same ID in archive/, and the archived copy is flagged', () => {
      const { rel } = project({
        A: fm('status: pending'),
        'archive/2026-01-01/A': fm('status: completed'),
        B: fm('depends_on: [A]'),
      });
      assert.equal(rel('B').status, 'blocked', 'the active A (pending) counts, not the archived one');
      assert.equal(rel('A').duplicateOf, undefined);
      assert.equal(rel('archive/2026-01-01/A').duplicateOf, pathOf('A'));
    });

    it('two files with one ID in specs/: the shallower (then first by path) wins, the other is flagged', () => {
      const { rel } = project({
        'specs/b/A': fm('status: completed'),
        'specs/a/A': fm('status: pending'),
        C: fm('depends_on: [A]'),
      });
      assert.equal(rel('specs/b/A').duplicateOf, pathOf('specs/a/A'));
      assert.equal(rel('specs/a/A').duplicateOf, undefined);
      assert.equal(rel('C').status, 'blocked');
      const top = project({ 'specs/sub/A': fm('status: pending'), A: fm('status: completed') });
      assert.equal(top.rel('specs/sub/A').duplicateOf, pathOf('A'));
    });

    it('nests X.2.1 under X.2 when it exists, else under X; X.foo is a member of X', () => {
      const { rel } = project({
        X: fm('type: driver'), 'X.1': fm(''), 'X.2': fm(''), 'X.2.1': fm(''), 'X.3.1': fm(''), 'X.foo': fm(''),
      });
      assert.equal(rel('X.2.1').parent, 'X.2');
      assert.equal(rel('X.2.1').driver, 'X');
      assert.equal(rel('X.3.1').parent, 'X');
      assert.deepEqual(rel('X').children, ['X.1', 'X.2', 'X.3.1', 'X.foo']);
      assert.deepEqual(rel('X.2').children, ['X.2.1']);
      assert.deepEqual(rel('X').members, ['X.1', 'X.2', 'X.2.1', 'X.3.1', 'X.foo']);
      assert.deepEqual(rel('X.2').members, ['X.2.1']);
      assert.equal(rel('X.foo').parent, 'X');
      assert.equal(rel('X.foo').driver, undefined);
    });
  });

  describe("chant's two meanings of ready: `chant list` and `chant work`", () => {
    it('group specs are never in `list --ready`, but `list --status ready` keeps them', () => {
      const { rel } = project({ G: fm('type: group') });
      assert.deepEqual([rel('G').ready, rel('G').listReadyWithGroups], [false, true]);
      const listed = chantListFilters(rel('G'));
      assert.deepEqual([listed.ready, listed.status.ready, listed.status.pending], [false, true, true]);
    });

    it('`list --status blocked`: blocked on load, or pending with a blocker once cancelled specs are gone; cancelled is never listed', () => {
      const { rel } = project({ A: fm('depends_on: [C]'), B: fm('depends_on: [NOPE]'), C: fm('status: cancelled') });
      assert.deepEqual(chantListFilters(rel('A')).status.blocked, true);
      assert.deepEqual(chantListFilters(rel('A')).status.pending, true);
      assert.deepEqual(chantListFilters(rel('B')).status.blocked, true);
      assert.deepEqual(chantListFilters(rel('C')).status.cancelled, false);
    });

    it('work refuses a member whose driver waits on a dependency, and a spec whose status is `ready` on disk', () => {
      const { rel, specs } = project({ D: fm('type: driver\ndepends_on: [X]'), 'D.1': fm('status: pending'), X: fm('status: pending'), R: fm('status: ready') });
      const spec = (id: string) => specs.find((s) => s.id === id)!;
      assert.equal(workAccepts(spec('D.1'), rel('D.1')).accepted, false);
      assert.deepEqual(workAccepts(spec('R'), rel('R')), { accepted: false, reasons: ['status ready'] });
    });

    it('work accepts paused and needs_attention specs that `list --ready` never shows', () => {
      const { rel, specs } = project({ P: fm('status: paused'), N: fm('status: needs_attention') });
      for (const id of ['P', 'N']) {
        assert.equal(rel(id).ready, false);
        assert.equal(workAccepts(specs.find((s) => s.id === id)!, rel(id)).accepted, true);
      }
    });
  });
});

describe('status filter words (matchesStatuses)', () => {
  it('reads ready as chant list --ready and every other word as the derived status, any one matching', () => {
    assert.equal(matchesStatuses([], 'completed', false), true, 'no word: any status');
    assert.equal(matchesStatuses(['ready'], 'pending', true), true);
    assert.equal(matchesStatuses(['ready'], 'failed', true), true, 'a failed spec chant would retry');
    assert.equal(matchesStatuses(['ready'], 'ready', false), false, '`status: ready` on disk is never ready');
    assert.equal(matchesStatuses(['pending'], 'pending', true), true, 'pending includes the ready ones');
    assert.equal(matchesStatuses(['blocked', 'in_progress'], 'in_progress', false), true);
    assert.equal(matchesStatuses(['blocked', 'in_progress'], 'pending', true), false);
  });
});
