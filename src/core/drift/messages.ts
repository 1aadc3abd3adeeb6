// Drift's words, in one place for every reader: the summary of a finding (lenses, status bar,
// CLI), the diagnostics on a spec's entries and on changed files, the lens titles and hovers,
// and the acknowledgement message. The VS Code layer only places them (ranges, severities,
// commands); the headless CLI's text report uses the same pieces.

import * as l10n from '@vscode/l10n';
import { shortId } from '../ids';
import { renamedFromText } from './notes';
import { dateOf, type DriftAck, type DriftFileChange, type DriftFinding, type PatternReport } from './model';
import { iconLabelText } from '../text';

/** `3 files (+57 −14)` */
export function driftSummary(f: DriftFinding): string | undefined {
  if (f.state === 'drifted') {
    const n = f.files.length;
    return n === 1 ? l10n.t('1 file (+{0} −{1})', f.insertions, f.deletions) : l10n.t('{0} files (+{1} −{2})', n, f.insertions, f.deletions);
  }
  if (f.driftedMembers.length > 0) {
    const n = f.driftedMembers.length;
    return n === 1 ? l10n.t('1 member drifted') : l10n.t('{0} members drifted', n);
  }
  return undefined;
}

/** `+45 −12` (or `binary`). */
export function lineCounts(f: { insertions: number; deletions: number; binary: boolean }): string {
  return f.binary ? l10n.t('binary') : `+${f.insertions} −${f.deletions}`;
}

/** What a changed file is compared with: `the acknowledgement on 2026-02-01`, `2026-01-28`, `its baseline`. */
export function changedSince(f: DriftFinding): string {
  return f.baseline?.source === 'acknowledged'
    ? l10n.t('the acknowledgement on {0}', dateOf(f.baseline.date) ?? f.baseline.date)
    : dateOf(f.completedAt) ?? l10n.t('its baseline');
}

/** The warning on a drifted spec's entry: how many files it matches changed, and the first three. */
export function entryDriftedMessage(f: DriftFinding, p: PatternReport): string {
  const since = dateOf(f.completedAt) ?? f.completedAt ?? l10n.t('its baseline');
  const byPath = new Map(f.files.map((x) => [x.path, x]));
  const n = p.changed.length;
  const listed = p.changed.slice(0, 3).map((path) => `${path} ${lineCounts(byPath.get(path)!)}`);
  const files = n > 3 ? l10n.t('{0}, and {1} more', listed.join(', '), n - 3) : listed.join(', ');
  const acknowledgedOn = f.baseline?.source === 'acknowledged' ? dateOf(f.baseline.date) ?? f.baseline.date : undefined;
  return acknowledgedOn !== undefined
    ? (n === 1 ? l10n.t('1 file changed since the drift was acknowledged on {0}: {1}', acknowledgedOn, files)
      : l10n.t('{0} files changed since the drift was acknowledged on {1}: {2}', n, acknowledgedOn, files))
    : (n === 1 ? l10n.t('1 file changed since this spec completed on {0}: {1}', since, files)
      : l10n.t('{0} files changed since this spec completed on {1}: {2}', n, since, files));
}

/** `Drift unknown: <reason>.` */
export function driftUnknownMessage(f: DriftFinding): string {
  return l10n.t('Drift unknown: {0}.', f.reason ?? '');
}

/** `Drifted member: 001.1.` / `Drifted members: 001.1, 001.2.` */
export function driftedMembersMessage(f: DriftFinding): string {
  const members = f.driftedMembers.join(', ');
  return f.driftedMembers.length === 1 ? l10n.t('Drifted member: {0}.', members) : l10n.t('Drifted members: {0}.', members);
}

/** The diagnostic on a changed tracked file, for one spec tracking it. */
export function changedFileMessage(f: DriftFinding, file: DriftFileChange): string {
  return l10n.t('Changed {0} since {1}; tracked by {2} ({3}), which may be out of date.', lineCounts(file), changedSince(f), f.title ?? f.specId, f.specId);
}

/** Where a changed file's diagnostic points: the spec tracking it. */
export function tracksThisFile(f: DriftFinding): string {
  return l10n.t('{0} tracks this file', f.specId);
}

/** The lenses at the top of a changed tracked file, for one spec tracking it (titles and their common hover). */
export function changedFileLenses(f: DriftFinding, file: DriftFileChange): { diff: string; open: string; summary: string; hover: string; summaryHover: string } {
  const since = changedSince(f);
  const changed = file.from !== undefined ? `${lineCounts(file)} ${renamedFromText(file.from)}` : lineCounts(file);
  const hover = l10n.t('Tracked by {0} ({1}): changed {2} since {3}', f.title ?? f.specId, f.specId, changed, since);
  return {
    diff: l10n.t('Diff since baseline'),
    open: l10n.t('Open spec'),
    summary: l10n.t('$(warning) {0}: {1} since {2}', iconLabelText(shortId(f.specId)), iconLabelText(changed), iconLabelText(since)),
    hover,
    summaryHover: l10n.t('{0}. Click to show it in the drift report.', hover),
  };
}

/** The lens titles (and hovers) over a spec's frontmatter. */
export const specLensText = {
  drifted: (summary: string) => l10n.t('$(warning) Drifted: {0}', summary),
  showDrift: () => l10n.t('Show drift'),
  rerun: () => l10n.t('Re-run'),
  rerunHover: () => l10n.t('Re-run with chant (asks first, naming the command)'),
  acknowledge: () => l10n.t('Acknowledge'),
  acknowledgeHover: () => l10n.t('Accept the current state: drift is measured from HEAD from now on'),
  acknowledged: (ack: DriftAck) => (ack.commit
    ? l10n.t('$(check) Drift acknowledged at {0}', ack.commit.slice(0, 8))
    : l10n.t('$(check) Drift acknowledged on {0}', dateOf(ack.date) ?? ack.date)),
  undo: () => l10n.t('Undo'),
  unknown: (f: DriftFinding) => l10n.t('$(question) Drift unknown: {0}', iconLabelText(f.reason ?? '')),
};

/** What Acknowledge says it did; `left` uncommitted changes still count. */
export function acknowledgedMessage(specId: string, ack: DriftAck, left: number): string {
  const acknowledged = ack.commit
    ? l10n.t('Drift of {0} acknowledged at {1}', specId, ack.commit.slice(0, 8))
    : l10n.t('Drift of {0} acknowledged on {1}', specId, dateOf(ack.date) ?? ack.date);
  return left === 0 ? l10n.t('{0}.', acknowledged)
    : left === 1 ? l10n.t('{0}; 1 uncommitted change still counts until committed.', acknowledged)
      : l10n.t('{0}; {1} uncommitted changes still count until committed.', acknowledged, left);
}

/** The title of a diff between a file at a spec's baseline and now. */
export function baselineDiffTitle(name: string, commit: string, specId: string, deleted: boolean): string {
  return deleted
    ? l10n.t('{0} ({1}, {2} baseline) ↔ deleted', name, commit.slice(0, 8), specId)
    : l10n.t('{0} ({1}, {2} baseline) ↔ working tree', name, commit.slice(0, 8), specId);
}
