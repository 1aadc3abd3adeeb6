// What drift reports and is told: the finding of one spec (its baseline, changed files, pattern
// entries and notes), an acknowledgement, the options and the update a check returns; and the
// small pure functions every part of drift and its readers share (its words: ./messages.ts).

import type { Spec, SpecType, TextRange } from '../model';
import type { Logger } from '../ports';
import { isInside, normalizePath } from '../paths';
import type { PatternField, PatternNote } from './patterns';
import type { DriftNote } from './notes';

export type DriftChangeKind = 'modified' | 'added' | 'deleted' | 'renamed';

/** A commit that touched a drifted file. */
export interface DriftCommit {
  sha: string;
  date: string;
  subject: string;
}

/** One tracked file that differs from the baseline. */
export interface DriftFileChange {
  /** Path relative to the project root (`/` separators). */
  path: string;
  /** Absolute path (`/` separators). */
  absPath: string;
  /** Path relative to the repository top level, for `git show` (git baselines only). */
  repoPath?: string;
  /** Old path (relative to the project root) of a rename. */
  previousPath?: string;
  /** Old path relative to the repository top level (git renames). */
  previousRepoPath?: string;
  /** A renamed file's path at the baseline, relative to the project root (the same as `previousPath`). */
  from?: string;
  change: DriftChangeKind;
  insertions: number;
  deletions: number;
  binary: boolean;
  /** Some of the change is not committed (work tree, index or an untracked file). */
  uncommitted: boolean;
  /**
   * Commits since the baseline that touched the file, newest first (an array shared by the
   * files with the same commits: never changed in place).
   */
  commits: readonly DriftCommit[];
  /** Indexes into the finding's `patterns` of the entries that match this file. */
  matchedBy: number[];
  /** A rename whose content is identical (git's similarity 100). */
  identical?: boolean;
}

export interface DriftBaseline {
  kind: 'git' | 'mtime';
  /** Full SHA (git only). */
  commit?: string;
  /** Commit date (git) or the time files are compared with (mtime). */
  date: string;
  /**
   * `commits`: the spec's `commits:`; `subject`: its newest `chant(<id>):` commit; `members`: a
   * driver's newest member commit; `completed_at`: the last commit at or before that time.
   */
  source: 'commits' | 'subject' | 'members' | 'completed_at' | 'acknowledged';
  /** Why the preferred baseline was not used, e.g. a `commits:` SHA missing from this clone. */
  note?: string;
}

/** One `tracks:` / `origin:` / `informed_by:` entry with what drift found for it. */
export interface PatternReport {
  field: PatternField;
  index: number;
  pattern: string;
  range: TextRange;
  notes: PatternNote[];
  /** Root-relative paths of changed files this entry matches. */
  changed: string[];
}

export type DriftState = 'drifted' | 'clean' | 'unknown' | 'none';

/** What drift says about one spec. */
export interface DriftFinding {
  specId: string;
  specPath: string;
  root: string;
  type: SpecType;
  title?: string;
  status: string;
  completedAt?: string;
  /** `none`: the spec is not checked itself (only a driver's roll-up applies). */
  state: DriftState;
  baseline?: DriftBaseline;
  /** Why drift cannot be measured (state `unknown`). */
  reason?: string;
  /** The reason is the spec's missing or malformed `completed_at` (lint reports it on the spec). */
  completedAtProblem?: boolean;
  /** Everything the user should know about this finding (baseline, patterns, renames, moves). */
  notes: DriftNote[];
  files: DriftFileChange[];
  insertions: number;
  deletions: number;
  patterns: PatternReport[];
  /** Driver roll-up: IDs of members that drifted. */
  driftedMembers: string[];
  /** The user acknowledged drift up to this point (extension state, not the spec). */
  acknowledged?: DriftAck;
  /** The spec is archived (checked with includeArchived): chant cannot re-run it. */
  archived?: true;
}

/** An accepted state: drift is measured from here instead of the spec's own baseline. */
export interface DriftAck {
  /** Commit that was HEAD when the user acknowledged (git). */
  commit?: string;
  /** ISO time of the acknowledgement (mtime fallback compares with it). */
  date: string;
}

export interface DriftOptions {
  /** Also check archived specs (chant never does). */
  includeArchived?: boolean;
  /** The user's acknowledgement for a spec, if any. */
  acknowledgement?: (spec: Spec) => DriftAck | undefined;
  /** False in untrusted workspaces: git is not run and repositories report drift as unknown. */
  gitAllowed?: boolean;
  logger?: Logger;
  /** Untracked files above this size are not read to count their lines. */
  maxCountBytes?: number;
  /** Stop walking directories (mtime fallback) after this many entries. */
  maxWalkEntries?: number;
  /**
   * Lets the event loop run between the steps of a check (an editor's host must not stop for
   * long): between compiling patterns, starting git processes and building findings.
   */
  yieldToEventLoop?: () => Promise<void>;
}

/** Untracked (or saved) files above this size are not read (DriftOptions.maxCountBytes). */
export const DEFAULT_MAX_COUNT_BYTES = 8 * 1024 * 1024;

/**
 * What drift reads of the spec index (SpecIndex answers it): every spec, which file chant uses
 * for an ID, and a driver's prefix-members. The index owns those facts; drift keeps no map of
 * its own for them.
 */
export interface DriftSpecs {
  all(): readonly Spec[];
  /** The spec chant uses for `id` in project `root`: the active file, else an archived one. */
  byId(root: string, id: string): Spec | undefined;
  /** Who extends which ID (SpecLookup): `membersOf` gives every file under an ID, archived too. */
  readonly lookup: { membersOf(root: string, id: string): readonly Spec[] };
}

export interface DriftUpdate {
  /** Spec paths whose finding appeared, changed or went away. */
  changed: string[];
  /** How many specs were evaluated. */
  checked: number;
}

/** True when the spec or (for drivers) any member drifted. */
export function isDrifted(f: DriftFinding | undefined): boolean {
  return !!f && (f.state === 'drifted' || f.driftedMembers.length > 0);
}

/** `2026-01-28` for `2026-01-28T10:00:00Z` (the date as written, UTC for chant's own values). */
export function dateOf(iso: string | undefined): string | undefined {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined;
}

/** Whether drift checks this spec itself: completed, loadable, with at least one pattern. */
export function isDriftCandidate(spec: Spec, includeArchived = false): boolean {
  return spec.loadable && spec.status === 'completed' && (includeArchived || !spec.archived)
    && (spec.tracks.length > 0 || spec.origin.length > 0 || spec.informedBy.length > 0);
}

/** `abs` relative to `root` (`../` allowed), or undefined when on another drive. */
export function relativeTo(root: string, abs: string): string | undefined {
  // Paths that are already normal (no `\\`, no trailing `/`) inside the root: a prefix cut.
  if (!root.endsWith('/') && !root.includes('\\') && !abs.includes('\\') && !abs.endsWith('/')) {
    if (abs === root) return '';
    if (abs.startsWith(root) && abs.charCodeAt(root.length) === 47) return abs.slice(root.length + 1);
  }
  const r = normalizePath(root);
  const a = normalizePath(abs);
  if (a === r) return '';
  if (isInside(r, a)) return a.slice(r.length + (r.endsWith('/') ? 0 : 1));
  const rp = r.split('/');
  const ap = a.split('/');
  if (rp[0] !== ap[0]) return undefined;
  let i = 0;
  while (i < rp.length && i < ap.length && rp[i] === ap[i]) i++;
  return [...Array(rp.length - i).fill('..'), ...ap.slice(i)].join('/');
}
