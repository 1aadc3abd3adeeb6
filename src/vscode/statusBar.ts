// A status bar summary of the workspace's specs: how many are ready and how many chant cannot
// load. Clicking it focuses the Spec Explorer. Drift (opens the report) and runs (shows the
// terminals) have their own items next to it.
import * as vscode from 'vscode';
import type { ChantContext } from './context';

export function registerStatusBar(ctx: ChantContext): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('chantSpecs.summary', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Chant Specs');
  item.command = 'chantSpecs.explorer.focus';
  const disposables: vscode.Disposable[] = [item];

  const update = () => {
    const index = ctx.indexService.index;
    if (index.projects().length === 0) {
      item.hide();
      return;
    }
    let ready = 0;
    let running = 0;
    let invalid = 0;
    for (const spec of index.all()) {
      if (spec.archived) continue;
      const rel = index.relationsOf(spec);
      if (rel.status === 'invalid') invalid++;
      if (ctx.services.runs?.stateOf(spec.root, spec.id) === 'running') running++;
      else if (rel.ready) ready++;
    }
    const parts = [vscode.l10n.t('$(checklist) {0} ready', ready)];
    if (invalid) parts.push(`$(error) ${invalid}`);
    item.text = parts.join('  ');
    const tip = new vscode.MarkdownString(
      vscode.l10n.t('**Chant specs**\n\n- {0} ready (what `chant list --ready` lists: pending or failed, dependencies completed, earlier members done)\n- {1} running now\n- {2} that chant cannot load\n\nClick to open the Spec Explorer.', ready, running, invalid),
    );
    item.tooltip = tip;
    item.accessibilityInformation = { label: vscode.l10n.t('Chant: {0} ready, {1} running, {2} not loadable', ready, running, invalid) };
    item.show();
  };
  update();
  disposables.push(ctx.indexService.onDidChange(update));
  queueMicrotask(() => {
    if (ctx.services.runs) disposables.push(ctx.services.runs.onDidChange(update));
  });
  ctx.api.statusBarText = () => (item.text ? item.text : undefined);
  return vscode.Disposable.from(...disposables);
}
