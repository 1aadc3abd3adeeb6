// The git operations drift needs, as one small port. The node adapter (src/node/git.ts) runs
// `git` with argument arrays; the core only sees parsed results. Paths in and out of this port
// are relative to the repository's top level and use `/`.

/** One repository as seen from a directory inside it. */
export interface GitRepoInfo {
  /** Absolute path of the work tree's top level (`/` separators). */
  root: string;
  /** Absolute path of the git directory (for watching `HEAD` and refs). */
  gitDir: string;
  /** Absolute path of the common git directory (refs live here for linked worktrees). */
  commonDir: string;
  /** The history is truncated (`git clone --depth`). */
  shallow: boolean;
  /** Full SHA of `HEAD`, undefined while the branch has no commit yet. */
  head?: string;
}

/** A commit as drift reports it. */
export interface GitCommit {
  sha: string;
  /** Committer date, strict ISO 8601. */
  date: string;
  subject: string;
}

export type GitChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U' | 'X';

/** One file in a diff: status from `--raw`, line counts from `--numstat`. */
export interface GitFileDelta {
  status: GitChangeStatus;
  path: string;
  /** Old path for renames and copies. */
  from?: string;
  /** git's similarity score (0–100) of a rename or copy. */
  similarity?: number;
  /** Blob id before and after (from `--raw`; all zeros for a side that does not exist). */
  oldSha?: string;
  sha?: string;
  /** File modes before and after (from `--raw`: `100644`, `120000` a link, `160000` a submodule). */
  oldMode?: string;
  mode?: string;
  insertions: number;
  deletions: number;
  binary: boolean;
}

/** One entry of `git status --porcelain -z`. */
export interface GitStatusEntry {
  /** Index (staged) status letter, `?` for untracked. */
  index: string;
  /** Work-tree status letter, `?` for untracked. */
  worktree: string;
  path: string;
  /** Old path of a staged rename. */
  from?: string;
}

/** A blob's id and stored bytes. */
export interface GitBlob {
  sha: string;
  bytes: Uint8Array;
}

/** Line counts of one file's change, as `git diff --numstat` prints them. */
export interface GitLineCounts {
  insertions: number;
  deletions: number;
  binary: boolean;
}

/** A commit together with the files it touched (name-status). */
export interface GitLogEntry extends GitCommit {
  files: { status: GitChangeStatus; path: string; from?: string }[];
}

/** First-parent history entry: commit and committer time (seconds since the epoch). */
export interface GitHistoryEntry {
  sha: string;
  time: number;
}

/** One commit of HEAD's first-parent line and its changes to its first parent (raw, no renames). */
export interface FirstParentCommit extends GitCommit {
  /** How many parents it has (more than one: a merge). */
  parents: number;
  changes: GitFileDelta[];
}

export interface TreeDiffOptions {
  paths?: string[];
  /** Detect renames (default true). */
  renames?: boolean;
  /** Count lines (default true). */
  numstat?: boolean;
  /** `--diff-filter` letters. */
  filter?: string;
}

/** Raised when the git executable cannot be run at all (not installed, not allowed). */
export class GitUnavailableError extends Error {}

export interface GitContentSettings {
  /**
   * Whether git may convert file contents between the work tree and its blobs because of
   * something outside the work tree (`core.autocrlf`, `core.attributesFile`, `info/attributes`,
   * the user's or the system's attributes file). `.gitattributes` files inside the work tree
   * are not looked at here.
   */
  convertsContent: boolean;
  /**
   * Whether attributes may come from somewhere other than the `.gitattributes` files of the work
   * tree and index (`core.attributesFile`, `attr.tree`, `GIT_ATTR_SOURCE`, `info/attributes`, the
   * user's or the system's attributes file).
   */
  attributesOutside: boolean;
  /**
   * How `git diff` counts lines: `myers` (git's default algorithm, or `minimal`), `other`
   * (`diff.algorithm` patience or histogram), or `git-only` (`core.bigFileThreshold` set: git
   * may call a text file binary by its size).
   */
  diffCounting: 'myers' | 'other' | 'git-only';
  /** `diff.renameLimit` when set (git's own default for a diff is 1000). */
  renameLimit?: number;
}

/** What `countTreeDeltas` may do without git, from the repository's `GitContentSettings`. */
export interface DeltaCounting {
  /** How this repository's `git diff` counts (not `git-only`): small text blobs are then counted without a git diff where that is exact. */
  algorithm?: 'myers' | 'other';
  /**
   * No attributes come from outside the work tree and index (`attributesOutside` false): the
   * `diff` attribute of a path with no `.gitattributes` in any of its folders is known unset
   * without asking git.
   */
  attributeFilesOnly?: boolean;
}

export interface GitPort {
  /** The repository holding `dir`, or undefined when `dir` is not inside one. */
  repoInfo(dir: string): Promise<GitRepoInfo | undefined>;
  /** Resolves revisions (full or abbreviated SHAs) to full commit SHAs with their dates; undefined when missing. */
  resolveCommits(repo: string, revs: string[]): Promise<Map<string, GitCommit | undefined>>;
  /** `HEAD`'s first-parent history, newest first. */
  firstParentHistory(repo: string): Promise<GitHistoryEntry[]>;
  /**
   * Commits reachable from `HEAD` whose subject starts `chant(` (the subjects chant's agents
   * commit with: `chant(<spec id>): …`), newest first.
   */
  chantCommits(repo: string): Promise<GitCommit[]>;
  /**
   * Tree-to-tree diffs `from → to` for many pairs in one process: renames detected and lines
   * counted unless told otherwise; only under `paths` when given; only the statuses in `filter`
   * (e.g. `AD`) when given.
   */
  treeDiffs(repo: string, pairs: { from: string; to: string }[], options?: TreeDiffOptions): Promise<GitFileDelta[][]>;
  /**
   * The commits of `since..to` on `to`'s first-parent line, newest first, each with its changes
   * to its first parent (merges too; no renames, no line counts); undefined when git cannot
   * give them (before git 2.31, or too much output).
   */
  firstParentChanges(repo: string, since: string, to: string): Promise<FirstParentCommit[] | undefined>;
  /** Diff from a commit to the working tree (tracked files, staged or not), limited to `paths`. */
  worktreeDiff(repo: string, from: string, paths: string[]): Promise<GitFileDelta[]>;
  /** Uncommitted changes and untracked (not ignored) files; all, or only under `paths`. */
  status(repo: string, paths?: string[]): Promise<GitStatusEntry[]>;
  /** Every tracked file; or only those under `paths`. */
  listFiles(repo: string, paths?: string[]): Promise<string[]>;
  /** What this repository's configuration says about comparing its files outside git (one `git config`). */
  contentSettings(info: GitRepoInfo): Promise<GitContentSettings>;
  /** The blob at `<commit>:<path>`; undefined when that path is not a blob in that commit. */
  blobAt(repo: string, commit: string, path: string): Promise<GitBlob | undefined>;
  /** The blob with id `sha`; undefined when there is no such blob. */
  blob(repo: string, sha: string): Promise<GitBlob | undefined>;
  /** The sizes of the blobs with these ids (one `cat-file --batch-check`); those missing are left out. */
  blobSizes(repo: string, shas: string[]): Promise<Map<string, number>>;
  /**
   * Fills in the line counts of raw tree-diff entries as `--numstat` would; false when git must
   * diff the trees itself for them (submodules, `diff` attributes).
   */
  countTreeDeltas(repo: string, deltas: GitFileDelta[], counting?: DeltaCounting): Promise<boolean>;
  /** The id git gives `bytes` as a blob, in the repository's object format. */
  blobId(bytes: Uint8Array, format: 'sha1' | 'sha256'): string;
  /** Line counts from a blob to a file's current bytes (`absPath`), counted by git's own diff. */
  lineCounts(repo: string, from: GitBlob, absPath: string): Promise<GitLineCounts>;
  /** Commits in `from..to` touching `paths`, newest first. */
  log(repo: string, from: string, to: string, paths: string[]): Promise<GitLogEntry[]>;
  /** A file's bytes at a commit, undefined when it did not exist there. */
  show(repo: string, commit: string, path: string): Promise<Uint8Array | undefined>;
}
