// Drift code lenses. Over a drifted spec's frontmatter: `Drifted: 3 files (+57 −14)` · Show drift
// · Re-run · Acknowledge (or the driver roll-up, an acknowledgement with Undo, or why drift is
// unknown). At the top of a changed tracked file, per spec tracking it: Diff since baseline ·
// Open spec · "001-doc: +45 −12 since 2026-01-28", the full sentence in their hover.
import * as vscode from 'vscode';
import { dateOf, driftSummary, type DriftFinding } from '../../core/drift/model';
import { shortId } from '../../core/ids';
import { notesLensTitle, notesTooltip, renamedFromText } from '../../core/drift/notes';
import { normalizePath } from '../../core/paths';
import { Commands } from '../commands';
import { lineCounts } from './diagnostics';
import type { DriftService } from './driftService';

export class DriftCodeLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: DriftService) {
    this.subscription = service.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file') return [];
    const path = normalizePath(document.uri.fsPath);
    const finding = this.service.finding(path);
    const lenses = finding ? this.specLenses(finding) : [];
    const top = new vscode.Range(0, 0, 0, 0);
    for (const { finding: f, file } of this.service.engine.changesForFile(path)) {
      const since = f.baseline?.source === 'acknowledged'
        ? vscode.l10n.t('the acknowledgement on {0}', dateOf(f.baseline.date) ?? f.baseline.date)
        : dateOf(f.completedAt) ?? vscode.l10n.t('its baseline');
      // Actions first and short text: a lens line is cut at the editor's width. The whole
      // sentence is in the hover of each.
      const changed = file.from !== undefined ? `${lineCounts(file)} ${renamedFromText(file.from)}` : lineCounts(file);
      const full = vscode.l10n.t('Tracked by {0} ({1}): changed {2} since {3}', f.title ?? f.specId, f.specId, changed, since);
      if (f.baseline?.kind === 'git') {
        lenses.push(new vscode.CodeLens(top, { title: vscode.l10n.t('Diff since baseline'), command: Commands.openDriftDiff, arguments: [f.specPath, file.absPath], tooltip: full }));
      }
      lenses.push(
        new vscode.CodeLens(top, { title: vscode.l10n.t('Open spec'), command: Commands.openSpec, arguments: [f.specPath], tooltip: full }),
        new vscode.CodeLens(top, {
          title: vscode.l10n.t('$(warning) {0}: {1} since {2}', shortId(f.specId), changed, since),
          command: Commands.showSpecDrift, arguments: [f.specPath],
          tooltip: vscode.l10n.t('{0}. Click to show it in the drift report.', full),
        }),
      );
    }
    return lenses;
  }

  private specLenses(f: DriftFinding): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const summary = driftSummary(f);
    if (summary) {
      const lenses = [
        new vscode.CodeLens(top, { title: vscode.l10n.t('$(warning) Drifted: {0}', summary), command: Commands.showSpecDrift, arguments: [f.specPath], tooltip: notesTooltip(f.notes) || undefined }),
        new vscode.CodeLens(top, { title: vscode.l10n.t('Show drift'), command: Commands.showSpecDrift, arguments: [f.specPath] }),
      ];
      // Chant only works active specs: no Re-run on an archived one.
      if (!f.archived) lenses.push(new vscode.CodeLens(top, { title: vscode.l10n.t('Re-run'), command: Commands.rerunDriftedSpec, arguments: [f.specPath], tooltip: vscode.l10n.t('Re-run with chant (asks first, naming the command)') }));
      if (f.state === 'drifted') {
        lenses.push(new vscode.CodeLens(top, { title: vscode.l10n.t('Acknowledge'), command: Commands.acknowledgeDrift, arguments: [f.specPath], tooltip: vscode.l10n.t('Accept the current state: drift is measured from HEAD from now on') }));
      }
      return lenses;
    }
    if (f.acknowledged) {
      return [
        new vscode.CodeLens(top, {
          title: f.acknowledged.commit
            ? vscode.l10n.t('$(check) Drift acknowledged at {0}', f.acknowledged.commit.slice(0, 8))
            : vscode.l10n.t('$(check) Drift acknowledged on {0}', dateOf(f.acknowledged.date) ?? f.acknowledged.date),
          command: Commands.showSpecDrift, arguments: [f.specPath],
        }),
        new vscode.CodeLens(top, { title: vscode.l10n.t('Undo'), command: Commands.undoAcknowledgeDrift, arguments: [f.specPath] }),
      ];
    }
    if (f.state === 'unknown') {
      return [new vscode.CodeLens(top, { title: vscode.l10n.t('$(question) Drift unknown: {0}', f.reason ?? ''), command: Commands.showSpecDrift, arguments: [f.specPath], tooltip: notesTooltip(f.notes) || undefined })];
    }
    // Up to date, with something to know about the baseline or a move: one quiet lens (pattern
    // notes are diagnostics on their entries already).
    const notes = f.notes.filter((n) => n.kind !== 'pattern');
    if (notes.length > 0) {
      const title = notes.length === 1 ? notesLensTitle(notes[0].message) : notesLensTitle(notes[0].message, notes.length - 1);
      return [new vscode.CodeLens(top, { title, command: Commands.showSpecDrift, arguments: [f.specPath], tooltip: notesTooltip(f.notes) })];
    }
    return [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
