// The one Chant status bar item: how many specs are ready, drifted, running and not loadable by
// chant. Clicking it focuses the Spec Explorer; its hover links to the drift report and the
// terminals.
import * as vscode from 'vscode';
import { driftSummary } from '../../core/drift/messages';
import { markdownCode, markdownText } from '../../core/text';
import type { DriftFinding } from '../../core/drift/model';
import { Commands } from '../commands';
import type { ChantContext, Feature } from '../context';
import { DisposableStore, toDisposable } from '../disposable';
import { afterFirstRows } from '../firstMarks';
import type { ChantServices } from '../services';

export function registerStatusBar(ctx: ChantContext, { drift, runs }: Pick<ChantServices, 'drift' | 'runs'>): Feature<'statusBarText' | 'statusBarTooltip'> {
  const disposables = new DisposableStore();
  const item = disposables.add(vscode.window.createStatusBarItem('chantSpecs.summary', vscode.StatusBarAlignment.Left, 50));
  item.name = vscode.l10n.t('Chant Specs');
  item.command = 'chantSpecs.explorer.focus';

  // The hover comes once the Spec Explorer's first rows are drawn after the first index: VS Code
  // parses a markdown tooltip in the extension host as it sends it (about 25 ms the first time,
  // right when the first rows are due).
  let withTooltip = false;
  let tooltipDue = false;
  let disposed = false;
  disposables.add(toDisposable(() => { disposed = true; }));

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
      if (runs.stateOf(spec.root, spec.id) === 'running') running++;
      else if (rel.ready) ready++;
    }
    const drifted = drift.drifted();
    const parts = [vscode.l10n.t('$(checklist) {0} ready', ready)];
    if (drifted.length) parts.push(vscode.l10n.t('$(warning) {0} drifted', drifted.length));
    if (running) parts.push(vscode.l10n.t('$(sync~spin) {0} running', running));
    if (invalid) parts.push(`$(error) ${invalid}`);
    item.text = parts.join('  ');
    item.accessibilityInformation = { label: vscode.l10n.t('Chant: {0} ready, {1} drifted, {2} running, {3} not loadable', ready, drifted.length, running, invalid) };
    item.show();
    if (withTooltip) item.tooltip = tooltip(ready, drifted, running, invalid);
    else if (!tooltipDue && !ctx.indexService.busy) {
      tooltipDue = true;
      void afterFirstRows().then(() => {
        if (disposed) return;
        withTooltip = true;
        update();
      });
    }
  };
  update();
  disposables.push(ctx.indexService.onDidChange(update), runs.onDidChange(update), drift.onDidChange(update));
  return Object.assign(disposables, {
    api: {
      statusBarText: () => (item.text ? item.text : undefined),
      statusBarTooltip: () => (item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip),
    },
  });
}

/** The item's hover: the counts, with links to the drift report and the terminals. */
function tooltip(ready: number, drifted: DriftFinding[], running: number, invalid: number): vscode.MarkdownString {
  const lines = [
    vscode.l10n.t('**Chant specs**'),
    '',
    vscode.l10n.t('- {0} ready (what `chant list --ready` lists: pending or failed, dependencies completed, earlier members done)', ready),
    drifted.length
      ? vscode.l10n.t('- {0} drifted: files they track changed since they completed ([drift report](command:{1}))', drifted.length, Commands.showDriftReport)
      : vscode.l10n.t('- none drifted'),
  ];
  for (const f of drifted.slice(0, 5)) lines.push(`  - ${markdownCode(f.specId)}: ${markdownText(driftSummary(f) ?? '')}`); // IDs and summaries come from the repository
  if (drifted.length > 5) lines.push(vscode.l10n.t('  - … {0} more', drifted.length - 5));
  lines.push(
    running ? vscode.l10n.t('- {0} running now ([terminals](command:workbench.action.terminal.focus))', running) : vscode.l10n.t('- {0} running now', running),
    vscode.l10n.t('- {0} that chant cannot load', invalid),
    '',
    vscode.l10n.t('Click to open the Spec Explorer.'),
  );
  const tip = new vscode.MarkdownString(lines.join('\n'));
  tip.isTrusted = { enabledCommands: [Commands.showDriftReport, 'workbench.action.terminal.focus'] };
  return tip;
}
