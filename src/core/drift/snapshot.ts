// What drift knows of one git repository while HEAD stays: the status and file list of the
// folders specs track, the resolved revisions, HEAD's history, committed and work-tree diffs per
// baseline, the commits touching each file, and what was derived from them (listings, pattern
// notes, committed matches per spec). Each cache's rule lives in the method that fills it or in
// the one that drops it: a wider scope reads status and diffs again, a changed file forgets its
// status and work-tree diffs and moves it in or out of the listings, a `.gitattributes` stops
// saves from being hashed without git. A new HEAD is a new snapshot (the engine makes one per
// full check).

import type { FirstParentCommit, GitBlob, GitCommit, GitContentSettings, GitFileDelta, GitHistoryEntry, GitLogEntry, GitPort, GitRepoInfo, GitStatusEntry } from '../gitPort';
import type { FileSystem } from '../ports';
import { chantSubjectId } from '../gitParse';
import { joinPath } from '../paths';
import { lowerBound } from '../sorted';
import { fileNotes, type CompiledPattern, type PatternNote } from './patterns';
import { coversScope, groupByScope, isCovered, MAX_SCOPE_PATHS, scopedTreeDiffs, trackedScope, unionScope, type ScopedPlan, type AddsAndDeletes, type WalkedTreeDiffs } from './treeDiffs';
import { DEFAULT_RENAME_LIMIT, WalkedDiffs } from './walkedDiffs';
import { commitsTouching, WalkIndex } from './historyWalk';
import { mapLimit } from '../projectDiscovery';
import { relativeTo, type DriftFileChange } from './model';

/** The committed changes a spec's patterns match since one baseline (see `committedMatches`). */
export interface CommittedMatches {
  key: string;
  matched: Map<string, number[]>;
  files: Map<string, DriftFileChange>;
  /** Whether the commits of every matched path were read (a check got past its logs). */
  logged?: boolean;
}

export interface SnapshotPorts {
  git: GitPort;
  fs: FileSystem;
  /** Lets the event loop run between starting git processes. */
  pause: () => Promise<void>;
}

/** From this many baselines with commits to read, one shared log is tried before one per baseline. */
const MIN_SHARED_LOG = 3;
/** From this many baselines, their additions and deletions come from one walk of the history. */
const MIN_HISTORY_WALK = 3;
/** Histories deeper than this are not walked (the walk is held in memory while HEAD stays). */
const MAX_HISTORY_WALK = 100_000;
/** Groups of baselines whose committed diffs are read at the same time. */
const DIFF_GROUPS_AT_ONCE = 2;
/** Committed diffs are read in at most this many groups of baselines (git processes ×3 at most). */
const MAX_DIFF_GROUPS = 16;

export class RepoSnapshot {
  /** Dirty tracked files and untracked files, by repo-relative path. */
  readonly status = new Map<string, GitStatusEntry>();
  /** Files in the index (`git ls-files`). */
  tracked = new Set<string>();
  /**
   * Listed files that are not in `tracked`: untracked (not ignored) ones, and ones staged since
   * the file list was read (repo-relative). Kept apart so the tens of thousands of tracked paths
   * are held in one set only.
   */
  readonly others = new Set<string>();
  /**
   * No content conversion applies (no attributes anywhere, no `core.autocrlf`): a work-tree
   * file's bytes are exactly its blob, so a save can be compared with the index without git.
   * Undefined until the first save asks.
   */
  private plain: boolean | undefined;
  private settings: Promise<GitContentSettings> | undefined;
  /** Status and file list read (they are read while baselines are resolved). */
  worktreeRead: Promise<void> = Promise.resolve();
  /** Repo-relative directories (and files) the status and file list cover so far, or all. */
  scope: Set<string> | 'all' = new Set();
  /** Bytes and blob ids of the files the running save re-read (for their baseline diffs). */
  readonly workBlobs = new Map<string, GitBlob>();
  /** Sorted root-relative listings, per project root. */
  private readonly listings = new Map<string, string[]>();
  /** HEAD's first-parent history (for completed_at baselines), read from the start. */
  private historyRead?: Promise<{ entries: GitHistoryEntry[]; prefixMin: number[] }>;
  /** The first-parent line's changes down to `depth` commits (for `addsAndDeletes`). */
  private walkRead?: { depth: number; read: Promise<FirstParentCommit[] | undefined> };
  /** How deep the walk should go when first read: the oldest baseline being read. */
  private walkDepth = 0;
  /** Tree diffs made from the walk, with the blobs and scores they read (walkedDiffs.ts). */
  private walked?: WalkedDiffs;
  /** The walk indexed for the moves across the tracked folders' edge. */
  private walkIndex?: { walk: FirstParentCommit[]; index: WalkIndex };
  /** Commit SHA → its position in that history (0: HEAD). */
  private historyIndex?: Map<string, number>;
  /** The newest `chant(<id>):` commit per spec ID, read when a spec first needs it. */
  private subjectsRead?: Promise<Map<string, GitCommit>>;
  readonly resolved = new Map<string, GitCommit | undefined>();
  /** Baseline SHA → committed changes baseline..HEAD, by new path. */
  readonly committed = new Map<string, Map<string, GitFileDelta>>();
  /** Baseline SHA → the repo-relative folders (and files) its committed changes cover, or all. */
  private readonly committedScope = new Map<string, ReadonlySet<string> | 'all'>();
  /** Baseline SHA → path → change baseline..work tree (null: none) for dirty paths. */
  readonly worktree = new Map<string, Map<string, GitFileDelta | null>>();
  /** Baseline SHA → old path → new path of renames staged in the index (`git mv`). */
  readonly stagedMoves = new Map<string, Map<string, string>>();
  /** Baseline SHA → path → commits baseline..HEAD touching it. */
  readonly logs = new Map<string, Map<string, GitCommit[]>>();
  /**
   * Baseline SHA → spec path → the committed changes its patterns match (repo path → pattern
   * indexes), so that a save re-matches only the saved file's uncommitted state, not every
   * committed change since the baseline. `key` is the spec's patterns when matched; `files`
   * the finished changes of matched paths that are clean in the work tree (built from the
   * committed diff and log alone, which do not change while HEAD stays).
   */
  readonly committedMatches = new Map<string, Map<string, CommittedMatches>>();
  /** Project root → pattern → its file notes over that root's listing (dropped when it changes). */
  private readonly notes = new Map<string, Map<CompiledPattern, PatternNote[]>>();

  constructor(readonly info: GitRepoInfo, private readonly ports: SnapshotPorts) {
    // Most baselines come from completed_at: the history is read from the start (it leads to the
    // committed diffs, which take as long as the status).
    this.history().catch(() => undefined);
  }

  /**
   * Makes the status and file list cover every directory these plans' patterns can match in
   * (their bases), reading what is not covered yet in the background (`worktreeRead`) while
   * baselines and committed diffs, which do not need them, are worked out. Only those
   * directories: in a big repository, specs usually track a few of them, and the status of the
   * rest (the specs themselves included) costs as much as the rest of the check.
   */
  widenScope(root: string, plans: readonly ScopedPlan[]): void {
    if (this.scope === 'all') return;
    const scope = this.scope;
    const wanted = trackedScope(this.info.root, root, plans);
    const everything = wanted === 'all';
    const missing = everything ? [] : [...wanted].filter((p) => !isCovered(scope, p));
    if (!everything && missing.length === 0) return;
    let paths: string[] | undefined;
    if (everything || scope.size + missing.length > MAX_SCOPE_PATHS) {
      this.scope = 'all';
    } else {
      for (const m of missing) scope.add(m);
      paths = missing;
    }
    // Reads start now (each git process on a turn of its own: starting one blocks a big process
    // for a few milliseconds); results apply in order, after those of earlier reads.
    const { git, pause } = this.ports;
    const reading = (async () => {
      await pause();
      const status = git.status(this.info.root, paths);
      status.catch(() => undefined);
      await pause();
      return Promise.all([status, git.listFiles(this.info.root, paths)]);
    })();
    reading.catch(() => undefined);
    this.worktreeRead = Promise.all([this.worktreeRead, reading]).then(([, [statusEntries, tracked]]) => {
      if (this.tracked.size === 0) {
        // The first read: a set made whole (faster than adding 50,000 paths one by one).
        this.tracked = new Set(tracked);
      } else {
        for (const f of tracked) this.tracked.add(f);
      }
      // A file staged between two reads is now tracked: listed once, from `tracked`.
      for (const f of this.others) if (this.tracked.has(f)) this.others.delete(f);
      for (const e of statusEntries) {
        setStatus(this.status, e);
        if (e.index === '?') this.others.add(e.path);
      }
      // Listings and their notes made before were made over fewer files.
      this.listings.clear();
      this.notes.clear();
    });
    // Awaited before any use; this only keeps an early failure elsewhere from leaving it unhandled.
    this.worktreeRead.catch(() => undefined);
  }

  /** Whether a saved file's bytes are its blob (no conversion), asked once per snapshot. */
  async isPlain(): Promise<boolean> {
    if (this.plain === undefined) {
      let plain = !(await this.contentSettings()).convertsContent;
      for (const files of [this.tracked, this.others]) for (const f of files) if (plain && isAttributesFile(f)) plain = false;
      if (plain && this.scope !== 'all') {
        // The file list covers the scope only: attributes in the folders above it are looked for.
        const above = new Set<string>(['']);
        for (const p of this.scope) for (let cut = p.lastIndexOf('/'); cut > 0; cut = p.lastIndexOf('/', cut - 1)) above.add(p.slice(0, cut));
        for (const dir of above) {
          if (await this.ports.fs.lstat(joinPath(this.info.root, dir === '' ? '.gitattributes' : `${dir}/.gitattributes`))) plain = false;
        }
      }
      this.plain ??= plain; // a .gitattributes seen meanwhile has the last word
    }
    return this.plain;
  }

  /** The baselines of `count` specs are looked up next; the committed diffs of many read the content settings, read now. */
  baselinesAhead(count: number): void {
    if (count >= MIN_HISTORY_WALK) void this.contentSettings();
  }

  /** The repository's content settings, read once per snapshot (unreadable: git is asked everything). */
  private contentSettings(): Promise<GitContentSettings> {
    this.settings ??= this.ports.git.contentSettings(this.info).catch(() => ({ convertsContent: true, attributesOutside: true, diffCounting: 'git-only' as const, renameLimit: Number.NaN }));
    return this.settings;
  }

  /** How `git diff` counts lines here (its configured algorithm). */
  async diffCounting(): Promise<GitContentSettings['diffCounting']> {
    return (await this.contentSettings()).diffCounting;
  }

  /** A `.gitattributes` appeared or changed at `abs`: if it is in this repository, saves ask git. */
  attributesChanged(abs: string): void {
    const rel = relativeTo(this.info.root, abs);
    if (rel !== undefined && !rel.startsWith('../')) this.plain = false;
  }

  /**
   * Files `rels` changed on disk and `entries` is their status now (plus the other ends of
   * renames git reported): forgets their status and work-tree diffs (a staged rename as a pair),
   * records the new status, and keeps the listings in step.
   */
  statusChanged(rels: string[], entries: GitStatusEntry[]): void {
    const touched = [...new Set([...rels, ...entries.map((e) => e.path)])];
    const wasListed = new Map(touched.map((f) => [f, this.isListed(f)]));
    for (const r of rels) {
      this.status.delete(r);
      for (const wt of this.worktree.values()) wt.delete(r);
    }
    // A staged rename is read again as a pair: both ends are forgotten when either changes.
    for (const moves of this.stagedMoves.values()) {
      for (const [from, to] of [...moves]) {
        if (!rels.includes(from) && !rels.includes(to)) continue;
        moves.delete(from);
        for (const wt of this.worktree.values()) {
          wt.delete(from);
          wt.delete(to);
        }
      }
    }
    for (const e of entries) setStatus(this.status, e);
    for (const r of rels) {
      const e = this.status.get(r);
      // Listed: tracked (ls-files, or newly staged) or untracked-not-ignored; ignored files never are.
      if (!this.tracked.has(r) && e) this.others.add(r);
      else this.others.delete(r);
    }
    // Keep the sorted listings in step: rebuilding them costs ~0.3 s per save in a 50k-file tree.
    for (const f of touched) {
      const listed = this.isListed(f);
      if (listed === wasListed.get(f)) continue;
      for (const [root, list] of this.listings) {
        const rel = relativeTo(root, joinPath(this.info.root, f));
        if (rel === undefined) continue;
        const i = lowerBound(list, rel);
        if (listed && list[i] !== rel) list.splice(i, 0, rel);
        else if (!listed && list[i] === rel) list.splice(i, 1);
        else continue;
        this.notes.delete(root);
      }
    }
  }

  /** Resolves the revisions not resolved yet (one `git rev-parse`-like request for all). */
  async resolve(revs: Iterable<string>): Promise<void> {
    const unresolved = [...revs].filter((r) => !this.resolved.has(r));
    if (unresolved.length > 0) {
      const found = await this.ports.git.resolveCommits(this.info.root, unresolved);
      for (const r of unresolved) this.resolved.set(r, found.get(r));
    }
  }

  history(): Promise<{ entries: GitHistoryEntry[]; prefixMin: number[] }> {
    this.historyRead ??= this.ports.git.firstParentHistory(this.info.root).then((entries) => {
      const prefixMin: number[] = [];
      let min = Infinity;
      for (const e of entries) {
        min = Math.min(min, e.time);
        prefixMin.push(min);
      }
      return { entries, prefixMin };
    });
    return this.historyRead;
  }

  /** Commit SHA → its position on HEAD's first-parent line (0: HEAD). */
  private async positions(): Promise<Map<string, number>> {
    const { entries } = await this.history();
    this.historyIndex ??= new Map(entries.map((e, i) => [e.sha, i]));
    return this.historyIndex;
  }

  /** The newest `chant(<id>):` commit per spec ID. */
  bySubject(): Promise<Map<string, GitCommit>> {
    this.subjectsRead ??= this.ports.git.chantCommits(this.info.root).then((commits) => {
      const map = new Map<string, GitCommit>();
      for (const c of commits) {
        const id = chantSubjectId(c.subject);
        if (id && !map.has(id)) map.set(id, c); // newest first
      }
      return map;
    });
    return this.subjectsRead;
  }

  /**
   * Committed changes baseline..HEAD for each baseline, over the folders its specs track
   * (`needs`, from `trackedScope`): a baseline read before over a scope that covers the need is
   * kept; one read over less is read again over both (its committed matches with it). Baselines
   * of the same scope share a diff-tree process: see drift/treeDiffs.ts.
   */
  async readCommitted(needs: ReadonlyMap<string, ReadonlySet<string> | 'all'>): Promise<void> {
    const head = this.info.head!;
    const toRead = new Map<string, ReadonlySet<string> | 'all'>();
    for (const [b, need] of needs) {
      if (b === head) {
        this.committed.set(b, new Map());
        this.committedScope.set(b, 'all');
        continue;
      }
      const had = this.committedScope.get(b);
      if (had !== undefined && coversScope(had, need)) continue;
      toRead.set(b, had === undefined ? need : unionScope(had, need, MAX_SCOPE_PATHS));
    }
    // The history walk, if the groups use one, read once down to the oldest of them.
    if (toRead.size >= MIN_HISTORY_WALK) {
      const at = await this.positions();
      for (const b of toRead.keys()) this.walkDepth = Math.max(this.walkDepth, at.get(b) ?? 0);
    }
    // Two groups at a time when git diffs them, one process per core; all at once when the
    // walk does (they share its blob reads and line counts: see walkedDiffs.ts).
    const groups = groupByScope(toRead, MAX_DIFF_GROUPS, MAX_SCOPE_PATHS);
    const walked = toRead.size >= MIN_HISTORY_WALK && (await this.contentSettings()).diffCounting !== 'git-only'
      && (await this.walkFor([...toRead.keys()].map((from) => ({ from, to: head })))) !== undefined;
    await mapLimit(groups, walked ? groups.length : DIFF_GROUPS_AT_ONCE, async (group) => {
      await this.ports.pause();
      const diffs = await scopedTreeDiffs(this.ports.git, this.info.root, group.baselines.map((from) => ({ from, to: head })), group.scope, this.addsAndDeletes, this.walkedDiffs);
      group.baselines.forEach((b, k) => {
        this.committed.set(b, new Map((diffs[k] ?? []).map((d) => [d.path, d])));
        this.committedScope.set(b, group.scope);
        this.committedMatches.delete(b);
      });
    });
  }

  /**
   * The walk covering these pairs (all to HEAD, from baselines on its line) and their places;
   * undefined otherwise. Fewer than MIN_HISTORY_WALK pairs use a walk already read for more (the
   * groups of one check, each spec's folders apart, are often one or two baselines each), never
   * one read for them alone.
   */
  private async walkFor(pairs: readonly { from: string; to: string }[]): Promise<{ walk: FirstParentCommit[]; positions: Map<string, number> } | undefined> {
    const head = this.info.head;
    const few = pairs.length < MIN_HISTORY_WALK;
    if (!head || (few && !this.walkRead)) return undefined;
    const index = await this.positions();
    const positions = new Map<string, number>();
    let depth = this.walkDepth;
    for (const p of pairs) {
      const at = index.get(p.from);
      if (p.to !== head || at === undefined) return undefined;
      positions.set(p.from, at);
      depth = Math.max(depth, at);
    }
    if (few && depth > this.walkRead!.depth) return undefined;
    const walk = await this.walkTo(depth);
    return walk && { walk, positions };
  }

  /** The additions and deletions since many baselines, from the walk (see historyWalk.ts). */
  private readonly addsAndDeletes: AddsAndDeletes = async (pairs, keep) => {
    const located = await this.walkFor(pairs);
    if (!located) return undefined;
    if (this.walkIndex?.walk !== located.walk) this.walkIndex = { walk: located.walk, index: new WalkIndex(located.walk) };
    const index = this.walkIndex.index;
    return pairs.map((p) => index.outsideAt(located.positions.get(p.from)!, keep));
  };

  /** Whole tree diffs of many baselines from the walk (see walkedDiffs.ts), when the configuration lets them be made here. */
  private readonly walkedDiffs: WalkedTreeDiffs = async (pairs, options) => {
    const settings = await this.contentSettings();
    if (settings.diffCounting === 'git-only') return undefined;
    const git = this.ports.git;
    const root = this.info.root;
    this.walked ??= new WalkedDiffs({
      walkFor: (of) => this.walkFor(of),
      blobSizes: (shas) => git.blobSizes(root, shas),
      blob: async (sha) => (await git.blob(root, sha))?.bytes,
      countTreeDeltas: (deltas) => git.countTreeDeltas(root, deltas, { algorithm: settings.diffCounting === 'git-only' ? undefined : settings.diffCounting, attributeFilesOnly: !settings.attributesOutside }),
    }, settings.renameLimit ?? DEFAULT_RENAME_LIMIT);
    return this.walked.treeDiffs(pairs, options);
  };

  /**
   * HEAD's first-parent line down to `depth` commits with each commit's changes, read once per
   * snapshot (again only when a deeper one is asked for); undefined beyond MAX_HISTORY_WALK or
   * when git cannot give it.
   */
  private walkTo(depth: number): Promise<FirstParentCommit[] | undefined> {
    const head = this.info.head;
    if (!head || depth > MAX_HISTORY_WALK) return Promise.resolve(undefined);
    if (!this.walkRead || this.walkRead.depth < depth) {
      const read = this.history().then(async ({ entries }) => {
        if (depth >= entries.length) return undefined;
        const walk = await this.ports.git.firstParentChanges(this.info.root, entries[depth].sha, head);
        // Exactly the line the history gave, or nothing (a walk that disagrees is not used).
        return walk && walk.length === depth && walk.every((c, k) => c.sha === entries[k].sha) ? walk : undefined;
      });
      this.walkRead = { depth, read };
    }
    return this.walkRead.read;
  }

  /** Records `git diff baseline` of `paths` (asked together): null for a path without change. */
  recordWorktreeDiff(baseline: string, paths: string[], deltas: GitFileDelta[]): void {
    const cache = this.worktreeOf(baseline);
    for (const p of paths) cache.set(p, null);
    for (const d of deltas) {
      cache.set(d.path, d);
      if (d.from !== undefined && !cache.get(d.from)) cache.set(d.from, null);
      if (d.from !== undefined && d.status === 'R') {
        let moves = this.stagedMoves.get(baseline);
        if (!moves) this.stagedMoves.set(baseline, (moves = new Map()));
        moves.set(d.from, d.path);
      }
    }
  }

  /** Path → change baseline..work tree read so far (made empty on first use). */
  worktreeOf(baseline: string): Map<string, GitFileDelta | null> {
    let cache = this.worktree.get(baseline);
    if (!cache) this.worktree.set(baseline, (cache = new Map()));
    return cache;
  }

  /** Adds a committed change's path (and its old path) to the logs wanted for baseline `b`, unless read. */
  wantLog(wanted: Map<string, Set<string>>, b: string, path: string): void {
    const d = this.committed.get(b)?.get(path);
    if (!d) return;
    const logged = this.logs.get(b);
    const want = (p: string) => {
      if (logged?.has(p)) return;
      const set = wanted.get(b);
      if (set) set.add(p);
      else wanted.set(b, new Set([p]));
    };
    want(path);
    if (d.from !== undefined) want(d.from);
  }

  /**
   * Reads the commits touching each path since its baseline into `logs`: one `git log` from the
   * oldest baseline for all of them when the history they span is one line (each baseline's
   * commits are then the newer ones of that log), else one `git log` per baseline.
   */
  async readLogs(wanted: Map<string, Set<string>>): Promise<void> {
    const asked = new Map<string, string[]>();
    for (const [b, paths] of wanted) {
      const logged = this.logs.get(b);
      const list = [...paths].filter((p) => !logged?.has(p));
      if (list.length > 0) asked.set(b, list);
    }
    if (asked.size >= MIN_SHARED_LOG && (await this.readLogsShared(asked))) return;
    const head = this.info.head!;
    for (const [b, list] of asked) {
      this.recordLog(b, list, await this.ports.git.log(this.info.root, b, head, list));
    }
  }

  /** One log for all baselines on a line of HEAD's first-parent history; false when they are not. */
  private async readLogsShared(asked: Map<string, string[]>): Promise<boolean> {
    const at = await this.positions();
    let oldest: string | undefined;
    for (const b of asked.keys()) {
      const i = at.get(b);
      if (i === undefined) return false;
      if (oldest === undefined || i > at.get(oldest)!) oldest = b;
    }
    const union = [...new Set([...asked.values()].flat())].sort();
    if (await this.readLogsFromWalk(asked, at.get(oldest!)!, union)) return true;
    const log = await this.ports.git.log(this.info.root, oldest!, this.info.head!, union);
    // A commit off the first-parent line (a merged branch): each baseline's own log decides.
    if (log.some((e) => !at.has(e.sha))) return false;
    // Per path, its commits newest first; a baseline's are those newer than it.
    const byPath = new Map<string, { at: number; commit: GitCommit }[]>();
    for (const e of log) {
      const commit = { at: at.get(e.sha)!, commit: { sha: e.sha, date: e.date, subject: e.subject } };
      for (const f of e.files) {
        for (const p of [f.path, f.from]) {
          if (p === undefined) continue;
          const list = byPath.get(p) ?? [];
          if (list[list.length - 1]?.commit.sha !== e.sha) list.push(commit);
          byPath.set(p, list);
        }
      }
    }
    for (const list of byPath.values()) list.sort((x, y) => x.at - y.at);
    this.recordNewer(asked, at, byPath);
    return true;
  }

  /** Records, per baseline and path, the commits of `byPath` (newest first) newer than the baseline. */
  private recordNewer(asked: Map<string, string[]>, at: Map<string, number>, byPath: Map<string, { at: number; commit: GitCommit }[]>): void {
    for (const [b, list] of asked) {
      const since = at.get(b)!;
      const logged = this.logs.get(b) ?? new Map<string, GitCommit[]>();
      for (const p of list) {
        const commits: GitCommit[] = [];
        for (const c of byPath.get(p) ?? []) {
          if (c.at >= since) break;
          commits.push(c.commit);
        }
        logged.set(p, commits);
      }
      this.logs.set(b, logged);
    }
  }

  /**
   * The same from the history walk, when it was read for these baselines (their additions and
   * deletions) and has no merge: no `git log` over thousands of paths.
   */
  private async readLogsFromWalk(asked: Map<string, string[]>, depth: number, union: string[]): Promise<boolean> {
    if (!this.walkRead || this.walkRead.depth < depth) return false;
    const walk = await this.walkRead.read;
    const touching = walk && commitsTouching(walk, new Set(union));
    if (!walk || !touching) return false;
    const commits = walk.map(({ sha, date, subject }): GitCommit => ({ sha, date, subject }));
    this.recordNewer(asked, await this.positions(), new Map([...touching].map(([p, places]) => [p, places.map((k) => ({ at: k, commit: commits[k] }))])));
    return true;
  }

  private recordLog(b: string, list: string[], entries: GitLogEntry[]): void {
    const logged = this.logs.get(b) ?? new Map<string, GitCommit[]>();
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
    this.logs.set(b, logged);
  }

  /** File notes over the listing of `root`, kept per pattern until the listing changes. */
  listingNotes(root: string): (pattern: CompiledPattern) => PatternNote[] {
    const listing = this.listing(root);
    let cache = this.notes.get(root);
    if (!cache) this.notes.set(root, (cache = new Map()));
    const notes = cache;
    return (pattern) => {
      let found = notes.get(pattern);
      if (!found) notes.set(pattern, (found = fileNotes(pattern, listing)));
      return found;
    };
  }

  /** The sorted root-relative paths of the listed files (tracked or untracked, present). */
  private listing(root: string): string[] {
    let list = this.listings.get(root);
    if (!list) {
      list = [];
      // Most files are below the project root: a prefix cut gives what relativeTo would.
      const inside = relativeTo(this.info.root, root);
      const prefix = inside === undefined || inside.startsWith('..') || root.endsWith('/') ? undefined : inside === '' ? '' : `${inside}/`;
      const status = this.status;
      for (const files of [this.tracked, this.others]) {
        for (const f of files) {
          // isListed, inlined: this runs over every file of the repository.
          const st = status.size > 0 ? status.get(f) : undefined;
          if (st && (st.worktree === 'D' || st.index === 'D')) continue; // deleted: not in the work tree now
          const rel = prefix !== undefined && f.startsWith(prefix) && !f.includes('\\') ? f.slice(prefix.length) : relativeTo(root, joinPath(this.info.root, f));
          if (rel !== undefined) list.push(rel);
        }
      }
      list.sort();
      this.listings.set(root, list);
    }
    return list;
  }

  /** Whether a repository file belongs in the listings: known to git and present in the work tree. */
  private isListed(f: string): boolean {
    if (!this.tracked.has(f) && !this.others.has(f)) return false;
    const st = this.status.get(f);
    return !(st && (st.worktree === 'D' || st.index === 'D'));
  }
}

/** `.gitattributes` anywhere: content conversions may apply. */
export function isAttributesFile(repoPath: string): boolean {
  return repoPath === '.gitattributes' || repoPath.endsWith('/.gitattributes');
}

/**
 * Records a status entry. `git rm --cached` leaves a staged deletion and an untracked file of
 * the same path; git counts the deletion (the next commit deletes the file), and so does drift.
 */
function setStatus(status: Map<string, GitStatusEntry>, e: GitStatusEntry): void {
  if (e.index === '?' && status.get(e.path)?.index === 'D') return;
  status.set(e.path, e);
}
