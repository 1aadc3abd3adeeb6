// The rest of a spec's life after `chant work`, through chant: Merge (`chant merge ID`), Review
// Changes (VS Code's multi-file diff of branch chant/ID against its merge base), Approve / Reject
// (`chant approve|reject ID --by NAME [--reason TEXT]`), Reset, Cancel, Archive and Show Log. Each
// is offered only where chant accepts it (src/core/lifecycle.ts, from the spec, the unmerged
// `chant/*` branches git lists and the log files), asked first where it changes files, and run as
// a `chant` task; chant's refusal comes back in its words with the option it names.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { joinPath } from '../../core/paths';
import { SerialQueue } from '../../core/serialQueue';
import { lifecycleActions, lifecycleArgs, specBranch, unmergedSpecIds, type LifecycleAction } from '../../core/lifecycle';
import type { Spec } from '../../core/model';
import { nodeProcessRunner } from '../../node/processRunner';
import { baselineUri } from '../drift/baselineDocuments';
import { Commands } from '../commands';
import type { ChantContext } from '../context';
import { specFromArg } from '../specArgs';

/** Lifecycle facts and actions as other views need them (tree context keys, lenses). */
export interface LifecycleQuery {
  actionsOf(spec: Spec): LifecycleAction[];
  awaitingMerge(spec: Spec): boolean;
  readonly onDidChange: vscode.Event<void>;
}

const ACTION_COMMANDS: Record<LifecycleAction, string> = {
  merge: Commands.mergeSpec, review: Commands.reviewChanges, approve: Commands.approveSpec, reject: Commands.rejectSpec,
  reset: Commands.resetSpec, cancel: Commands.cancelSpec, archive: Commands.archiveSpec, log: Commands.showSpecLog,
};

export function registerLifecycle(ctx: ChantContext): vscode.Disposable {
  const index = () => ctx.indexService.index;
  const changed = new vscode.EventEmitter<void>();
  const disposables: vscode.Disposable[] = [changed];
  /** Per project: spec IDs whose chant/ID branch is not merged into main; IDs with a log. */
  const unmerged = new Map<string, Set<string>>();
  const logs = new Map<string, Set<string>>();

  const git = async (root: string, args: string[]) => (vscode.workspace.isTrusted ? nodeProcessRunner.run('git', args, { cwd: root }) : { code: 1, stdout: '', stderr: '' });
  const readFacts = async (root: string) => {
    const branches = await git(root, ['branch', '--list', 'chant/*', '--no-merged', 'main', '--format=%(refname:short)']);
    unmerged.set(root, branches.code === 0 ? unmergedSpecIds(branches.stdout) : new Set());
    let names: string[] = [];
    try {
      names = await fs.promises.readdir(joinPath(root, '.chant', 'logs'));
    } catch {
      names = [];
    }
    logs.set(root, new Set(names.filter((n) => n.endsWith('.log')).map((n) => n.slice(0, -4))));
  };
  const refreshing = new SerialQueue((e) => ctx.logger.warn(`lifecycle facts: ${e instanceof Error ? e.message : String(e)}`));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (): Promise<void> => {
    return refreshing.run(async () => {
      for (const p of index().projects()) await readFacts(p.root);
      changed.fire();
    });
  };
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 300);
  };
  disposables.push({ dispose: () => timer && clearTimeout(timer) }, ctx.indexService.onDidChange(soon));
  void ctx.api.whenIndexed().then(refresh);

  const running = (spec: Spec) => ctx.services.runs?.stateOf(spec.root, spec.id) === 'running';
  const facts = (spec: Spec) => ({ unmergedBranch: unmerged.get(spec.root)?.has(spec.id) ?? false, hasLog: logs.get(spec.root)?.has(spec.id) ?? false, running: running(spec) });
  const query: LifecycleQuery = {
    actionsOf: (spec) => lifecycleActions(spec, facts(spec)),
    awaitingMerge: (spec) => !spec.archived && spec.status === 'completed' && facts(spec).unmergedBranch,
    onDidChange: changed.event,
  };
  ctx.services.lifecycle = query;
  queueMicrotask(() => {
    if (ctx.services.runs) disposables.push(ctx.services.runs.onDidChange(() => changed.fire()));
    if (ctx.services.tasks) disposables.push(ctx.services.tasks.onDidEnd(() => void refresh()));
  });

  /** Runs one action; `input` answers its questions in tests; resolves with chant's exit code (undefined: not run). */
  const act = async (action: LifecycleAction, arg: unknown, input: { by?: string; reason?: string; confirm?: boolean; force?: boolean } = {}): Promise<number | undefined> => {
    const spec = specFromArg(index(), arg);
    if (!spec) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Chant: open a spec or pick one in the Spec Explorer first.'));
      return undefined;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Chant runs no process in an untrusted workspace.'));
      return undefined;
    }
    await refreshing.queued();
    const allowed = query.actionsOf(spec);
    if (!allowed.includes(action)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('chant would not {0} {1} now (status {2}).', action, spec.id, spec.status));
      return undefined;
    }
    if (action === 'review') return (await review(spec)) ? 0 : undefined;
    const cli = await ctx.services.cli?.require(vscode.l10n.t('{0} {1}', action, spec.id));
    if (!cli || !ctx.services.tasks) return undefined;
    let by = input.by;
    let reason = input.reason;
    if (action === 'approve' || action === 'reject') {
      by ??= await vscode.window.showInputBox({ title: vscode.l10n.t('{0} {1}: your name', action === 'approve' ? vscode.l10n.t('Approve') : vscode.l10n.t('Reject'), spec.id), value: await gitUserName(spec.root), prompt: vscode.l10n.t('chant checks it against the committers of this repository.') });
      if (!by) return undefined;
    }
    if (action === 'reject') {
      reason ??= await vscode.window.showInputBox({ title: vscode.l10n.t('Reject {0}: why?', spec.id), validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A reason is required')) });
      if (!reason) return undefined;
    }
    const follow = action === 'log' && running(spec);
    const built = lifecycleArgs(action, spec.id, { by, reason, follow });
    if ('error' in built) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Chant: {0}', built.error));
      return undefined;
    }
    const args = input.force && action === 'archive' ? [...built, '--force'] : built;
    const asks: Partial<Record<LifecycleAction, string>> = {
      merge: vscode.l10n.t('Merge branch {0} into main (chant merge)?', specBranch(spec.id)),
      reset: vscode.l10n.t('Reset {0} to pending (chant reset)?', spec.id),
      cancel: vscode.l10n.t('Cancel {0} (chant cancel sets its status to cancelled)?', spec.id),
      archive: vscode.l10n.t('Archive {0} (chant archive moves it to .chant/archive/)?', spec.id),
    };
    const ask = asks[action];
    if (ask && input.confirm !== false) {
      const yes = vscode.l10n.t('Run chant {0}', action);
      if ((await vscode.window.showWarningMessage(ask, { modal: true, detail: `chant ${args.join(' ')}` }, yes)) !== yes) return undefined;
    }
    if (follow) {
      // `chant log ID` follows until the task is closed: the command is done once it shows.
      void ctx.services.tasks.run(spec.root, args, cli, spec.id);
      return 0;
    }
    const end = await ctx.services.tasks.run(spec.root, args, cli, spec.id);
    await refresh();
    if (end.code !== 0) {
      const why = end.refusal?.reason ?? vscode.l10n.t('exit code {0}', end.code);
      const proceed = end.refusal?.proceed === '--force' && action === 'archive' ? vscode.l10n.t('Run with --force') : undefined;
      void vscode.window.showErrorMessage(vscode.l10n.t('chant {0} {1}: {2}', action, spec.id, why), ...(proceed ? [proceed] : [])).then((c) => {
        if (c && c === proceed) void act(action, spec.path, { ...input, force: true });
      });
    }
    return end.code;
  };

  /** Review Changes: every file the branch changed since it left main, in one multi-file diff. */
  const review = async (spec: Spec): Promise<boolean> => {
    const branch = specBranch(spec.id);
    const base = (await git(spec.root, ['merge-base', 'main', branch])).stdout.trim();
    const tip = (await git(spec.root, ['rev-parse', '--verify', '-q', `${branch}^{commit}`])).stdout.trim();
    const top = (await git(spec.root, ['rev-parse', '--show-toplevel'])).stdout.trim();
    if (!/^[0-9a-f]{40}$/.test(base) || !/^[0-9a-f]{40}$/.test(tip) || !top) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No branch {0} to review.', branch));
      return false;
    }
    const diff = await git(spec.root, ['diff', '--name-status', '--no-renames', '-z', base, tip]);
    const parts = diff.stdout.split('\0').filter(Boolean);
    const resources: [vscode.Uri, vscode.Uri, vscode.Uri][] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const [status, file] = [parts[i], parts[i + 1]];
      const left = baselineUri({ repo: top, commit: base, path: status === 'A' ? '' : file }, file);
      const right = baselineUri({ repo: top, commit: tip, path: status === 'D' ? '' : file }, file);
      resources.push([vscode.Uri.file(joinPath(top, file)), left, right]);
    }
    lastReview = resources.map((r) => r[0].fsPath);
    await vscode.commands.executeCommand('vscode.changes', vscode.l10n.t('{0}: changes on {1}', spec.id, branch), resources);
    return true;
  };
  let lastReview: string[] = [];

  const gitUserName = async (root: string) => (await git(root, ['config', 'user.name'])).stdout.trim();

  for (const action of Object.keys(ACTION_COMMANDS) as LifecycleAction[]) {
    disposables.push(vscode.commands.registerCommand(ACTION_COMMANDS[action], (arg?: unknown) => act(action, arg)));
  }

  ctx.api.lifecycle = {
    actions: (idOrPath) => {
      const spec = specFromArg(index(), idOrPath);
      return spec ? query.actionsOf(spec) : [];
    },
    run: (action, idOrPath, input) => act(action, idOrPath, { confirm: false, ...input }),
    refreshed: () => refresh(),
    lastReview: () => lastReview,
  };
  return vscode.Disposable.from(...disposables);
}
