// The one place core findings become VS Code types (ranges, severities).
import * as vscode from 'vscode';
import type { Severity, TextRange } from '../core/model';

export function toRange(r: TextRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  return SEVERITY[s];
}

/** A severity setting (`error` … `hint`, or `off` for none). */
export function severityFromSetting(s: 'error' | 'warning' | 'information' | 'hint' | 'off'): vscode.DiagnosticSeverity | undefined {
  return s === 'off' ? undefined : s === 'information' ? vscode.DiagnosticSeverity.Information : SEVERITY[s];
}
