// A spec's check plan (its entries compiled, the baseline once chosen, the notes gathered on the
// way) and the finding made from it, shared by the git check, the mtime check and the engine.

import type { Spec, TextRange } from '../model';
import { fileNotes, type CompiledPattern, type PatternField, type PatternNote } from './patterns';
import { patternNote, renamedNote, uniqueNotes, type DriftNote } from './notes';
import type { DriftAck, DriftBaseline, DriftFileChange, DriftFinding, DriftState, PatternReport } from './model';

/** The entry fields drift checks, in the order a finding lists them. */
export const FIELDS: { field: PatternField; key: 'tracks' | 'origin' | 'informedBy' }[] = [
  { field: 'tracks', key: 'tracks' },
  { field: 'origin', key: 'origin' },
  { field: 'informed_by', key: 'informedBy' },
];

export interface Plan {
  spec: Spec;
  patterns: { field: PatternField; index: number; value: string; range: TextRange; compiled: CompiledPattern }[];
  baseline?: DriftBaseline;
  reason?: string;
  completedAtProblem?: boolean;
  ack?: DriftAck;
  /** Baseline and entry notes, then moves found while the changes were built. */
  notes: DriftNote[];
}

/** Where a check puts the findings it makes (the engine's store, in the order they are made). */
export type FindingSink = (finding: DriftFinding) => void;

export function makeFinding(
  plan: Plan, state: DriftState, files: DriftFileChange[], reason?: string,
  listing?: string[] | ((pattern: CompiledPattern) => PatternNote[]),
): DriftFinding {
  const spec = plan.spec;
  // Most lists come in order already (a re-check reuses the last one's order): checked first.
  let sorted = true;
  for (let k = 1; k < files.length && sorted; k++) sorted = files[k - 1].path <= files[k].path;
  if (!sorted) files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // One cause, one report: a file two entries match (a brace pattern and a plain one naming
  // the same file) is listed under the first; a file-level note likewise.
  const patterns: PatternReport[] = plan.patterns.map((pat, k) => ({
    field: pat.field, index: pat.index, pattern: pat.value, range: pat.range,
    notes: [...pat.compiled.notes, ...(!listing ? [] : typeof listing === 'function' ? listing(pat.compiled) : fileNotes(pat.compiled, listing))],
    changed: files.filter((f) => f.matchedBy[0] === k).map((f) => f.path),
  }));
  const firstWithAlternatives = new Map<string, number>();
  patterns.forEach((p, k) => {
    const key = plan.patterns[k].compiled.alternatives.join('\0');
    const first = firstWithAlternatives.get(key);
    if (first === undefined) firstWithAlternatives.set(key, k);
    else p.notes = p.notes.filter((n) => n.kind !== 'no-match' && n.kind !== 'directory');
  });
  const notes = [...plan.notes];
  if (plan.baseline?.kind === 'mtime' && plan.baseline.note) notes.push({ kind: 'fallback', message: plan.baseline.note });
  for (const p of patterns) for (const n of p.notes) notes.push(patternNote(p.field, p.index, p.pattern, n));
  for (const f of files) if (f.change === 'renamed' && f.from !== undefined) notes.push(renamedNote(f.from, f.path));
  return {
    specId: spec.id, specPath: spec.path, root: spec.root, type: spec.type, title: spec.title, status: spec.rawStatus,
    completedAt: spec.completedAt, state, baseline: plan.baseline, reason, completedAtProblem: state === 'unknown' ? plan.completedAtProblem : undefined,
    notes: uniqueNotes(notes), files,
    insertions: files.reduce((n, f) => n + f.insertions, 0), deletions: files.reduce((n, f) => n + f.deletions, 0),
    patterns, driftedMembers: [], acknowledged: plan.ack, ...(spec.archived ? { archived: true as const } : {}),
  };
}

/** An error's message for a finding. */
export function failure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
