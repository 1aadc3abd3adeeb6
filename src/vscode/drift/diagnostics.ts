// Drift findings as diagnostics: on a spec, a warning on each `tracks:` / `origin:` /
// `informed_by:` entry that matched changed files, the pattern notes (braces, directories,
// patterns matching nothing, patterns chant rejects) and "drift unknown"; on each changed tracked
// file, one diagnostic per spec tracking it, with the severity the user chose (or none).
import * as vscode from 'vscode';
import { dateOf, type DriftFinding } from '../../core/drift/model';
import type { ChantContext } from '../context';
import type { DriftService } from './driftService';
import { severityFromSetting, toRange, toSeverity } from '../convert';

export const DRIFT_DIAGNOSTIC_SOURCE = 'chant drift';

/** `+45 −12` (or `binary`). */
export function lineCounts(f: { insertions: number; deletions: number; binary: boolean }): string {
  return f.binary ? vscode.l10n.t('binary') : `+${f.insertions} −${f.deletions}`;
}

/** The diagnostics of one spec file. */
export function specDiagnostics(f: DriftFinding): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  const since = dateOf(f.completedAt) ?? f.completedAt ?? vscode.l10n.t('its baseline');
  const byPath = new Map(f.files.map((x) => [x.path, x]));
  for (const p of f.patterns) {
    const range = toRange(p.range);
    if (f.state === 'drifted' && p.changed.length > 0) {
      const n = p.changed.length;
      const listed = p.changed.slice(0, 3).map((path) => `${path} ${lineCounts(byPath.get(path)!)}`);
      const files = n > 3 ? vscode.l10n.t('{0}, and {1} more', listed.join(', '), n - 3) : listed.join(', ');
      const acknowledgedOn = f.baseline?.source === 'acknowledged' ? dateOf(f.baseline.date) ?? f.baseline.date : undefined;
      const message = acknowledgedOn !== undefined
        ? (n === 1 ? vscode.l10n.t('1 file changed since the drift was acknowledged on {0}: {1}', acknowledgedOn, files)
          : vscode.l10n.t('{0} files changed since the drift was acknowledged on {1}: {2}', n, acknowledgedOn, files))
        : (n === 1 ? vscode.l10n.t('1 file changed since this spec completed on {0}: {1}', since, files)
          : vscode.l10n.t('{0} files changed since this spec completed on {1}: {2}', n, since, files));
      const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
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
    const d = new vscode.Diagnostic(anchor(f), vscode.l10n.t('Drift unknown: {0}.', f.reason ?? ''), vscode.DiagnosticSeverity.Information);
    d.source = DRIFT_DIAGNOSTIC_SOURCE;
    d.code = 'drift-unknown';
    out.push(d);
  }
  if (f.driftedMembers.length > 0) {
    const members = f.driftedMembers.join(', ');
    const d = new vscode.Diagnostic(anchor(f), f.driftedMembers.length === 1 ? vscode.l10n.t('Drifted member: {0}.', members) : vscode.l10n.t('Drifted members: {0}.', members), vscode.DiagnosticSeverity.Warning);
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
        const since = f.baseline?.source === 'acknowledged'
          ? vscode.l10n.t('the acknowledgement on {0}', dateOf(f.baseline.date) ?? f.baseline.date)
          : dateOf(f.completedAt) ?? vscode.l10n.t('its baseline');
        const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
          vscode.l10n.t('Changed {0} since {1}; tracked by {2} ({3}), which may be out of date.', lineCounts(file), since, f.title ?? f.specId, f.specId), severity);
        d.source = DRIFT_DIAGNOSTIC_SOURCE;
        d.code = 'drift-source';
        d.relatedInformation = [new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.file(f.specPath), anchor(f)), vscode.l10n.t('{0} tracks this file', f.specId))];
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
