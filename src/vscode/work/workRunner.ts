// Executes run plans as `chant` tasks: one task terminal per `chant work`, the steps of a phase
// side by side (at most `maxParallelTerminals` at once), the next phase only when every step of
// the current one exited 0. A failure stops the plan; steps already running are left to finish.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunPlan, RunStep } from '../../core/runPlan';
import type { StepResult, WorkOutcome } from '../api';
import type { ChantTasks } from './chantTasks';

export class WorkRunner implements vscode.Disposable {
  private readonly activePlans = new Set<RunPlan>();
  private running = 0;
  private disposed = false;

  constructor(private readonly tasks: ChantTasks, private readonly isRunning: (root: string, id: string) => boolean, private readonly logger: vscode.LogOutputChannel) {
    // Running specs are counted by the one Chant status bar item (statusBar.ts), from the tracker.
  }

  /** The terminal of the last run of a spec, if still open. */
  terminalOf(root: string, id: string): vscode.Terminal | undefined {
    return this.tasks.terminalOf(root, id);
  }

  /** Runs `plan` with the verified executable; resolves when it ends (success, failure or stop). */
  async execute(plan: RunPlan, executable: string, maxParallel: number): Promise<WorkOutcome> {
    const results: StepResult[] = [];
    const cap = Math.max(1, maxParallel);
    this.activePlans.add(plan);
    try {
      for (let p = 0; p < plan.phases.length; p++) {
        const queue = [...plan.phases[p]];
        this.logger.info(`${plan.target}: phase ${p + 1}/${plan.phases.length}: ${queue.map((s) => s.id).join(' ')}`);
        const failures: StepResult[] = [];
        await new Promise<void>((resolve) => {
          let active = 0;
          let starting = false;
          const pump = () => {
            // One start at a time: chant 0.23.2 loads every spec while another chant renames a
            // spec file into place, and fails ("Failed to load specs") when two start together.
            // The next member starts once the previous one's agent runs (its pid file) or it ended.
            if (!starting && !this.disposed && failures.length === 0 && active < cap && queue.length > 0) {
              const step = queue.shift()!;
              active++;
              starting = true;
              let ended = false;
              void this.runStep(step, executable).then((r) => {
                ended = true;
                active--;
                results.push(r);
                if (r.code !== 0) failures.push(r);
                pump();
              });
              void this.agentStarted(step, () => ended).then(() => {
                starting = false;
                pump();
              });
            }
            if (active === 0 && (queue.length === 0 || failures.length > 0 || this.disposed)) resolve();
          };
          pump();
        });
        if (failures.length > 0 || this.disposed) {
          const notStarted = [...queue, ...plan.phases.slice(p + 1).flat()].map((s) => s.id);
          return { plan, ok: false, results, failed: failures[0], notStarted };
        }
      }
      return { plan, ok: true, results, notStarted: [] };
    } finally {
      this.activePlans.delete(plan);
    }
  }

  /** Resolves when chant started the step's agent (`.chant/pids/ID.pid`), the step ended, or after 20 s. */
  private async agentStarted(step: RunStep, ended: () => boolean): Promise<void> {
    const pidFile = path.join(step.cwd, '.chant', 'pids', `${step.id}.pid`);
    const deadline = Date.now() + 20_000;
    while (!ended() && !this.disposed && Date.now() < deadline && !fs.existsSync(pidFile)) await new Promise((r) => setTimeout(r, 100));
  }

  /** Runs one step as a `chant` task; resolves with chant's exit code and what it said. */
  private async runStep(step: RunStep, executable: string): Promise<StepResult> {
    if (this.isRunning(step.cwd, step.id)) return { id: step.id, code: undefined, note: vscode.l10n.t('already running') };
    this.running++;
    try {
      const end = await this.tasks.run(step.cwd, step.argv.slice(1), executable, step.id);
      const result: StepResult = { id: step.id, code: end.code, args: end.args, output: end.output };
      if (end.refusal) result.refusal = end.refusal;
      return result;
    } finally {
      this.running--;
    }
  }


  dispose(): void {
    this.disposed = true;
  }
}
