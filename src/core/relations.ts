// Relations between the specs of one project and the derived status chant computes in memory
// (chant-format.md §4): members, blocked/ready, what `chant work` would refuse, cycles, orphans.

import { compareSpecIds, driverIdOf, isMemberOf, memberNumberOf } from './ids';
import type { DerivedStatus, Spec } from './model';

/** Why a spec is blocked (chant's `is_blocked`) or why `chant work` would refuse it. */
export type BlockReason =
  | { kind: 'dependency'; id: string; state: 'missing' | 'archived' | 'cross-repo' | 'unfinished' | 'cancelled' | 'invalid'; status?: string }
  | { kind: 'driver-dependency'; driver: string; id: string; state: 'missing' | 'archived' | 'cross-repo' | 'unfinished' | 'invalid'; status?: string }
  | { kind: 'approval'; status: 'pending' | 'rejected' }
  | { kind: 'sibling'; id: string; state: 'missing' | 'unfinished' | 'cancelled'; status?: string }
  | { kind: 'members'; incomplete: string[] }
  | { kind: 'lint'; rule: 'title' | 'dependency'; message: string }
  | { kind: 'cycle'; cycle: string[] };

/** Everything the index knows about one spec beyond the file itself. */
export interface SpecRelations {
  status: DerivedStatus;
  /** `chant list --ready` would list it. */
  ready: boolean;
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

function depState(dep: Spec | undefined, archivedIds: Set<string>, id: string): 'missing' | 'archived' | 'cross-repo' | 'invalid' | undefined {
  if (dep) return dep.loadable ? undefined : 'invalid';
  if (id.includes(':')) return 'cross-repo';
  return archivedIds.has(id) ? 'archived' : 'missing';
}

const DONE = new Set(['completed', 'cancelled']);

/**
 * Computes relations for every spec of one project. `specs` are all files of the project,
 * active and archived; only active, loadable specs take part in chant's rules.
 */
export function computeRelations(specs: Spec[]): Map<string, SpecRelations> {
  const out = new Map<string, SpecRelations>();
  // Active specs chant loads: first file wins for a duplicated ID (shallower path first).
  const active = new Map<string, Spec>();
  const invalidActive = new Map<string, Spec>();
  const archivedIds = new Set<string>();
  const ordered = [...specs].sort((a, b) => depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : 1));
  const duplicates = new Map<string, string>();
  for (const s of ordered) {
    if (s.archived) {
      archivedIds.add(s.id);
      continue;
    }
    const seen = active.get(s.id) ?? invalidActive.get(s.id);
    if (seen) {
      duplicates.set(s.path, seen.path);
      continue;
    }
    if (s.loadable) active.set(s.id, s);
    else invalidActive.set(s.id, s);
  }
  // The same ID in archive/ (chant's sequence ignores the archive): specs/ wins, flag the archived copy.
  for (const s of ordered) {
    const live = s.archived ? active.get(s.id) ?? invalidActive.get(s.id) : undefined;
    if (live) duplicates.set(s.path, live.path);
  }

  // Members by prefix: every prefix cut at a `.` that names an active spec (chant's `is_member_of`).
  const membersOf = new Map<string, string[]>();
  const parentOf = new Map<string, string>();
  for (const id of active.keys()) {
    let longest: string | undefined;
    for (let cut = id.indexOf('.'); cut > 0; cut = id.indexOf('.', cut + 1)) {
      const prefix = id.slice(0, cut);
      if (active.has(prefix) && isMemberOf(id, prefix)) {
        let list = membersOf.get(prefix);
        if (!list) membersOf.set(prefix, (list = []));
        list.push(id);
        longest = prefix;
      }
    }
    if (longest) parentOf.set(id, longest);
  }
  for (const list of membersOf.values()) list.sort(byChantOrder);

  const dependents = new Map<string, string[]>();
  for (const s of active.values()) {
    for (const d of s.dependsOn) {
      let list = dependents.get(d.value);
      if (!list) dependents.set(d.value, (list = []));
      list.push(s.id);
    }
  }

  const cycles = findCycles(active);

  const blockedReasons = (s: Spec): BlockReason[] => {
    const reasons: BlockReason[] = [];
    for (const d of s.dependsOn) {
      const dep = active.get(d.value);
      const state = depState(dep ?? invalidActive.get(d.value), archivedIds, d.value);
      if (state) reasons.push({ kind: 'dependency', id: d.value, state });
      else if (dep && !DONE.has(dep.status)) reasons.push({ kind: 'dependency', id: d.value, state: 'unfinished', status: dep.status });
    }
    const driverId = driverIdOf(s.id);
    const driver = driverId ? active.get(driverId) : undefined;
    if (driver && driverId) {
      for (const d of driver.dependsOn) {
        if (isMemberOf(d.value, driverId)) continue; // chant 0.23.2: siblings in the driver's deps don't block members
        const dep = active.get(d.value);
        const state = depState(dep ?? invalidActive.get(d.value), archivedIds, d.value);
        if (state) reasons.push({ kind: 'driver-dependency', driver: driverId, id: d.value, state });
        else if (dep && !DONE.has(dep.status)) reasons.push({ kind: 'driver-dependency', driver: driverId, id: d.value, state: 'unfinished', status: dep.status });
      }
    }
    if (s.status === 'pending' && s.approval?.required && s.approval.status !== 'approved') {
      reasons.push({ kind: 'approval', status: s.approval.status === 'rejected' ? 'rejected' : 'pending' });
    }
    return reasons;
  };

  for (const s of specs) {
    const primary = !s.archived && (active.get(s.id) === s || invalidActive.get(s.id) === s);
    const rel: SpecRelations = {
      status: s.loadable ? s.status : 'invalid',
      ready: false, blockedBy: [], workBlockedBy: [], children: [], members: [], dependents: [], orphan: false,
    };
    out.set(s.path, rel);
    if (duplicates.has(s.path)) rel.duplicateOf = duplicates.get(s.path);
    if (!primary) continue;
    rel.dependents = dependents.get(s.id) ?? [];
    const driverId = driverIdOf(s.id);
    if (driverId) {
      if (active.has(driverId)) rel.driver = driverId;
      else rel.orphan = true;
    }
    rel.parent = parentOf.get(s.id);
    if (!s.loadable) continue;

    rel.members = membersOf.get(s.id) ?? [];
    if (rel.members.length > 0) {
      const completed = rel.members.filter((m) => active.get(m)?.status === 'completed').length;
      rel.memberProgress = { completed, total: rel.members.length };
    }
    rel.cycle = cycles.get(s.id);

    // chant's apply_blocked_status: pending/blocked on disk becomes blocked or pending.
    const blockedBy = blockedReasons(s);
    rel.blockedBy = blockedBy;
    if (s.status === 'pending' || s.status === 'blocked') rel.status = blockedBy.length > 0 ? 'blocked' : 'pending';
    // is_ready asks is_blocked again with the derived status: a `blocked` file that loads as
    // pending is still held back by a pending or rejected approval.
    if (rel.status === 'pending' && s.status === 'blocked' && s.approval?.required && s.approval.status !== 'approved') {
      blockedBy.push({ kind: 'approval', status: s.approval.status === 'rejected' ? 'rejected' : 'pending' });
    }

    // chant's is_ready.
    const siblingsDone = priorSiblingsDone(s, active);
    const membersDone = !(rel.members.length > 0 && s.hasAcceptanceCriteria) || rel.members.every((m) => active.get(m)?.status === 'completed');
    rel.ready = (rel.status === 'pending' || rel.status === 'failed') && blockedBy.length === 0 && siblingsDone && membersDone;

    rel.workBlockedBy = workBlockers(s, active, archivedIds, invalidActive);
    if (rel.cycle) rel.workBlockedBy.push({ kind: 'cycle', cycle: rel.cycle });
  }
  for (const [id, kids] of groupChildren(parentOf)) {
    const parent = active.get(id);
    if (parent) {
      const rel = out.get(parent.path);
      if (rel) rel.children = kids.sort(byChantOrder);
    }
  }
  return out;
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

function groupChildren(parentOf: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [child, parent] of parentOf) {
    let list = out.get(parent);
    if (!list) out.set(parent, (list = []));
    list.push(child);
  }
  return out;
}

/** chant's `all_prior_siblings_completed`. */
function priorSiblingsDone(s: Spec, active: Map<string, Spec>): boolean {
  const driverId = driverIdOf(s.id);
  const n = memberNumberOf(s.id);
  if (!driverId || n === undefined || s.hasDependsOnKey) return true;
  for (let k = 1; k < n; k++) {
    const sib = active.get(`${driverId}.${k}`);
    if (sib && !DONE.has(sib.status)) return false;
  }
  return true;
}

/** chant's `get_blocking_dependencies` plus the lint errors that make `chant work` abort. */
function workBlockers(s: Spec, active: Map<string, Spec>, archivedIds: Set<string>, invalidActive: Map<string, Spec>): BlockReason[] {
  const reasons: BlockReason[] = [];
  if (s.title === undefined) reasons.push({ kind: 'lint', rule: 'title', message: 'the spec has no `# ` title line' });
  for (const d of s.dependsOn) {
    const dep = active.get(d.value);
    const state = depState(dep ?? invalidActive.get(d.value), archivedIds, d.value);
    if (state) {
      reasons.push({ kind: 'lint', rule: 'dependency', message: `depends_on \`${d.value}\` is not an active spec (${state})` });
    } else if (dep && dep.status !== 'completed') {
      reasons.push({ kind: 'dependency', id: d.value, state: dep.status === 'cancelled' ? 'cancelled' : 'unfinished', status: dep.status });
    }
  }
  const driverId = driverIdOf(s.id);
  const n = memberNumberOf(s.id);
  if (driverId && n !== undefined) {
    for (let k = 1; k < n; k++) {
      const sibId = `${driverId}.${k}`;
      const sib = active.get(sibId);
      if (!sib) reasons.push({ kind: 'sibling', id: sibId, state: 'missing' });
      else if (sib.status !== 'completed') reasons.push({ kind: 'sibling', id: sibId, state: sib.status === 'cancelled' ? 'cancelled' : 'unfinished', status: sib.status });
    }
  }
  return reasons;
}

/** Strongly connected components of the depends_on graph with more than one node, or a self-loop. */
export function findCycles(active: Map<string, Spec>): Map<string, string[]> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Map<string, string[]>();
  let counter = 0;

  const edges = (id: string) => (active.get(id)?.dependsOn ?? []).map((d) => d.value).filter((d) => active.has(d));

  // Iterative Tarjan: recursion would overflow on long chains of 10k specs.
  for (const start of active.keys()) {
    if (index.has(start)) continue;
    const work: { id: string; next: string[]; i: number }[] = [];
    const visit = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: edges(id), i: 0 });
    };
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++];
        if (!index.has(w)) visit(w);
        else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1];
        low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        const selfLoop = component.length === 1 && edges(component[0]).includes(component[0]);
        if (component.length > 1 || selfLoop) {
          const cycle = orderCycle(component, edges);
          for (const id of component) result.set(id, cycle);
        }
      }
    }
  }
  return result;
}

/** Orders a cycle's members along its edges for a readable message (`a → b → c → a`). */
function orderCycle(component: string[], edges: (id: string) => string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const path = [start];
  const seen = new Set([start]);
  let current = start;
  for (;;) {
    const next = edges(current).find((e) => members.has(e) && !seen.has(e));
    if (!next) break;
    path.push(next);
    seen.add(next);
    current = next;
  }
  return path.length === component.length ? path : component.sort();
}
