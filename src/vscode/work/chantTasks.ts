// `chant work` as a VS Code task of type `chant` (package.json `taskDefinitions`): a provider lists
// the specs that can run ("Run Task", "Rerun Last Task", tasks.json, keybindings), and the
// extension's own runs go through the same tasks. Each task is a CustomExecution whose terminal
// runs chant as an argv array (src/node/chantProcess.ts): its output is shown as it comes and
// kept, so the extension can read chant's reason when it refuses, and the exit code comes back
// through the task terminal's close, the same on every OS. Nothing runs in an untrusted workspace.
import * as vscode from 'vscode';
import { chantRefusal, type ChantRefusal } from '../../core/chantOutput';
import { shortId } from '../../core/ids';
import type { Spec } from '../../core/model';
import { localDate } from '../../core/newSpec';
import { isInside } from '../../core/paths';
import { workArgs, type RunCommand } from '../../core/runPlan';
import { resolveSpecRef } from '../../core/specRef';
import { iconLabelText } from '../../core/text';
import { startChantProcess, type ChantProcess } from '../../node/chantProcess';
import type { CliQuery } from '../context';
import { Disposable } from '../disposable';
import type { IndexService } from '../indexService';
import type { RunTracker } from './runTracker';

export const CHANT_TASK_TYPE = 'chant';

/** A `chant` task as written in tasks.json: `{ "type": "chant", "spec": "ID", "args": ["--skip-criteria"] }`. */
export interface ChantTaskDefinition extends vscode.TaskDefinition {
  type: typeof CHANT_TASK_TYPE;
  /** The spec to work (full ID, or a short ID chant resolves). */
  spec: string;
  /** Extra `chant work` arguments (same rules as `chantSpecs.work.extraArgs`). */
  args?: string[];
  /** Set by the extension's own runs of other subcommands (merge, approve…); tasks.json runs `work`. */
  command?: string;
}

/** How one chant process of a task ended. */
export interface ChantRunEnd {
  root: string;
  id: string;
  args: string[];
  code: number;
  output: string;
  /** chant's reason when it stopped with an error, and the option that proceeds. */
  refusal?: ChantRefusal;
  /** Started by the task UI (Run Task, tasks.json, Rerun Last Task) rather than by a command waiting for its end. */
  fromTaskUi: boolean;
}

const key = (root: string, id: string) => `${root}\u0000${id}`;

export class ChantTasks extends Disposable {
  private readonly ended = this._register(new vscode.EventEmitter<ChantRunEnd>());
  /** Fires when a chant process of a `chant` task exits. */
  readonly onDidEnd = this.ended.event;
  /** Runs started by the extension: the task name → the callback waiting for its end. */
  private readonly waiting = new Map<string, (end: ChantRunEnd) => void>();

  constructor(
    private readonly indexService: IndexService,
    private readonly cli: CliQuery,
    private readonly tracker: RunTracker,
    private readonly logger: vscode.LogOutputChannel,
    /** Specs the provider lists: those `chant work` would start now. */
    private readonly runnable: () => Spec[],
  ) {
    super();
    this._register(vscode.tasks.registerTaskProvider(CHANT_TASK_TYPE, {
      provideTasks: () => (vscode.workspace.isTrusted ? this.runnable().map((s) => this.provided(s)).filter((t): t is vscode.Task => !!t) : []),
      resolveTask: (task) => this.resolve(task),
    }));
  }

  /**
   * Runs `chant <args>` in `root` as a task with the verified executable; resolves when chant exits.
   * `id`: the spec it is about (a `work` run counts as running it while chant runs).
   */
  async run(root: string, args: string[], executable: string, id?: string): Promise<ChantRunEnd> {
    const task = this.taskFor(root, id, args, executable);
    if (!task) return { root, id: id ?? '', args, code: 1, output: '', fromTaskUi: false };
    const done = new Promise<ChantRunEnd>((resolve) => this.waiting.set(task.name + key(root, id ?? ''), resolve));
    await vscode.tasks.executeTask(task);
    return done;
  }

  /** The terminal of the last task of a spec, while it is open. */
  terminalOf(root: string, id: string): vscode.Terminal | undefined {
    const name = taskName(['work'], id);
    void root;
    return vscode.window.terminals.find((t) => t.name === name || t.name.includes(name));
  }

  private resolve(task: vscode.Task): vscode.Task | undefined {
    const def = task.definition as Partial<ChantTaskDefinition>;
    if (def.type !== CHANT_TASK_TYPE || typeof def.spec !== 'string' || (def.command !== undefined && def.command !== 'work')) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : undefined;
    const spec = this.findSpec(def.spec, folder);
    if (!spec) return undefined;
    const extra = Array.isArray(def.args) ? def.args.filter((a): a is string => typeof a === 'string') : [];
    let args: string[];
    try {
      args = workArgs(spec.id, { extraArgs: extra });
    } catch (e) {
      this.logger.warn(`chant task ${def.spec}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    const resolved = this.taskFor(spec.root, spec.id, args);
    if (!resolved) return undefined;
    // VS Code wants the definition it gave back unchanged.
    return new vscode.Task(task.definition, resolved.scope ?? vscode.TaskScope.Workspace, resolved.name, resolved.source, resolved.execution, []);
  }

  /** The spec a task definition names (full or short ID), in the task's folder when it has one. */
  private findSpec(ref: string, folder: vscode.WorkspaceFolder | undefined): Spec | undefined {
    const index = this.indexService.index;
    const roots = index.projects().map((p) => p.root).filter((r) => !folder || isInside(folder.uri.fsPath, r));
    const res = resolveSpecRef(index, ref, roots, localDate(new Date()));
    return res.kind === 'found' ? res.spec : undefined;
  }

  private provided(spec: Spec): vscode.Task | undefined {
    try {
      return this.taskFor(spec.root, spec.id, workArgs(spec.id));
    } catch {
      return undefined; // an ID chant's grammar would not give us: never offered
    }
  }

  /**
   * The task running `chant <args>` in `root` (about spec `id`); `executable` when the extension
   * already verified it, else looked up when the task starts.
   */
  private taskFor(root: string, id: string | undefined, args: string[], executable?: string): vscode.Task | undefined {
    const isWork = args[0] === 'work' && id !== undefined;
    const definition: ChantTaskDefinition = isWork && args.length > 2
      ? { type: CHANT_TASK_TYPE, spec: id, args: args.slice(2) }
      : isWork ? { type: CHANT_TASK_TYPE, spec: id } : { type: CHANT_TASK_TYPE, spec: id ?? '', command: args[0], args: args.slice(1) };
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root)) ?? vscode.TaskScope.Workspace;
    const name = taskName(args, id);
    const k = key(root, id ?? '');
    const execution = new vscode.CustomExecution(async () => {
      const exe = executable ?? (await this.cli.require(vscode.l10n.t('run chant {0}', args[0])));
      const command: RunCommand = { command: exe ?? '', args, cwd: root, env: {}, label: name };
      return new ChantPty(command, exe ? undefined : vscode.l10n.t('The chant CLI was not found.'), {
        started: () => {
          this.logger.info(`${id ?? root}: ${JSON.stringify([command.command, ...args])} in ${root}`);
          if (isWork) this.tracker.startedTerminal(root, id);
        },
        ended: (code, output) => {
          if (isWork) this.tracker.endedTerminal(root, id);
          this.logger.info(`${id ?? root}: chant ${args[0]} exited with code ${code}`);
          const refusal = code === 0 ? undefined : chantRefusal(output);
          // No command waits for it: the task UI started it, also when it reruns a task the
          // extension started (Rerun Last Task runs this same execution again).
          const waiter = this.waiting.get(name + k);
          this.waiting.delete(name + k);
          const end: ChantRunEnd = { root, id: id ?? '', args, code, output, fromTaskUi: !waiter };
          if (refusal) end.refusal = refusal;
          waiter?.(end);
          this.ended.fire(end);
        },
      });
    });
    const task = new vscode.Task(definition, folder, name, CHANT_TASK_TYPE, execution, []);
    // Run Task draws `$(name)` in a detail as an icon: the title is shown as written.
    const title = id ? this.indexService.index.byId(root, id)?.title : undefined;
    if (title !== undefined) task.detail = iconLabelText(title);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true, focus: false, showReuseMessage: true };
    return task;
  }

  override dispose(): void {
    super.dispose();
    this.waiting.clear();
  }
}

/** A task's (and its terminal's) name: the subcommand and the spec's short ID (terminal tabs cut long names). */
export function taskName(args: string[], id: string | undefined): string {
  return id ? `${args[0]} ${shortId(id)}` : `chant ${args[0]}`;
}

/** The terminal of one chant process: its output with CRLF line ends; Ctrl+C and input reach chant. */
class ChantPty implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private process: ChantProcess | undefined;
  private finished = false;

  constructor(private readonly command: RunCommand, private readonly cannotStart: string | undefined,
    private readonly hooks: { started(): void; ended(code: number, output: string): void }) {}

  open(): void {
    if (!vscode.workspace.isTrusted || this.cannotStart) {
      this.writer.fire(`${this.cannotStart ?? vscode.l10n.t('Chant runs no process in an untrusted workspace.')}\r\n`);
      this.finish(1, '');
      return;
    }
    this.writer.fire(`\x1b[2m> chant ${this.command.args.join(' ')}\x1b[0m\r\n`);
    this.hooks.started();
    this.process = startChantProcess(this.command, (text) => this.writer.fire(text.replace(/\r?\n/g, '\r\n')));
    void this.process.exited.then(({ code, output }) => {
      this.writer.fire(`\r\n\x1b[2m${code === 0 ? vscode.l10n.t('chant finished.') : vscode.l10n.t('chant exited with code {0}.', code)}\x1b[0m\r\n`);
      this.finish(code, output);
    });
  }

  handleInput(data: string): void {
    if (data === '\x03') this.process?.kill('SIGINT');
    else this.process?.write(data.replace(/\r/g, '\n'));
  }

  close(): void {
    // The user closed the terminal or terminated the task: stop chant; its exit still reports.
    this.process?.kill('SIGTERM');
  }

  private finish(code: number, output: string): void {
    if (this.finished) return;
    this.finished = true;
    this.hooks.ended(code, output);
    this.closer.fire(code);
    this.writer.dispose();
    this.closer.dispose();
  }
}
