// "Chant: Work Spec": pick a spec (ready ones first), see a driver's plan, and run `chant work`
// in integrated terminals; a `▶ Work` code lens on spec files, tree and editor-title actions,
// run state for the tree, and the end-of-run announcement.
import * as vscode from 'vscode';
import type { Spec } from '../core/model';
import { shortId } from '../core/ids';
import { describePlan, planWork, type PlanResult, type RunPlan } from '../core/runPlan';
import { workCandidates } from '../core/workCandidates';
import { joinPath, relativePath } from '../core/paths';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { nodeProcessProbe } from '../node/processProbe';
import { ChantCliService } from './chantCliService';
import { Commands } from './commands';
import type { ChantContext } from './context';
import { RunTracker } from './runTracker';
import { specPathFromArg } from './specArgs';
import { WorkRunner, type WorkOutcome } from './workRunner';

/** Options a scripted caller (tests, other extensions) may pass after the target. */
export interface WorkOptions {
  /** `phases` (default) or `chain` for a driver. */
  mode?: 'phases' | 'chain';
  /** `false` skips the plan confirmation (dialogs cannot be answered in tests). */
  confirm?: boolean;
}

/** A launched run: its plan, and the outcome once every terminal reported. */
export interface WorkStart {
  plan: RunPlan;
  finished: Promise<WorkOutcome>;
}

export function registerWork(ctx: ChantContext): vscode.Disposable {
  const index = () => ctx.indexService.index;
  const cli = new ChantCliService(ctx.settings, ctx.logger);
  const tracker = new RunTracker(ctx.indexService, nodeFileSystem, nodeProcessProbe);
  const runner = new WorkRunner(tracker, ctx.logger);
  const disposables: vscode.Disposable[] = [cli, tracker, runner];
  ctx.services.runs = tracker;
  ctx.services.cli = cli;
  // Look the CLI up once at start (sets the `chantSpecs.cliAvailable` context key); never in an
  // untrusted workspace, where nothing is launched.
  if (vscode.workspace.isTrusted) void cli.status();
  void ctx.api.whenIndexed().then(() => tracker.refresh());

  const planFor = (spec: Spec, mode: WorkOptions['mode']): PlanResult =>
    planWork(index(), spec.root, spec.id, {
      mode,
      extraArgs: ctx.settings.get('workArgs', vscode.Uri.file(spec.path)),
      isRunning: (id) => tracker.isRunning(spec.root, id),
    });

  /** The spec a command argument names: a path, a Uri, a tree item with `specPath`, or an ID. */
  const resolveTarget = (arg: unknown): Spec | undefined => {
    const path = specPathFromArg(arg);
    if (path) {
      const byPath = index().byPath(path);
      if (byPath) return byPath;
      if (typeof arg === 'string' && !/[\\/]/.test(arg)) {
        for (const p of index().projects()) {
          const s = index().byId(p.root, arg);
          if (s) return s;
        }
      }
    }
    return undefined;
  };

  const work = async (spec: Spec, options: WorkOptions = {}): Promise<WorkStart | undefined> => {
    if (!vscode.workspace.isTrusted) {
      const choice = await vscode.window.showWarningMessage(
        `Chant: working ${spec.id} launches the chant CLI, which runs an AI agent with your permissions. That is disabled until you trust this workspace.`,
        'Manage Workspace Trust',
      );
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    let mode = options.mode;
    let result = planFor(spec, mode);
    if (!result.ok) {
      ctx.logger.warn(`plan for ${spec.id}: ${result.error}`);
      void vscode.window.showErrorMessage(`Chant: ${result.error}`);
      return undefined;
    }
    let plan = result.plan;
    logPlan(plan);
    if (plan.phases.length === 0) {
      const why = plan.skipped.map((s) => `${s.id} ${s.reason}`).join('; ');
      void vscode.window.showInformationMessage(`Chant: nothing to run for ${spec.id} (${why || 'no members'}).`);
      const outcome: WorkOutcome = { plan, ok: true, results: [], notStarted: [] };
      return { plan, finished: Promise.resolve(outcome) };
    }
    if (plan.mode !== 'single' && options.confirm !== false) {
      const choice = await confirmPlan(plan);
      if (!choice) return undefined;
      if (choice !== plan.mode) {
        mode = choice;
        result = planFor(spec, mode);
        if (!result.ok) {
          void vscode.window.showErrorMessage(`Chant: ${result.error}`);
          return undefined;
        }
        plan = result.plan;
      }
    }
    const executable = await cli.require(`work ${spec.id}`);
    if (!executable) return undefined;
    const finished = runner.execute(plan, executable, ctx.settings.get('maxParallelTerminals')).then((outcome) => {
      announce(spec, outcome, mode);
      return outcome;
    });
    return { plan, finished };
  };

  const logPlan = (plan: RunPlan) => {
    ctx.logger.info(`plan for ${plan.target} (${plan.mode}): ${describePlan(plan).join(' · ') || 'nothing to run'}`);
    for (const s of plan.skipped) ctx.logger.info(`  skipped ${s.id}: ${s.reason}`);
    for (const w of plan.warnings) ctx.logger.info(`  note: ${w}`);
    for (const step of plan.phases.flat()) {
      if (step.skipDepsBecause.length) ctx.logger.info(`  ${step.id} gets --skip-deps: ${step.skipDepsBecause.join('; ')}`);
    }
  };

  const confirmPlan = async (plan: RunPlan): Promise<'phases' | 'chain' | undefined> => {
    const cap = ctx.settings.get('maxParallelTerminals');
    const lines = describePlan(plan);
    const detail: string[] = [...lines];
    const widest = Math.max(...plan.phases.map((p) => p.length));
    if (plan.mode === 'phases' && widest > cap) detail.push(`At most ${cap} terminals at once (chantSpecs.work.maxParallelTerminals).`);
    for (const step of plan.phases.flat()) {
      if (step.skipDepsBecause.length) detail.push(`${step.id}: --skip-deps, because ${step.skipDepsBecause.join('; ')}; lint errors still stop it.`);
    }
    if (plan.skipped.length) detail.push(`Skipped: ${plan.skipped.map((s) => `${shortId(s.id)} (${s.reason})`).join(', ')}.`);
    for (const w of plan.warnings) detail.push(`Note: ${w}`);
    if (plan.mode === 'phases') {
      detail.push('Each member runs in its own terminal; a phase starts when every member of the previous one exited 0.');
      const choice = await vscode.window.showInformationMessage(
        `Work driver ${plan.target}?`, { modal: true, detail: detail.join('\n') }, 'Run Phases', 'Run as Chain (one terminal)');
      return choice === 'Run Phases' ? 'phases' : choice ? 'chain' : undefined;
    }
    const choice = await vscode.window.showInformationMessage(
      `Work driver ${plan.target} as chant chains it?`, { modal: true, detail: detail.join('\n') }, 'Run Chain');
    return choice ? 'chain' : undefined;
  };

  const announce = (spec: Spec, outcome: WorkOutcome, mode: WorkOptions['mode']) => {
    const plan = outcome.plan;
    const rerun = () => void work(spec, { mode, confirm: false });
    if (outcome.ok) {
      const ran = outcome.results.length;
      const message = plan.mode === 'phases'
        ? `Driver ${plan.target} complete. All ${ran} member${ran === 1 ? '' : 's'} succeeded.`
        : `chant work ${plan.target} finished.`;
      ctx.logger.info(message);
      const buttons = plan.mode === 'single' ? ['Open Spec', 'Open Log', 'Re-run'] : ['Open Spec'];
      void vscode.window.showInformationMessage(message, ...buttons).then((choice) => {
        if (choice === 'Open Spec') void openSpec(spec.path);
        if (choice === 'Open Log') void openLog(spec.root, plan.target);
        if (choice === 'Re-run') rerun();
      });
      return;
    }
    const failed = outcome.failed;
    const failedId = failed?.id ?? plan.target;
    const how = failed?.code !== undefined ? `exited with code ${failed.code}` : failed?.note ?? 'stopped';
    const logPath = `.chant/logs/${failedId}.log`;
    const rest = outcome.notStarted.length ? ` Not started: ${outcome.notStarted.map(shortId).join(', ')}.` : '';
    const message = plan.mode === 'phases'
      ? `Driver ${plan.target} stopped: member ${failedId} ${how}. Its log: ${logPath}.${rest}`
      : plan.mode === 'chain'
        ? `chant work ${plan.target} (chain) ${how}. Its terminal says which member failed; member logs are in .chant/logs/.`
        : `chant work ${plan.target} ${how}. Log: ${logPath}.`;
    ctx.logger.warn(message);
    const buttons = plan.mode === 'chain' ? ['Show Terminal', 'Open Spec', 'Re-run'] : ['Open Log', 'Show Terminal', 'Open Spec', 'Re-run'];
    void vscode.window.showErrorMessage(message, ...buttons).then((choice) => {
      if (choice === 'Open Log') void openLog(spec.root, failedId);
      if (choice === 'Show Terminal') runner.terminalOf(spec.root, failedId)?.show();
      if (choice === 'Open Spec') void openSpec(index().byId(spec.root, failedId)?.path ?? spec.path);
      if (choice === 'Re-run') rerun();
    });
  };

  const openSpec = (path: string) => vscode.window.showTextDocument(vscode.Uri.file(path), { preview: true });
  const openLog = async (root: string, id: string) => {
    const path = joinPath(root, '.chant', 'logs', `${id}.log`);
    if (!(await nodeFileSystem.stat(path))?.isFile) {
      void vscode.window.showInformationMessage(`No log yet for ${id} (${relativePath(root, path)}): chant stopped before starting its agent. Its terminal shows why.`);
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: true });
  };

  const pickAndWork = async (arg: unknown, options: WorkOptions | undefined, driversOnly: boolean) => {
    const spec = arg === undefined ? await pickSpec(driversOnly) : resolveTarget(arg);
    if (!spec) {
      if (arg !== undefined) void vscode.window.showErrorMessage('Chant: that is not a spec of an indexed Chant project.');
      return undefined;
    }
    return work(spec, { ...options, mode: options?.mode ?? (driversOnly ? 'chain' : undefined) });
  };

  const pickSpec = async (driversOnly: boolean): Promise<Spec | undefined> => {
    const items = workPickItems(driversOnly);
    if (items.length === 0) {
      void vscode.window.showInformationMessage(driversOnly ? 'Chant: no driver with members to work.' : 'Chant: no spec to work.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: driversOnly ? 'Work a driver as chant chains it' : 'Work a spec',
      placeHolder: 'Type to filter by ID or title; ready specs first',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return picked?.spec;
  };

  type PickItem = vscode.QuickPickItem & { spec?: Spec };
  const workPickItems = (driversOnly: boolean): PickItem[] => {
    const multiRoot = index().projects().length > 1;
    const projectName = new Map(index().projects().map((p) => [p.root, p.name]));
    const candidates = workCandidates(index(), {
      runState: (root, id) => tracker.stateOf(root, id),
      plan: (spec) => planFor(spec, driversOnly ? 'chain' : 'phases'),
      driversOnly,
    });
    const items: PickItem[] = [];
    let group: boolean | undefined;
    for (const c of candidates) {
      if (c.ready !== group) {
        group = c.ready;
        items.push({ label: c.ready ? 'Ready to work' : 'Not ready', kind: vscode.QuickPickItemKind.Separator });
      }
      const state = c.isDriver ? `driver, ${c.progress?.completed ?? 0}/${c.progress?.total ?? 0} members done` : c.look;
      items.push({
        label: `$(${LOOK_ICONS[c.look] ?? 'circle-large-outline'}) ${c.spec.title ?? c.spec.id}`,
        description: [c.spec.id, state, multiRoot ? projectName.get(c.spec.root) : undefined].filter(Boolean).join(' · '),
        detail: c.detail,
        spec: c.spec,
      });
    }
    return items;
  };

  const codeLenses = new WorkCodeLensProvider(ctx, tracker);
  disposables.push(
    codeLenses,
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/.chant/specs/**/*.md' }, codeLenses),
    vscode.commands.registerCommand(Commands.workSpec, (arg?: unknown, options?: WorkOptions) => pickAndWork(arg, options, false)),
    vscode.commands.registerCommand(Commands.workSpecChain, (arg?: unknown, options?: WorkOptions) => pickAndWork(arg, { ...options, mode: 'chain' }, true)),
    vscode.commands.registerCommand(Commands.showRunTerminal, (arg?: unknown) => {
      const spec = resolveTarget(arg);
      const terminal = spec && runner.terminalOf(spec.root, spec.id);
      if (terminal) terminal.show();
      else void vscode.window.showInformationMessage(spec ? `Chant: ${spec.id} has no terminal of this window (chant may run elsewhere; see .chant/logs/${spec.id}.log).` : 'Chant: no spec given.');
    }),
  );

  ctx.api.plan = (target, options) => {
    const spec = resolveTarget(target);
    if (!spec) return { ok: false, error: `No spec ${target}.` };
    return planFor(spec, options?.mode);
  };
  ctx.api.runs = () => tracker.list();
  ctx.api.work = async (target, options) => {
    const spec = resolveTarget(target);
    return spec ? work(spec, options) : undefined;
  };
  ctx.api.cliStatus = () => cli.status();
  return vscode.Disposable.from(...disposables);
}

/** Codicons for a candidate's look (status, `ready`, `running`, `stale`). */
const LOOK_ICONS: Record<string, string> = {
  ready: 'play-circle', running: 'sync~spin', stale: 'warning', pending: 'circle-large-outline', blocked: 'circle-slash',
  in_progress: 'sync', failed: 'error', needs_attention: 'warning', paused: 'debug-pause', completed: 'pass', cancelled: 'close',
};

/** `▶ Work` above the title of every active spec file; `Running…` while it runs. */
class WorkCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly ctx: ChantContext, private readonly tracker: RunTracker) {
    this.disposables = [
      this.emitter,
      ctx.indexService.onDidChange(() => this.emitter.fire()),
      tracker.onDidChange(() => this.emitter.fire()),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const spec = this.ctx.indexService.index.byPath(document.uri.fsPath);
    if (!spec || spec.archived || !spec.loadable) return [];
    const line = spec.titleRange?.start.line ?? 0;
    const range = new vscode.Range(line, 0, line, 0);
    const run = this.tracker.stateOf(spec.root, spec.id);
    if (run === 'running') {
      return [new vscode.CodeLens(range, { title: '$(sync~spin) Running…', tooltip: 'Show its terminal', command: Commands.showRunTerminal, arguments: [spec.path] })];
    }
    const rel = this.ctx.indexService.index.relationsOf(spec);
    const lenses = [new vscode.CodeLens(range, { title: '▶ Work', tooltip: `chant work ${spec.id}`, command: Commands.workSpec, arguments: [spec.path] })];
    if (rel.members.length > 0) {
      lenses.push(new vscode.CodeLens(range, { title: 'Work as chain', tooltip: `chant work ${spec.id} in one terminal, as chant chains its members`, command: Commands.workSpecChain, arguments: [spec.path] }));
    }
    return lenses;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
