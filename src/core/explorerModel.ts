// What the Spec Explorer shows, as plain data: groups, ordering, filtering and the text of each
// row. The VS Code tree provider only turns these into TreeItems.

import * as l10n from '@vscode/l10n';
import type { DerivedStatus, Spec } from './model';
import type { SpecIndex } from './specIndex';
import { describeBlockReason } from './specIndex';
import { compareSpecIds, shortId } from './ids';
import { matchesStatuses } from './relations';
import { markdownCode, markdownText } from './text';
import { runBranchOf } from './lifecycle';

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

/** A group with more specs than this starts collapsed: VS Code asks for every row of an expanded
 *  group before it draws the view, so a 2,000-spec Pending group kept the whole view empty for
 *  seconds. The user's own expanding and collapsing is kept by VS Code (rows have stable IDs). */
export const LARGE_GROUP_SPECS = 200;

export function groupStartsCollapsed(group: { collapsed: boolean }, specCount: number): boolean {
  return group.collapsed || specCount > LARGE_GROUP_SPECS;
}

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

/** `ready`: the spec's `ready` (what `chant list --ready` lists), which `status:ready` selects. */
export function matchesFilter(spec: Spec, status: DerivedStatus, filter: SpecFilter | undefined, ready = false): boolean {
  if (!filter) return true;
  const hay = `${spec.id} ${spec.title ?? ''}`.toLowerCase();
  if (!filter.text.every((w) => hay.includes(w))) return false;
  if (filter.labels.length && !filter.labels.some((l) => spec.labels.some((x) => x.toLowerCase() === l))) return false;
  if (filter.types.length && !filter.types.includes(spec.type)) return false;
  if (!matchesStatuses(filter.statuses, status, ready)) return false;
  return true;
}

export interface RunState {
  stateOf(root: string, id: string): 'running' | 'stale' | undefined;
  /** A run of ours: how long it has run, and the criteria of the spec in its worktree (ticking live). */
  liveOf?(root: string, id: string): LiveRun | undefined;
}

/** The title chant shows: the run branch's for an in-progress spec that has one (SpecIndex.branchCopyOf). */
export function shownTitle(index: SpecIndex, spec: Spec): string | undefined {
  return index.branchCopyOf(spec)?.title ?? spec.title;
}

/** What a running spec looks like while chant works it. */
export interface LiveRun {
  elapsedMs: number;
  criteria?: { checked: number; total: number };
}

/** `45s`, `2m 05s`, `1h 02m`: the tree's elapsed time of a run. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export interface DriftState {
  summaryOf(path: string): string | undefined;
  notesOf?(path: string): string[];
}

/**
 * The group a spec belongs to when grouping by status. The Ready group is `chant list --ready`
 * (`SpecRelations.ready`, failed specs chant would retry included), like the status bar count
 * and the `status:ready` filter.
 */
export function statusGroupOf(index: SpecIndex, spec: Spec, drift?: DriftState, runs?: RunState): StatusGroupKey {
  // Drift of an archived spec (when archived specs are checked) is drift all the same: it is
  // counted in the status bar, so it is listed under Drifted too.
  if (spec.archived) return drift?.summaryOf(spec.path) ? 'drifted' : 'archived';
  const rel = index.relationsOf(spec);
  if (rel.status === 'invalid') return 'invalid';
  if (runs?.stateOf(spec.root, spec.id) === 'running') return 'in_progress';
  if (rel.ready) return 'ready';
  // The status chant shows: for an in-progress spec with a run-branch copy, the copy's (the index's relations read it).
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

/** The description next to a row's title: short ID, progress, readiness. Under a status group
 *  (`group`), the word that names the group is left out: the row sits under it already. */
export function describeRow(index: SpecIndex, spec: Spec, drift?: DriftState, runs?: RunState, group?: StatusGroupKey): string {
  const rel = index.relationsOf(spec);
  const parts = [shortId(spec.id)];
  if (rel.memberProgress) parts.push(l10n.t('members {0}/{1}', rel.memberProgress.completed, rel.memberProgress.total));
  const run = runs?.stateOf(spec.root, spec.id);
  const live = run === 'running' ? runs?.liveOf?.(spec.root, spec.id) : undefined;
  const criteria = live?.criteria ?? index.branchCopyOf(spec)?.criteria ?? spec.criteria;
  if (criteria.total > 0) parts.push(`${criteria.checked}/${criteria.total}`);
  // Under the In Progress group a bare "running" repeats the group; the elapsed time does not.
  if (run === 'running' && (live || group !== 'in_progress')) parts.push(live ? l10n.t('running {0}', formatElapsed(live.elapsedMs)) : l10n.t('running'));
  else if (run === 'stale') parts.push(l10n.t('stale lock'));
  if (rel.status === 'invalid') { if (group !== 'invalid') parts.push(l10n.t('not loadable')); }
  else if (rel.ready && rel.workBlockedBy.length > 0) parts.push(group === 'ready' ? l10n.t('work would refuse') : l10n.t('ready (work would refuse)'));
  else if (rel.ready) { if (group !== 'ready') parts.push(l10n.t('ready')); }
  else if (rel.status === 'blocked') { if (group !== 'blocked') parts.push(l10n.t('blocked')); }
  if (rel.orphan) parts.push(l10n.t('orphan'));
  if (drift?.summaryOf(spec.path) && group !== 'drifted') parts.push(l10n.t('drifted'));
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
  const copy = index.branchCopyOf(spec);
  lines.push(`**${esc(copy?.title ?? spec.title ?? spec.id)}**`, '');
  lines.push(spec.archived ? l10n.t('{0} (archived)', code(spec.id)) : code(spec.id), '');
  const statusText = rel.status === spec.rawStatus ? rel.status : l10n.t('{0} (on disk: {1})', rel.status, code(spec.rawStatus));
  lines.push(rel.ready ? l10n.t('- Status: {0} · ready (listed by {1})', statusText, code('chant list --ready')) : l10n.t('- Status: {0}', statusText));
  lines.push(l10n.t('- Type: {0}', spec.rawType && spec.rawType !== spec.type ? esc(spec.rawType) : spec.type));
  if (spec.labels.length) lines.push(l10n.t('- Labels: {0}', spec.labels.map(esc).join(', ')));
  if (copy) lines.push(l10n.t('- As chant shows it, from branch {0}: {1}', code(runBranchOf(spec) ?? ''), copy.status));
  const criteria = copy?.criteria ?? spec.criteria;
  if (criteria.total) lines.push(l10n.t('- Acceptance criteria: {0}/{1}', criteria.checked, criteria.total));
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
  const listOnly = rel.listBlockedBy.filter((r) => r.kind !== 'approval' && 'state' in r && r.state === 'cancelled');
  if (listOnly.length) lines.push(l10n.t('- Not ready in {0} (it leaves cancelled specs out, so they block): {1}', code('chant list'), listOnly.map((r) => esc(describeBlockReason(r))).join('; ')));
  if (rel.ready && rel.workBlockedBy.length) lines.push(l10n.t('- {0} would refuse: {1}', code('chant work'), rel.workBlockedBy.map((r) => esc(describeBlockReason(r))).join('; ')));
  const driftSummary = drift?.summaryOf(spec.path);
  if (driftSummary) lines.push(l10n.t('- Drifted: {0}', esc(driftSummary)));
  const driftNotes = drift?.notesOf?.(spec.path) ?? [];
  if (driftNotes.length) {
    lines.push(l10n.t('- Drift notes:'));
    for (const n of driftNotes.slice(0, 5)) lines.push(`  - ${esc(n)}`);
    if (driftNotes.length > 5) lines.push(`  - ${l10n.t('… {0} more', driftNotes.length - 5)}`);
  }
  const problems = index.problemsOf(spec);
  if (problems.length) {
    lines.push('', l10n.t('**Problems**'));
    for (const p of problems.slice(0, 5)) lines.push(l10n.t('- {0} (line {1}): {2}', p.severity, p.range.start.line + 1, esc(p.message)));
    if (problems.length > 5) lines.push(l10n.t('- … {0} more', problems.length - 5));
  }
  return lines.join('\n');
}
