// Quick fixes where the fix is certain: wrap a bare string in a list, remove a BOM, replace an
// unknown status/type (one action per valid value, closest first), complete a near-miss ID.
// Nothing is written until the user picks a fix (a WorkspaceEdit on the open document).
import * as vscode from 'vscode';
import { closestValues, nearMissIds } from '../../core/specLanguage';
import { isSpecDiagnostic } from './diagnostics';
import type { SpecLanguageState } from './specLanguageState';

export class SpecCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly state: SpecLanguageState) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (!isSpecDiagnostic(d)) continue;
      switch (d.code) {
        case 'bom':
          out.push(fix(vscode.l10n.t('Remove the byte-order mark'), doc, d, new vscode.Range(0, 0, 0, 1), '', true));
          break;
        case 'bare-string': {
          const written = doc.getText(d.range);
          if (d.range.isSingleLine && written.length > 0) {
            const plain = !/^['"]/.test(written) && /[,[\]{}]/.test(written);
            const list = `[${plain ? JSON.stringify(written) : written}]`;
            out.push(fix(vscode.l10n.t('Wrap in a list: {0}', list), doc, d, d.range, list, true));
          }
          break;
        }
        case 'unknown-status':
        case 'unknown-type': {
          if (!d.range.isSingleLine || d.range.isEmpty) break;
          const { quote, value } = unquote(doc.getText(d.range));
          const field = d.code === 'unknown-status' ? 'status' : 'type';
          for (const choice of closestValues(value, field)) {
            out.push(fix(vscode.l10n.t('Change {0} to {1}', field, choice), doc, d, d.range, `${quote}${choice}${quote}`, false));
          }
          break;
        }
        case 'dependency':
          out.push(...this.idFixes(doc, d));
          break;
      }
    }
    return out;
  }

  /** A depends_on/members entry naming no spec at all: offer the IDs it most likely meant. */
  private idFixes(doc: vscode.TextDocument, d: vscode.Diagnostic): vscode.CodeAction[] {
    if (!d.range.isSingleLine) return [];
    const { quote, value } = unquote(doc.getText(d.range));
    const root = this.state.rootOf(doc.uri);
    if (!root || value.includes(':') || this.state.lookup.filesWithId(root, value).length > 0) return [];
    const candidates = this.state.lookup.idsOf(root).filter((s) => !s.archived && s.loadable).map((s) => s.id);
    return nearMissIds(value, candidates).map((id) => {
      const target = this.state.lookup.active(root, id);
      return fix(target?.title ? vscode.l10n.t('Change to {0} ({1})', id, target.title) : vscode.l10n.t('Change to {0}', id), doc, d, d.range, `${quote}${id}${quote}`, false);
    });
  }
}

function unquote(text: string): { quote: string; value: string } {
  const m = /^(['"])(.*)\1$/.exec(text);
  return m ? { quote: m[1], value: m[2] } : { quote: '', value: text };
}

function fix(title: string, doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, range: vscode.Range, newText: string, preferred: boolean): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(doc.uri, range, newText);
  return action;
}
