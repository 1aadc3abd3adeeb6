// Which commit a completed spec's drift is measured from, preferring what chant recorded of the
// work itself over the time it wrote down:
//   1. the user's acknowledgement (extension state);
//   2. the last SHA of the spec's `commits:` found in the repository;
//   3. the newest commit on HEAD's history whose subject is `chant(<id>): …` (chant's agents
//      commit so; it survives a rebase or squash that dropped the `commits:` SHAs);
//   4. for a driver, the newest of its members' commits found by 2 or 3;
//   5. the last commit on HEAD's first-parent history at or before `completed_at`.
// chant before 0.23 wrote `completed_at` as local time labelled `Z`; where it disagrees with the
// commits by more than a few minutes, the commits win and the finding says so.

import * as l10n from '@vscode/l10n';
import type { Spec } from '../model';
import type { GitCommit, GitHistoryEntry } from '../gitPort';
import type { DriftAck, DriftBaseline } from './model';
import type { DriftNote } from './notes';

/** What a baseline can be chosen from in one repository. */
export interface BaselineSources {
  /** Revisions (from `commits:` and acknowledgements) to their commits; undefined when missing. */
  resolved: ReadonlyMap<string, GitCommit | undefined>;
  /** The newest `chant(<id>):` commit per spec ID; asked for only when a spec needs it. */
  bySubject(): Promise<ReadonlyMap<string, GitCommit>>;
  /** HEAD's first-parent history with running minimum times (for completed_at). */
  history(): Promise<{ entries: GitHistoryEntry[]; prefixMin: number[] }>;
  shallow: boolean;
}

export interface BaselineChoice {
  baseline?: DriftBaseline;
  /** Why there is none (drift unknown). */
  reason?: string;
  /** The reason is about `completed_at` itself (lint reports that on the spec: one report). */
  completedAtProblem?: boolean;
  notes: DriftNote[];
}

/** Differences below this are the seconds between a spec's last commit and chant's finalize. */
const AGREEMENT_SECONDS = 15 * 60;

/** chant accepts `completed_at` only as RFC 3339 (`DateTime::parse_from_rfc3339`). */
export function isRfc3339(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T')));
}

/** The SHAs of `commits:` from the last one back (blank entries skipped). */
function commitsOf(spec: Spec): string[] {
  return spec.commits.map((c) => c.trim()).filter((c) => c !== '').reverse();
}

/** Whether a spec lists no commit of its own: its baseline then comes from `chant(<id>):` subjects or later rules. */
export function listsNoCommit(spec: Spec): boolean {
  return commitsOf(spec).length === 0;
}

/** Revisions `chooseBaseline` looks up in `resolved` for this spec. */
export function revisionsOf(spec: Spec, members: readonly Spec[], ack?: DriftAck): string[] {
  const out = [...commitsOf(spec)];
  for (const m of members) out.push(...commitsOf(m));
  if (ack?.commit) out.push(ack.commit);
  return out;
}

/** The newest of a spec's own recorded commits: `commits:` first, then `chant(<id>):` subjects. */
async function ownCommit(spec: Spec, src: BaselineSources, notes: DriftNote[] | undefined): Promise<{ commit: GitCommit; source: 'commits' | 'subject' } | undefined> {
  const listed = commitsOf(spec);
  for (const sha of listed) {
    const c = src.resolved.get(sha);
    if (c) return { commit: c, source: 'commits' };
  }
  if (listed.length > 0 && notes) {
    const last = listed[0];
    notes.push({
      kind: 'baseline-missing',
      message: src.shallow
        ? l10n.t('commit {0} from `commits:` is not in this shallow clone', last)
        : l10n.t('commit {0} from `commits:` is not in this repository', last),
    });
  }
  const bySubject = (await src.bySubject()).get(spec.id);
  return bySubject ? { commit: bySubject, source: 'subject' } : undefined;
}

function seconds(iso: string): number {
  return Math.floor(Date.parse(iso.replace(' ', 'T')) / 1000);
}

/** A note when `completed_at` and the commit the baseline came from disagree. */
function disagreement(spec: Spec, commit: GitCommit): DriftNote | undefined {
  const at = spec.completedAt;
  if (!at || !isRfc3339(at) || !commit.date) return undefined;
  const diff = seconds(at) - seconds(commit.date);
  if (Math.abs(diff) <= AGREEMENT_SECONDS) return undefined;
  const hours = Math.round(Math.abs(diff) / 360) / 10;
  const wholeHours = Math.abs(Math.abs(diff) - Math.round(Math.abs(diff) / 3600) * 3600) <= AGREEMENT_SECONDS;
  const message = diff > 0
    ? l10n.t('completed_at {0} is {1} h after commit {2} ({3}); the baseline is that commit', at, hours, commit.sha.slice(0, 10), commit.date)
    : l10n.t('completed_at {0} is {1} h before commit {2} ({3}); the baseline is that commit', at, hours, commit.sha.slice(0, 10), commit.date);
  return {
    kind: 'completed-at',
    message: wholeHours ? l10n.t('{0} (chant wrote local time labelled Z)', message) : message,
  };
}

/** The first entry (newest first) whose time is at or before `when`. */
function firstAtOrBefore(history: { entries: GitHistoryEntry[]; prefixMin: number[] }, when: number): GitHistoryEntry | undefined {
  // prefixMin is non-increasing; the first index with prefixMin <= when is the first entry <= when.
  const { entries, prefixMin } = history;
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (prefixMin[mid] <= when) hi = mid;
    else lo = mid + 1;
  }
  return entries[lo];
}

/** The baseline of one completed spec (see the top of this file for the order). */
export async function chooseBaseline(spec: Spec, members: readonly Spec[], ack: DriftAck | undefined, src: BaselineSources): Promise<BaselineChoice> {
  const notes: DriftNote[] = [];
  if (ack?.commit) {
    const c = src.resolved.get(ack.commit);
    if (c) return { baseline: { kind: 'git', commit: c.sha, date: c.date || ack.date, source: 'acknowledged' }, notes };
    notes.push({ kind: 'baseline-missing', message: l10n.t('the acknowledged commit {0} is not in this repository', ack.commit.slice(0, 12)) });
  }
  const own = await ownCommit(spec, src, notes);
  let chosen: { commit: GitCommit; source: DriftBaseline['source'] } | undefined = own;
  if (!chosen && members.length > 0) {
    let newest: GitCommit | undefined;
    for (const m of members) {
      const c = (await ownCommit(m, src, undefined))?.commit;
      if (c && (!newest || Date.parse(c.date) > Date.parse(newest.date))) newest = c;
    }
    if (newest) chosen = { commit: newest, source: 'members' };
  }
  if (chosen) {
    const mismatch = disagreement(spec, chosen.commit);
    if (mismatch) notes.push(mismatch);
    return { baseline: { kind: 'git', commit: chosen.commit.sha, date: chosen.commit.date, source: chosen.source, note: joined(notes) }, notes };
  }
  const at = spec.completedAt;
  const missingCommit = notes.some((n) => n.kind === 'baseline-missing');
  if (!at || !isRfc3339(at)) {
    const problem = !at ? l10n.t('the spec is completed but has no completed_at') : l10n.t('completed_at `{0}` is not an RFC 3339 time', at);
    const reason = src.shallow && missingCommit ? l10n.t('shallow clone: {0} ({1})', joined(notes) ?? '', problem) : [...notes.map((n) => n.message), problem].join('; ');
    return { reason, completedAtProblem: !missingCommit, notes };
  }
  const entry = firstAtOrBefore(await src.history(), seconds(at));
  if (!entry) {
    return {
      reason: src.shallow
        ? l10n.t('shallow clone: the truncated history has no commit at or before completed_at ({0})', at)
        : [...notes.map((n) => n.message), l10n.t("no commit on HEAD's history at or before completed_at ({0})", at)].join('; '),
      notes,
    };
  }
  if (missingCommit) notes.push({ kind: 'fallback', message: l10n.t('baseline from completed_at instead') });
  return {
    baseline: { kind: 'git', commit: entry.sha, date: new Date(entry.time * 1000).toISOString().replace('.000Z', 'Z'), source: 'completed_at', note: joined(notes) },
    notes,
  };
}

function joined(notes: DriftNote[]): string | undefined {
  return notes.length > 0 ? notes.map((n) => n.message).join('; ') : undefined;
}
