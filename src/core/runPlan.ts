// What `chant work` runs, as data: the exact argv for one spec (chant-format.md §6.1) and, for a
// driver, its members in dependency phases. Pure: the extension, the headless CLI and the tests
// all call these, and only the adapters launch anything.

import * as l10n from '@vscode/l10n';
import { findCycle } from './cycles';
import { compareSpecIds, driverIdOf, earlierSiblingNumbers, isMemberOf, isSafeId, memberNumberOf, shortId } from './ids';
import { FINISHED_STATUSES, type Spec } from './model';
import type { BlockReason, SpecRelations } from './relations';
import { describeBlockReason } from './specIndex';

/** A program to run with its arguments: never a shell line. */
export interface RunCommand {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Short human name, e.g. the terminal title. */
  label: string;
}

/** One `chant work` invocation of a plan. */
export interface RunStep {
  /** The spec it works. */
  id: string;
  /** Full argv, program first (`chant`); adapters replace argv[0] with the resolved executable. */
  argv: string[];
  /** The project root (the directory holding `.chant/`): chant never walks up the tree. */
  cwd: string;
  /** Members of this plan that must have exited 0 before this step starts. */
  after: string[];
  /** Why `--skip-deps` is passed: checks chant would make that this plan's order already satisfies. */
  skipDepsBecause: string[];
}

export type RunMode = 'single' | 'phases' | 'chain';

/** What working a spec runs: phases run one after the other, the steps of a phase side by side. */
export interface RunPlan {
  root: string;
  /** The spec the user asked to work. */
  target: string;
  mode: RunMode;
  phases: RunStep[][];
  /** Members not run, with the reason (already completed, cancelled, grouped under a nested driver). */
  skipped: { id: string; reason: string }[];
  /** Things the user should know that do not stop the plan (chant may still refuse). */
  warnings: string[];
}

export type PlanResult =
  | { ok: true; plan: RunPlan }
  | { ok: false; error: string; cycle?: string[] };

/** The index as planning needs it (SpecIndex implements this). */
export interface PlanSource {
  byId(root: string, id: string): Spec | undefined;
  relationsOf(spec: Spec): SpecRelations;
}

export interface PlanOptions {
  /** `phases` (default for a driver): our DAG, one terminal per member; `chain`: `chant work DRIVER` as chant does it. */
  mode?: 'phases' | 'chain';
  /** Arguments appended to every `chant work` (setting `chantSpecs.work.extraArgs`). */
  extraArgs?: string[];
  /** Whether a spec is being worked right now (live lock/pid or one of our terminals). */
  isRunning?: (id: string) => boolean;
  /** argv[0]; `chant` unless told. */
  program?: string;
}

export const SKIP_DEPS = '--skip-deps';

/**
 * Arguments for `chant work ID` (without the program): the ID, then `--skip-deps` when asked,
 * then the user's extra arguments. Throws for an ID chant's grammar would not give us: such an
 * ID could be read as an option or carry shell syntax, so it never reaches a command line.
 */
export function workArgs(id: string, options: { skipDeps?: boolean; extraArgs?: string[] } = {}): string[] {
  if (!isSafeId(id)) throw new Error(`Refusing to run spec ID ${JSON.stringify(id)}: it is not a plain chant ID (letters, digits, '.', '-', '_').`);
  const extra = options.extraArgs ?? [];
  const problem = extraArgsProblem(extra);
  if (problem) throw new Error(problem);
  const flags = options.skipDeps && !extra.includes(SKIP_DEPS) ? [SKIP_DEPS] : [];
  return ['work', id, ...flags, ...extra];
}

/** Why user-configured extra arguments cannot be used as given, or undefined when they can. */
export function extraArgsProblem(extra: string[]): string | undefined {
  for (let i = 0; i < extra.length; i++) {
    const a = extra[i];
    if (typeof a !== 'string') return l10n.t('chantSpecs.work.extraArgs must be a list of strings.');
    // chant's `--parallel` takes its value only with `=`; `--parallel 3` makes 3 a spec ID.
    if (a === '--parallel' && /^\d+$/.test(extra[i + 1] ?? '')) {
      return l10n.t('chantSpecs.work.extraArgs has "--parallel {0}": chant needs "--parallel={0}" (otherwise {0} is read as a spec ID).', extra[i + 1]);
    }
    if (a === '--chain' || a.startsWith('--parallel') || a === '--label' || a.startsWith('--label=')) {
      return l10n.t('chantSpecs.work.extraArgs has "{0}", which makes chant pick other specs; the extension chooses what runs.', a);
    }
  }
  return undefined;
}

/** The command a step runs, with the program resolved (e.g. the verified `chant` path). */
export function stepCommand(step: RunStep, program: string): RunCommand {
  return { command: program, args: step.argv.slice(1), cwd: step.cwd, env: {}, label: `chant work ${step.id}` };
}

/** A terminal's name: the spec first (`001-drv.2 · chant work`), since terminal tabs cut long names. */
export function terminalName(id: string): string {
  return `${shortId(id)} · chant work`;
}

/**
 * Whether a ▶ Work button belongs on a spec in this derived status: `chant work` refuses
 * completed, cancelled and blocked specs and cannot load invalid ones. A driver with unfinished
 * members is offered whatever its own status (a driver is blocked until its members are done,
 * and working it runs them).
 */
export function offersWork(status: string, memberProgress?: { completed: number; total: number }): boolean {
  if (status === 'invalid') return false;
  if (memberProgress && memberProgress.completed < memberProgress.total) return true;
  return !FINISHED_STATUSES.has(status) && status !== 'blocked';
}

/**
 * The plan for working spec `id` of project `root`:
 * - a spec without members runs alone (`single`);
 * - a driver's members run in phases computed from their DAG (explicit `depends_on` between
 *   members, and chant's implicit sibling order for members without a `depends_on` key), or,
 *   in `chain` mode, the driver runs as chant itself chains it, in one process.
 * Refuses unknown or unsafe IDs, members chant would refuse whatever the order (lint errors,
 * approval, dependencies outside the plan), running or stale members, and cycles (named).
 */
export function planWork(source: PlanSource, root: string, id: string, options: PlanOptions = {}): PlanResult {
  if (!isSafeId(id)) return fail(l10n.t("Refusing to run spec ID {0}: it is not a plain chant ID (letters, digits, '.', '-', '_').", JSON.stringify(id)));
  const spec = source.byId(root, id);
  if (!spec) return fail(l10n.t('No spec {0} in {1}.', id, root));
  if (spec.archived) return fail(l10n.t('{0} is archived: chant only works active specs.', id));
  if (!spec.loadable) return fail(l10n.t('{0} cannot be loaded by chant (see its problems), so chant would not find it.', id));
  const extraArgs = options.extraArgs ?? [];
  const problem = extraArgsProblem(extraArgs);
  if (problem) return fail(problem);
  const program = options.program ?? 'chant';
  const isRunning = options.isRunning ?? (() => false);
  const rel = source.relationsOf(spec);
  const plan: RunPlan = { root, target: id, mode: 'single', phases: [], skipped: [], warnings: [] };
  const step = (stepId: string, skipDepsBecause: string[] = [], after: string[] = []): RunStep => ({
    id: stepId,
    argv: [program, ...workArgs(stepId, { skipDeps: skipDepsBecause.length > 0, extraArgs })],
    cwd: root,
    after,
    skipDepsBecause,
  });

  if (isRunning(id)) return fail(l10n.t('{0} is already running.', id));
  if (rel.members.length === 0) {
    if (FINISHED_STATUSES.has(spec.status)) {
      plan.skipped.push({ id, reason: l10n.t('already {0}', spec.status) });
      return { ok: true, plan };
    }
    if (spec.status === 'in_progress') return fail(staleMessage(id));
    plan.warnings.push(...[...rel.workBlockedBy, ...rel.blockedBy.filter((r) => r.kind === 'approval')].map((r) => l10n.t('chant may refuse {0}: {1}', id, describeBlockReason(r))));
    plan.phases.push([step(id)]);
    return { ok: true, plan };
  }

  // A driver. Members chant would see, in chant's order; unloadable members are invisible to it.
  const members = rel.members.map((m) => source.byId(root, m)).filter((m): m is Spec => !!m && !m.archived && m.loadable);
  for (const m of members) if (!isSafeId(m.id)) return fail(l10n.t('Refusing to run member {0} of {1}: it is not a plain chant ID.', JSON.stringify(m.id), id));
  const running = members.filter((m) => isRunning(m.id)).map((m) => m.id);
  if (running.length > 0) return fail(running.length === 1 ? l10n.t('{0} is already running.', running[0]) : l10n.t('{0} are already running.', running.join(', ')));
  for (const m of members) if (FINISHED_STATUSES.has(m.status)) plan.skipped.push({ id: m.id, reason: l10n.t('already {0}', m.status) });

  if (options.mode === 'chain') {
    plan.mode = 'chain';
    if (members.every((m) => FINISHED_STATUSES.has(m.status))) return { ok: true, plan };
    // Seen with chant 0.23.2 (test/integration/work.test.ts): after the driver's members, its chain
    // goes on with every other ready spec of the project, with or without --chain-max.
    plan.warnings.push(l10n.t('chant goes on with the other ready specs of the project once the members of {0} are done (chant 0.23.2 does).', id));
    plan.phases.push([step(id)]);
    return { ok: true, plan };
  }
  plan.mode = 'phases';

  // Nested drivers (X.2 with X.2.1…) are never run themselves: chant skips drivers in a chain,
  // and `chant work X.2` would chain its members a second time. Their members are planned.
  const groupIds = new Set(members.filter((m) => source.relationsOf(m).members.length > 0).map((m) => m.id));
  for (const g of groupIds) {
    if (!plan.skipped.some((s) => s.id === g)) plan.skipped.push({ id: g, reason: l10n.t('has members of its own; they are planned one by one') });
  }
  const runnable = members.filter((m) => !groupIds.has(m.id) && !FINISHED_STATUSES.has(m.status));
  const runnableIds = new Set(runnable.map((m) => m.id));
  const stale = runnable.filter((m) => m.status === 'in_progress').map((m) => m.id);
  if (stale.length > 0) return fail(staleMessage(stale.join(', ')));
  if (runnable.length === 0) return { ok: true, plan };

  const leavesOf = (g: string) => runnable.filter((m) => isMemberOf(m.id, g)).map((m) => m.id);
  /** Members a dependency on `d` waits for inside this plan (a nested driver stands for its members). */
  const inPlan = (d: string): string[] => (runnableIds.has(d) ? [d] : groupIds.has(d) ? leavesOf(d) : []);

  // The DAG: explicit depends_on between members, and chant's implicit sibling order
  // (`all_prior_siblings_completed`) for members without a depends_on key.
  const preds = new Map<string, Set<string>>();
  const planIds = new Set([...runnableIds, ...groupIds]);
  for (const m of runnable) {
    const p = new Set<string>();
    for (const d of m.dependsOn) for (const x of inPlan(d.value)) if (x !== m.id) p.add(x);
    if (m.dependsOn.some((d) => d.value === m.id)) return fail(l10n.t('{0} depends on itself.', m.id), [m.id]);
    if (!m.hasDependsOnKey) {
      const driver = driverIdOf(m.id);
      const n = memberNumberOf(m.id);
      if (driver && n !== undefined) {
        for (const k of earlierSiblingNumbers(driver, n, planIds)) for (const x of inPlan(`${driver}.${k}`)) if (x !== m.id) p.add(x);
      }
    }
    preds.set(m.id, p);
  }

  const cycle = findCycle(runnable.map((m) => m.id), (m) => [...(preds.get(m) ?? [])]);
  if (cycle) return fail(l10n.t("Dependency cycle among the members of {0}: {1} (explicit depends_on and chant's order of earlier siblings).", id, [...cycle, cycle[0]].join(' → ')), cycle);

  // Phases: Kahn layering, members of a phase in chant's order.
  const phaseOf = new Map<string, number>();
  let remaining = runnable.map((m) => m.id);
  const layers: string[][] = [];
  while (remaining.length > 0) {
    const layer = remaining.filter((m) => [...preds.get(m)!].every((p) => phaseOf.has(p)));
    layer.sort((a, b) => compareSpecIds(a, b) || (a < b ? -1 : 1));
    for (const m of layer) phaseOf.set(m, layers.length);
    layers.push(layer);
    remaining = remaining.filter((m) => !phaseOf.has(m));
  }

  // What chant itself will say at each member's start: its stricter checks (workBlockedBy)
  // minus what earlier phases complete. Left-overs the DAG says are fine get `--skip-deps`;
  // left-overs the plan cannot fix refuse the plan (chant would refuse the member).
  const errors: string[] = [];
  const steps = new Map<string, RunStep>();
  for (const m of runnable) {
    const mp = preds.get(m.id)!;
    const completedBefore = (x: string) => phaseOf.has(x) && phaseOf.get(x)! < phaseOf.get(m.id)!;
    const mrel = source.relationsOf(m);
    const because: string[] = [];
    for (const r of mrel.workBlockedBy) {
      const verdict = judge(r, m, completedBefore, { id, runnableIds, groupIds });
      if (verdict.kind === 'refuse') errors.push(verdict.message);
      else if (verdict.kind === 'skip') because.push(verdict.message);
    }
    for (const r of mrel.blockedBy) {
      if (r.kind === 'approval') errors.push(l10n.t('{0}: {1} (chant refuses it without --skip-approval).', m.id, describeBlockReason(r)));
      if (r.kind === 'driver-dependency') plan.warnings.push(`${m.id}: ${describeBlockReason(r)}.`);
    }
    steps.set(m.id, step(m.id, because, [...mp].sort(compareSpecIds)));
  }
  if (errors.length > 0) return fail(l10n.t('Cannot work {0}: {1}', id, errors.join(' ')));
  plan.warnings = [...new Set(plan.warnings)];
  plan.phases = layers.map((layer) => layer.map((m) => steps.get(m)!));
  return { ok: true, plan };
}

type Verdict = { kind: 'met' } | { kind: 'skip'; message: string } | { kind: 'refuse'; message: string };

interface JudgeContext {
  id: string;
  runnableIds: Set<string>;
  groupIds: Set<string>;
}

/** One of chant's work checks against one member, given the plan's order. */
function judge(r: BlockReason, m: Spec, completedBefore: (x: string) => boolean, c: JudgeContext): Verdict {
  switch (r.kind) {
    case 'lint':
      return { kind: 'refuse', message: l10n.t('{0}: {1}; chant aborts on lint errors even with --skip-deps.', m.id, describeBlockReason(r)) };
    case 'cycle':
      return { kind: 'refuse', message: `${m.id}: ${describeBlockReason(r)}.` };
    case 'dependency': {
      if (c.runnableIds.has(r.id)) return { kind: 'met' }; // a predecessor: an earlier phase completes it
      if (c.groupIds.has(r.id)) return { kind: 'skip', message: l10n.t('{0} is a nested driver chant never marks completed; its members run first', r.id) };
      if (r.state === 'cancelled') return { kind: 'skip', message: l10n.t("{0} is cancelled (chant's list counts it as done, `chant work` does not)", r.id) };
      if (r.id === c.id) return { kind: 'refuse', message: l10n.t('{0} depends on its own driver {1}, which completes only after its members: chant deadlocks here.', m.id, c.id) };
      return { kind: 'refuse', message: l10n.t('{0} depends on {1} ({2}), which this plan does not run.', m.id, r.id, r.status ?? r.state) };
    }
    case 'sibling': {
      if (c.runnableIds.has(r.id) && completedBefore(r.id)) return { kind: 'met' };
      if (r.through) return { kind: 'skip', message: l10n.t('earlier siblings {0} … {1} do not exist', r.id, r.through) };
      if (r.state === 'missing') return { kind: 'skip', message: l10n.t('earlier sibling {0} does not exist', r.id) };
      if (r.state === 'cancelled') return { kind: 'skip', message: l10n.t('earlier sibling {0} is cancelled', r.id) };
      if (c.groupIds.has(r.id)) return { kind: 'skip', message: l10n.t('earlier sibling {0} is a nested driver chant never marks completed', r.id) };
      // In the plan but not before it: only possible when the member has a depends_on key.
      if (c.runnableIds.has(r.id)) return { kind: 'skip', message: l10n.t('earlier sibling {0} is not in its depends_on', r.id) };
      // A sibling outside the plan (working a nested driver): fine only if the member opted out of sibling order.
      if (m.hasDependsOnKey) return { kind: 'skip', message: l10n.t('earlier sibling {0} is not in its depends_on', r.id) };
      return { kind: 'refuse', message: l10n.t('{0} waits for earlier sibling {1} ({2}), which this plan does not run.', m.id, r.id, r.status ?? r.state) };
    }
    default:
      return { kind: 'met' };
  }
}

function staleMessage(ids: string): string {
  return l10n.t('{0}: status in_progress but not running (a stale run?). chant refuses to work it; see the log, then `chant reset` it.', ids);
}

function fail(error: string, cycle?: string[]): PlanResult {
  return cycle ? { ok: false, error, cycle } : { ok: false, error };
}

/** One line per phase, e.g. `Phase 1 (parallel): .1 .2 .3` / `Phase 2: .4`, with member IDs shortened under the driver. */
export function describePlan(plan: RunPlan): string[] {
  const short = (m: string) => (isMemberOf(m, plan.target) ? m.slice(plan.target.length) : m);
  if (plan.mode === 'chain') {
    return plan.phases.length ? [l10n.t('chant work {0} (chant runs the members one after the other)', plan.target)] : [];
  }
  return plan.phases.map((phase, i) => {
    const items = phase.map((s) => (s.skipDepsBecause.length ? `${short(s.id)} [${SKIP_DEPS}]` : short(s.id))).join(' ');
    return phase.length > 1 ? l10n.t('Phase {0} (parallel): {1}', i + 1, items) : l10n.t('Phase {0}: {1}', i + 1, items);
  });
}

/** The headless `plan --json` shape. */
export function planJson(plan: RunPlan): { phases: { id: string; argv: string[]; cwd: string }[][]; skipped: { id: string; reason: string }[] } {
  return {
    phases: plan.phases.map((phase) => phase.map((s) => ({ id: s.id, argv: s.argv, cwd: s.cwd }))),
    skipped: plan.skipped,
  };
}
