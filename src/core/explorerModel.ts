// What the Spec Explorer shows, as plain data: groups, ordering, filtering and the text of each
// row. The VS Code tree provider only turns these into TreeItems.

import * as l10n from '@vscode/l10n';
import type { DerivedStatus, Spec } from './model';
import type { SpecIndex } from './specIndex';
import { describeBlockReason } from './specIndex';
import { compareSpecIds, shortId } from './ids';
import { markdownCode, markdownText } from './text';

export type Grouping = 'status' | 'hierarchy';

/** Status groups in display order. Labels are getters: translated when shown, not at load time
 *  (the extension configures the translation bundle on activation, after modules load). */
export const STATUS_GROUPS = [
  { key: 'drifted', get label() { return l10n.t('Drifted'); }, collapsed: false },
  { key: 'ready', get label() { return l10n.t('Ready'); }, collapsed: false },
  { key: 'in_progress', get label() { return l10n.t('In progress'); }, collapsed: false },
  { key: 'blocked', get label() { return l10n.t('Blocked'); }, collapsed: false },
  { key: 'pending', get label() { return l10n.t('Pending'); }, collapsed: false },
  { key: 'attention', get label() { return l10n.t('Failed / needs attention'); }, collapsed: false },
  { key: 'invalid', get label() { return l10n.t('Not loadable by chant'); }, collapsed: false },
  { key: 'completed', get label() { return l10n.t('Completed'); }, collapsed: true },
  { key: 'cancelled', get label() { return l10n.t('Cancelled'); }, collapsed: true },
  { key: 'archived', get label() { return l10n.t('Archived'); }, collapsed: true },
] as const;
export type StatusGroupKey = (typeof STATUS_GROUPS)[number]['key'];

/** A parsed filter: free words match ID and title; `label:`, `type:`, `status:` narrow. */
export interface SpecFilter {
  text: string[];
  labels: string[];
  types: string[];
  statuses: string[];
}

export function parseFilter(query: string): SpecFilter | undefined {
  const filter: SpecFilter = { text: [], labels: [], types: [], statuses: [] };
  for (const word of query.trim().split(/\s+/).filter(Boolean)) {
    const m = /^(label|type|status):(.+)$/i.exec(word);
    if (!m) filter.text.push(word.toLowerCase());
    else if (m[1].toLowerCase() === 'label') filter.labels.push(m[2].toLowerCase());
    else if (m[1].toLowerCase() === 'type') filter.types.push(m[2].toLowerCase());
    else filter.statuses.push(m[2].toLowerCase());
  }
  const empty = !filter.text.length && !filter.labels.length && !filter.types.length && !filter.statuses.length;
  return empty ? undefined : filter;
}

export function matchesFilter(spec: Spec, status: DerivedStatus, filter: SpecFilter | undefined): boolean {
  if (!filter) return true;
  const hay = `${spec.id} ${spec.title ?? ''}`.toLowerCase();
  if (!filter.text.every((w) => hay.includes(w))) return false;
  if (filter.labels.length && !filter.labels.some((l) => spec.labels.some((x) => x.toLowerCase() === l))) return false;
  if (filter.types.length && !filter.types.includes(spec.type)) return false;
  if (filter.statuses.length && !filter.statuses.some((s) => status === s || (s === 'ready' && status === 'pending'))) return false;
  return true;
}

export interface RunState {
  stateOf(root: string, id: string): 'running' | 'stale' | undefined;
}

export interface DriftState {
  summaryOf(path: string): string | undefined;
}

/** The group a spec belongs to when grouping by status. */
export function statusGroupOf(index: SpecIndex, spec: Spec, drift?: DriftState, runs?: RunState): StatusGroupKey {
  if (spec.archived) return 'archived';
  const rel = index.relationsOf(spec);
  if (rel.status === 'invalid') return 'invalid';
  if (runs?.stateOf(spec.root, spec.id) === 'running') return 'in_progress';
  switch (rel.status) {
    case 'in_progress':
    case 'paused':
      return 'in_progress';
    case 'failed':
    case 'needs_attention':
      return 'attention';
    case 'completed':
      return drift?.summaryOf(spec.path) ? 'drifted' : 'completed';
    case 'cancelled':
      return 'cancelled';
    case 'blocked':
      return 'blocked';
    default:
      return rel.ready ? 'ready' : 'pending';
  }
}

/** The description next to a row's title: short ID, progress, readiness. */
export function describeRow(index: SpecIndex, spec: Spec, drift?: DriftState, runs?: RunState): string {
  const rel = index.relationsOf(spec);
  const parts = [shortId(spec.id)];
  if (rel.memberProgress) parts.push(l10n.t('members {0}/{1}', rel.memberProgress.completed, rel.memberProgress.total));
  if (spec.criteria.total > 0) parts.push(`${spec.criteria.checked}/${spec.criteria.total}`);
  const run = runs?.stateOf(spec.root, spec.id);
  if (run === 'running') parts.push(l10n.t('running'));
  else if (run === 'stale') parts.push(l10n.t('stale lock'));
  if (rel.status === 'invalid') parts.push(l10n.t('not loadable'));
  else if (rel.ready && rel.workBlockedBy.length > 0) parts.push(l10n.t('ready (work would refuse)'));
  else if (rel.ready) parts.push(l10n.t('ready'));
  else if (rel.status === 'blocked') parts.push(l10n.t('blocked'));
  if (rel.orphan) parts.push(l10n.t('orphan'));
  if (drift?.summaryOf(spec.path)) parts.push(l10n.t('drifted'));
  return parts.join(' · ');
}

/** Sorts specs as chant does, archived last. */
export function sortSpecs(specs: Spec[]): Spec[] {
  return specs.sort((a, b) => Number(a.archived) - Number(b.archived) || compareSpecIds(a.id, b.id) || (a.path < b.path ? -1 : 1));
}

/** Markdown for a row's tooltip (the VS Code adapter renders it). */
export function tooltipMarkdown(index: SpecIndex, spec: Spec, drift?: DriftState, runs?: RunState): string {
  const rel = index.relationsOf(spec);
  // Titles and messages come from untrusted files: escape what markdown would interpret inline.
  const esc = markdownText;
  const code = markdownCode;
  const lines: string[] = [];
  lines.push(`**${esc(spec.title ?? spec.id)}**`, '');
  lines.push(spec.archived ? l10n.t('{0} (archived)', code(spec.id)) : code(spec.id), '');
  const statusText = rel.status === spec.rawStatus ? rel.status : l10n.t('{0} (on disk: {1})', rel.status, code(spec.rawStatus));
  lines.push(rel.ready ? l10n.t('- Status: {0} · ready', statusText) : l10n.t('- Status: {0}', statusText));
  lines.push(l10n.t('- Type: {0}', spec.rawType && spec.rawType !== spec.type ? esc(spec.rawType) : spec.type));
  if (spec.labels.length) lines.push(l10n.t('- Labels: {0}', spec.labels.map(esc).join(', ')));
  if (spec.criteria.total) lines.push(l10n.t('- Acceptance criteria: {0}/{1}', spec.criteria.checked, spec.criteria.total));
  if (rel.memberProgress) lines.push(l10n.t('- Members completed: {0}/{1}', rel.memberProgress.completed, rel.memberProgress.total));
  const run = runs?.stateOf(spec.root, spec.id);
  if (run) lines.push(run === 'running' ? l10n.t('- Run: running now') : l10n.t('- Run: stale lock (the chant process is gone)'));
  if (spec.dependsOn.length) {
    lines.push(l10n.t('- Depends on:'));
    for (const d of spec.dependsOn) {
      const dep = index.byId(spec.root, d.value);
      const state = dep ? (dep.archived ? l10n.t('archived') : index.relationsOf(dep).status) : l10n.t('missing');
      lines.push(`  - ${code(d.value)} — ${state}`);
    }
  }
  if (rel.blockedBy.length) lines.push(l10n.t('- Blocked by: {0}', rel.blockedBy.map((r) => esc(describeBlockReason(r))).join('; ')));
  if (rel.ready && rel.workBlockedBy.length) lines.push(l10n.t('- {0} would refuse: {1}', code('chant work'), rel.workBlockedBy.map((r) => esc(describeBlockReason(r))).join('; ')));
  const driftSummary = drift?.summaryOf(spec.path);
  if (driftSummary) lines.push(l10n.t('- Drifted: {0}', esc(driftSummary)));
  const problems = index.problemsOf(spec);
  if (problems.length) {
    lines.push('', l10n.t('**Problems**'));
    for (const p of problems.slice(0, 5)) lines.push(l10n.t('- {0} (line {1}): {2}', p.severity, p.range.start.line + 1, esc(p.message)));
    if (problems.length > 5) lines.push(l10n.t('- … {0} more', problems.length - 5));
  }
  return lines.join('\n');
}
