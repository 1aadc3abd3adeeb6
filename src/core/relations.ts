// Relations between the specs of one project, kept current file by file (chant-format.md §4):
// which file chant loads per ID, members, dependents, cycles (cycles.ts), orphans, and the status
// chant derives in memory (derivedStatus.ts): blocked/ready and what `chant work` would refuse.

import { dependencyCycleSteps, findCycles, runToEnd } from './cycles';
import { blockedReasons, priorSiblingsDone, workBlockers, type BlockReason } from './derivedStatus';
import { compareSpecIds, driverIdOf, isMemberOf } from './ids';
import type { DerivedStatus, Spec } from './model';
import { lowerBound } from './sorted';

export type { BlockReason } from './derivedStatus';

/** Everything the index knows about one spec beyond the file itself. */
export interface SpecRelations {
  status: DerivedStatus;
  /**
   * "Ready" as `chant list --ready` means it (the Explorer's Ready group, the status bar count,
   * the `status:ready` filter): pending or failed, not blocked, prior siblings done, and for a
   * driver with criteria every member completed, judged the way `chant list` does after it has
   * dropped cancelled specs (so a dependency on a cancelled spec blocks); group specs are never
   * listed. Whether `chant work ID` would start is `workAccepts` below, a different rule.
   */
  ready: boolean;
  /** `chant list --status blocked` lists it: blocked on load, or pending with the list's blockers. */
  listBlocked: boolean;
  /** What holds it back in `chant list` (is_blocked after cancelled specs are dropped). */
  listBlockedBy: BlockReason[];
  /** `chant list --status ready` lists it: `ready` without leaving out group specs. */
  listReadyWithGroups: boolean;
  /** chant's `is_blocked` reasons (empty when not blocked). */
  blockedBy: BlockReason[];
  /** Why `chant work ID` would refuse it even if ready (its stricter checks), empty when it would run. */
  workBlockedBy: BlockReason[];
  /** The top-level driver chant associates with it (`X` for `X.2.1`), if that spec exists. */
  driver?: string;
  /** Nesting parent for the tree: the longest existing prefix (`X.2` for `X.2.1`). */
  parent?: string;
  /** Direct children in the tree, in chant's order. */
  children: string[];
  /** All prefix-members (chant's `get_members`), in chant's order. */
  members: string[];
  /** Specs whose `depends_on` names this one. */
  dependents: string[];
  /** A member whose driver file does not exist. */
  orphan: boolean;
  /** IDs of the dependency cycle this spec is on, if any. */
  cycle?: string[];
  /** Another file with the same ID exists (first one wins, as in chant). */
  duplicateOf?: string;
  /** Completed members / all members, for drivers. */
  memberProgress?: { completed: number; total: number };
}

/**
 * Computes relations for every spec of one project. `specs` are all files of the project,
 * active and archived; only active, loadable specs take part in chant's rules.
 */
export function computeRelations(specs: Spec[]): Map<string, SpecRelations> {
  return new ProjectRelations(specs).toMap();
}

/** A file of the project that changed: its new content, or `spec` undefined when it is gone. */
export interface RelationsChange {
  path: string;
  spec?: Spec;
}

/**
 * The relations of one project's specs, kept current file by file. A batch recomputes only the
 * specs whose relations can change: the changed IDs, what depends on them, their drivers,
 * siblings and members, and (when the dependency graph changed) the specs whose cycle changed.
 * Ten thousand specs cost a full build once; an edit then costs about as much as its neighbours.
 */
export class ProjectRelations {
  /** Every file by ID (active, duplicate and archived). */
  private readonly files = new Map<string, Spec[]>();
  private readonly byPath = new Map<string, Spec>();
  /** The file chant loads per ID (first by depth, then path) when it is loadable… */
  private readonly active = new Map<string, Spec>();
  /** …or when it is not (chant skips it; dependents see `invalid`). */
  private readonly invalidActive = new Map<string, Spec>();
  /** IDs with a file under archive/, and how many. */
  private readonly archivedIds = new Map<string, number>();
  /** Keys of `active` and `invalidActive`, sorted: members of `X` are the range starting `X.`. */
  private readonly primaryIds: string[] = [];
  /** How many of `primaryIds` start with `X.`, per X that has any (most specs have none). */
  private readonly under = new Map<string, number>();
  /** depends_on value → the active specs naming it → how many times each names it. */
  private readonly dependents = new Map<string, Map<string, number>>();
  private readonly cycles = new Map<string, string[]>();
  private readonly relations = new Map<string, SpecRelations>();

  constructor(specs: Iterable<Spec>) {
    runToEnd(this.buildSteps(specs, Infinity));
  }

  /**
   * Builds like the constructor, but lets the event loop run whenever a stretch of steps has
   * taken `budgetMs`: ten thousand specs take a few hundred milliseconds in a busy extension host,
   * which must not come in long uninterrupted stretches. `stepSize`: specs per step.
   */
  static async build(
    specs: Iterable<Spec>, yieldToEventLoop: () => Promise<void>, { budgetMs = 10, stepSize = 250 } = {},
  ): Promise<ProjectRelations> {
    const project = new ProjectRelations([]);
    let since = Date.now();
    for (const steps = project.buildSteps(specs, stepSize); !steps.next().done;) {
      if (Date.now() - since < budgetMs) continue;
      await yieldToEventLoop();
      since = Date.now();
    }
    return project;
  }

  /** The full build; it pauses (yields) after each step of about `stepSize` specs. */
  private *buildSteps(specs: Iterable<Spec>, stepSize: number): Generator<void> {
    function* chunks<T>(items: T[]): Generator<T[]> {
      for (let k = 0; k < items.length; k += stepSize) yield items.slice(k, k + stepSize);
    }
    for (const chunk of chunks([...specs])) {
      for (const s of chunk) this.addFile(s);
      yield;
    }
    for (const ids of chunks([...this.files.keys()])) {
      for (const id of ids) this.elect(id);
      yield;
    }
    for (const active of chunks([...this.active])) {
      for (const [id, s] of active) this.countDependencies(id, s.dependsOn.map((d) => d.value), 1);
      yield;
    }
    this.primaryIds.push(...this.active.keys(), ...this.invalidActive.keys());
    this.primaryIds.sort();
    yield;
    for (const ids of chunks(this.primaryIds)) {
      for (const id of ids) this.countUnder(id, 1);
      yield;
    }
    yield* dependencyCycleSteps(this.active, undefined, this.cycles, stepSize);
    for (const chunk of chunks([...this.byPath.values()])) {
      for (const s of chunk) this.relations.set(s.path, this.relationFor(s));
      yield;
    }
  }

  get(path: string): SpecRelations | undefined {
    return this.relations.get(path);
  }

  toMap(): Map<string, SpecRelations> {
    return new Map(this.relations);
  }

  /** Every file with this ID (active, duplicate and archived). */
  filesWithId(id: string): readonly Spec[] {
    return this.files.get(id) ?? [];
  }

  /** Every ID that has a file. */
  ids(): IterableIterator<string> {
    return this.files.keys();
  }

  /** The file chant loads for `id` (loadable or not), ignoring archived ones. */
  loadedFile(id: string): Spec | undefined {
    return this.active.get(id) ?? this.invalidActive.get(id);
  }

  /** The spec chant uses for `id`: the active file, else an archived one. */
  byId(id: string): Spec | undefined {
    const primary = this.active.get(id) ?? this.invalidActive.get(id);
    if (primary) return primary;
    return (this.files.get(id) ?? []).filter((s) => s.archived).sort(byLoadOrder)[0];
  }

  /** Applies changed, added and removed files; recomputes the relations that can differ. */
  update(changes: Iterable<RelationsChange>): void {
    const latest = new Map<string, Spec | undefined>();
    for (const c of changes) latest.set(c.path, c.spec);
    const touched = new Set<string>();
    for (const [path, spec] of latest) {
      const old = this.byPath.get(path);
      if (old) touched.add(old.id);
      if (spec) touched.add(spec.id);
    }
    const before = new Map([...touched].map((id) => [id, this.shape(id)]));
    for (const [path, spec] of latest) {
      const old = this.byPath.get(path);
      if (old) this.removeFile(old);
      if (spec) this.addFile(spec);
      else this.relations.delete(path);
    }

    const affected = new Set<string>();
    const graphChanged = new Set<string>();
    for (const id of touched) {
      const was = before.get(id)!;
      this.elect(id);
      const now = this.shape(id);
      const presenceChanged = was.primary !== now.primary || was.active !== now.active;
      const depsChanged = was.deps.join('\n') !== now.deps.join('\n');
      if (presenceChanged || depsChanged) graphChanged.add(id);
      if (was.primary !== now.primary) {
        if (now.primary) insertSorted(this.primaryIds, id);
        else removeSorted(this.primaryIds, id);
        this.countUnder(id, now.primary ? 1 : -1);
      }
      if (depsChanged) {
        this.countDependencies(id, was.deps, -1);
        this.countDependencies(id, now.deps, 1);
      }
      affected.add(id);
      // Who reads this spec's status or presence: its dependents (and their members, through
      // the driver's depends_on), its drivers, its siblings.
      for (const d of this.dependents.get(id)?.keys() ?? []) {
        affected.add(d);
        for (const m of this.membersOfDriver(d)) affected.add(m);
      }
      for (let cut = id.indexOf('.'); cut > 0; cut = id.indexOf('.', cut + 1)) affected.add(id.slice(0, cut));
      const driver = driverIdOf(id);
      if (driver) for (const m of this.membersOfDriver(driver)) affected.add(m);
      if (depsChanged) {
        for (const d of [...was.deps, ...now.deps]) affected.add(d);
        for (const m of this.membersOfDriver(id)) affected.add(m);
      }
      if (presenceChanged) for (const m of this.primariesUnder(id)) affected.add(m);
    }
    if (graphChanged.size > 0) {
      // Only components through the changed specs can change; a big batch recomputes them all.
      const region = graphChanged.size <= 64 ? this.cycleRegion(graphChanged) : undefined;
      const fresh = findCycles(this.active, region);
      for (const id of region ?? new Set([...this.cycles.keys(), ...fresh.keys()])) {
        const before = this.cycles.get(id);
        const after = fresh.get(id);
        if (before?.join('\n') === after?.join('\n')) continue;
        affected.add(id);
        if (after) this.cycles.set(id, after);
        else this.cycles.delete(id);
      }
    }
    for (const id of affected) {
      for (const s of this.files.get(id) ?? []) this.relations.set(s.path, this.relationFor(s));
    }
  }

  /**
   * Where dependency cycles can differ after the edges of `changed` changed: their old cycles,
   * and for each the set of specs it depends on (transitively) that also depend on it (its new
   * cycle). Every other component keeps its edges, so stays as it was.
   */
  private cycleRegion(changed: Set<string>): Set<string> {
    const region = new Set<string>();
    for (const id of changed) {
      for (const x of this.cycles.get(id) ?? []) region.add(x);
      if (!this.active.has(id)) continue;
      const reaches = new Set([id]);
      const queue = [id];
      while (queue.length > 0) {
        for (const d of this.active.get(queue.pop()!)!.dependsOn) {
          if (this.active.has(d.value) && !reaches.has(d.value)) {
            reaches.add(d.value);
            queue.push(d.value);
          }
        }
      }
      const component = new Set([id]);
      queue.push(id);
      while (queue.length > 0) {
        for (const d of this.dependents.get(queue.pop()!)?.keys() ?? []) {
          if (reaches.has(d) && !component.has(d)) {
            component.add(d);
            queue.push(d);
          }
        }
      }
      for (const x of component) region.add(x);
    }
    return region;
  }

  private addFile(s: Spec): void {
    this.byPath.set(s.path, s);
    let list = this.files.get(s.id);
    if (!list) this.files.set(s.id, (list = []));
    list.push(s);
    if (s.archived) this.archivedIds.set(s.id, (this.archivedIds.get(s.id) ?? 0) + 1);
  }

  private removeFile(s: Spec): void {
    this.byPath.delete(s.path);
    const list = this.files.get(s.id) ?? [];
    const i = list.indexOf(s);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.files.delete(s.id);
    if (s.archived) {
      const n = (this.archivedIds.get(s.id) ?? 1) - 1;
      if (n > 0) this.archivedIds.set(s.id, n);
      else this.archivedIds.delete(s.id);
    }
  }

  /** Decides which file chant loads for `id` (first file wins, shallower path first). */
  private elect(id: string): void {
    this.active.delete(id);
    this.invalidActive.delete(id);
    let winner: Spec | undefined;
    for (const s of this.files.get(id) ?? []) if (!s.archived && (!winner || byLoadOrder(s, winner) < 0)) winner = s;
    if (!winner) return;
    if (winner.loadable) this.active.set(id, winner);
    else this.invalidActive.set(id, winner);
  }

  /** What other specs' relations read of `id`: presence and dependency edges. */
  private shape(id: string): { primary: boolean; active: boolean; deps: string[] } {
    const active = this.active.get(id);
    return {
      primary: !!active || this.invalidActive.has(id),
      active: !!active,
      deps: active ? active.dependsOn.map((d) => d.value) : [],
    };
  }

  /** Adds (`delta` 1) or removes (-1) `id`'s depends_on entries in `dependents`. */
  private countDependencies(id: string, deps: string[], delta: 1 | -1): void {
    for (const d of deps) {
      let by = this.dependents.get(d);
      if (!by) this.dependents.set(d, (by = new Map()));
      const n = (by.get(id) ?? 0) + delta;
      if (n > 0) by.set(id, n);
      else by.delete(id);
      if (by.size === 0) this.dependents.delete(d);
    }
  }

  /** Active and invalid IDs starting with `id.` (members, at any depth, and look-alikes). */
  private primariesUnder(id: string): string[] {
    if (!this.under.has(id)) return [];
    const prefix = `${id}.`;
    const out: string[] = [];
    for (let i = lowerBound(this.primaryIds, prefix); i < this.primaryIds.length && this.primaryIds[i].startsWith(prefix); i++) out.push(this.primaryIds[i]);
    return out;
  }

  private countUnder(id: string, delta: 1 | -1): void {
    for (let cut = id.indexOf('.'); cut > 0; cut = id.indexOf('.', cut + 1)) {
      const prefix = id.slice(0, cut);
      const n = (this.under.get(prefix) ?? 0) + delta;
      if (n > 0) this.under.set(prefix, n);
      else this.under.delete(prefix);
    }
  }

  /** IDs whose driver (chant's `extract_driver_id`) is `id`. */
  private membersOfDriver(id: string): string[] {
    return this.primariesUnder(id).filter((m) => driverIdOf(m) === id);
  }

  /** chant's `get_members` for an active spec: every active ID it is a prefix-member of, in chant's order. */
  private membersOf(id: string): string[] {
    return this.primariesUnder(id).filter((m) => this.active.has(m) && isMemberOf(m, id)).sort(byChantOrder);
  }

  /** The tree's nesting parent of an active ID: its longest active prefix. */
  private parentOf(id: string): string | undefined {
    let longest: string | undefined;
    for (let cut = id.indexOf('.'); cut > 0; cut = id.indexOf('.', cut + 1)) {
      const prefix = id.slice(0, cut);
      if (this.active.has(prefix) && isMemberOf(id, prefix)) longest = prefix;
    }
    return longest;
  }

  /** Active specs naming `id` in depends_on, in load order, once per naming. */
  private dependentsOf(id: string): string[] {
    const by = this.dependents.get(id);
    if (!by) return [];
    const specs = [...by.keys()].map((d) => this.active.get(d)!).sort(byLoadOrder);
    const out: string[] = [];
    for (const s of specs) for (let n = by.get(s.id)!; n > 0; n--) out.push(s.id);
    return out;
  }

  private relationFor(s: Spec): SpecRelations {
    const { active, invalidActive } = this;
    const winner = active.get(s.id) ?? invalidActive.get(s.id);
    const primary = !s.archived && winner === s;
    const rel: SpecRelations = {
      status: s.loadable ? s.status : 'invalid',
      ready: false, listBlocked: false, listBlockedBy: [], listReadyWithGroups: false, blockedBy: [], workBlockedBy: [], children: [], members: [], dependents: [], orphan: false,
    };
    if (winner && winner !== s) rel.duplicateOf = winner.path;
    if (!primary) return rel;
    rel.dependents = this.dependentsOf(s.id);
    const driverId = driverIdOf(s.id);
    if (driverId) {
      if (active.has(driverId)) rel.driver = driverId;
      else rel.orphan = true;
    }
    if (!s.loadable) return rel;
    rel.parent = this.parentOf(s.id);

    rel.members = this.membersOf(s.id);
    if (rel.members.length > 0) {
      const completed = rel.members.filter((m) => active.get(m)?.status === 'completed').length;
      rel.memberProgress = { completed, total: rel.members.length };
      rel.children = rel.members.filter((m) => this.parentOf(m) === s.id);
    }
    rel.cycle = this.cycles.get(s.id);

    // chant's apply_blocked_status: pending/blocked on disk becomes blocked or pending (over all
    // loaded specs: a cancelled dependency counts as done here, and `chant show` says pending).
    const blockedBy = blockedReasons(s, s.status, active, invalidActive, this.archivedIds, false);
    rel.blockedBy = blockedBy;
    if (s.status === 'pending' || s.status === 'blocked') rel.status = blockedBy.length > 0 ? 'blocked' : 'pending';

    // `chant list` drops cancelled specs first, then asks is_blocked / is_ready with the derived
    // status: a cancelled dependency is then missing and blocks, a cancelled sibling or member is
    // simply not there, and a pending approval holds back a `blocked` file that loaded as pending.
    const inList = rel.status !== 'cancelled';
    const listBlockedBy = blockedReasons(s, rel.status, active, invalidActive, this.archivedIds, true);
    rel.listBlockedBy = listBlockedBy;
    const approval = listBlockedBy.find((r) => r.kind === 'approval');
    if (approval && !blockedBy.some((b) => b.kind === 'approval')) blockedBy.push(approval);
    const siblingsDone = priorSiblingsDone(s, active);
    const listMembers = rel.members.filter((m) => active.get(m)?.status !== 'cancelled');
    const membersDone = !(listMembers.length > 0 && s.hasAcceptanceCriteria) || listMembers.every((m) => active.get(m)?.status === 'completed');
    rel.listBlocked = inList && (rel.status === 'blocked' || (rel.status === 'pending' && listBlockedBy.length > 0));
    rel.listReadyWithGroups = inList && (rel.status === 'pending' || rel.status === 'failed') && listBlockedBy.length === 0 && siblingsDone && membersDone;
    rel.ready = rel.listReadyWithGroups && s.type !== 'group';

    rel.workBlockedBy = workBlockers(s, active, this.archivedIds, invalidActive);
    if (rel.cycle) rel.workBlockedBy.push({ kind: 'cycle', cycle: rel.cycle });
    return rel;
  }
}

/** The order chant loads files in: shallower paths first, then by path. */
function byLoadOrder(a: Spec, b: Spec): number {
  return depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

function insertSorted(sorted: string[], value: string): void {
  sorted.splice(lowerBound(sorted, value), 0, value);
}

function removeSorted(sorted: string[], value: string): void {
  const i = lowerBound(sorted, value);
  if (sorted[i] === value) sorted.splice(i, 1);
}

/** chant's order; where chant calls two IDs equal (`X.2`, `X.2.1`) the shorter comes first. */
function byChantOrder(a: string, b: string): number {
  return compareSpecIds(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function depth(path: string): number {
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path[i] === '/' || path[i] === '\\') n++;
  return n;
}

/**
 * Whether a spec passes a status filter of several words (any one matches; none = any), as the
 * Explorer's `status:` filter and the graph's status toggles read it, and as `chant list --status`
 * does for a project without cancelled specs: `ready` means `ready` above (what
 * `chant list --ready` lists, failed specs chant would retry included, never `status: ready`
 * written on disk); any other word is the derived status (so `pending` includes the ready ones).
 */
export function matchesStatuses(wanted: readonly string[], status: string, ready: boolean): boolean {
  return wanted.length === 0 || wanted.some((s) => (s === 'ready' ? ready : status === s));
}

/** The `--status` values `chant list` accepts (it refuses `paused`). */
export const CHANT_LIST_STATUSES = ['pending', 'in_progress', 'completed', 'failed', 'needs_attention', 'ready', 'blocked', 'cancelled'] as const;
export type ChantListStatus = (typeof CHANT_LIST_STATUSES)[number];

/** Whether `chant list --ready` and each `chant list --status S` would list this spec. */
export function chantListFilters(rel: SpecRelations): { ready: boolean; status: Record<ChantListStatus, boolean> } {
  const status = {} as Record<ChantListStatus, boolean>;
  for (const s of CHANT_LIST_STATUSES) {
    status[s] = s === 'ready' ? rel.listReadyWithGroups : s === 'blocked' ? rel.listBlocked : s !== 'cancelled' && rel.status === s;
  }
  return { ready: rel.ready, status };
}

/**
 * Whether `chant work ID` starts the agent for this (non-driver) spec, and if not, why. This is
 * chant's second meaning of ready, stricter about dependencies and siblings than `chant list
 * --ready` (`get_blocking_dependencies`: only completed counts, and every earlier member must be
 * completed even with a depends_on key) and looser about status (paused and needs_attention are
 * accepted, and cancelled dependencies' dependents are refused rather than listed as blocked).
 * The Work pick list offers what this accepts; the Explorer's Ready group shows `ready`.
 */
export function workAccepts(spec: Spec, rel: SpecRelations): { accepted: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (!spec.loadable || rel.status === 'invalid') reasons.push('not loadable');
  else if (REFUSED_BY_WORK.has(rel.status)) reasons.push(`status ${rel.status}`);
  if (spec.approval?.required && spec.approval.status !== 'approved') reasons.push(`approval ${spec.approval.status}`);
  for (const r of rel.workBlockedBy) reasons.push(r.kind === 'lint' ? `lint ${r.rule}` : r.kind);
  // Its move to in_progress asks is_blocked too ("Dependencies not met"): a driver's unmet
  // dependencies stop a member there, though get_blocking_dependencies ignores them.
  for (const r of rel.blockedBy) if (r.kind === 'driver-dependency') reasons.push(`${r.kind} ${r.id}`);
  return { accepted: reasons.length === 0, reasons };
}

/** Statuses `chant work ID` refuses before it starts anything (`ready` fails its state machine). */
const REFUSED_BY_WORK = new Set<DerivedStatus>(['completed', 'cancelled', 'in_progress', 'ready']);
