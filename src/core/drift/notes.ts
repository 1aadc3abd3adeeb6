// Notes a drift finding carries: what the user should know to trust (or question) it, shown
// alike by the CLI (text and JSON), the drift report, the lens and the explorer's tooltip.

import * as l10n from '@vscode/l10n';
import type { PatternField, PatternNote } from './patterns';
import { iconLabelText } from '../text';

export type DriftNoteKind =
  /** A `commits:` SHA or an acknowledged commit is not in the repository. */
  | 'baseline-missing'
  /** completed_at disagrees with the commits the baseline came from. */
  | 'completed-at'
  /** A weaker baseline was used (completed_at after a missing commit, file times outside git). */
  | 'fallback'
  /** A tracked file was renamed since the baseline and followed to its new path. */
  | 'renamed'
  /** A tracked file was moved or renamed with identical content: not drift. */
  | 'moved'
  /** An `origin:` / `informed_by:` entry names a spec and was checked as that spec's file. */
  | 'spec-entry'
  /** Something about one pattern entry (matches nothing, braces, a directory…). */
  | 'pattern'
  /** Drift of this spec could not be measured because of an error (other specs are unaffected). */
  | 'error';

export interface DriftNote {
  kind: DriftNoteKind;
  message: string;
}

/** `tracks[1] \`src/{a,b}.ts\`: <the pattern note>` */
export function patternNote(field: PatternField, index: number, pattern: string, note: PatternNote): DriftNote {
  return { kind: 'pattern', message: l10n.t('{0}[{1}] `{2}`: {3}', field, index, pattern, note.message) };
}

/** A file moved with identical content since the baseline. */
export function movedNote(from: string, to: string): DriftNote {
  return { kind: 'moved', message: l10n.t('{0} moved to {1} with identical content (not drift)', from, to) };
}

/** A changed file followed across a rename. */
export function renamedNote(from: string, to: string): DriftNote {
  return { kind: 'renamed', message: l10n.t('{0} was renamed to {1}; its changes are counted from the old path', from, to) };
}

/** An entry that names a spec, checked as that spec's file. */
export function specEntryNote(field: PatternField, value: string, path: string): DriftNote {
  return { kind: 'spec-entry', message: l10n.t('{0} `{1}` names a spec: checked as its file {2}', field, value, path) };
}

/** `(renamed from old/path.py)` after a tracked file's change, for lenses and hovers. */
export function renamedFromText(from: string): string {
  return l10n.t('(renamed from {0})', from);
}

/** Notes as a tooltip's lines (at most `max`, then how many more). */
export function notesTooltip(notes: readonly DriftNote[], max = 5): string {
  const lines = notes.slice(0, max).map((n) => `• ${n.message}`);
  if (notes.length > max) lines.push(l10n.t('… {0} more notes', notes.length - max));
  return lines.join('\n');
}

/** The lens over an up-to-date spec whose finding has notes. */
export function notesLensTitle(first: string, more = 0): string {
  // A note quotes frontmatter and file names: `$(name)` in them stays text in the lens.
  const text = iconLabelText(first);
  return more > 0 ? l10n.t('$(info) Drift up to date · {0} (+{1} more notes)', text, more) : l10n.t('$(info) Drift up to date · {0}', text);
}

/** Notes without repeats (two entries can say the same thing about the same file). */
export function uniqueNotes(notes: readonly DriftNote[]): DriftNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => (seen.has(n.message) ? false : (seen.add(n.message), true)));
}
