// Drift findings as diagnostics: on a spec, a warning on each `tracks:` / `origin:` /
// `informed_by:` entry that matched changed files, the pattern notes (braces, directories,
// patterns matching nothing, patterns chant rejects) and "drift unknown"; on each changed tracked
// file, one diagnostic per spec tracking it, with the severity the user chose (or none).
import * as vscode from 'vscode';
import type { DriftFinding } from '../../core/drift/model';
import { changedFileMessage, driftedMembersMessage, driftUnknownMessage, entryDriftedMessage, tracksThisFile } from '../../core/drift/messages';
import type { ChantContext } from '../context';
import type { DriftService } from './driftService';
import { severityFromSetting, toRange, toSeverity } from '../convert';

export const DRIFT_DIAGNOSTIC_SOURCE = 'chant drift';

/** The diagnostics of one spec file. */
export function specDiagnostics(f: DriftFinding): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const p of f.patterns) {
    const range = toRange(p.range);
    if (f.state === 'drifted' && p.changed.length > 0) {
      const d = new vscode.Diagnostic(range, entryDriftedMessage(f, p), vscode.DiagnosticSeverity.Warning);
      d.source = DRIFT_DIAGNOSTIC_SOURCE;
      d.code = 'drift';
      out.push(d);
    }
    for (const note of p.notes) {
      const d = new vscode.Diagnostic(range, note.message, toSeverity(note.severity));
      d.source = DRIFT_DIAGNOSTIC_SOURCE;
      d.code = `drift-${note.kind}`;
      out.push(d);
    }
  }
  // A missing or malformed completed_at is lint's `completed-at` on the spec: one cause, one report.
  if (f.state === 'unknown' && !f.completedAtProblem) {
    const d = new vscode.Diagnostic(anchor(f), driftUnknownMessage(f), vscode.DiagnosticSeverity.Information);
    d.source = DRIFT_DIAGNOSTIC_SOURCE;
    d.code = 'drift-unknown';
    out.push(d);
  }
  if (f.driftedMembers.length > 0) {
    const d = new vscode.Diagnostic(anchor(f), driftedMembersMessage(f), vscode.DiagnosticSeverity.Warning);
    d.source = DRIFT_DIAGNOSTIC_SOURCE;
    d.code = 'drift-members';
    out.push(d);
  }
  return out;
}

/** The first pattern entry, else the top of the file. */
function anchor(f: DriftFinding): vscode.Range {
  return f.patterns.length > 0 ? toRange(f.patterns[0].range) : new vscode.Range(0, 0, 0, 3);
}

export function registerDriftDiagnostics(ctx: ChantContext, service: DriftService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('chant-drift');
  const render = () => {
    const severity = severityFromSetting(ctx.settings.get('driftSourceSeverity'));
    const entries = new Map<string, vscode.Diagnostic[]>();
    const add = (path: string, d: vscode.Diagnostic) => {
      const list = entries.get(path) ?? [];
      list.push(d);
      entries.set(path, list);
    };
    for (const f of service.findings()) {
      for (const d of specDiagnostics(f)) add(f.specPath, d);
      if (severity === undefined || f.state !== 'drifted') continue;
      for (const file of f.files) {
        if (file.change === 'deleted') continue; // nothing to open
        const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), changedFileMessage(f, file), severity);
        d.source = DRIFT_DIAGNOSTIC_SOURCE;
        d.code = 'drift-source';
        d.relatedInformation = [new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.file(f.specPath), anchor(f)), tracksThisFile(f))];
        add(file.absPath, d);
      }
    }
    collection.clear();
    collection.set([...entries].map(([path, list]) => [vscode.Uri.file(path), list]));
  };
  render();
  return vscode.Disposable.from(
    collection,
    service.onDidChange(render),
    ctx.settings.onDidChange((keys) => {
      if (keys.includes('driftSourceSeverity')) render();
    }),
  );
}
