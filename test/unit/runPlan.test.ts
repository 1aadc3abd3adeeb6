// `chant work` argv and driver phases (chant-format.md §4, §6.1): the exact arguments, hostile IDs
// refused, phases from the members' DAG (explicit depends_on, chant's implicit sibling order,
// `depends_on: []`, nested members), --skip-deps only where the DAG says dependencies are met,
// cycles named, completed members skipped.

import assert from 'node:assert/strict';
import { SpecIndex } from '../../src/core/specIndex';
import { findCycle } from '../../src/core/cycles';
import { describePlan, extraArgsProblem, planJson, planWork, stepCommand, terminalName, workArgs, type PlanOptions, type RunPlan } from '../../src/core/runPlan';
import { MemoryFileSystem } from './helpers/memoryFs';

const ROOT = '/ws';
const D = '2026-01-15-001-drv';

/** `{ id: frontmatter lines }` → an index of project /ws. A `null` title leaves the title out. */
async function indexOf(specs: Record<string, string | { fm: string; title: string | null }>): Promise<SpecIndex> {
  const fs = new MemoryFileSystem();
  fs.write(`${ROOT}/.chant/config.md`, '---\nproject:\n  name: ws\n---\n');
  for (const [id, def] of Object.entries(specs)) {
    const { fm, title } = typeof def === 'string' ? { fm: def, title: `Spec ${id}` } : def;
    fs.write(`${ROOT}/.chant/specs/${id}.md`, `---\n${fm}\n---\n\n${title === null ? 'no title here' : `# ${title}`}\n`);
  }
  const index = new SpecIndex(fs);
  await index.setFolders([ROOT]);
  return index;
}

async function plan(specs: Parameters<typeof indexOf>[0], id: string, options?: PlanOptions): Promise<RunPlan> {
  const result = planWork(await indexOf(specs), ROOT, id, options);
  if (!result.ok) assert.fail(`expected a plan, got: ${result.error}`);
  return result.plan;
}

async function refusal(specs: Parameters<typeof indexOf>[0], id: string, options?: PlanOptions): Promise<{ error: string; cycle?: string[] }> {
  const result = planWork(await indexOf(specs), ROOT, id, options);
  if (result.ok) assert.fail(`expected a refusal, got phases ${JSON.stringify(ids(result.plan))}`);
  return result;
}

const ids = (p: RunPlan) => p.phases.map((phase) => phase.map((s) => s.id.slice(D.length) || s.id));
const step = (p: RunPlan, id: string) => p.phases.flat().find((s) => s.id === id)!;

/** The seed: a driver whose members .1 .2 .3 run side by side and .4 after all three. */
const SEED = {
  [D]: 'type: driver\nstatus: pending',
  [`${D}.1`]: 'status: pending',
  [`${D}.2`]: 'status: pending\ndepends_on: []',
  [`${D}.3`]: 'status: pending\ndepends_on: []',
  [`${D}.4`]: 'status: pending',
};

describe('run plan', () => {
  describe('workArgs (chant work argv)', () => {
    it('puts the ID after `work`, then --skip-deps, then the extra arguments, each its own element', () => {
      assert.deepEqual(workArgs(`${D}.2`), ['work', `${D}.2`]);
      assert.deepEqual(workArgs(`${D}.2`, { skipDeps: true }), ['work', `${D}.2`, '--skip-deps']);
      assert.deepEqual(workArgs('001-risky-refactor', { extraArgs: ['--no-watch', '--prompt', 'my prompt'] }),
        ['work', '001-risky-refactor', '--no-watch', '--prompt', 'my prompt']);
      assert.deepEqual(workArgs('a', { skipDeps: true, extraArgs: ['--skip-deps'] }), ['work', 'a', '--skip-deps'], 'never twice');
    });

    it('refuses IDs that are not plain chant IDs, such as the stem of `x;touch PWNED;.md`', () => {
      for (const hostile of ['x;touch PWNED;', '-rf', '--help', '../x', 'a b', '$(id)', '`id`', 'a|b', 'a\nb', '', '.hidden', 'a/b']) {
        assert.throws(() => workArgs(hostile), /Refusing/, JSON.stringify(hostile));
      }
    });

    it('refuses extra arguments that would change what chant picks, and `--parallel N` without `=`', () => {
      assert.match(extraArgsProblem(['--parallel', '3'])!, /--parallel=3/);
      assert.ok(extraArgsProblem(['--chain']));
      assert.ok(extraArgsProblem(['--label', 'x']));
      assert.equal(extraArgsProblem(['--no-watch', '--prompt', 'standard', '--skip-criteria']), undefined);
      assert.throws(() => workArgs('a', { extraArgs: ['--parallel', '2'] }), /--parallel=2/);
    });

    it('stepCommand keeps the argv as an array and resolves the program', () => {
      const cmd = stepCommand({ id: 'a', argv: ['chant', 'work', 'a', '--skip-deps'], cwd: ROOT, after: [], skipDepsBecause: ['x'] }, '/opt/chant/bin/chant');
      assert.deepEqual(cmd, { command: '/opt/chant/bin/chant', args: ['work', 'a', '--skip-deps'], cwd: ROOT, env: {}, label: 'chant work a' });
      assert.equal(terminalName(`${D}.2`), '001-drv.2 · chant work');
      assert.equal(terminalName('001-risky-refactor'), '001-risky-refactor · chant work');
    });
  });

  describe('single specs', () => {
    it('runs a spec without members alone, in its project root', async () => {
      const p = await plan({ '2026-01-15-002-one': 'status: pending' }, '2026-01-15-002-one', { extraArgs: ['--no-watch'] });
      assert.equal(p.mode, 'single');
      assert.deepEqual(p.phases, [[{ id: '2026-01-15-002-one', argv: ['chant', 'work', '2026-01-15-002-one', '--no-watch'], cwd: ROOT, after: [], skipDepsBecause: [] }]]);
    });

    it('skips a completed spec and refuses a running or stale one', async () => {
      const done = await plan({ a1: 'status: completed' }, 'a1');
      assert.deepEqual(done.phases, []);
      assert.deepEqual(done.skipped, [{ id: 'a1', reason: 'already completed' }]);
      assert.match((await refusal({ a1: 'status: pending' }, 'a1', { isRunning: (id) => id === 'a1' })).error, /already running/);
      assert.match((await refusal({ a1: 'status: in_progress' }, 'a1')).error, /in_progress but not running.*chant reset/);
    });

    it('refuses unknown, archived-only and hostile targets', async () => {
      assert.match((await refusal({ a1: 'status: pending' }, 'nope')).error, /No spec nope/);
      const hostile = await refusal({ 'x;touch PWNED;': 'status: pending' }, 'x;touch PWNED;');
      assert.match(hostile.error, /Refusing to run spec ID "x;touch PWNED;"/);
    });

    it('warns (without refusing) when chant itself may refuse the spec', async () => {
      const p = await plan({ a1: 'status: pending\ndepends_on: [b1]', b1: 'status: pending' }, 'a1');
      assert.equal(p.phases.length, 1);
      assert.match(p.warnings.join('\n'), /depends on b1/);
    });
  });

  describe('driver phases', () => {
    it('the seed: .1 .2 .3 in parallel, .4 after all three; --skip-deps only for .2 and .3', async () => {
      const p = await plan(SEED, D);
      assert.equal(p.mode, 'phases');
      assert.deepEqual(ids(p), [['.1', '.2', '.3'], ['.4']]);
      assert.deepEqual(step(p, `${D}.1`).argv, ['chant', 'work', `${D}.1`]);
      // chant refuses .2 while .1 is unfinished even though `depends_on: []` opted out of sibling order.
      assert.deepEqual(step(p, `${D}.2`).argv, ['chant', 'work', `${D}.2`, '--skip-deps']);
      assert.match(step(p, `${D}.2`).skipDepsBecause.join(), /earlier sibling 2026-01-15-001-drv\.1 is not in its depends_on/);
      assert.deepEqual(step(p, `${D}.3`).argv, ['chant', 'work', `${D}.3`, '--skip-deps']);
      assert.equal(step(p, `${D}.3`).skipDepsBecause.length, 2, '.1 and .2 are both unfinished when .3 starts');
      // By phase 2, .1–.3 are completed: chant's own check passes, no flag.
      assert.deepEqual(step(p, `${D}.4`).argv, ['chant', 'work', `${D}.4`]);
      assert.deepEqual(step(p, `${D}.4`).after, [`${D}.1`, `${D}.2`, `${D}.3`]);
      assert.ok(p.phases.flat().every((s) => s.cwd === ROOT));
      assert.deepEqual(describePlan(p), ['Phase 1 (parallel): .1 .2 [--skip-deps] .3 [--skip-deps]', 'Phase 2: .4']);
    });

    it('implicit sibling order: members without depends_on run one after the other, without --skip-deps', async () => {
      const p = await plan({ [D]: 'type: driver', [`${D}.1`]: 'status: pending', [`${D}.2`]: 'status: pending', [`${D}.3`]: 'status: failed' }, D);
      assert.deepEqual(ids(p), [['.1'], ['.2'], ['.3']]);
      assert.ok(p.phases.flat().every((s) => s.skipDepsBecause.length === 0));
    });

    it('`depends_on: []` opts every member out of sibling order: one parallel phase', async () => {
      const p = await plan({ [D]: 'type: driver', [`${D}.1`]: 'depends_on: []', [`${D}.2`]: 'depends_on: []', [`${D}.3`]: 'depends_on: []' }, D);
      assert.deepEqual(ids(p), [['.1', '.2', '.3']]);
    });

    it('explicit depends_on between members; --skip-deps where chant would wait for a sibling the DAG does not', async () => {
      const p = await plan({
        [D]: 'type: driver',
        [`${D}.1`]: 'status: pending',
        [`${D}.2`]: `depends_on: [${D}.1]`,
        [`${D}.3`]: `depends_on:\n  - ${D}.1`,
      }, D);
      assert.deepEqual(ids(p), [['.1'], ['.2', '.3']]);
      assert.deepEqual(step(p, `${D}.2`).skipDepsBecause, []);
      assert.deepEqual(step(p, `${D}.3`).skipDepsBecause, [`earlier sibling ${D}.2 is not in its depends_on`]);
    });

    it('skips completed and cancelled members and plans the rest against them', async () => {
      const p = await plan({
        [D]: 'type: driver', [`${D}.1`]: 'status: completed', [`${D}.2`]: 'status: cancelled', [`${D}.3`]: 'status: pending', [`${D}.4`]: 'status: pending',
      }, D);
      assert.deepEqual(p.skipped, [{ id: `${D}.1`, reason: 'already completed' }, { id: `${D}.2`, reason: 'already cancelled' }]);
      assert.deepEqual(ids(p), [['.3'], ['.4']]);
      // chant's work check counts a cancelled sibling as unfinished; the DAG does not.
      assert.deepEqual(step(p, `${D}.3`).skipDepsBecause, [`earlier sibling ${D}.2 is cancelled`]);
    });

    it('every member done: nothing to run', async () => {
      const p = await plan({ [D]: 'type: driver', [`${D}.1`]: 'status: completed', [`${D}.2`]: 'status: completed' }, D);
      assert.deepEqual(p.phases, []);
      assert.equal(p.skipped.length, 2);
    });

    it('nested members: a nested driver is not run itself, its members are, and siblings wait for them', async () => {
      const p = await plan({
        [D]: 'type: driver',
        [`${D}.1`]: 'status: pending',
        [`${D}.2`]: 'type: group',
        [`${D}.2.1`]: 'status: pending',
        [`${D}.2.2`]: `depends_on: [${D}.2.1]`,
        [`${D}.3`]: 'status: pending',
      }, D);
      assert.deepEqual(p.skipped, [{ id: `${D}.2`, reason: 'has members of its own; they are planned one by one' }]);
      // chant's sibling rule for .2.1 is "after .1" (its first member number is 2).
      assert.deepEqual(ids(p), [['.1'], ['.2.1'], ['.2.2'], ['.3']]);
      assert.deepEqual(step(p, `${D}.3`).after, [`${D}.1`, `${D}.2.1`, `${D}.2.2`]);
      // chant waits for .2 itself, which it never marks completed: the DAG is satisfied, so --skip-deps.
      assert.match(step(p, `${D}.3`).skipDepsBecause.join(), /2026-01-15-001-drv\.2 is a nested driver/);
      assert.deepEqual(step(p, `${D}.2.2`).skipDepsBecause, []);
    });

    it('respects the parallel cap only at run time: phases are the DAG layers', async () => {
      const p = await plan(SEED, D, { extraArgs: ['--no-watch'] });
      assert.deepEqual(step(p, `${D}.2`).argv, ['chant', 'work', `${D}.2`, '--skip-deps', '--no-watch']);
    });

    it('chain mode: one `chant work DRIVER`, as chant chains it', async () => {
      const p = await plan({ ...SEED, [`${D}.1`]: 'status: completed' }, D, { mode: 'chain' });
      assert.equal(p.mode, 'chain');
      assert.deepEqual(p.phases, [[{ id: D, argv: ['chant', 'work', D], cwd: ROOT, after: [], skipDepsBecause: [] }]]);
      assert.deepEqual(p.skipped, [{ id: `${D}.1`, reason: 'already completed' }]);
      assert.deepEqual(describePlan(p), [`chant work ${D} (chant runs the members one after the other)`]);
    });
  });

  describe('refusals', () => {
    it('a cycle of explicit depends_on is refused with the cycle named', async () => {
      const r = await refusal({ [D]: 'type: driver', [`${D}.1`]: `depends_on: [${D}.2]`, [`${D}.2`]: `depends_on: [${D}.1]` }, D);
      assert.match(r.error, /Dependency cycle among the members of 2026-01-15-001-drv: 2026-01-15-001-drv\.1 → 2026-01-15-001-drv\.2 → 2026-01-15-001-drv\.1/);
      assert.deepEqual(r.cycle, [`${D}.1`, `${D}.2`]);
    });

    it('a cycle through chant\'s implicit sibling order is refused too', async () => {
      // .1 waits for .2 explicitly; .2 has no depends_on, so chant makes it wait for .1.
      const r = await refusal({ [D]: 'type: driver', [`${D}.1`]: `depends_on: [${D}.2]`, [`${D}.2`]: 'status: pending' }, D);
      assert.match(r.error, /cycle/);
      assert.deepEqual(new Set(r.cycle), new Set([`${D}.1`, `${D}.2`]));
    });

    it('a member depending on an unfinished spec outside the plan', async () => {
      const r = await refusal({ [D]: 'type: driver', [`${D}.1`]: 'depends_on: [2026-01-01-009-ext]', '2026-01-01-009-ext': 'status: pending' }, D);
      assert.match(r.error, /2026-01-15-001-drv\.1 depends on 2026-01-01-009-ext \(pending\), which this plan does not run/);
      // ...but a completed one is fine.
      await plan({ [D]: 'type: driver', [`${D}.1`]: 'depends_on: [2026-01-01-009-ext]', '2026-01-01-009-ext': 'status: completed' }, D);
    });

    it('a member depending on its own driver (the examples\' deadlock)', async () => {
      const r = await refusal({ [D]: 'type: driver', [`${D}.1`]: `depends_on: [${D}]` }, D);
      assert.match(r.error, /depends on its own driver .* deadlocks/);
    });

    it('lint errors chant aborts on even with --skip-deps: no title, unknown dependency', async () => {
      assert.match((await refusal({ [D]: 'type: driver', [`${D}.1`]: { fm: 'status: pending', title: null } }, D)).error, /lint \(title\).*even with --skip-deps/);
      assert.match((await refusal({ [D]: 'type: driver', [`${D}.1`]: 'depends_on: [missing-spec]' }, D)).error, /lint \(dependency\)/);
    });

    it('approval pending, running members, stale members, hostile member IDs', async () => {
      assert.match((await refusal({ [D]: 'type: driver', [`${D}.1`]: 'approval:\n  required: true' }, D)).error, /awaiting approval/);
      assert.match((await refusal(SEED, D, { isRunning: (id) => id === `${D}.3` })).error, /2026-01-15-001-drv\.3 is already running/);
      assert.match((await refusal({ ...SEED, [`${D}.2`]: 'status: in_progress' }, D)).error, /\.2: status in_progress but not running/);
      assert.match((await refusal({ [D]: 'type: driver', [`${D}.1;rm -rf ~`]: 'status: pending' }, D)).error, /Refusing to run member/);
    });
  });

  describe('headless JSON', () => {
    it('has exactly { phases: [[{ id, argv, cwd }]], skipped: [{ id, reason }] }', async () => {
      const p = await plan({ ...SEED, [`${D}.1`]: 'status: completed' }, D);
      const json = planJson(p);
      assert.deepEqual(Object.keys(json), ['phases', 'skipped']);
      assert.deepEqual(json.phases, [
        [{ id: `${D}.2`, argv: ['chant', 'work', `${D}.2`], cwd: ROOT }, { id: `${D}.3`, argv: ['chant', 'work', `${D}.3`, '--skip-deps'], cwd: ROOT }],
        [{ id: `${D}.4`, argv: ['chant', 'work', `${D}.4`], cwd: ROOT }],
      ]);
      assert.deepEqual(json.skipped, [{ id: `${D}.1`, reason: 'already completed' }]);
    });
  });

  describe('findCycle', () => {
    it('returns one cycle in wait order, or undefined for a DAG', () => {
      const preds = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
      const along = (m: Map<string, Set<string>>) => (id: string) => [...(m.get(id) ?? [])];
      assert.deepEqual(findCycle(['a', 'b', 'c', 'd'], along(preds)), ['a', 'b', 'c']);
      assert.equal(findCycle(['a', 'b'], along(new Map([['a', new Set(['b'])], ['b', new Set<string>()]]))), undefined);
    });
  });
});
