// The specs "Chant: Work Spec" offers: ready ones first, then the others with why they are not
// ready (chant's own reasons, or why the driver's plan is refused). Plain data; the QuickPick in
// src/vscode/work/workFeature.ts only renders it.

import * as l10n from '@vscode/l10n';
import type { Spec } from './model';
import { compareSpecIds } from './ids';
import { describePlan, type PlanResult } from './runPlan';
import { describeBlockReason, type SpecIndex } from './specIndex';
import { workAccepts } from './relations';

export interface WorkCandidate {
  spec: Spec;
  ready: boolean;
  isDriver: boolean;
  /** `running`, `stale`, `ready`, or the derived status: what the row's icon shows. */
  look: string;
  /** For drivers, `completed/total` members. */
  progress?: { completed: number; total: number };
  /** The plan summary of a ready driver, or why a spec is not ready. */
  detail?: string;
}

export interface CandidateOptions {
  /** Run state of a spec (terminals and chant's lock/pid files). */
  runState(root: string, id: string): 'running' | 'stale' | undefined;
  /** The plan a driver would run (same options as the command uses). */
  plan(spec: Spec): PlanResult;
  /** Only specs with members (for "Work Driver as Chain"). */
  driversOnly?: boolean;
}

/** Active, loadable specs worth offering, ready first, each group in chant's order per project. */
export function workCandidates(index: Pick<SpecIndex, 'all' | 'relationsOf'>, options: CandidateOptions): WorkCandidate[] {
  const out: WorkCandidate[] = [];
  for (const spec of index.all()) {
    const rel = index.relationsOf(spec);
    if (spec.archived || !spec.loadable || rel.duplicateOf) continue;
    const isDriver = rel.members.length > 0;
    if (options.driversOnly && !isDriver) continue;
    const run = options.runState(spec.root, spec.id);
    let ready: boolean;
    let detail: string | undefined;
    if (isDriver) {
      if (rel.status === 'completed' || rel.status === 'cancelled') continue;
      const result = options.plan(spec);
      ready = result.ok && result.plan.phases.length > 0 && !run;
      detail = !result.ok ? result.error : result.plan.phases.length ? describePlan(result.plan).join('  ·  ') : l10n.t('every member is already done');
    } else {
      if (spec.status === 'completed' || spec.status === 'cancelled') continue;
      const reasons = [...new Set([...rel.blockedBy, ...rel.workBlockedBy].map(describeBlockReason))];
      // Offered as ready: listed by `chant list --ready` (the Explorer's Ready group) and
      // accepted by `chant work` (workAccepts); either alone goes below with its reasons.
      ready = rel.ready && workAccepts(spec, rel).accepted && !run;
      detail = run === 'running' ? l10n.t('running now')
        : run === 'stale' ? l10n.t('stale lock: the process that held it is gone')
          : reasons.length ? reasons.join('; ')
            : ready ? undefined : notReadyBecause(spec.status);
    }
    const look = run ?? (ready ? 'ready' : rel.status);
    out.push({ spec, ready, isDriver, look, detail, progress: rel.memberProgress });
  }
  const order = (a: WorkCandidate, b: WorkCandidate) =>
    Number(b.ready) - Number(a.ready)
    || (a.spec.root < b.spec.root ? -1 : a.spec.root > b.spec.root ? 1 : 0)
    || compareSpecIds(a.spec.id, b.spec.id)
    || (a.spec.id < b.spec.id ? -1 : a.spec.id > b.spec.id ? 1 : 0);
  return out.sort(order);
}

function notReadyBecause(status: string): string {
  if (status === 'in_progress') return l10n.t('in_progress on disk, but not running here (a stale run?)');
  if (status === 'paused' || status === 'needs_attention' || status === 'ready' || status === 'blocked') return l10n.t("status {0}: chant's list never calls it ready (chant work still accepts it)", status);
  return l10n.t('not ready');
}
