// Editor-independent pieces of the spec language features: which ID is under the cursor, what
// completion is wanted where, the closest valid values for a typo, and the hover text. The
// VS Code adapters (src/vscode/language/) only convert positions and ranges.

import * as l10n from '@vscode/l10n';
import { SPEC_STATUSES, SPEC_TYPES, type Spec } from './model';
import { compareSpecIds } from './ids';
import { describeBlockReason } from './specIndex';
import type { SpecRelations } from './relations';
import { KNOWN_KEYS } from './spec';
import { markdownCode, markdownText } from './text';

/** A spec ID (or something shaped like one) found in a line of text. */
export interface IdAt {
  id: string;
  start: number;
  end: number;
  /** Written as `[[id]]`. */
  wiki: boolean;
}

const ID_CHAR = /[A-Za-z0-9._:-]/;

/**
 * The ID-shaped token at `character` of `line` (IDs are file stems: letters, digits, `.`, `_`,
 * `-`; `repo:id` keeps its prefix). Trailing dots (end of a sentence) are not part of it.
 */
export function idAt(line: string, character: number): IdAt | undefined {
  let start = character;
  let end = character;
  while (start > 0 && ID_CHAR.test(line[start - 1])) start--;
  while (end < line.length && ID_CHAR.test(line[end])) end++;
  while (end > start && (line[end - 1] === '.' || line[end - 1] === ':')) end--;
  while (start < end && (line[start] === '.' || line[start] === ':' || line[start] === '-')) start++;
  if (start >= end || character < start || character > end) return undefined;
  const id = line.slice(start, end);
  if (!/[A-Za-z0-9]/.test(id)) return undefined;
  const wiki = line.slice(Math.max(0, start - 2), start) === '[[' && line.slice(end, end + 2) === ']]';
  return { id, start, end, wiki };
}

/** Standard IDs and `[[id]]` references in a line, for document links in any markdown text. */
export function idsInLine(line: string): IdAt[] {
  const out: IdAt[] = [];
  const re = /(?<![\p{L}\p{N}\p{M}_.-])\d{4}-\d{2}-\d{2}-[0-9a-z]{3,}-[0-9a-z]{3}(?:\.\d+)*(?![\p{L}\p{N}\p{M}_-])|\[\[([A-Za-z0-9][A-Za-z0-9._-]*)\]\]/gu;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[1] !== undefined) out.push({ id: m[1], start: m.index + 2, end: m.index + 2 + m[1].length, wiki: true });
    else out.push({ id: m[0], start: m.index, end: m.index + m[0].length, wiki: false });
  }
  return out;
}

/** What the user is typing, as far as completion cares. */
export type CompletionSite =
  | { kind: 'spec-id'; field: 'depends_on' | 'members' | 'wiki'; prefix: string; start: number; end: number; existing: string[] }
  | { kind: 'status' | 'type'; prefix: string; start: number; end: number }
  | { kind: 'key'; prefix: string; start: number; end: number; existing: string[] };

/** Lines of the frontmatter block (`---` on the first line), as [first, closing) line numbers, if any. */
export function frontmatterLines(lines: readonly string[]): { first: number; end: number } | undefined {
  if (lines.length === 0 || lines[0].replace(/\r$/, '').trimEnd() !== '---') return undefined;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].replace(/\r$/, '').trimEnd() === '---') return { first: 1, end: i };
  }
  return { first: 1, end: lines.length };
}

const TOKEN_BEFORE = /[A-Za-z0-9._:-]*$/;
const TOKEN_AFTER = /^[A-Za-z0-9._:-]*/;

/** Where completion applies at (line, character) of a spec text split into lines. */
export function completionSite(lines: readonly string[], line: number, character: number): CompletionSite | undefined {
  const text = (lines[line] ?? '').replace(/\r$/, '');
  const before = text.slice(0, character);
  const prefix = TOKEN_BEFORE.exec(before)?.[0] ?? '';
  const start = character - prefix.length;
  const end = character + (TOKEN_AFTER.exec(text.slice(character))?.[0].length ?? 0);
  const fm = frontmatterLines(lines);

  if (fm && line >= fm.first && line < fm.end) {
    const keyLine = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*(.*)$/.exec(before);
    if (keyLine) {
      const [, key, rest] = keyLine;
      if (key === 'status' && !rest.includes(' ')) return { kind: 'status', prefix, start, end };
      if (key === 'type' && !rest.includes(' ')) return { kind: 'type', prefix, start, end };
      if ((key === 'depends_on' || key === 'members') && (rest === prefix || /^\[[^\]]*$/.test(rest))) {
        return { kind: 'spec-id', field: key, prefix, start, end, existing: listValues(text) };
      }
      return undefined;
    }
    if (/^[ \t]+-[ \t]+[A-Za-z0-9._:-]*$/.test(before) || /^[ \t]*-[ \t]*$/.test(before)) {
      // A block-list item: which key does it belong to?
      for (let i = line - 1; i >= fm.first; i--) {
        const l = lines[i].replace(/\r$/, '');
        if (/^[ \t]*-/.test(l) || l.trim() === '') continue;
        const owner = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*$/.exec(l);
        if (owner && (owner[1] === 'depends_on' || owner[1] === 'members')) {
          const existing: string[] = [];
          for (let j = i + 1; j < fm.end; j++) {
            const item = /^[ \t]*-[ \t]*([^\s#]+)/.exec(lines[j]);
            if (!item) break;
            if (j !== line) existing.push(unquote(item[1]));
          }
          return { kind: 'spec-id', field: owner[1], prefix, start, end, existing };
        }
        return undefined;
      }
      return undefined;
    }
    if (/^[A-Za-z_]*$/.test(before)) {
      const existing: string[] = [];
      for (let i = fm.first; i < fm.end; i++) {
        const k = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:/.exec(lines[i]);
        if (k && i !== line) existing.push(k[1]);
      }
      return { kind: 'key', prefix, start, end, existing };
    }
    return undefined;
  }

  const open = before.lastIndexOf('[[');
  if (open >= 0 && !before.slice(open + 2).includes(']') && /^[A-Za-z0-9._-]*$/.test(before.slice(open + 2))) {
    return { kind: 'spec-id', field: 'wiki', prefix: before.slice(open + 2), start: open + 2, end, existing: [] };
  }
  return undefined;
}

function listValues(text: string): string[] {
  const open = text.indexOf('[');
  if (open < 0) return [];
  const close = text.indexOf(']', open);
  return text.slice(open + 1, close < 0 ? undefined : close).split(',').map((v) => unquote(v.trim())).filter(Boolean);
}

function unquote(v: string): string {
  return /^(['"]).*\1$/.test(v) ? v.slice(1, -1) : v;
}

/** Keys chant knows, in the order chant writes them first. */
export const FRONTMATTER_KEYS = [...KNOWN_KEYS];

/** Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

// Words people write for chant's enums, mapped to what they mean.
const STATUS_ALIASES: Record<string, string> = {
  done: 'completed', complete: 'completed', finished: 'completed', closed: 'completed',
  todo: 'pending', open: 'pending', new: 'pending', wip: 'in_progress', started: 'in_progress', active: 'in_progress',
  canceled: 'cancelled', abandoned: 'cancelled', error: 'failed', stuck: 'blocked', hold: 'paused', on_hold: 'paused',
};
const TYPE_ALIASES: Record<string, string> = {
  implementation: 'code', feature: 'code', bug: 'code', fix: 'code', refactor: 'code', docs: 'documentation', doc: 'documentation',
  chore: 'task', epic: 'group', investigation: 'research', spike: 'research',
};

/** Every valid value, the closest to `written` first (aliases, then spelling distance, then chant's order). */
export function closestValues(written: string, field: 'status' | 'type'): string[] {
  const valid: readonly string[] = field === 'status' ? SPEC_STATUSES : SPEC_TYPES;
  const norm = written.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const alias = (field === 'status' ? STATUS_ALIASES : TYPE_ALIASES)[norm];
  const score = (v: string) => {
    if (v === alias) return -2;
    if (v.replace(/_/g, '') === norm.replace(/_/g, '')) return -1;
    return editDistance(norm, v);
  };
  return [...valid].sort((a, b) => score(a) - score(b) || valid.indexOf(a) - valid.indexOf(b));
}

/**
 * IDs that `written` most likely meant: chant's unique suffix/substring matches first, then
 * small spelling distances (at most 2; generated IDs of one day differ in only a few characters). Best first.
 */
export function nearMissIds(written: string, candidates: Iterable<string>, max = 3): string[] {
  const ids = [...candidates].filter((c) => c !== written);
  const suffix = ids.filter((id) => id.endsWith(written));
  const contains = ids.filter((id) => id.includes(written));
  const picked: string[] = [];
  if (written.length >= 3 && suffix.length === 1) picked.push(suffix[0]);
  else if (written.length >= 3 && contains.length === 1) picked.push(contains[0]);
  const limit = Math.min(2, Math.max(1, Math.floor(written.length / 8)));
  const close = ids
    .map((id) => ({ id, d: editDistance(written, id, limit) }))
    .filter((x) => x.d <= limit && !picked.includes(x.id))
    .sort((a, b) => a.d - b.d || compareSpecIds(a.id, b.id));
  for (const c of close) picked.push(c.id);
  return picked.slice(0, max);
}

/** Inputs for a hover or completion detail about one spec. */
export interface SpecFacts {
  spec: Spec;
  relations: SpecRelations;
  /** Drift summary from the drift feature, if it knows one. */
  drift?: string;
}

// Each hover line starts with our own text, so only inline markup needs escaping.
const escapeMd = markdownText;

/** One line for completion details and link tooltips: `status · type · title`. */
export function specDetail({ spec, relations }: SpecFacts): string {
  const title = spec.title ?? l10n.t('(no title)');
  const status = relations.ready ? l10n.t('{0} (ready)', relations.status) : relations.status;
  const type = spec.archived ? l10n.t('{0} · archived', spec.type) : spec.type;
  return `${status} · ${type} — ${title}`;
}

/** Markdown for a hover on a spec ID. `openLink` is the link target that opens the spec. */
export function hoverMarkdown({ spec, relations, drift }: SpecFacts, openLink: string): string {
  const out: string[] = [];
  out.push(`**${escapeMd(spec.title ?? l10n.t('(no title)'))}**`);
  const status = relations.status === 'invalid' ? l10n.t('invalid (chant cannot load it)') : relations.status;
  const bold = `**${escapeMd(status)}**`;
  const facts = [markdownCode(spec.id), spec.type, relations.ready ? l10n.t('status: {0} · ready', bold) : l10n.t('status: {0}', bold)];
  if (spec.rawStatus !== relations.status && relations.status !== 'invalid') facts.push(l10n.t('on disk: {0}', escapeMd(spec.rawStatus)));
  if (spec.archived) facts.push(l10n.t('archived'));
  out.push(facts.join(' · '));
  const progress: string[] = [];
  if (spec.criteria.total > 0) progress.push(l10n.t('criteria {0}/{1}', spec.criteria.checked, spec.criteria.total));
  if (relations.memberProgress) progress.push(l10n.t('members {0}/{1} completed', relations.memberProgress.completed, relations.memberProgress.total));
  if (progress.length) out.push(l10n.t('Progress: {0}', progress.join(' · ')));
  if (relations.blockedBy.length) out.push(l10n.t('Blocked by: {0}', relations.blockedBy.map((r) => escapeMd(describeBlockReason(r))).join('; ')));
  const workOnly = relations.workBlockedBy.filter((r) => !relations.blockedBy.some((b) => describeBlockReason(b) === describeBlockReason(r)));
  if (workOnly.length && !spec.archived && relations.status !== 'completed' && relations.status !== 'cancelled') {
    out.push(l10n.t('`chant work` would refuse: {0}', workOnly.map((r) => escapeMd(describeBlockReason(r))).join('; ')));
  }
  if (relations.cycle) out.push(l10n.t('On a dependency cycle: {0}', relations.cycle.map(escapeMd).join(' → ')));
  if (drift) out.push(l10n.t('Drift: {0}', escapeMd(drift)));
  out.push(`[${escapeMd(l10n.t('Open spec'))}](${openLink})`);
  return out.join('\n\n');
}

/**
 * Sort for ID completion: members of the same driver first (in order), then open work, then
 * completed or cancelled specs, archived last; newest first in those groups (what one usually links to).
 */
export function completionOrder(current: string | undefined, candidates: SpecFacts[]): SpecFacts[] {
  const driver = current?.split('.')[0];
  const group = ({ spec, relations }: SpecFacts) => {
    if (spec.archived) return 3;
    if (driver !== undefined && spec.id.split('.')[0] === driver && spec.id !== current) return 0;
    return relations.status === 'completed' || relations.status === 'cancelled' ? 2 : 1;
  };
  const order = (a: SpecFacts, b: SpecFacts) => compareSpecIds(a.spec.id, b.spec.id) || (a.spec.id < b.spec.id ? -1 : a.spec.id > b.spec.id ? 1 : 0);
  return [...candidates].sort((a, b) => group(a) - group(b) || (group(a) === 0 ? order(a, b) : order(b, a)));
}
