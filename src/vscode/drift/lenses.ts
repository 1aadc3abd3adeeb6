// Drift code lenses. Over a drifted spec's frontmatter: `Drifted: 3 files (+57 −14)` · Show drift
// · Re-run · Acknowledge (or the driver roll-up, an acknowledgement with Undo, or why drift is
// unknown). At the top of a changed tracked file, per spec tracking it: Diff since baseline ·
// Open spec · "001-doc: +45 −12 since 2026-01-28", the full sentence in their hover.
import * as vscode from 'vscode';
import type { DriftFinding } from '../../core/drift/model';
import { changedFileLenses, driftSummary, specLensText } from '../../core/drift/messages';
import { notesLensTitle, notesTooltip } from '../../core/drift/notes';
import { normalizePath } from '../../core/paths';
import { Commands } from '../commands';
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
      // Actions first and short text: a lens line is cut at the editor's width. The whole
      // sentence is in the hover of each.
      const text = changedFileLenses(f, file);
      if (f.baseline?.kind === 'git') {
        lenses.push(new vscode.CodeLens(top, { title: text.diff, command: Commands.openDriftDiff, arguments: [f.specPath, file.absPath], tooltip: text.hover }));
      }
      lenses.push(
        new vscode.CodeLens(top, { title: text.open, command: Commands.openSpec, arguments: [f.specPath], tooltip: text.hover }),
        new vscode.CodeLens(top, { title: text.summary, command: Commands.showSpecDrift, arguments: [f.specPath], tooltip: text.summaryHover }),
      );
    }
    return lenses;
  }

  private specLenses(f: DriftFinding): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const summary = driftSummary(f);
    if (summary) {
      const lenses = [
        new vscode.CodeLens(top, { title: specLensText.drifted(summary), command: Commands.showSpecDrift, arguments: [f.specPath], tooltip: notesTooltip(f.notes) || undefined }),
        new vscode.CodeLens(top, { title: specLensText.showDrift(), command: Commands.showSpecDrift, arguments: [f.specPath] }),
      ];
      // Chant only works active specs: no Re-run on an archived one.
      if (!f.archived) lenses.push(new vscode.CodeLens(top, { title: specLensText.rerun(), command: Commands.rerunDriftedSpec, arguments: [f.specPath], tooltip: specLensText.rerunHover() }));
      if (f.state === 'drifted') {
        lenses.push(new vscode.CodeLens(top, { title: specLensText.acknowledge(), command: Commands.acknowledgeDrift, arguments: [f.specPath], tooltip: specLensText.acknowledgeHover() }));
      }
      return lenses;
    }
    if (f.acknowledged) {
      return [
        new vscode.CodeLens(top, {
          title: specLensText.acknowledged(f.acknowledged),
          command: Commands.showSpecDrift, arguments: [f.specPath],
        }),
        new vscode.CodeLens(top, { title: specLensText.undo(), command: Commands.undoAcknowledgeDrift, arguments: [f.specPath] }),
      ];
    }
    if (f.state === 'unknown') {
      return [new vscode.CodeLens(top, { title: specLensText.unknown(f), command: Commands.showSpecDrift, arguments: [f.specPath], tooltip: notesTooltip(f.notes) || undefined })];
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
