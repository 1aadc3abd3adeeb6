// Drift findings as reports: the headless JSON (a stable shape for CI), plain text for a
// terminal, and the recommendation shown next to each drifted spec.

import * as l10n from '@vscode/l10n';
import { dateOf, isDrifted, type DriftFinding } from './model';
import type { DriftNote } from './notes';
import { lineCounts } from './messages';

export interface DriftJson {
  drift: {
    specId: string;
    type: string;
    baseline: { kind: 'git' | 'mtime'; commit?: string; date: string; source: string };
    files: {
      path: string;
      /** A renamed file's path at the baseline. */
      from?: string;
      change: 'modified' | 'added' | 'deleted' | 'renamed';
      insertions: number;
      deletions: number;
      commits: { sha: string; date: string; subject: string }[];
    }[];
    notes: DriftNote[];
  }[];
  unknown: { specId: string; reason: string; notes: DriftNote[] }[];
  /** Specs up to date whose findings carry notes (a move, a pattern matching nothing…). */
  notes: { specId: string; notes: DriftNote[] }[];
}

/** The `drift --json` document: specs that drifted themselves, and those that cannot be measured. */
export function driftJson(findings: readonly DriftFinding[]): DriftJson {
  const out: DriftJson = { drift: [], unknown: [], notes: [] };
  const notesOf = (f: DriftFinding) => f.notes.map((n) => ({ kind: n.kind, message: n.message }));
  for (const f of findings) {
    if (f.state === 'unknown') out.unknown.push({ specId: f.specId, reason: f.reason ?? 'unknown', notes: notesOf(f) });
    if (f.state !== 'drifted' || !f.baseline) {
      if (f.state === 'clean' && f.notes.length > 0) out.notes.push({ specId: f.specId, notes: notesOf(f) });
      continue;
    }
    out.drift.push({
      specId: f.specId,
      type: f.type,
      baseline: { kind: f.baseline.kind, ...(f.baseline.commit ? { commit: f.baseline.commit } : {}), date: f.baseline.date, source: f.baseline.source },
      files: f.files.map((x) => ({
        path: x.path, ...(x.from !== undefined ? { from: x.from } : {}), change: x.change, insertions: x.insertions, deletions: x.deletions,
        commits: x.commits.map((c) => ({ sha: c.sha, date: c.date, subject: c.subject })),
      })),
      notes: notesOf(f),
    });
  }
  return out;
}

/** What to do about a drifted spec, in one sentence. */
export function recommendation(f: DriftFinding): string {
  if (f.state !== 'drifted' && f.driftedMembers.length > 0) {
    return l10n.t('Members drifted: {0}. Review and re-run those members.', f.driftedMembers.join(', '));
  }
  if (f.type === 'documentation') {
    return l10n.t('Review the changes; if they affect the documentation, re-run the spec (chant work after setting it back to pending), otherwise acknowledge the drift.');
  }
  if (f.type === 'research') {
    return l10n.t('Review the changes; if they affect the findings, re-run the spec (chant work after setting it back to pending), otherwise acknowledge the drift.');
  }
  return l10n.t("Review the changes; if they affect the spec's output, re-run the spec (chant work after setting it back to pending), otherwise acknowledge the drift.");
}

function baselineText(f: DriftFinding): string {
  const b = f.baseline;
  if (!b) return '';
  if (b.kind === 'mtime') return `file times after ${b.date} (${b.note ?? 'not a git repository'})`;
  return `${b.commit?.slice(0, 12)} (${baselineSource(b.source)}, ${dateOf(b.date) ?? b.date})`;
}

/** Where a git baseline came from, in a few words. */
export function baselineSource(source: NonNullable<DriftFinding['baseline']>['source']): string {
  switch (source) {
    case 'commits': return l10n.t('last commit in commits:');
    case 'subject': return l10n.t("the spec's last chant commit");
    case 'members': return l10n.t("the members' last chant commit");
    case 'acknowledged': return l10n.t('acknowledged');
    default: return l10n.t('last commit at completed_at');
  }
}

/** A finding's notes as indented lines (CLI text). */
function noteLines(f: DriftFinding): string[] {
  return f.notes.map((n) => `  note: ${n.message}`);
}

/** A plain-text report like chant's own `drift`, with line counts and commits. */
export function driftText(findings: readonly DriftFinding[]): string {
  const lines: string[] = [];
  const drifted = findings.filter((f) => isDrifted(f));
  const unknown = findings.filter((f) => f.state === 'unknown');
  const clean = findings.filter((f) => f.state === 'clean' && f.driftedMembers.length === 0);
  for (const f of drifted) {
    lines.push(`⚠ ${f.specId}${f.title ? ` — ${f.title}` : ''}`);
    lines.push(`  status: ${f.status}${f.completedAt ? `, completed ${dateOf(f.completedAt) ?? f.completedAt}` : ''}`);
    if (f.state === 'drifted') {
      lines.push(`  baseline: ${baselineText(f)}`);
      lines.push(`  ${f.files.length} file${f.files.length === 1 ? '' : 's'} changed (+${f.insertions} −${f.deletions}):`);
      for (const x of f.files) {
        const from = x.from ? ` (from ${x.from})` : '';
        const wip = x.uncommitted ? ', uncommitted' : '';
        lines.push(`    ${x.change.padEnd(8)} ${x.path}${from}  ${lineCounts(x)}${wip}`);
        for (const c of x.commits.slice(0, 5)) lines.push(`             ${c.sha.slice(0, 8)} ${dateOf(c.date) ?? ''} ${c.subject}`);
        if (x.commits.length > 5) lines.push(`             … ${x.commits.length - 5} more`);
      }
    }
    if (f.driftedMembers.length > 0) lines.push(`  drifted members: ${f.driftedMembers.join(', ')}`);
    lines.push(...noteLines(f));
    lines.push(`  → ${recommendation(f)}`);
    lines.push('');
  }
  for (const f of unknown) {
    lines.push(`? ${f.specId}: drift unknown (${f.reason})`);
    lines.push(...noteLines(f).filter((l) => !(f.reason ?? '').includes(l.slice(8))));
  }
  if (unknown.length > 0) lines.push('');
  const noted = clean.filter((f) => f.notes.length > 0);
  for (const f of noted) {
    lines.push(`✓ ${f.specId}: up to date`);
    lines.push(...noteLines(f));
  }
  if (noted.length > 0) lines.push('');
  lines.push(`${drifted.length} drifted, ${clean.length} up to date, ${unknown.length} unknown.`);
  return lines.join('\n') + '\n';
}
