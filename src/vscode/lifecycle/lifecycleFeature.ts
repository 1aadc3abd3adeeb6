// The rest of a spec's life after `chant work`, through chant: Merge (`chant merge ID`), Review
// Changes (VS Code's multi-file diff of branch chant/ID against its merge base), Approve / Reject
// (`chant approve|reject ID --by NAME [--reason TEXT]`), Reset, Cancel, Archive and Show Log. Each
// is offered only where chant accepts it (src/core/lifecycle.ts, from the spec, the unmerged
// `chant/*` branches git lists and the log files), asked first where it changes files, and run as
// a `chant` task; chant's refusal comes back in its words with the option it names. Show Log runs
// nothing: it follows the log file in an output channel (specLogView.ts).
import * as vscode from 'vscode';
import { joinPath } from '../../core/paths';
import { lifecycleArgs, specBranch, type LifecycleAction } from '../../core/lifecycle';
import type { Spec } from '../../core/model';
import { baselineUri } from '../drift/baselineDocuments';
import { Commands } from '../commands';
import type { ChantContext, Feature } from '../context';
import { DisposableStore } from '../disposable';
import type { ChantServices } from '../services';
import { specFromArg } from '../specArgs';
import { SpecLogViews } from './specLogView';
import type { ChantRunEnd } from '../work/chantTasks';
import { showInformation, showWarning, showError } from '../notifications';

/** The actions that run as a `chant` task (their subcommand is the action's name). */
const TASK_ACTIONS: readonly LifecycleAction[] = ['merge', 'approve', 'reject', 'reset', 'cancel', 'archive'];

const ACTION_COMMANDS: Record<LifecycleAction, string> = {
  merge: Commands.mergeSpec, review: Commands.reviewChanges, approve: Commands.approveSpec, reject: Commands.rejectSpec,
  reset: Commands.resetSpec, cancel: Commands.cancelSpec, archive: Commands.archiveSpec, log: Commands.showSpecLog,
};

export function registerLifecycle(ctx: ChantContext, { lifecycle, cli, tasks }: Pick<ChantServices, 'lifecycle' | 'cli' | 'tasks'>): Feature<'lifecycle'> {
  const index = () => ctx.indexService.index;
  const disposables = new DisposableStore();
  const logs = disposables.add(new SpecLogViews(ctx));
  const git = (root: string, args: string[]) => lifecycle.git(root, args);
  const refresh = () => lifecycle.refresh();

  /** Runs one action; `input` answers its questions in tests; resolves with chant's exit code (undefined: not run). */
  const act = async (action: LifecycleAction, arg: unknown, input: { by?: string; reason?: string; confirm?: boolean; force?: boolean } = {}): Promise<number | undefined> => {
    const spec = specFromArg(index(), arg);
    if (!spec) {
      void showInformation(vscode.l10n.t('Chant: open a spec or pick one in the Spec Explorer first.'));
      return undefined;
    }
    // Reading a file: for any spec (chant's `log` too says when there is none yet), trusted or not.
    if (action === 'log') return (await logs.show(spec)) ? 0 : undefined;
    if (!vscode.workspace.isTrusted) {
      void showWarning(vscode.l10n.t('Chant runs no process in an untrusted workspace.'));
      return undefined;
    }
    await lifecycle.settled();
    const allowed = lifecycle.actionsOf(spec);
    if (!allowed.includes(action)) {
      // chant approves or rejects any spec; the extension asks only where an approval is pending.
      const noApproval = (action === 'approve' || action === 'reject') && !(spec.approval?.required && spec.approval.status === 'pending');
      void showInformation(noApproval
        ? vscode.l10n.t('Chant: {0} has no approval pending (approval {1}).', spec.id, spec.approval?.required ? spec.approval.status : vscode.l10n.t('not required'))
        : vscode.l10n.t('chant would not {0} {1} now (status {2}).', action, spec.id, spec.status));
      return undefined;
    }
    if (action === 'review') return (await review(spec)) ? 0 : undefined;
    const executable = await cli.require(vscode.l10n.t('{0} {1}', action, spec.id));
    if (!executable) return undefined;
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
    const built = lifecycleArgs(action, spec.id, { by, reason });
    if ('error' in built) {
      void showError(vscode.l10n.t('Chant: {0}', built.error));
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
      if ((await showWarning(ask, { modal: true, detail: `chant ${args.join(' ')}` }, yes)) !== yes) return undefined;
    }
    const end = await tasks.run(spec.root, args, executable, spec.id);
    await refresh();
    if (end.code !== 0) announceFailure(action, spec, end, input);
    return end.code;
  };

  /** chant's reason for a failed action, with the way on it names (Run with --force, Review Changes). */
  const announceFailure = (action: LifecycleAction, spec: Spec, end: ChantRunEnd, input: { by?: string; reason?: string } = {}): void => {
    const why = end.refusal?.reason ?? vscode.l10n.t('exit code {0}', end.code);
    const proceed = end.refusal?.proceed === '--force' && action === 'archive' ? vscode.l10n.t('Run with --force') : undefined;
    // A merge stopped on a conflict leaves the branch awaiting merge: its changes are the way on.
    const reviewIt = end.refusal?.kind === 'conflict' && action === 'merge' ? vscode.l10n.t('Review Changes') : undefined;
    void showError(vscode.l10n.t('chant {0} {1}: {2}', action, spec.id, why), ...[proceed, reviewIt].filter((b): b is string => !!b)).then((c) => {
      if (c && c === proceed) void act(action, spec.path, { ...input, force: true });
      if (c && c === reviewIt) void act('review', spec.path);
    });
  };

  // The same actions rerun from the task UI (Rerun Last Task, tasks.json) fail just as visibly.
  disposables.add(tasks.onDidEnd((end) => {
    const action = TASK_ACTIONS.find((a) => a === end.args[0]);
    const spec = action && end.fromTaskUi && end.code !== 0 ? index().byId(end.root, end.id) : undefined;
    if (!action || !spec) return;
    void refresh();
    announceFailure(action, spec, end);
  }));

  /** Review Changes: every file the branch changed since it left main, in one multi-file diff. */
  const review = async (spec: Spec): Promise<boolean> => {
    const branch = specBranch(spec.id);
    const base = (await git(spec.root, ['merge-base', 'main', branch])).stdout.trim();
    const tip = (await git(spec.root, ['rev-parse', '--verify', '-q', `${branch}^{commit}`])).stdout.trim();
    const top = (await git(spec.root, ['rev-parse', '--show-toplevel'])).stdout.trim();
    if (!/^[0-9a-f]{40}$/.test(base) || !/^[0-9a-f]{40}$/.test(tip) || !top) {
      void showInformation(vscode.l10n.t('No branch {0} to review.', branch));
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

  return Object.assign(disposables, { api: { lifecycle: {
    actions: (idOrPath: string) => {
      const spec = specFromArg(index(), idOrPath);
      return spec ? lifecycle.actionsOf(spec) : [];
    },
    run: (action: LifecycleAction, idOrPath: string, input?: { by?: string; reason?: string; force?: boolean }) => act(action, idOrPath, { confirm: false, ...input }),
    refreshed: () => refresh(),
    lastReview: () => lastReview,
  } } });
}
