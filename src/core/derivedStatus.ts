// The status chant derives in memory for an active spec (chant-format.md §4): why it is blocked
// (`is_blocked`, as loading and as `chant list` ask it), whether its earlier siblings are done,
// and what `chant work` would refuse. Pure functions over the project's active specs, used by
// ProjectRelations (relations.ts) for each spec it recomputes.

import * as l10n from '@vscode/l10n';
import { driverIdOf, earlierSiblingNumbers, isMemberOf, memberNumberOf } from './ids';
import { FINISHED_STATUSES, type DerivedStatus, type Spec } from './model';

/** Why a spec is blocked (chant's `is_blocked`) or why `chant work` would refuse it. */
export type BlockReason =
  | { kind: 'dependency'; id: string; state: 'missing' | 'archived' | 'cross-repo' | 'unfinished' | 'cancelled' | 'invalid'; status?: string }
  | { kind: 'driver-dependency'; driver: string; id: string; state: 'missing' | 'archived' | 'cross-repo' | 'unfinished' | 'cancelled' | 'invalid'; status?: string }
  | { kind: 'approval'; status: 'pending' | 'rejected' }
  | { kind: 'sibling'; id: string; state: 'missing' | 'unfinished' | 'cancelled'; status?: string; through?: string }
  | { kind: 'members'; incomplete: string[] }
  | { kind: 'lint'; rule: 'title' | 'dependency'; message: string }
  | { kind: 'cycle'; cycle: string[] };

function depState(dep: Spec | undefined, archivedIds: ReadonlyMap<string, unknown>, id: string): 'missing' | 'archived' | 'cross-repo' | 'invalid' | undefined {
  if (dep) return dep.loadable ? undefined : 'invalid';
  if (id.includes(':')) return 'cross-repo';
  return archivedIds.has(id) ? 'archived' : 'missing';
}

/**
 * chant's `is_blocked` reasons for an active spec with status `status`; `dropCancelled`: as
 * `chant list` asks it, after leaving cancelled specs out (a cancelled dependency then blocks,
 * and a cancelled driver's dependencies are not looked at).
 */
export function blockedReasons(
  s: Spec, status: DerivedStatus, active: Map<string, Spec>, invalidActive: Map<string, Spec>, archivedIds: ReadonlyMap<string, unknown>, dropCancelled: boolean,
): BlockReason[] {
  const reasons: BlockReason[] = [];
  const unmet = (dep: Spec) => (dropCancelled ? dep.status !== 'completed' : !FINISHED_STATUSES.has(dep.status));
  for (const d of s.dependsOn) {
    const dep = active.get(d.value);
    const state = depState(dep ?? invalidActive.get(d.value), archivedIds, d.value);
    if (state) reasons.push({ kind: 'dependency', id: d.value, state });
    else if (dep && unmet(dep)) reasons.push({ kind: 'dependency', id: d.value, state: dep.status === 'cancelled' ? 'cancelled' : 'unfinished', status: dep.status });
  }
  const driverId = driverIdOf(s.id);
  const driver = driverId ? active.get(driverId) : undefined;
  if (driver && driverId && !(dropCancelled && driver.status === 'cancelled')) {
    for (const d of driver.dependsOn) {
      if (isMemberOf(d.value, driverId)) continue; // chant 0.23.2: siblings in the driver's deps don't block members
      const dep = active.get(d.value);
      const state = depState(dep ?? invalidActive.get(d.value), archivedIds, d.value);
      if (state) reasons.push({ kind: 'driver-dependency', driver: driverId, id: d.value, state });
      else if (dep && unmet(dep)) reasons.push({ kind: 'driver-dependency', driver: driverId, id: d.value, state: dep.status === 'cancelled' ? 'cancelled' : 'unfinished', status: dep.status });
    }
  }
  if (status === 'pending' && s.approval?.required && s.approval.status !== 'approved') {
    reasons.push({ kind: 'approval', status: s.approval.status === 'rejected' ? 'rejected' : 'pending' });
  }
  return reasons;
}

/** chant's `all_prior_siblings_completed`. */
export function priorSiblingsDone(s: Spec, active: Map<string, Spec>): boolean {
  const driverId = driverIdOf(s.id);
  const n = memberNumberOf(s.id);
  if (!driverId || n === undefined || s.hasDependsOnKey) return true;
  for (const k of earlierSiblingNumbers(driverId, n, active)) {
    if (!FINISHED_STATUSES.has(active.get(`${driverId}.${k}`)!.status)) return false;
  }
  return true;
}

/** Missing siblings listed one by one up to this many in a row; a longer run is one reason. */
const MAX_LISTED_MISSING = 100;

/** chant's `get_blocking_dependencies` plus the lint errors that make `chant work` abort. */
export function workBlockers(s: Spec, active: Map<string, Spec>, archivedIds: ReadonlyMap<string, unknown>, invalidActive: Map<string, Spec>): BlockReason[] {
  const reasons: BlockReason[] = [];
  if (s.title === undefined) reasons.push({ kind: 'lint', rule: 'title', message: l10n.t('the spec has no `# ` title line') });
  for (const d of s.dependsOn) {
    const dep = active.get(d.value);
    const state = depState(dep ?? invalidActive.get(d.value), archivedIds, d.value);
    if (state) {
      reasons.push({ kind: 'lint', rule: 'dependency', message: l10n.t('depends_on `{0}` is not an active spec ({1})', d.value, state) });
    } else if (dep && dep.status !== 'completed') {
      reasons.push({ kind: 'dependency', id: d.value, state: dep.status === 'cancelled' ? 'cancelled' : 'unfinished', status: dep.status });
    }
  }
  const driverId = driverIdOf(s.id);
  const n = memberNumberOf(s.id);
  if (driverId && n !== undefined) {
    // chant lists each of .1 … .N-1 that is missing; N comes from a file name, so a long run of
    // missing numbers is one reason (`through`) rather than a loop as long as N.
    const missing = (from: number, to: number) => {
      if (to - from > MAX_LISTED_MISSING) reasons.push({ kind: 'sibling', id: `${driverId}.${from}`, through: `${driverId}.${to - 1}`, state: 'missing' });
      else for (let k = from; k < to; k++) reasons.push({ kind: 'sibling', id: `${driverId}.${k}`, state: 'missing' });
    };
    let next = 1;
    for (const k of earlierSiblingNumbers(driverId, n, active)) {
      missing(next, k);
      const sibId = `${driverId}.${k}`;
      const sib = active.get(sibId)!;
      if (sib.status !== 'completed') reasons.push({ kind: 'sibling', id: sibId, state: sib.status === 'cancelled' ? 'cancelled' : 'unfinished', status: sib.status });
      next = k + 1;
    }
    missing(next, n);
  }
  return reasons;
}

/** One line a user can read for each reason. */
export function describeBlockReason(r: BlockReason): string {
  switch (r.kind) {
    case 'dependency':
      return l10n.t('depends on {0} ({1})', r.id, String(r.state === 'unfinished' ? r.status : r.state));
    case 'driver-dependency':
      return l10n.t('driver {0} depends on {1} ({2})', r.driver, r.id, String(r.state === 'unfinished' ? r.status : r.state));
    case 'approval':
      return r.status === 'rejected' ? l10n.t('approval rejected') : l10n.t('awaiting approval');
    case 'sibling':
      if (r.through) return l10n.t('earlier members {0} … {1} are missing', r.id, r.through);
      return l10n.t('earlier member {0} is {1}', r.id, String(r.state === 'unfinished' ? r.status : r.state));
    case 'members':
      return l10n.t('members not completed: {0}', r.incomplete.join(', '));
    case 'lint':
      return l10n.t('chant lint ({0}): {1}', r.rule, r.message);
    case 'cycle':
      return l10n.t('dependency cycle: {0}', [...r.cycle, r.cycle[0]].join(' → '));
  }
}
