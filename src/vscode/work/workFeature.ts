// "Chant: Work Spec": pick a spec (ready ones first), see a driver's plan, and run `chant work`
// in integrated terminals; a `▶ Work` code lens on spec files, tree and editor-title actions,
// run state for the tree, and the end-of-run announcement.
import * as vscode from 'vscode';
import type { Spec } from '../../core/model';
import { shortId } from '../../core/ids';
import { describePlan, offersWork, type PlanResult, type RunPlan } from '../../core/runPlan';
import { joinPath, relativePath } from '../../core/paths';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import type { WorkOptions, WorkOutcome, WorkStart } from '../api';
import { Commands } from '../commands';
import type { ChantContext, Feature, LifecycleQuery } from '../context';
import { Disposable, DisposableStore } from '../disposable';
import type { ChantServices } from '../services';
import type { RunTracker } from './runTracker';
import { specFromArg } from '../specArgs';
import { WorkRunner } from './workRunner';
import type { ChantRefusal } from '../../core/chantOutput';
import { showInformation, showWarning, showError } from '../notifications';
import { iconLabelText } from '../../core/text';



export function registerWork(
  ctx: ChantContext, { cli, runs: tracker, tasks, planner, lifecycle }: Pick<ChantServices, 'cli' | 'runs' | 'tasks' | 'planner' | 'lifecycle'>,
): Feature<'plan' | 'work'> {
  const index = () => ctx.indexService.index;
  const runner = new WorkRunner(tasks, (root, id) => tracker.isRunning(root, id), ctx.logger);
  const disposables = new DisposableStore();
  disposables.add(runner);
  const planFor = (spec: Spec, mode: WorkOptions['mode'], flags: string[] = []): PlanResult => planner.planFor(spec, mode, flags);

  /** The spec a command argument names: a path, a Uri, a tree item, or an ID (full or short). */
  const resolveTarget = (arg: unknown): Spec | undefined => specFromArg(index(), arg);

  const work = async (spec: Spec, options: WorkOptions = {}): Promise<WorkStart | undefined> => {
    if (!vscode.workspace.isTrusted) {
      const choice = await showWarning(
        vscode.l10n.t('Chant: working {0} launches the chant CLI, which runs an AI agent with your permissions. That is disabled until you trust this workspace.', spec.id),
        vscode.l10n.t('Manage Workspace Trust'),
      );
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    let mode = options.mode;
    const flags = options.flags ?? [];
    let result = planFor(spec, mode, flags);
    if (!result.ok) {
      ctx.logger.warn(`plan for ${spec.id}: ${result.error}`);
      void showError(vscode.l10n.t('Chant: {0}', result.error));
      return undefined;
    }
    let plan = result.plan;
    logPlan(plan);
    if (plan.phases.length === 0) {
      const why = plan.skipped.map((s) => `${s.id} ${s.reason}`).join('; ');
      void showInformation(vscode.l10n.t('Chant: nothing to run for {0} ({1}).', spec.id, why || vscode.l10n.t('no members')));
      const outcome: WorkOutcome = { plan, ok: true, results: [], notStarted: [] };
      return { plan, finished: Promise.resolve(outcome) };
    }
    if (plan.mode !== 'single' && options.confirm !== false) {
      const choice = await confirmPlan(plan);
      if (!choice) return undefined;
      if (choice !== plan.mode) {
        mode = choice;
        result = planFor(spec, mode, flags);
        if (!result.ok) {
          void showError(vscode.l10n.t('Chant: {0}', result.error));
          return undefined;
        }
        plan = result.plan;
      }
    }
    const executable = await cli.require(vscode.l10n.t('work {0}', spec.id));
    if (!executable) return undefined;
    const finished = runner.execute(plan, executable, ctx.settings.get('maxParallelTerminals')).then((outcome) => {
      announce(spec, outcome, mode, flags);
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
    if (plan.mode === 'phases' && widest > cap) detail.push(vscode.l10n.t('At most {0} terminals at once (chantSpecs.work.maxParallelTerminals).', cap));
    for (const step of plan.phases.flat()) {
      if (step.skipDepsBecause.length) detail.push(vscode.l10n.t('{0}: --skip-deps, because {1}; lint errors still stop it.', step.id, step.skipDepsBecause.join('; ')));
    }
    if (plan.skipped.length) detail.push(vscode.l10n.t('Skipped: {0}.', plan.skipped.map((s) => `${shortId(s.id)} (${s.reason})`).join(', ')));
    for (const w of plan.warnings) detail.push(vscode.l10n.t('Note: {0}', w));
    if (plan.mode === 'phases') {
      detail.push(vscode.l10n.t('Each member runs in its own terminal; a phase starts when every member of the previous one exited 0.'));
      const runPhases = vscode.l10n.t('Run Phases');
      const choice = await showInformation(
        vscode.l10n.t('Work driver {0}?', plan.target), { modal: true, detail: detail.join('\n') }, runPhases, vscode.l10n.t('Run as Chain (one terminal)'));
      return choice === runPhases ? 'phases' : choice ? 'chain' : undefined;
    }
    const choice = await showInformation(
      vscode.l10n.t('Work driver {0} as chant chains it?', plan.target), { modal: true, detail: detail.join('\n') }, vscode.l10n.t('Run Chain'));
    return choice ? 'chain' : undefined;
  };

  const announce = (spec: Spec, outcome: WorkOutcome, mode: WorkOptions['mode'], flags: string[] = []) => {
    const plan = outcome.plan;
    const rerun = () => void work(spec, { mode, confirm: false, flags });
    if (outcome.ok) {
      const ran = outcome.results.length;
      const message = plan.mode === 'phases'
        ? (ran === 1 ? vscode.l10n.t('Driver {0} complete. All 1 member succeeded.', plan.target) : vscode.l10n.t('Driver {0} complete. All {1} members succeeded.', plan.target, ran))
        : vscode.l10n.t('chant work {0} finished.', plan.target);
      ctx.logger.info(message);
      const buttons = plan.mode === 'single' ? [button.openSpec(), button.openLog(), button.rerun()] : [button.openSpec()];
      void showInformation(message, ...buttons).then((choice) => {
        if (choice === button.openSpec()) void openSpec(spec.path);
        if (choice === button.openLog()) void openLog(spec.root, plan.target);
        if (choice === button.rerun()) rerun();
      });
      return;
    }
    const failed = outcome.failed;
    const failedId = failed?.id ?? plan.target;
    if (failed?.refusal && plan.mode !== 'chain') {
      announceRefusal(index().byId(spec.root, failedId) ?? spec, failed.refusal, flags, outcome.notStarted);
      return;
    }
    const how = failed?.code !== undefined ? vscode.l10n.t('exited with code {0}', failed.code) : failed?.note ?? vscode.l10n.t('stopped');
    const logPath = `.chant/logs/${failedId}.log`;
    const rest = outcome.notStarted.length ? ` ${vscode.l10n.t('Not started: {0}.', outcome.notStarted.map(shortId).join(', '))}` : '';
    const message = plan.mode === 'phases'
      ? vscode.l10n.t('Driver {0} stopped: member {1} {2}. Its log: {3}.', plan.target, failedId, how, logPath) + rest
      : plan.mode === 'chain'
        ? vscode.l10n.t('chant work {0} (chain) {1}. Its terminal says which member failed; member logs are in .chant/logs/.', plan.target, how)
        : vscode.l10n.t('chant work {0} {1}. Log: {2}.', plan.target, how, logPath);
    ctx.logger.warn(message);
    const buttons = plan.mode === 'chain'
      ? [button.showTerminal(), button.openSpec(), button.rerun()]
      : [button.openLog(), button.showTerminal(), button.openSpec(), button.rerun()];
    void showError(message, ...buttons).then((choice) => {
      if (choice === button.openLog()) void openLog(spec.root, failedId);
      if (choice === button.showTerminal()) runner.terminalOf(spec.root, failedId)?.show();
      if (choice === button.openSpec()) void openSpec(index().byId(spec.root, failedId)?.path ?? spec.path);
      if (choice === button.rerun()) rerun();
    });
  };

  /**
   * chant refused (or stopped): its reason, and the option it names that proceeds as a button. The
   * option is only ever applied when the user picks it, for that one run.
   */
  const announceRefusal = (spec: Spec, refusal: ChantRefusal, flags: string[], notStarted: string[] = []) => {
    const rest = notStarted.length ? ` ${vscode.l10n.t('Not started: {0}.', notStarted.map(shortId).join(', '))}` : '';
    const message = vscode.l10n.t('chant did not work {0}: {1}', spec.id, refusal.reason) + rest;
    ctx.logger.warn(message);
    const proceed = refusal.proceed && !flags.includes(refusal.proceed) ? vscode.l10n.t('Run with {0}', refusal.proceed) : undefined;
    const buttons = [proceed, button.showTerminal(), button.openSpec()].filter((b): b is string => !!b);
    void showError(message, ...buttons).then((choice) => {
      if (choice && choice === proceed) void work(spec, { confirm: false, flags: [...flags, refusal.proceed!] });
      if (choice === button.showTerminal()) runner.terminalOf(spec.root, spec.id)?.show();
      if (choice === button.openSpec()) void openSpec(spec.path);
    });
  };

  // Runs started from the task UI (Run Task, tasks.json, Rerun Last Task) are announced the same way.
  disposables.push(tasks.onDidEnd((end) => {
    if (!end.fromTaskUi || end.args[0] !== 'work') return;
    const spec = index().byId(end.root, end.id);
    if (!spec) return;
    if (end.refusal) announceRefusal(spec, end.refusal, end.args.slice(2));
    else if (end.code !== 0) void showError(vscode.l10n.t('chant work {0} exited with code {1}. Log: {2}.', end.id, end.code, `.chant/logs/${end.id}.log`));
  }));

  const openSpec = (path: string) => vscode.window.showTextDocument(vscode.Uri.file(path), { preview: true });
  const openLog = async (root: string, id: string) => {
    const path = joinPath(root, '.chant', 'logs', `${id}.log`);
    if (!(await nodeFileSystem.stat(path))?.isFile) {
      void showInformation(vscode.l10n.t('No log yet for {0} ({1}): chant stopped before starting its agent. Its terminal shows why.', id, relativePath(root, path)));
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: true });
  };

  const pickAndWork = async (arg: unknown, options: WorkOptions | undefined, driversOnly: boolean) => {
    // A missing CLI is said before the pick list, not after the user chose a spec.
    if (arg === undefined && vscode.workspace.isTrusted && !(await cli.require(vscode.l10n.t('work a spec')))) return undefined;
    const spec = arg === undefined ? await pickSpec(driversOnly) : resolveTarget(arg);
    if (!spec) {
      if (arg !== undefined) void showError(vscode.l10n.t('Chant: that is not a spec of an indexed Chant project.'));
      return undefined;
    }
    return work(spec, { ...options, mode: options?.mode ?? (driversOnly ? 'chain' : undefined) });
  };

  const pickSpec = async (driversOnly: boolean): Promise<Spec | undefined> => {
    const items = workPickItems(driversOnly);
    if (items.length === 0) {
      void showInformation(driversOnly ? vscode.l10n.t('Chant: no driver with members to work.') : vscode.l10n.t('Chant: no spec to work.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: driversOnly ? vscode.l10n.t('Work a driver as chant chains it') : vscode.l10n.t('Work a spec'),
      placeHolder: vscode.l10n.t('Type to filter by ID or title; ready specs first'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return picked?.spec;
  };

  type PickItem = vscode.QuickPickItem & { spec?: Spec; ready?: boolean };
  const workPickItems = (driversOnly: boolean): PickItem[] => {
    const multiRoot = index().projects().length > 1;
    const projectName = new Map(index().projects().map((p) => [p.root, p.name]));
    const candidates = planner.candidates(driversOnly);
    const items: PickItem[] = [];
    let group: boolean | undefined;
    for (const c of candidates) {
      if (c.ready !== group) {
        group = c.ready;
        items.push({ label: c.ready ? vscode.l10n.t('Ready to work') : vscode.l10n.t('Not ready'), kind: vscode.QuickPickItemKind.Separator });
      }
      const state = c.isDriver ? vscode.l10n.t('driver, {0}/{1} members done', c.progress?.completed ?? 0, c.progress?.total ?? 0) : c.look;
      items.push({
        // Titles, project names and reasons as text: `$(name)` in them is no icon.
        label: `$(${LOOK_ICONS[c.look] ?? 'circle-large-outline'}) ${iconLabelText(c.spec.title ?? c.spec.id)}`,
        description: iconLabelText([c.spec.id, state, multiRoot ? projectName.get(c.spec.root) : undefined].filter(Boolean).join(' · ')),
        detail: c.detail && iconLabelText(c.detail),
        spec: c.spec,
        ready: c.ready,
      });
    }
    return items;
  };

  const codeLenses = new WorkCodeLensProvider(ctx, tracker, lifecycle);
  disposables.push(
    codeLenses,
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/.chant/specs/**/*.md' }, codeLenses),
    vscode.commands.registerCommand(Commands.workSpec, (arg?: unknown, options?: WorkOptions) => pickAndWork(arg, options, false)),
    vscode.commands.registerCommand(Commands.workSpecChain, (arg?: unknown, options?: WorkOptions) => pickAndWork(arg, { ...options, mode: 'chain' }, true)),
    vscode.commands.registerCommand(Commands.showRunTerminal, (arg?: unknown) => {
      const spec = resolveTarget(arg);
      const terminal = spec && runner.terminalOf(spec.root, spec.id);
      if (terminal) terminal.show();
      else void showInformation(spec ? vscode.l10n.t('Chant: {0} has no terminal of this window (chant may run elsewhere; see .chant/logs/{0}.log).', spec.id) : vscode.l10n.t('Chant: no spec given.'));
    }),
  );

  return Object.assign(disposables, {
    api: {
      plan: (target: string, options?: { mode?: 'phases' | 'chain' }): PlanResult => {
        const spec = resolveTarget(target);
        if (!spec) return { ok: false, error: vscode.l10n.t('No spec {0}.', target) };
        return planFor(spec, options?.mode);
      },
      work: async (target: string, options?: WorkOptions) => {
        const spec = resolveTarget(target);
        return spec ? work(spec, options) : undefined;
      },
    },
  });
}

/** Button labels of the end-of-run messages (translated when shown). */
const button = {
  openSpec: () => vscode.l10n.t('Open Spec'),
  openLog: () => vscode.l10n.t('Open Log'),
  rerun: () => vscode.l10n.t('Re-run'),
  showTerminal: () => vscode.l10n.t('Show Terminal'),
};

/** Codicons for a candidate's look (status, `ready`, `running`, `stale`). */
const LOOK_ICONS: Record<string, string> = {
  ready: 'play-circle', running: 'sync~spin', stale: 'warning', pending: 'circle-large-outline', blocked: 'circle-slash',
  in_progress: 'sync', failed: 'error', needs_attention: 'warning', paused: 'debug-pause', completed: 'pass', cancelled: 'close',
};

/** `▶ Work` above the title of every active spec file; `Running…` while it runs. */
class WorkCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly ctx: ChantContext, private readonly tracker: RunTracker, private readonly lifecycle: LifecycleQuery) {
    super();
    this._registerAll(
      ctx.indexService.onDidChange(() => this.emitter.fire()),
      tracker.onDidChange(() => this.emitter.fire()),
      lifecycle.onDidChange(() => this.emitter.fire()),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const spec = this.ctx.indexService.index.byPath(document.uri.fsPath);
    if (!spec || spec.archived || !spec.loadable) return [];
    const line = spec.titleRange?.start.line ?? 0;
    const range = new vscode.Range(line, 0, line, 0);
    const run = this.tracker.stateOf(spec.root, spec.id);
    if (run === 'running') {
      return [
        new vscode.CodeLens(range, { title: vscode.l10n.t('$(sync~spin) Running…'), tooltip: vscode.l10n.t('Show its terminal'), command: Commands.showRunTerminal, arguments: [spec.path] }),
        new vscode.CodeLens(range, { title: vscode.l10n.t('Show Log'), tooltip: vscode.l10n.t('Follow .chant/logs/{0}.log in an output channel', spec.id), command: Commands.showSpecLog, arguments: [spec.path] }),
      ];
    }
    const rel = this.ctx.indexService.index.relationsOf(spec);
    // Chant refuses to work completed, cancelled and blocked specs: no Work button that cannot
    // work. What chant accepts for them instead (merge, review, approve, reset) still shows.
    const workable = offersWork(rel.status, rel.memberProgress) && !this.lifecycle.awaitingMerge(spec);
    const lenses = workable
      ? [new vscode.CodeLens(range, { title: vscode.l10n.t('▶ Work'), tooltip: `chant work ${spec.id}`, command: Commands.workSpec, arguments: [spec.path] })]
      : [];
    const actions = this.lifecycle.actionsOf(spec);
    const lifecycleLens = (action: string, title: string, command: string) => {
      if (actions.includes(action as never)) lenses.push(new vscode.CodeLens(range, { title, command, arguments: [spec.path] }));
    };
    lifecycleLens('merge', vscode.l10n.t('$(git-merge) Awaiting merge: Merge'), Commands.mergeSpec);
    lifecycleLens('review', vscode.l10n.t('Review Changes'), Commands.reviewChanges);
    lifecycleLens('approve', vscode.l10n.t('Approve'), Commands.approveSpec);
    lifecycleLens('reject', vscode.l10n.t('Reject'), Commands.rejectSpec);
    lifecycleLens('reset', vscode.l10n.t('Reset'), Commands.resetSpec);
    if (workable && rel.members.length > 0) {
      lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Work as chain'), tooltip: vscode.l10n.t('chant work {0} in one terminal, as chant chains its members', spec.id), command: Commands.workSpecChain, arguments: [spec.path] }));
    }
    return lenses;
  }
}
