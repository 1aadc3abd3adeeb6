// The drift engine: which files tracked by a completed spec (`tracks:`, `origin:`,
// `informed_by:`) changed since the spec completed, measured with git, not file times.
//
// Baseline per completed spec: the last SHA in `commits:`; else the last commit on HEAD's
// first-parent history at or before `completed_at`; else unknown, with the reason. A user's
// acknowledgement (kept by the extension, never in the spec) replaces the baseline.
// Changes since the baseline: committed (one batched tree diff for every distinct baseline),
// uncommitted (one `git status`, then a work-tree diff only for dirty files that matter),
// untracked new files (lines counted here), deletions and renames; the commits that touched
// each file (one `git log` per baseline that has drifted files). While HEAD stays, a spec's
// committed matches, its clean files' entries and file notes are kept, so a save rebuilds only
// the saved file's entries. Outside git: file mtimes vs `completed_at`, labelled as such.
// Drift never writes anything.

import * as l10n from '@vscode/l10n';
import type { Spec, SpecType, TextRange } from './model';
import type { FileSystem, Logger } from './ports';
import { silentLogger } from './ports';
import type { GitBlob, GitCommit, GitFileDelta, GitHistoryEntry, GitPort, GitRepoInfo, GitStatusEntry } from './gitPort';
import { GitUnavailableError } from './gitPort';
import { chantSubjectId } from './gitParse';
import { compilePattern, fileNotes, PatternIndex, type CompiledPattern, type PatternField, type PatternNote } from './drift/patterns';
import { compareSpecIds, isMemberOf } from './ids';
import { isInside, joinPath, normalizePath } from './paths';
import { lowerBound } from './sorted';
import { chooseBaseline, isRfc3339, revisionsOf } from './drift/baseline';
import { movedNote, patternNote, renamedNote, specEntryNote, uniqueNotes, type DriftNote } from './drift/notes';
import { specEntryPath } from './drift/entries';
import { isCovered, scopedTreeDiffs } from './drift/treeDiffs';

export type { PatternField, PatternNote } from './drift/patterns';
export type { DriftNote, DriftNoteKind } from './drift/notes';
export { isRfc3339 } from './drift/baseline';

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
  /** Commits since the baseline that touched the file, newest first. */
  commits: DriftCommit[];
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

const FIELDS: { field: PatternField; key: 'tracks' | 'origin' | 'informedBy' }[] = [
  { field: 'tracks', key: 'tracks' },
  { field: 'origin', key: 'origin' },
  { field: 'informed_by', key: 'informedBy' },
];

/** Whether drift checks this spec itself: completed, loadable, with at least one pattern. */
export function isDriftCandidate(spec: Spec, includeArchived = false): boolean {
  return spec.loadable && spec.status === 'completed' && (includeArchived || !spec.archived)
    && (spec.tracks.length > 0 || spec.origin.length > 0 || spec.informedBy.length > 0);
}

interface Plan {
  spec: Spec;
  patterns: { field: PatternField; index: number; value: string; range: TextRange; compiled: CompiledPattern }[];
  baseline?: DriftBaseline;
  reason?: string;
  completedAtProblem?: boolean;
  ack?: DriftAck;
  /** Baseline and entry notes, then moves found while the changes were built. */
  notes: DriftNote[];
}

interface RepoState {
  info: GitRepoInfo;
  /** Dirty tracked files and untracked files, by repo-relative path. */
  status: Map<string, GitStatusEntry>;
  /** Files in the index (`git ls-files`). */
  tracked: Set<string>;
  /**
   * No content conversion applies (no attributes anywhere, no `core.autocrlf`): a work-tree
   * file's bytes are exactly its blob, so a save can be compared with the index without git.
   * Undefined until the first save asks.
   */
  plain: boolean | undefined;
  /** Status and file list read (they are read while baselines are resolved). */
  worktreeRead: Promise<void>;
  /** Repo-relative directories (and files) the status and file list cover so far, or all. */
  scope: Set<string> | 'all';
  /** Bytes and blob ids of the files the running save re-read (for their baseline diffs). */
  workBlobs: Map<string, GitBlob>;
  /**
   * Listed files that are not in `tracked`: untracked (not ignored) ones, and ones staged since
   * the file list was read (repo-relative). Kept apart so the tens of thousands of tracked paths
   * are held in one set only.
   */
  others: Set<string>;
  /** Sorted root-relative listings, per project root. */
  listings: Map<string, string[]>;
  /** HEAD's first-parent history (for completed_at baselines), read from the start. */
  history?: Promise<{ entries: GitHistoryEntry[]; prefixMin: number[] }>;
  /** The newest `chant(<id>):` commit per spec ID, read when a spec first needs it. */
  bySubject?: Promise<Map<string, GitCommit>>;
  resolved: Map<string, GitCommit | undefined>;
  /** Baseline SHA → committed changes baseline..HEAD, by new path. */
  committed: Map<string, Map<string, GitFileDelta>>;
  /** Baseline SHA → path → change baseline..work tree (null: none) for dirty paths. */
  worktree: Map<string, Map<string, GitFileDelta | null>>;
  /** Baseline SHA → old path → new path of renames staged in the index (`git mv`). */
  stagedMoves: Map<string, Map<string, string>>;
  /** Baseline SHA → path → commits baseline..HEAD touching it. */
  logs: Map<string, Map<string, GitCommit[]>>;
  /**
   * Baseline SHA → spec path → the committed changes its patterns match (repo path → pattern
   * indexes), so that a save re-matches only the saved file's uncommitted state, not every
   * committed change since the baseline. `key` is the spec's patterns when matched; `files`
   * the finished changes of matched paths that are clean in the work tree (built from the
   * committed diff and log alone, which do not change while HEAD stays).
   */
  committedMatches: Map<string, Map<string, CommittedMatches>>;
  /** Project root → pattern → its file notes over that root's listing (dropped when it changes). */
  notes: Map<string, Map<CompiledPattern, PatternNote[]>>;
}

interface CommittedMatches {
  key: string;
  matched: Map<string, number[]>;
  files: Map<string, DriftFileChange>;
}

type ProjectMode =
  | { kind: 'git'; repo: RepoState }
  | { kind: 'mtime'; label: string }
  | { kind: 'unknown'; reason: string };

export class DriftEngine {
  private specs: Spec[] = [];
  private specsByPath = new Map<string, Spec>();
  private readonly findingsByPath = new Map<string, DriftFinding>();
  private readonly projects = new Map<string, ProjectMode>();
  private readonly repos = new Map<string, RepoState>();
  private readonly indexes = new Map<string, PatternIndex<string>>();
  private readonly compiled = new Map<string, CompiledPattern>();
  private bySource = new Map<string, { finding: DriftFinding; file: DriftFileChange }[]>();
  private rootIdCache: Map<string, Spec> | undefined;
  /** Every spec (archived too) by root and ID, active first; and a driver's prefix-members. */
  private anyIdCache: Map<string, Spec> | undefined;
  private membersCache: Map<string, Spec[]> | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly ports: { git: GitPort; fs: FileSystem },
    private options: DriftOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  setOptions(options: Partial<DriftOptions>): void {
    this.options = { ...this.options, ...options };
    this.rootIdCache = undefined;
  }

  /** Checks every spec from scratch: HEAD, status and file lists are read again. */
  async checkAll(specs: readonly Spec[]): Promise<DriftUpdate> {
    this.projects.clear();
    this.repos.clear();
    this.setSpecs(specs);
    const before = this.signatures();
    this.findingsByPath.clear();
    const targets = this.specs.filter((s) => isDriftCandidate(s, this.options.includeArchived));
    const t0 = Date.now();
    await this.pause();
    await this.evaluate(targets);
    await this.pause();
    this.rebuildIndexes();
    this.logger.debug(`drift: checked ${targets.length} specs in ${this.repos.size} repositories in ${Date.now() - t0} ms`);
    return this.finish(before, targets.length);
  }

  /** The set of specs changed (an index batch): re-checks `changedPaths` with cached git state. */
  async updateSpecs(specs: readonly Spec[], changedPaths: Iterable<string>): Promise<DriftUpdate> {
    this.setSpecs(specs);
    const before = this.signatures();
    const present = new Set(this.specs.map((s) => s.path));
    const changed = new Set([...changedPaths].map(normalizePath));
    for (const path of [...this.findingsByPath.keys()]) {
      if (!present.has(path) || changed.has(path)) this.findingsByPath.delete(path);
    }
    const targets = this.specs.filter((s) => changed.has(s.path) && isDriftCandidate(s, this.options.includeArchived));
    await this.evaluate(targets);
    this.rebuildIndexes();
    return this.finish(before, targets.length);
  }

  private setSpecs(specs: readonly Spec[]): void {
    this.specs = [...specs];
    this.specsByPath = new Map(this.specs.map((s) => [s.path, s]));
    this.rootIdCache = undefined;
    this.anyIdCache = undefined;
    this.membersCache = undefined;
  }

  /** Any spec with this ID (active preferred): what an `origin:` entry naming an ID means. */
  private anyById(root: string, id: string): Spec | undefined {
    if (!this.anyIdCache) {
      const map = new Map<string, Spec>();
      for (const s of this.specs) {
        const key = `${s.root}\0${s.id}`;
        const seen = map.get(key);
        if (!seen || (seen.archived && !s.archived)) map.set(key, s);
      }
      this.anyIdCache = map;
    }
    return this.anyIdCache.get(`${root}\0${id}`);
  }

  /** A driver's prefix-members (chant's membership by file name), for its baseline. */
  private membersOf(spec: Spec): Spec[] {
    if (!this.membersCache) {
      const map = new Map<string, Spec[]>();
      for (const s of this.specs) {
        if (s.archived && !this.options.includeArchived) continue;
        for (let cut = s.id.indexOf('.'); cut > 0; cut = s.id.indexOf('.', cut + 1)) {
          const key = `${s.root}\0${s.id.slice(0, cut)}`;
          const list = map.get(key) ?? [];
          list.push(s);
          map.set(key, list);
        }
      }
      this.membersCache = map;
    }
    return this.membersCache.get(`${spec.root}\0${spec.id}`) ?? [];
  }

  /** The pattern drift checks for one entry, with a note when the entry names a spec. */
  private entry(spec: Spec, field: PatternField, value: string): { compiled: CompiledPattern; note?: DriftNote } {
    const specPath = specEntryPath(field, value, spec.root, {
      byId: (root, id) => this.anyById(root, id),
      byPath: (abs) => this.specsByPath.get(abs),
    });
    if (specPath === undefined) return { compiled: this.compile(spec.root, value) };
    return { compiled: this.compile(spec.root, specPath), note: specEntryNote(field, value, specPath) };
  }

  /** Files changed on disk (a save, a create, a delete): re-checks only the specs tracking them. */
  async filesChanged(absPaths: readonly string[]): Promise<DriftUpdate> {
    const affected = new Set<string>();
    const byRepo = new Map<RepoState, string[]>();
    for (const raw of absPaths) {
      const abs = normalizePath(raw);
      if (isAttributesFile(abs)) this.attributesChanged(abs);
      const specs = this.specsTracking(abs);
      if (specs.length === 0) continue;
      for (const s of specs) affected.add(s);
      for (const spec of specs) {
        const root = this.specsByPath.get(spec)?.root;
        const mode = root !== undefined ? this.projects.get(root) : undefined;
        if (mode?.kind === 'git') {
          const list = byRepo.get(mode.repo) ?? [];
          if (!list.includes(abs)) list.push(abs);
          byRepo.set(mode.repo, list);
        }
      }
    }
    if (affected.size === 0) return { changed: [], checked: 0 };
    // Only the specs re-checked and the drivers they roll up into can change: compare just those.
    const scope = this.withDrivers(affected);
    const before = this.signatures(scope);
    for (const [repo, paths] of byRepo) await this.refreshPaths(repo, paths);
    const targets = this.specs.filter((s) => affected.has(s.path));
    for (const s of targets) this.findingsByPath.delete(s.path);
    try {
      await this.evaluate(targets);
    } finally {
      for (const repo of byRepo.keys()) repo.workBlobs.clear();
    }
    return this.finish(before, targets.length, scope);
  }

  /** A `.gitattributes` appeared or changed: git may now convert content, so saves ask git. */
  private attributesChanged(abs: string): void {
    for (const repo of this.repos.values()) {
      const rel = relativeTo(repo.info.root, abs);
      if (rel !== undefined && !rel.startsWith('../')) repo.plain = false;
    }
  }

  /** `specPaths` and the paths of the drivers each rolls up into. */
  private withDrivers(specPaths: Set<string>): Set<string> {
    const out = new Set(specPaths);
    const byRootId = this.byRootId();
    for (const path of specPaths) {
      const s = this.specsByPath.get(path);
      if (!s) continue;
      for (let cut = s.id.indexOf('.'); cut > 0; cut = s.id.indexOf('.', cut + 1)) {
        const driverId = s.id.slice(0, cut);
        const driver = isMemberOf(s.id, driverId) ? byRootId.get(`${s.root}\0${driverId}`) : undefined;
        if (driver) out.add(driver.path);
      }
    }
    return out;
  }

  /** The spec chant uses per project root and ID (kept until the specs or options change). */
  private byRootId(): Map<string, Spec> {
    if (!this.rootIdCache) {
      this.rootIdCache = new Map();
      for (const s of this.specs) {
        if (s.archived && !this.options.includeArchived) continue;
        const key = `${s.root}\0${s.id}`;
        if (!this.rootIdCache.has(key)) this.rootIdCache.set(key, s);
      }
    }
    return this.rootIdCache;
  }

  /** Whether a change to this file can change findings: specs track it, or it is a `.gitattributes`. */
  concerns(absPath: string): boolean {
    return isAttributesFile(normalizePath(absPath)) || this.specsTracking(absPath).length > 0;
  }

  /** Spec paths whose patterns match `absPath` (the inverted index). */
  specsTracking(absPath: string): string[] {
    const abs = normalizePath(absPath);
    const out = new Set<string>();
    for (const [root, index] of this.indexes) {
      const rel = relativeTo(root, abs);
      if (rel === undefined) continue;
      for (const s of index.lookup(rel)) out.add(s);
    }
    return [...out];
  }

  findings(): DriftFinding[] {
    return [...this.findingsByPath.values()].sort(compareFindings);
  }

  finding(specPath: string): DriftFinding | undefined {
    return this.findingsByPath.get(normalizePath(specPath));
  }

  /** Drifted specs that track this file, with the file's change. */
  changesForFile(absPath: string): { finding: DriftFinding; file: DriftFileChange }[] {
    return this.bySource.get(normalizePath(absPath)) ?? [];
  }

  /** Repositories seen by the last checks (to watch their HEAD and refs). */
  repositories(): GitRepoInfo[] {
    return [...this.repos.values()].map((r) => r.info);
  }

  /** The repository top level for a project root, when it is in git. */
  repositoryOf(root: string): GitRepoInfo | undefined {
    const mode = this.projects.get(normalizePath(root));
    return mode?.kind === 'git' ? mode.repo.info : undefined;
  }

  // ---- evaluation ----------------------------------------------------------------------------

  private async evaluate(targets: Spec[]): Promise<void> {
    const byRoot = new Map<string, Spec[]>();
    for (const s of targets) {
      const list = byRoot.get(s.root) ?? [];
      list.push(s);
      byRoot.set(s.root, list);
    }
    const work: { root: string; mode: ProjectMode; plans: Plan[] }[] = [];
    for (const [root, specs] of byRoot) {
      const mode = await this.projectMode(root);
      const plans: Plan[] = [];
      for (let k = 0; k < specs.length; k += PLAN_STEP) {
        // Compiling patterns costs ~30 ms per thousand specs: a few hundred per turn.
        if (k > 0) await this.pause();
        for (const s of specs.slice(k, k + PLAN_STEP)) plans.push(this.plan(s));
      }
      work.push({ root, mode, plans });
    }
    // What each repository's status must cover, asked for before any of it is awaited.
    for (const { root, mode, plans } of work) if (mode.kind === 'git') this.widenScope(mode.repo, root, plans);
    for (const { root, mode, plans } of work) {
      const failed = plans.filter((p) => p.reason !== undefined && p.patterns.length === 0);
      for (const p of failed) this.store(this.makeFinding(p, 'unknown', [], p.reason));
      const ok = failed.length > 0 ? plans.filter((p) => !failed.includes(p)) : plans;
      if (mode.kind === 'unknown') {
        for (const p of ok) this.store(this.makeFinding(p, 'unknown', [], mode.reason));
        continue;
      }
      const run = (group: Plan[]) => (mode.kind === 'git' ? this.evaluateGit(root, mode.repo, group) : this.evaluateMtime(root, mode.label, group));
      try {
        await run(ok);
      } catch (e) {
        if (e instanceof GitUnavailableError) throw e;
        // Something in one spec broke the batch: each spec alone, so only that one is unknown.
        this.logger.warn(`drift: a check of ${ok.length} specs failed (${failure(e)}); checking them one by one`);
        for (const p of ok) {
          try {
            p.notes = p.notes.filter((n) => n.kind === 'spec-entry');
            await run([p]);
          } catch (err) {
            p.baseline = undefined;
            this.store(this.makeFinding(p, 'unknown', [], l10n.t('drift could not be measured: {0}', failure(err))));
          }
        }
      }
    }
  }

  private plan(spec: Spec): Plan {
    const patterns: Plan['patterns'] = [];
    const notes: DriftNote[] = [];
    try {
      for (const { field, key } of FIELDS) {
        spec[key].forEach((v, index) => {
          const { compiled, note } = this.entry(spec, field, v.value);
          if (note) notes.push(note);
          patterns.push({ field, index, value: v.value, range: v.range, compiled });
        });
      }
    } catch (e) {
      // One spec's bad entry is that spec's finding; the others are checked as usual.
      return { spec, patterns: [], notes: [], reason: failure(e) };
    }
    return { spec, patterns, ack: this.options.acknowledgement?.(spec), notes };
  }

  private compile(root: string, raw: string): CompiledPattern {
    const key = `${root}\0${raw}`;
    let c = this.compiled.get(key);
    if (!c) {
      c = compilePattern(raw, (abs) => relativeTo(root, normalizePath(abs)));
      this.compiled.set(key, c);
    }
    return c;
  }

  private async projectMode(root: string): Promise<ProjectMode> {
    const cached = this.projects.get(root);
    if (cached) return cached;
    let mode: ProjectMode;
    if (this.options.gitAllowed === false) {
      mode = { kind: 'unknown', reason: l10n.t('git is not run in an untrusted workspace') };
    } else {
      try {
        const info = await this.ports.git.repoInfo(root);
        if (!info) {
          mode = { kind: 'mtime', label: l10n.t('not a git repository: file modification times compared with completed_at') };
        } else if (!info.head) {
          mode = { kind: 'unknown', reason: l10n.t('the repository has no commits yet') };
        } else {
          mode = { kind: 'git', repo: this.repoState(info) };
        }
      } catch (e) {
        if (!(e instanceof GitUnavailableError)) throw e;
        mode = { kind: 'mtime', label: l10n.t('{0}: file modification times compared with completed_at', e.message) };
      }
    }
    this.projects.set(root, mode);
    return mode;
  }

  /** The repository's state, created at once; `widenScope` starts reading its work tree. */
  private repoState(info: GitRepoInfo): RepoState {
    const existing = this.repos.get(info.root);
    if (existing) return existing;
    const repo: RepoState = {
      info, status: new Map(), others: new Set(), tracked: new Set(), scope: new Set(), plain: undefined, workBlobs: new Map(), listings: new Map(),
      resolved: new Map(), committed: new Map(), worktree: new Map(), stagedMoves: new Map(), logs: new Map(), committedMatches: new Map(), notes: new Map(),
      worktreeRead: Promise.resolve(),
    };
    // Most baselines come from completed_at: the history is read from the start (it leads to the
    // committed diffs, which take as long as the status).
    this.history(repo).catch(() => undefined);
    this.repos.set(info.root, repo);
    return repo;
  }

  /**
   * Makes the status and file list cover every directory these plans' patterns can match in
   * (their bases), reading what is not covered yet in the background (`worktreeRead`) while
   * baselines and committed diffs, which do not need them, are worked out. Only those
   * directories: in a big repository, specs usually track a few of them, and the status of the
   * rest (the specs themselves included) costs as much as the rest of the check.
   */
  private widenScope(repo: RepoState, root: string, plans: Plan[]): void {
    if (repo.scope === 'all') return;
    const scope = repo.scope;
    const wanted = new Set<string>();
    let everything = false;
    for (const plan of plans) {
      for (const pat of plan.patterns) {
        for (const base of pat.compiled.bases) {
          const rel = relativeTo(repo.info.root, base === '' ? root : joinPath(root, base));
          if (rel === undefined) continue; // another drive: nothing of this repository
          if (rel === '' || rel === '..' || rel.startsWith('../') || base.startsWith('..')) everything = true;
          else if (!isCovered(scope, rel)) wanted.add(rel);
        }
      }
    }
    const missing = everything ? [] : outermost([...wanted]);
    if (!everything && missing.length === 0) return;
    // Committed diffs cover the scope they were read for: a wider scope reads them again.
    repo.committed.clear();
    repo.committedMatches.clear();
    let paths: string[] | undefined;
    if (everything || scope.size + missing.length > MAX_SCOPE_PATHS) {
      repo.scope = 'all';
    } else {
      for (const m of missing) scope.add(m);
      paths = missing;
    }
    // Reads start now (each git process on a turn of its own: starting one blocks a big process
    // for a few milliseconds); results apply in order, after those of earlier reads.
    const git = this.ports.git;
    const reading = (async () => {
      await this.pause();
      const status = git.status(repo.info.root, paths);
      status.catch(() => undefined);
      await this.pause();
      return Promise.all([status, git.listFiles(repo.info.root, paths)]);
    })();
    reading.catch(() => undefined);
    repo.worktreeRead = Promise.all([repo.worktreeRead, reading]).then(([, [statusEntries, tracked]]) => {
      if (repo.tracked.size === 0) {
        // The first read: a set made whole (faster than adding 50,000 paths one by one).
        repo.tracked = new Set(tracked);
      } else {
        for (const f of tracked) repo.tracked.add(f);
      }
      // A file staged between two reads is now tracked: listed once, from `tracked`.
      for (const f of repo.others) if (repo.tracked.has(f)) repo.others.delete(f);
      for (const e of statusEntries) {
        setStatus(repo.status, e);
        if (e.index === '?') repo.others.add(e.path);
      }
      // Listings and their notes made before were made over fewer files.
      repo.listings.clear();
      repo.notes.clear();
    });
    // Awaited before any use; this only keeps an early failure elsewhere from leaving it unhandled.
    repo.worktreeRead.catch(() => undefined);
  }

  /** Whether a saved file's bytes are its blob (no conversion), asked once per repository state. */
  private async isPlain(repo: RepoState): Promise<boolean> {
    if (repo.plain === undefined) {
      let plain = !(await this.ports.git.convertsContent(repo.info).catch(() => true));
      for (const files of [repo.tracked, repo.others]) for (const f of files) if (plain && isAttributesFile(f)) plain = false;
      if (plain && repo.scope !== 'all') {
        // The file list covers the scope only: attributes in the folders above it are looked for.
        const above = new Set<string>(['']);
        for (const p of repo.scope) for (let cut = p.lastIndexOf('/'); cut > 0; cut = p.lastIndexOf('/', cut - 1)) above.add(p.slice(0, cut));
        for (const dir of above) {
          if (await this.ports.fs.lstat(joinPath(repo.info.root, dir === '' ? '.gitattributes' : `${dir}/.gitattributes`))) plain = false;
        }
      }
      repo.plain ??= plain; // a .gitattributes seen meanwhile has the last word
    }
    return repo.plain;
  }

  /** Re-reads the status of some files after they changed on disk; drops what depended on it. */
  private async refreshPaths(repo: RepoState, absPaths: string[]): Promise<void> {
    const rels = absPaths.map((a) => relativeTo(repo.info.root, a)).filter((r): r is string => r !== undefined && r !== '' && !r.startsWith('../'));
    if (rels.length === 0) return;
    await repo.worktreeRead;
    // A saved tracked file is hashed here; git is asked about the others (new, deleted, staged).
    const entries: GitStatusEntry[] = [];
    const viaGit: string[] = [];
    for (const r of rels) {
      const known = await this.statusInProcess(repo, r);
      if (known === undefined) viaGit.push(r);
      else if (known !== 'clean') entries.push(known);
    }
    if (viaGit.length > 0) entries.push(...await this.ports.git.status(repo.info.root, viaGit));
    const touched = [...new Set([...rels, ...entries.map((e) => e.path)])];
    const wasListed = new Map(touched.map((f) => [f, isListed(repo, f)]));
    for (const r of rels) {
      repo.status.delete(r);
      for (const wt of repo.worktree.values()) wt.delete(r);
    }
    // A staged rename is read again as a pair: both ends are forgotten when either changes.
    for (const moves of repo.stagedMoves.values()) {
      for (const [from, to] of [...moves]) {
        if (!rels.includes(from) && !rels.includes(to)) continue;
        moves.delete(from);
        for (const wt of repo.worktree.values()) {
          wt.delete(from);
          wt.delete(to);
        }
      }
    }
    for (const e of entries) setStatus(repo.status, e);
    for (const r of rels) {
      const e = repo.status.get(r);
      // Listed: tracked (ls-files, or newly staged) or untracked-not-ignored; ignored files never are.
      if (!repo.tracked.has(r) && e) repo.others.add(r);
      else repo.others.delete(r);
    }
    // Keep the sorted listings in step: rebuilding them costs ~0.3 s per save in a 50k-file tree.
    for (const f of touched) {
      const listed = isListed(repo, f);
      if (listed === wasListed.get(f)) continue;
      for (const [root, list] of repo.listings) {
        const rel = relativeTo(root, joinPath(repo.info.root, f));
        if (rel === undefined) continue;
        const i = lowerBound(list, rel);
        if (listed && list[i] !== rel) list.splice(i, 0, rel);
        else if (!listed && list[i] === rel) list.splice(i, 1);
        else continue;
        repo.notes.delete(root);
      }
    }
  }

  private async pause(): Promise<void> {
    await this.options.yieldToEventLoop?.();
  }

  /** Reads the commits touching each path since its baseline (one `git log` per baseline) into `repo.logs`. */
  private async readLogs(repo: RepoState, wanted: Map<string, Set<string>>): Promise<void> {
    const head = repo.info.head!;
    for (const [b, paths] of wanted) {
      const logged = repo.logs.get(b) ?? new Map<string, GitCommit[]>();
      const list = [...paths].filter((p) => !logged.has(p));
      if (list.length === 0) continue;
      const entries = await this.ports.git.log(repo.info.root, b, head, list);
      const asked = new Set(list);
      for (const p of list) logged.set(p, []);
      for (const e of entries) {
        const commit = { sha: e.sha, date: e.date, subject: e.subject };
        for (const f of e.files) {
          for (const p of [f.path, f.from]) {
            if (p === undefined || !asked.has(p)) continue;
            const arr = logged.get(p)!;
            if (!arr.some((c) => c.sha === commit.sha)) arr.push(commit);
          }
        }
      }
      repo.logs.set(b, logged);
    }
  }

  /**
   * A tracked file's status after a save, without git's index: its bytes hashed and compared
   * with HEAD's blob (one request to a running `git cat-file`). Only for files that were not
   * staged (the index holds HEAD's blob) in a repository without content conversions;
   * undefined when git has to be asked.
   */
  private async statusInProcess(repo: RepoState, r: string): Promise<GitStatusEntry | 'clean' | undefined> {
    repo.workBlobs.delete(r);
    const previous = repo.status.get(r);
    if (!repo.tracked.has(r) || (previous && previous.index !== ' ') || !(await this.isPlain(repo))) return undefined;
    const abs = joinPath(repo.info.root, r);
    const st = await this.ports.fs.lstat(abs);
    if (!st?.isFile || st.size > (this.options.maxCountBytes ?? DEFAULT_MAX_COUNT_BYTES)) return undefined;
    let bytes: Uint8Array;
    let head: GitBlob | undefined;
    try {
      [bytes, head] = await Promise.all([this.ports.fs.readFile(abs), this.ports.git.blobAt(repo.info.root, repo.info.head!, r)]);
    } catch {
      return undefined;
    }
    if (!head) return undefined; // a submodule, or not in HEAD: git knows
    const sha = this.ports.git.blobId(bytes, head.sha.length === 64 ? 'sha256' : 'sha1');
    if (sha === head.sha) return 'clean';
    repo.workBlobs.set(r, { sha, bytes });
    return { index: ' ', worktree: 'M', path: r };
  }

  /**
   * Baseline → work tree for a file this save re-read, from the baseline's blob (one request to
   * a running `git cat-file`) and, when they differ, git's own line counts: null when the file
   * equals the baseline; undefined when `git diff` has to be asked.
   */
  private async worktreeDeltaInProcess(repo: RepoState, baseline: string, path: string): Promise<GitFileDelta | null | undefined> {
    const work = repo.workBlobs.get(path);
    if (!work) return undefined;
    const git = this.ports.git;
    try {
      const base = await git.blobAt(repo.info.root, baseline, path);
      if (!base) {
        const counted = countLinesOf(work.bytes);
        return { status: 'A', path, insertions: counted.lines, deletions: 0, binary: counted.binary };
      }
      if (base.sha === work.sha) return null;
      const counts = await git.lineCounts(repo.info.root, base, joinPath(repo.info.root, path));
      return { status: 'M', path, ...counts };
    } catch (e) {
      this.logger.debug(`drift: ${path} compared through git diff (${e instanceof Error ? e.message : String(e)})`);
      return undefined;
    }
  }

  private listing(repo: RepoState, root: string): string[] {
    let list = repo.listings.get(root);
    if (!list) {
      list = [];
      // Most files are below the project root: a prefix cut gives what relativeTo would.
      const inside = relativeTo(repo.info.root, root);
      const prefix = inside === undefined || inside.startsWith('..') || root.endsWith('/') ? undefined : inside === '' ? '' : `${inside}/`;
      const status = repo.status;
      for (const files of [repo.tracked, repo.others]) {
        for (const f of files) {
          // isListed, inlined: this runs over every file of the repository.
          const st = status.size > 0 ? status.get(f) : undefined;
          if (st && (st.worktree === 'D' || st.index === 'D')) continue; // deleted: not in the work tree now
          const rel = prefix !== undefined && f.startsWith(prefix) && !f.includes('\\') ? f.slice(prefix.length) : relativeTo(root, joinPath(repo.info.root, f));
          if (rel !== undefined) list.push(rel);
        }
      }
      list.sort();
      repo.listings.set(root, list);
    }
    return list;
  }

  private async evaluateGit(root: string, repo: RepoState, plans: Plan[]): Promise<void> {
    const git = this.ports.git;
    const head = repo.info.head!;
    await this.resolveBaselines(repo, plans);

    // Committed changes: one diff-tree process for every baseline not seen yet.
    const baselines = [...new Set(plans.map((p) => p.baseline?.commit).filter((c): c is string => !!c))];
    const missing = baselines.filter((b) => !repo.committed.has(b));
    const toDiff = missing.filter((b) => b !== head);
    for (const b of missing) if (b === head) repo.committed.set(b, new Map());
    if (toDiff.length > 0) {
      // Only the folders the specs track (and renames across their edge): see drift/treeDiffs.ts.
      const diffs = await scopedTreeDiffs(git, repo.info.root, toDiff.map((from) => ({ from, to: head })), repo.scope);
      toDiff.forEach((b, k) => repo.committed.set(b, new Map((diffs[k] ?? []).map((d) => [d.path, d]))));
    }

    // Which changed paths each plan's patterns match, found through an index of these plans.
    const index = new PatternIndex<Plan>();
    for (const p of plans) for (const pat of p.patterns) index.add(p, pat.compiled);
    const matched = new Map<Plan, Map<string, number[]>>();
    const toRel = (repoPath: string) => relativeTo(root, joinPath(repo.info.root, repoPath));
    const consider = (plan: Plan, repoPath: string, alsoRel?: string) => {
      const rel = toRel(repoPath);
      if (rel === undefined) return;
      const hits = plan.patterns.map((pat, k) => (pat.compiled.matches(rel) || (alsoRel !== undefined && pat.compiled.matches(alsoRel)) ? k : -1)).filter((k) => k >= 0);
      if (hits.length === 0) return;
      let m = matched.get(plan);
      if (!m) matched.set(plan, (m = new Map()));
      m.set(repoPath, hits);
    };
    // Committed matches depend only on the baseline (HEAD is fixed for a RepoState) and the
    // spec's patterns: reuse them, and scan the committed changes only for plans not seen yet.
    const plansByBaseline = new Map<string, Plan[]>();
    const keys = new Map<Plan, string>();
    for (const p of plans) {
      if (!p.baseline?.commit) continue;
      const key = patternsKey(root, p);
      keys.set(p, key);
      const cached = repo.committedMatches.get(p.baseline.commit)?.get(p.spec.path);
      if (cached && cached.key === key) {
        if (cached.matched.size > 0) matched.set(p, new Map(cached.matched));
        continue;
      }
      const list = plansByBaseline.get(p.baseline.commit) ?? [];
      list.push(p);
      plansByBaseline.set(p.baseline.commit, list);
    }
    for (const [b, group] of plansByBaseline) {
      const members = new Set(group);
      for (const d of repo.committed.get(b)?.values() ?? []) {
        const rel = toRel(d.path);
        const fromRel = d.from !== undefined ? toRel(d.from) : undefined;
        const owners = new Set<Plan>();
        if (rel !== undefined) for (const o of index.lookup(rel)) owners.add(o);
        if (fromRel !== undefined) for (const o of index.lookup(fromRel)) owners.add(o);
        for (const o of owners) if (members.has(o)) consider(o, d.path, fromRel);
      }
      let byBaseline = repo.committedMatches.get(b);
      if (!byBaseline) repo.committedMatches.set(b, (byBaseline = new Map()));
      for (const p of group) byBaseline.set(p.spec.path, { key: keys.get(p)!, matched: new Map(matched.get(p) ?? []), files: new Map() });
    }
    // The commits of the committed changes matched so far, asked for while the status is read.
    const early = new Map<string, Set<string>>();
    for (const [plan, paths] of matched) {
      const b = plan.baseline!.commit!;
      for (const path of paths.keys()) wantLog(repo, early, b, path);
    }
    const earlyLogs = this.readLogs(repo, early);
    earlyLogs.catch(() => undefined); // awaited below; a failure before that must not go unhandled
    // Uncommitted changes from here on: the status read meanwhile is needed now.
    await repo.worktreeRead;
    await this.pause();
    for (const path of repo.status.keys()) {
      const rel = toRel(path);
      if (rel === undefined) continue;
      for (const o of index.lookup(rel)) if (o.baseline?.commit) consider(o, path);
    }

    // Work-tree diffs for dirty tracked files that matter: one diff per baseline.
    const needWorktree = new Map<string, Set<string>>();
    for (const [plan, paths] of matched) {
      const b = plan.baseline!.commit!;
      const cache = repo.worktree.get(b);
      for (const path of paths.keys()) {
        const st = repo.status.get(path);
        if (!st || st.index === '?' || cache?.has(path)) continue;
        const set = needWorktree.get(b) ?? new Set<string>();
        set.add(path);
        needWorktree.set(b, set);
      }
    }
    // A rename staged with `git mv` is a deletion and an addition in the status (read without
    // rename detection): the diff is given both sides so that git pairs them as it would.
    const stagedAdds: string[] = [];
    const stagedDeletes: string[] = [];
    if (needWorktree.size > 0) {
      for (const e of repo.status.values()) {
        if (e.index === 'A') stagedAdds.push(e.path);
        else if (e.index === 'D') stagedDeletes.push(e.path);
      }
    }
    if (stagedAdds.length > 0 && stagedDeletes.length > 0 && stagedAdds.length + stagedDeletes.length <= MAX_STAGED_PAIRING) {
      for (const paths of needWorktree.values()) {
        const has = (set: string[]) => set.some((p) => paths.has(p));
        if (has(stagedAdds)) for (const p of stagedDeletes) paths.add(p);
        if (has(stagedDeletes)) for (const p of stagedAdds) paths.add(p);
      }
    }
    for (const [b, paths] of needWorktree) {
      const cache = repo.worktree.get(b) ?? new Map<string, GitFileDelta | null>();
      repo.worktree.set(b, cache);
      const list: string[] = [];
      for (const p of paths) {
        const delta = await this.worktreeDeltaInProcess(repo, b, p);
        if (delta === undefined) list.push(p);
        else cache.set(p, delta);
      }
      if (list.length === 0) continue;
      const deltas = await git.worktreeDiff(repo.info.root, b, list);
      for (const p of list) cache.set(p, null);
      for (const d of deltas) {
        cache.set(d.path, d);
        if (d.from !== undefined && !cache.get(d.from)) cache.set(d.from, null);
        if (d.from !== undefined && d.status === 'R') {
          let moves = repo.stagedMoves.get(b);
          if (!moves) repo.stagedMoves.set(b, (moves = new Map()));
          moves.set(d.from, d.path);
        }
      }
      repo.worktree.set(b, cache);
    }

    await this.pause();
    // Build file changes.
    const pending: { plan: Plan; files: DriftFileChange[]; reused: Set<DriftFileChange> }[] = [];
    const needLog = new Map<string, Set<string>>();
    for (const plan of plans) {
      if (!plan.baseline) {
        this.store(this.makeFinding(plan, 'unknown', [], plan.reason ?? l10n.t('no baseline'), this.listingNotes(repo, root)));
        continue;
      }
      const b = plan.baseline.commit!;
      const files: DriftFileChange[] = [];
      const reused = new Set<DriftFileChange>();
      const done = repo.committedMatches.get(b)?.get(plan.spec.path)?.files;
      const planMatches = matched.get(plan) ?? new Map<string, number[]>();
      for (const [matchedPath, hits] of planMatches) {
        // A tracked file renamed in the index: counted at its new path (once, when both match).
        const movedTo = repo.stagedMoves.get(b)?.get(matchedPath);
        if (movedTo !== undefined && planMatches.has(movedTo)) continue;
        const path = movedTo ?? matchedPath;
        const previous = repo.status.has(path) ? undefined : done?.get(path);
        if (previous) {
          files.push(previous);
          reused.add(previous);
          continue;
        }
        const change = await this.fileChange(repo, root, b, path, hits);
        if (!change) continue;
        if (isPureMove(change)) {
          // Same content under another path: the spec is still up to date; the note names the move.
          plan.notes.push(movedNote(change.previousPath ?? '', change.path));
          continue;
        }
        files.push(change);
        if (repo.committed.get(b)?.has(path)) wantLog(repo, needLog, b, path);
      }
      pending.push({ plan, files, reused });
    }

    // Commits per drifted file: one log per baseline with drifted committed files (most were
    // asked for while the status was read).
    await earlyLogs;
    await this.readLogs(repo, needLog);
    for (const { plan, files, reused } of pending) {
      const b = plan.baseline!.commit!;
      const logged = repo.logs.get(b);
      const done = repo.committedMatches.get(b)?.get(plan.spec.path)?.files;
      for (const f of files) {
        if (!f.repoPath || reused.has(f)) continue;
        const d = repo.committed.get(b)?.get(f.repoPath);
        const commits = [...(logged?.get(f.repoPath) ?? []), ...(d?.from ? logged?.get(d.from) ?? [] : [])];
        const seen = new Set<string>();
        f.commits = commits.filter((c) => (seen.has(c.sha) ? false : (seen.add(c.sha), true)));
        if (done && !repo.status.has(f.repoPath)) done.set(f.repoPath, f);
      }
      this.store(this.makeFinding(plan, files.length > 0 ? 'drifted' : 'clean', files, undefined, this.listingNotes(repo, root)));
    }
  }

  private async fileChange(repo: RepoState, root: string, baseline: string, path: string, hits: number[]): Promise<DriftFileChange | undefined> {
    const st = repo.status.get(path);
    const committed = repo.committed.get(baseline)?.get(path);
    const abs = joinPath(repo.info.root, path);
    const rel = relativeTo(root, abs) ?? path;
    if (st?.index === '?') {
      const base = { path: rel, absPath: abs, repoPath: path, commits: [], matchedBy: hits };
      const counted = await this.countLines(abs);
      if (committed?.status === 'D') {
        return { ...base, change: 'modified', insertions: counted.lines, deletions: committed.deletions, binary: counted.binary || committed.binary, uncommitted: true };
      }
      return { ...base, change: 'added', insertions: counted.lines, deletions: 0, binary: counted.binary, uncommitted: true };
    }
    let delta: GitFileDelta | undefined;
    let uncommitted = false;
    if (st) {
      const wt = repo.worktree.get(baseline)?.get(path);
      if (wt === null || wt === undefined) return undefined; // dirty vs HEAD, but equal to the baseline
      delta = wt;
      uncommitted = true;
    } else {
      delta = committed;
    }
    if (!delta) return undefined;
    const previousPath = delta.from !== undefined ? relativeTo(root, joinPath(repo.info.root, delta.from)) ?? delta.from : undefined;
    // Spelled out rather than spread from `base` (same keys, same order): this runs per drifted
    // file of every spec checked, and a spread with extra keys takes V8's slow path.
    return {
      path: rel, absPath: abs, repoPath: path, commits: [], matchedBy: hits, previousPath, previousRepoPath: delta.from, from: previousPath,
      change: changeKind(delta), insertions: delta.insertions, deletions: delta.deletions, binary: delta.binary, uncommitted,
      identical: delta.similarity === 100,
    };
  }

  private async countLines(abs: string): Promise<{ lines: number; binary: boolean }> {
    // Never the target of a link (it may be outside the project, or a device): git stores a
    // link as its target's path, one line.
    const stat = await this.ports.fs.lstat(abs);
    if (stat?.isSymbolicLink) return { lines: 1, binary: false };
    if (!stat || !stat.isFile) return { lines: 0, binary: false };
    const max = this.options.maxCountBytes ?? DEFAULT_MAX_COUNT_BYTES;
    if (stat.size > max) return { lines: 0, binary: true };
    if (this.ports.fs.readFileUpTo) {
      const read = await this.ports.fs.readFileUpTo(abs, max).catch(() => undefined);
      if (!read?.bytes) return { lines: 0, binary: !!read && !read.notFile };
      return countLinesOf(read.bytes);
    }
    return countLinesOf(await this.ports.fs.readFile(abs).catch(() => new Uint8Array()));
  }

  private async resolveBaselines(repo: RepoState, plans: Plan[]): Promise<void> {
    const revs = new Set<string>();
    for (const p of plans) for (const r of revisionsOf(p.spec, this.membersOf(p.spec), p.ack)) revs.add(r);
    const unresolved = [...revs].filter((r) => !repo.resolved.has(r));
    if (unresolved.length > 0) {
      const found = await this.ports.git.resolveCommits(repo.info.root, unresolved);
      for (const r of unresolved) repo.resolved.set(r, found.get(r));
    }
    const sources = {
      resolved: repo.resolved,
      shallow: repo.info.shallow,
      history: () => this.history(repo),
      bySubject: () => (repo.bySubject ??= this.ports.git.chantCommits(repo.info.root).then((commits) => {
        const map = new Map<string, GitCommit>();
        for (const c of commits) {
          const id = chantSubjectId(c.subject);
          if (id && !map.has(id)) map.set(id, c); // newest first
        }
        return map;
      })),
    };
    for (const p of plans) {
      const choice = await chooseBaseline(p.spec, this.membersOf(p.spec), p.ack, sources);
      p.baseline = choice.baseline;
      p.reason = choice.reason;
      p.completedAtProblem = choice.completedAtProblem;
      p.notes.push(...choice.notes);
    }
  }

  private history(repo: RepoState): Promise<{ entries: GitHistoryEntry[]; prefixMin: number[] }> {
    repo.history ??= this.ports.git.firstParentHistory(repo.info.root).then((entries) => {
      const prefixMin: number[] = [];
      let min = Infinity;
      for (const e of entries) {
        min = Math.min(min, e.time);
        prefixMin.push(min);
      }
      return { entries, prefixMin };
    });
    return repo.history;
  }

  private async evaluateMtime(root: string, label: string, plans: Plan[]): Promise<void> {
    const bases = new Set<string>();
    for (const p of plans) for (const pat of p.patterns) for (const b of pat.compiled.bases) bases.add(b);
    const listing = await walkFiles(this.ports.fs, root, [...bases], this.options.maxWalkEntries ?? 200_000);
    const sorted = [...listing.keys()].sort();
    for (const plan of plans) {
      const at = plan.ack?.date ?? plan.spec.completedAt;
      if (!at) {
        this.store(this.makeFinding(plan, 'unknown', [], l10n.t('the spec is completed but has no completed_at'), sorted));
        continue;
      }
      if (!isRfc3339(at) && !plan.ack) {
        this.store(this.makeFinding(plan, 'unknown', [], l10n.t('completed_at `{0}` is not an RFC 3339 time', at), sorted));
        continue;
      }
      const threshold = Date.parse(at.replace(' ', 'T'));
      plan.baseline = { kind: 'mtime', date: at, source: plan.ack ? 'acknowledged' : 'completed_at', note: label };
      const files: DriftFileChange[] = [];
      for (const rel of sorted) {
        const hits = plan.patterns.map((pat, k) => (pat.compiled.matches(rel) ? k : -1)).filter((k) => k >= 0);
        if (hits.length === 0) continue;
        const mtime = listing.get(rel)!;
        if (mtime <= threshold) continue;
        files.push({
          path: rel, absPath: joinPath(root, rel), change: 'modified', insertions: 0, deletions: 0, binary: false,
          uncommitted: true, commits: [], matchedBy: hits,
        });
      }
      this.store(this.makeFinding(plan, files.length > 0 ? 'drifted' : 'clean', files, undefined, sorted));
    }
  }

  /** File notes over a git listing, kept per pattern until the listing changes. */
  private listingNotes(repo: RepoState, root: string): (pattern: CompiledPattern) => PatternNote[] {
    const listing = this.listing(repo, root);
    let cache = repo.notes.get(root);
    if (!cache) repo.notes.set(root, (cache = new Map()));
    const notes = cache;
    return (pattern) => {
      let found = notes.get(pattern);
      if (!found) notes.set(pattern, (found = fileNotes(pattern, listing)));
      return found;
    };
  }

  private makeFinding(
    plan: Plan, state: DriftState, files: DriftFileChange[], reason?: string,
    listing?: string[] | ((pattern: CompiledPattern) => PatternNote[]),
  ): DriftFinding {
    const spec = plan.spec;
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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

  private store(f: DriftFinding): void {
    this.findingsByPath.set(f.specPath, f);
  }

  // ---- roll-up and indexes -------------------------------------------------------------------

  /** Drivers roll up: a driver is drifted when any member is (chant's prefix membership). */
  private rollUp(): void {
    for (const [path, f] of [...this.findingsByPath]) {
      if (f.state === 'none') this.findingsByPath.delete(path);
      else f.driftedMembers = [];
    }
    const byRootId = this.byRootId();
    for (const f of [...this.findingsByPath.values()]) {
      if (f.state !== 'drifted') continue;
      let cut = f.specId.indexOf('.');
      while (cut > 0) {
        const driverId = f.specId.slice(0, cut);
        const driver = isMemberOf(f.specId, driverId) ? byRootId.get(`${f.root}\0${driverId}`) : undefined;
        if (driver) {
          let df = this.findingsByPath.get(driver.path);
          if (!df) {
            df = {
              specId: driver.id, specPath: driver.path, root: driver.root, type: driver.type, title: driver.title,
              status: driver.rawStatus, completedAt: driver.completedAt, state: 'none', files: [], insertions: 0, deletions: 0,
              patterns: [], driftedMembers: [], notes: [],
            };
            this.findingsByPath.set(driver.path, df);
          }
          if (!df.driftedMembers.includes(f.specId)) df.driftedMembers.push(f.specId);
        }
        cut = f.specId.indexOf('.', cut + 1);
      }
    }
    for (const f of this.findingsByPath.values()) f.driftedMembers.sort(compareSpecIds);
  }

  private rebuildIndexes(): void {
    this.indexes.clear();
    for (const s of this.specs) {
      if (!isDriftCandidate(s, this.options.includeArchived)) continue;
      let index = this.indexes.get(s.root);
      if (!index) this.indexes.set(s.root, (index = new PatternIndex<string>()));
      for (const { field, key } of FIELDS) {
        for (const v of s[key]) {
          try {
            index.add(s.path, this.entry(s, field, v.value).compiled);
          } catch {
            // reported by the spec's finding
          }
        }
      }
    }
    this.rebuildBySource();
  }

  private rebuildBySource(): void {
    const map = new Map<string, { finding: DriftFinding; file: DriftFileChange }[]>();
    for (const f of this.findingsByPath.values()) {
      if (f.state !== 'drifted') continue;
      for (const file of f.files) {
        const list = map.get(file.absPath) ?? [];
        list.push({ finding: f, file });
        map.set(file.absPath, list);
      }
    }
    this.bySource = map;
  }

  private signatures(scope?: Set<string>): Map<string, string> {
    const out = new Map<string, string>();
    for (const [p, f] of this.findingsByPath) if (!scope || scope.has(p)) out.set(p, signature(f));
    return out;
  }

  private finish(before: Map<string, string>, checked: number, scope?: Set<string>): DriftUpdate {
    this.rollUp();
    this.rebuildBySource();
    const changed: string[] = [];
    for (const [p, f] of this.findingsByPath) {
      if (scope && !scope.has(p)) continue;
      // New findings (all of them on a first check) changed without comparing signatures.
      const previous = before.get(p);
      if (previous === undefined || previous !== signature(f)) changed.push(p);
    }
    for (const p of before.keys()) if (!this.findingsByPath.has(p)) changed.push(p);
    return { changed, checked };
  }
}

/** One-shot drift over a set of specs (headless CLI, benchmarks). */
export async function computeDrift(specs: readonly Spec[], ports: { git: GitPort; fs: FileSystem }, options: DriftOptions = {}): Promise<DriftFinding[]> {
  const engine = new DriftEngine(ports, options);
  await engine.checkAll(specs);
  return engine.findings();
}

/** The files part of a finding's signature, by files array (a stored finding's files do not change). */
const filesSignatures = new WeakMap<DriftFileChange[], string>();

function signature(f: DriftFinding): string {
  let files = filesSignatures.get(f.files);
  if (files === undefined) {
    files = JSON.stringify(f.files.map((x) => [x.path, x.change, x.insertions, x.deletions, x.uncommitted, x.commits.length]));
    filesSignatures.set(f.files, files);
  }
  return JSON.stringify([
    f.state, f.reason, f.baseline?.commit, f.baseline?.date, f.driftedMembers, files,
    f.patterns.map((p) => p.notes.map((n) => n.kind)), f.acknowledged?.commit, f.acknowledged?.date, f.notes.map((n) => n.message),
  ]);
}

function compareFindings(a: DriftFinding, b: DriftFinding): number {
  if (a.root !== b.root) return a.root < b.root ? -1 : 1;
  return compareSpecIds(a.specId, b.specId) || (a.specPath < b.specPath ? -1 : a.specPath > b.specPath ? 1 : 0);
}

/** What a plan's committed matches depend on besides the baseline: its root and patterns. */
function patternsKey(root: string, plan: Plan): string {
  return [root, ...plan.patterns.map((p) => p.value)].join('\0');
}

/** A rename with nothing else changed: not drift. */
function isPureMove(f: DriftFileChange): boolean {
  return f.change === 'renamed' && (f.identical === true || (!f.binary && f.insertions === 0 && f.deletions === 0));
}

function changeKind(d: GitFileDelta): DriftChangeKind {
  switch (d.status) {
    case 'A':
    case 'C':
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
      return 'renamed';
    default:
      return 'modified';
  }
}

const DEFAULT_MAX_COUNT_BYTES = 8 * 1024 * 1024;

/** Specs whose patterns are compiled per turn of the event loop. */
const PLAN_STEP = 250;

/** Staged additions plus deletions up to which a work-tree diff pairs them into renames. */
const MAX_STAGED_PAIRING = 2000;

/**
 * Records a status entry. `git rm --cached` leaves a staged deletion and an untracked file of
 * the same path; git counts the deletion (the next commit deletes the file), and so does drift.
 */
function setStatus(status: Map<string, GitStatusEntry>, e: GitStatusEntry): void {
  if (e.index === '?' && status.get(e.path)?.index === 'D') return;
  status.set(e.path, e);
}

/** Beyond this many directories, one status of the whole repository is cheaper than the pathspecs. */
const MAX_SCOPE_PATHS = 64;

/** The paths not below another one of the list. */
function outermost(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const out: string[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && p.startsWith(`${last}/`)) continue;
    out.push(p);
  }
  return out;
}

/** Adds a committed change's path (and its old path) to the logs wanted for baseline `b`, unless read. */
function wantLog(repo: RepoState, wanted: Map<string, Set<string>>, b: string, path: string): void {
  const d = repo.committed.get(b)?.get(path);
  if (!d) return;
  const logged = repo.logs.get(b);
  for (const p of [path, d.from]) {
    if (p === undefined || logged?.has(p)) continue;
    const set = wanted.get(b) ?? new Set<string>();
    set.add(p);
    wanted.set(b, set);
  }
}

/** Lines as `git diff --numstat` counts them for a new file, and git's binary guess. */
function countLinesOf(bytes: Uint8Array): { lines: number; binary: boolean } {
  // git's heuristic: a NUL byte in the first 8000 bytes means binary.
  if (bytes.subarray(0, 8000).includes(0)) return { lines: 0, binary: true };
  let lines = 0;
  for (const b of bytes) if (b === 10) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) lines++;
  return { lines, binary: false };
}

/** `.gitattributes` anywhere: content conversions may apply. */
function isAttributesFile(repoPath: string): boolean {
  return repoPath === '.gitattributes' || repoPath.endsWith('/.gitattributes');
}

/** Whether a repository file belongs in the listings: known to git and present in the work tree. */
function isListed(repo: RepoState, f: string): boolean {
  if (!repo.tracked.has(f) && !repo.others.has(f)) return false;
  const st = repo.status.get(f);
  return !(st && (st.worktree === 'D' || st.index === 'D'));
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

/** Files under `bases` (root-relative directories or files) with their mtimes; `.git` skipped. */
async function walkFiles(fs: FileSystem, root: string, bases: string[], maxEntries: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  // Walk each base once; a base below another one is covered by it.
  const sorted = [...new Set(bases)].sort();
  const tops = sorted.filter((b, k) => !sorted.slice(0, k).some((o) => o === '' || b === o || b.startsWith(o + '/')));
  let visited = 0;
  const queue: string[] = [];
  // Nothing outside the project is listed: a base reached through a link that leaves it is skipped.
  const realRoot = await fs.realPath(root);
  for (const base of tops) {
    const abs = base === '' ? root : joinPath(root, base);
    const real = base === '' ? realRoot : await fs.realPath(abs);
    if (!real || !realRoot || (real !== realRoot && !isInside(realRoot, real))) continue;
    const st = await fs.stat(abs);
    if (!st) continue;
    if (st.isFile) out.set(base, st.mtimeMs);
    else if (st.isDirectory) queue.push(base);
  }
  while (queue.length > 0 && visited < maxEntries) {
    const dir = queue.shift()!;
    for (const name of await fs.readDir(dir === '' ? root : joinPath(root, dir))) {
      if (name === '.git') continue;
      if (++visited > maxEntries) break;
      const rel = dir === '' ? name : `${dir}/${name}`;
      const st = await fs.lstat(joinPath(root, rel));
      if (!st) continue;
      if (st.isDirectory) queue.push(rel);
      else if (st.isFile) out.set(rel, st.mtimeMs);
    }
  }
  return out;
}

/** An error's message for a finding. */
function failure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
