// Completion in spec files: spec IDs in depends_on/members and after `[[` (title and status as
// detail), status and type values, and the frontmatter keys chant knows.
import * as vscode from 'vscode';
import { SPEC_STATUSES, SPEC_TYPES } from '../../core/model';
import { FRONTMATTER_KEYS, completionOrder, completionSite, hoverMarkdown, specDetail, type SpecFacts } from '../../core/specLanguage';
import { isMemberOf } from '../../core/ids';
import { Commands } from '../commands';
import type { SpecLanguageState } from './specLanguageState';

/** Characters after which completion opens by itself. */
export const COMPLETION_TRIGGERS = ['[', ' ', ',', '-'];

/** Hints shown next to a completed value (functions: translated when shown). */
const STATUS_NOTES: Record<string, () => string> = {
  pending: () => vscode.l10n.t('not started (chant shows it blocked while dependencies are open)'),
  in_progress: () => vscode.l10n.t('an agent is working on it'),
  paused: () => vscode.l10n.t('stopped by `chant pause`'),
  completed: () => vscode.l10n.t('done; set by finalize with `completed_at`'),
  failed: () => vscode.l10n.t('the last run failed'),
  needs_attention: () => vscode.l10n.t('needs a human'),
  ready: () => vscode.l10n.t('never ready in practice: chant cannot move into or out of it'),
  blocked: () => vscode.l10n.t('recomputed on load from the dependencies'),
  cancelled: () => vscode.l10n.t('dropped; counts as done for `chant list --ready`'),
};

const TYPE_NOTES: Record<string, () => string> = {
  code: () => vscode.l10n.t('the default: an agent changes code'),
  task: () => vscode.l10n.t('work that is not code'),
  driver: () => vscode.l10n.t('runs its `ID.N` members in order'),
  documentation: () => vscode.l10n.t('documents the files in `tracks` (drift watches them)'),
  research: () => vscode.l10n.t('reads `informed_by`/`origin`, writes `target_files`'),
  group: () => vscode.l10n.t('what `chant split` turns a driver into'),
};

export class SpecCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly state: SpecLanguageState) {}

  provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionItem[] | undefined {
    const lines = doc.getText().split('\n');
    const site = completionSite(lines, pos.line, pos.character);
    if (!site) return undefined;
    const range = new vscode.Range(pos.line, site.start, pos.line, site.end);
    const current = this.state.specOf(doc);
    switch (site.kind) {
      case 'status':
      case 'type': {
        const values = site.kind === 'status' ? SPEC_STATUSES : SPEC_TYPES;
        const notes = site.kind === 'status' ? STATUS_NOTES : TYPE_NOTES;
        return values.map((v, i) => {
          const item = new vscode.CompletionItem(v, vscode.CompletionItemKind.EnumMember);
          item.detail = notes[v]?.();
          item.range = range;
          item.sortText = String(i).padStart(2, '0');
          return item;
        });
      }
      case 'key': {
        const existing = new Set(site.existing);
        return FRONTMATTER_KEYS.filter((k) => !existing.has(k)).map((k) => {
          const item = new vscode.CompletionItem(k, vscode.CompletionItemKind.Property);
          item.insertText = `${k}: `;
          item.range = range;
          item.detail = vscode.l10n.t('chant frontmatter key');
          return item;
        });
      }
      case 'spec-id': {
        const root = this.state.rootOf(doc.uri);
        if (!root) return undefined;
        const own = current?.id;
        const skip = new Set(site.existing);
        let candidates: SpecFacts[] = this.state.lookup.idsOf(root)
          .filter((s) => s.id !== own && !skip.has(s.id))
          .map((s) => this.state.facts(s));
        // A dependency on an archived spec blocks forever; `members:` lists only this spec's members.
        if (site.field === 'depends_on') candidates = candidates.filter((f) => !f.spec.archived);
        if (site.field === 'members') candidates = candidates.filter((f) => !f.spec.archived && own !== undefined && isMemberOf(f.spec.id, own));
        return completionOrder(own, candidates).map((facts, i) => {
          const { spec } = facts;
          const item = new vscode.CompletionItem({ label: spec.id, description: spec.title }, vscode.CompletionItemKind.Reference);
          item.detail = specDetail(facts);
          const link = `command:${Commands.openSpec}?${encodeURIComponent(JSON.stringify([spec.path]))}`;
          const md = new vscode.MarkdownString(hoverMarkdown(facts, link));
          md.isTrusted = { enabledCommands: [Commands.openSpec] };
          item.documentation = md;
          item.range = range;
          item.insertText = spec.id;
          item.filterText = `${spec.id} ${spec.title ?? ''}`;
          item.sortText = String(i).padStart(6, '0');
          return item;
        });
      }
    }
  }
}
