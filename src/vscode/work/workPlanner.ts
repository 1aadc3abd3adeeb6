// What working a spec would run, with this window's settings and run state: the plan of one spec
// and the specs `chant work` would start now (the task provider and the Work Spec pick list).
import * as vscode from 'vscode';
import type { Spec } from '../../core/model';
import { planWork, type PlanResult } from '../../core/runPlan';
import { workCandidates, type WorkCandidate } from '../../core/workCandidates';
import type { IndexService } from '../indexService';
import type { Settings } from '../settings';
import type { RunTracker } from './runTracker';

/** The flags chant offers after a refusal; the only ones `WorkOptions.flags` passes on. */
const PROCEED_FLAGS = new Set(['--skip-criteria', '--skip-deps', '--skip-approval', '--allow-no-commits']);

export class WorkPlanner {
  constructor(private readonly indexService: IndexService, private readonly settings: Settings, private readonly tracker: RunTracker) {}

  planFor(spec: Spec, mode: 'phases' | 'chain' | undefined, flags: string[] = []): PlanResult {
    return planWork(this.indexService.index, spec.root, spec.id, {
      mode,
      extraArgs: [...this.settings.get('workArgs', vscode.Uri.file(spec.path)), ...flags.filter((f) => PROCEED_FLAGS.has(f))],
      isRunning: (id) => this.tracker.isRunning(spec.root, id),
    });
  }

  /** Every spec one could work, ready ones first (drivers only: as chains). */
  candidates(driversOnly: boolean): WorkCandidate[] {
    return workCandidates(this.indexService.index, {
      runState: (root, id) => this.tracker.stateOf(root, id),
      plan: (spec) => this.planFor(spec, driversOnly ? 'chain' : 'phases'),
      driversOnly,
    });
  }

  /** The specs `chant work` would start now. */
  runnable(): Spec[] {
    return this.candidates(false).filter((c) => c.ready).map((c) => c.spec);
  }
}
