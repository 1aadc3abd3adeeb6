// Registers the Spec Explorer view and its commands (open, copy ID, reveal, grouping, filter).
import * as vscode from 'vscode';
import { offersWork } from '../../core/runPlan';
import { Commands } from '../commands';
import type { ChantContext, Feature } from '../context';
import { DisposableStore, toDisposable } from '../disposable';
import { FIRST_ROWS_SETTLED, waitOnlyWhile } from '../firstMarks';
import type { ChantServices } from '../services';
import { EXPLORER_VIEW, SpecTreeProvider } from './specTree';
import { specFromArg, specPathFromArg } from '../specArgs';

export function registerExplorer(
  ctx: ChantContext, { drift, runs, lifecycle, cli }: Pick<ChantServices, 'drift' | 'runs' | 'lifecycle' | 'cli'>,
): Feature<'explorerSnapshot'> {
  const disposables = new DisposableStore();
  const provider = disposables.add(new SpecTreeProvider(ctx, { drift, runs, lifecycle }));
  const view = disposables.add(vscode.window.createTreeView(EXPLORER_VIEW, { treeDataProvider: provider, showCollapseAll: true }));
  // Until now the view showed the manifest's "Starting Chant Specs…" (drawn by the workbench
  // before the extension is active, instead of "There is no data provider…").
  void vscode.commands.executeCommand('setContext', 'chantSpecs.started', true);
  // Work that lets the first rows come first (the first drift check and lint) waits only while
  // the view is open: a closed view answers nothing.
  disposables.add(toDisposable(waitOnlyWhile(FIRST_ROWS_SETTLED, () => view.visible)));
  disposables.add(vscode.window.registerFileDecorationProvider(provider));

  const updateView = () => {
    const index = ctx.indexService.index;
    const projects = index.projects().length;
    const total = index.all().length;
    void vscode.commands.executeCommand('setContext', 'chantSpecs.projectCount', projects);
    void vscode.commands.executeCommand('setContext', 'chantSpecs.specCount', total);
    void vscode.commands.executeCommand('setContext', 'chantSpecs.indexing', ctx.indexService.busy);
    void vscode.commands.executeCommand('setContext', 'chantSpecs.grouping', provider.grouping);
    void vscode.commands.executeCommand('setContext', 'chantSpecs.filtered', provider.filterText.length > 0);
    void vscode.commands.executeCommand('setContext', 'chantSpecs.hideCompleted', provider.hideCompleted);
    view.description = provider.filterText ? vscode.l10n.t('filter: {0}', provider.filterText) : undefined;
    void cli.status().then((status) => {
      view.message = projects > 0 && total > 0 && status.kind !== 'ok' && vscode.workspace.isTrusted
        ? vscode.l10n.t('The chant CLI was not found: specs are read without it, running them needs it ("Chant: Get Started" explains how).')
        : undefined;
    });
  };

  // Progress in the view while a (big) index builds; the tree fills in when it is done.
  const showProgress = () => vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW } }, () => ctx.indexService.whenIdle()).then(() => {
    provider.refresh(); // the "Reading specs…" row goes, whatever the index found
    updateView();
  });
  void showProgress();
  updateView();

  disposables.push(
    ctx.indexService.onDidChange(() => {
      provider.refresh();
      updateView();
    }),
    ctx.settings.onDidChange((keys) => {
      if (keys.includes('grouping')) void provider.setGrouping(undefined).then(updateView);
    }),
    // The CLI is looked for only once the workspace is trusted.
    vscode.workspace.onDidGrantWorkspaceTrust(updateView),
    vscode.commands.registerCommand(Commands.refresh, async () => {
      const work = ctx.indexService.reindex();
      void showProgress();
      await work;
    }),
    vscode.commands.registerCommand(Commands.openSpec, async (arg?: unknown) => {
      const path = specPathFromArg(arg);
      if (!path) return;
      await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: true });
    }),
    vscode.commands.registerCommand(Commands.copyId, async (arg?: unknown) => {
      const spec = specFromArg(ctx.indexService.index, arg);
      if (!spec) return;
      await vscode.env.clipboard.writeText(spec.id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', spec.id), 2000);
    }),
    vscode.commands.registerCommand(Commands.revealInExplorer, async (arg?: unknown) => {
      const path = specPathFromArg(arg);
      if (path) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(path));
    }),
    vscode.commands.registerCommand(Commands.groupByStatus, () => provider.setGrouping('status').then(updateView)),
    vscode.commands.registerCommand(Commands.groupByHierarchy, () => provider.setGrouping('hierarchy').then(updateView)),
    vscode.commands.registerCommand(Commands.hideCompleted, () => provider.setHideCompleted(true).then(updateView)),
    vscode.commands.registerCommand(Commands.showCompleted, () => provider.setHideCompleted(false).then(updateView)),
    vscode.commands.registerCommand(Commands.filter, async (query?: unknown) => {
      const value = typeof query === 'string' ? query : await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter specs'),
        value: provider.filterText,
        prompt: vscode.l10n.t('Words match ID and title; narrow with label:NAME type:TYPE status:STATUS (e.g. "auth label:backend type:code status:ready")'),
        placeHolder: 'auth label:backend type:code status:ready',
      });
      if (value === undefined) return;
      provider.setFilter(value);
      updateView();
    }),
    vscode.commands.registerCommand(Commands.clearFilter, () => {
      provider.setFilter('');
      updateView();
    }),
  );

  // The editor title's ▶ Work only on a spec chant would work (not completed, blocked, archived…).
  const updateActiveSpec = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const spec = uri?.scheme === 'file' ? ctx.indexService.index.byPath(uri.fsPath) : undefined;
    const rel = spec && ctx.indexService.index.relationsOf(spec);
    const workable = !!spec && !!rel && !spec.archived && offersWork(rel.status, rel.memberProgress)
      && runs.stateOf(spec.root, spec.id) !== 'running';
    void vscode.commands.executeCommand('setContext', 'chantSpecs.activeSpecWorkable', workable);
  };
  updateActiveSpec();
  disposables.push(
    vscode.window.onDidChangeActiveTextEditor(updateActiveSpec),
    ctx.indexService.onDidChange(updateActiveSpec),
    drift.onDidChange(() => provider.refresh()),
    runs.onDidChange(() => provider.refresh()),
    runs.onDidTick((paths) => provider.refreshRows(paths)),
    lifecycle.onDidChange(() => provider.refresh()),
    runs.onDidChange(updateActiveSpec),
  );

  return Object.assign(disposables, { api: { explorerSnapshot: () => provider.snapshot() } });
}
