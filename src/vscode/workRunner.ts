// Executes run plans in integrated terminals: one terminal per `chant work`, the steps of a phase
// side by side (at most `maxParallelTerminals` at once), the next phase only when every step of
// the current one exited 0. A failure stops the plan; steps already running are left to finish.
import * as vscode from 'vscode';
import { stepCommand, terminalName, type RunPlan, type RunStep } from '../core/runPlan';
import { ExitCodeFiles, terminalLaunch } from '../node/terminalLaunch';
import type { RunTracker } from './runTracker';

/** How one `chant work` ended: `code` undefined when its terminal closed before chant reported. */
export interface StepResult {
  id: string;
  code: number | undefined;
  note?: string;
}

export interface WorkOutcome {
  plan: RunPlan;
  ok: boolean;
  /** Steps in the order they ended. */
  results: StepResult[];
  /** The first step that did not exit 0. */
  failed?: StepResult;
  /** Steps never started because of the failure. */
  notStarted: string[];
}

interface LiveTerminal {
  root: string;
  id: string;
  exitFile?: string;
  done: boolean;
  settle(code: number | undefined, note?: string): void;
}

const specKey = (root: string, id: string) => `${root}\u0000${id}`;

export class WorkRunner implements vscode.Disposable {
  private readonly exitFiles = new ExitCodeFiles();
  private readonly live = new Map<vscode.Terminal, LiveTerminal>();
  /** The last terminal opened for each spec (kept open after exit to show output). */
  private readonly lastTerminal = new Map<string, vscode.Terminal>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly activePlans = new Set<RunPlan>();
  private disposed = false;

  constructor(private readonly tracker: RunTracker, private readonly logger: vscode.LogOutputChannel) {
    // Running specs are counted by the one Chant status bar item (statusBar.ts), from the tracker.
    this.disposables.push(vscode.window.onDidCloseTerminal((t) => void this.onClosed(t)));
  }

  /** The terminal last opened for a spec, if still open. */
  terminalOf(root: string, id: string): vscode.Terminal | undefined {
    return this.lastTerminal.get(specKey(root, id));
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
          const pump = () => {
            while (!this.disposed && failures.length === 0 && active < cap && queue.length > 0) {
              const step = queue.shift()!;
              active++;
              void this.runStep(step, executable).then((r) => {
                active--;
                results.push(r);
                if (r.code !== 0) failures.push(r);
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

  /** Opens a terminal running one step; resolves with chant's exit code. */
  private runStep(step: RunStep, executable: string): Promise<StepResult> {
    if (this.tracker.isRunning(step.cwd, step.id)) {
      return Promise.resolve({ id: step.id, code: undefined, note: vscode.l10n.t('already running') });
    }
    return new Promise<StepResult>((resolve) => {
      const command = stepCommand(step, executable);
      const entry: LiveTerminal = {
        root: step.cwd,
        id: step.id,
        done: false,
        settle: (code, note) => {
          if (entry.done) return;
          entry.done = true;
          if (entry.exitFile) this.exitFiles.release(entry.exitFile);
          this.tracker.endedTerminal(step.cwd, step.id);
          this.logger.info(`${step.id}: chant exited ${code === undefined ? `(${note ?? 'no exit code'})` : `with code ${code}`}`);
          resolve(note === undefined ? { id: step.id, code } : { id: step.id, code, note });
        },
      };
      const exitFile = this.exitFiles.allocate((code) => entry.settle(code));
      const launch = terminalLaunch(command, exitFile);
      if (launch.reportsThroughFile) entry.exitFile = exitFile;
      else this.exitFiles.release(exitFile);

      // A finished terminal of an earlier run of this spec would only confuse: replace it.
      const previous = this.lastTerminal.get(specKey(step.cwd, step.id));
      if (previous && this.live.get(previous)?.done !== false) previous.dispose();

      this.logger.info(`${step.id}: ${JSON.stringify([command.command, ...command.args])} in ${command.cwd}`);
      const terminal = vscode.window.createTerminal({
        name: terminalName(step.id),
        shellPath: launch.shellPath,
        shellArgs: launch.shellArgs,
        cwd: launch.cwd,
        env: launch.env,
        iconPath: new vscode.ThemeIcon('play'),
        isTransient: true,
      });
      this.live.set(terminal, entry);
      this.lastTerminal.set(specKey(step.cwd, step.id), terminal);
      this.tracker.startedTerminal(step.cwd, step.id);
      terminal.show(true);
    });
  }

  private async onClosed(terminal: vscode.Terminal): Promise<void> {
    for (const [k, t] of this.lastTerminal) if (t === terminal) this.lastTerminal.delete(k);
    const entry = this.live.get(terminal);
    if (!entry) return;
    this.live.delete(terminal);
    // The code file wins (it is chant's own code); the terminal's status is the fallback.
    const fromFile = entry.exitFile ? await this.exitFiles.readNow(entry.exitFile) : undefined;
    if (fromFile !== undefined) return entry.settle(fromFile);
    if (entry.exitFile) return entry.settle(undefined, vscode.l10n.t('terminal closed before chant finished'));
    entry.settle(terminal.exitStatus?.code, terminal.exitStatus?.code === undefined ? vscode.l10n.t('terminal closed') : undefined);
  }


  dispose(): void {
    this.disposed = true;
    for (const entry of this.live.values()) entry.settle(undefined, vscode.l10n.t('extension stopped'));
    this.live.clear();
    this.exitFiles.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
