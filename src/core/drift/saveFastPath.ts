// The save fast path: after a file tracked by a spec is saved, its new state is worked out
// without git's index where that is safe. A tracked, unstaged file in a repository without
// content conversions is hashed here and compared with HEAD's blob, and then with the
// baseline's blob (one request each to a running `git cat-file`), and the lines it changed are
// counted here as the repository's `git diff` would count them (myersCounts.ts); everything
// else (new, deleted, staged files, conversions, big files, costly diffs) is asked of git.

import type { GitBlob, GitFileDelta, GitPort, GitStatusEntry } from '../gitPort';
import type { FileSystem, Logger } from '../ports';
import { joinPath } from '../paths';
import { myersLineCounts } from './myersCounts';
import { relativeTo } from './model';
import type { RepoSnapshot } from './snapshot';

export interface FastPathPorts {
  git: GitPort;
  fs: FileSystem;
  logger: Logger;
  /** Files above this size are left to git. */
  maxCountBytes: number;
}

/** Re-reads the status of some files after they changed on disk; the snapshot drops what depended on it. */
export async function refreshPaths(ports: FastPathPorts, repo: RepoSnapshot, absPaths: string[]): Promise<void> {
  const rels = absPaths.map((a) => relativeTo(repo.info.root, a)).filter((r): r is string => r !== undefined && r !== '' && !r.startsWith('../'));
  if (rels.length === 0) return;
  await repo.worktreeRead;
  // A saved tracked file is hashed here; git is asked about the others (new, deleted, staged).
  const entries: GitStatusEntry[] = [];
  const viaGit: string[] = [];
  for (const r of rels) {
    const known = await statusInProcess(ports, repo, r);
    if (known === undefined) viaGit.push(r);
    else if (known !== 'clean') entries.push(known);
  }
  if (viaGit.length > 0) entries.push(...await ports.git.status(repo.info.root, viaGit));
  repo.statusChanged(rels, entries);
}

/**
 * A tracked file's status after a save, without git's index: its bytes hashed and compared
 * with HEAD's blob (one request to a running `git cat-file`). Only for files that were not
 * staged (the index holds HEAD's blob) in a repository without content conversions;
 * undefined when git has to be asked.
 */
async function statusInProcess(ports: FastPathPorts, repo: RepoSnapshot, r: string): Promise<GitStatusEntry | 'clean' | undefined> {
  repo.workBlobs.delete(r);
  const previous = repo.status.get(r);
  if (!repo.tracked.has(r) || (previous && previous.index !== ' ') || !(await repo.isPlain())) return undefined;
  const abs = joinPath(repo.info.root, r);
  const st = await ports.fs.lstat(abs);
  if (!st?.isFile || st.size > ports.maxCountBytes) return undefined;
  let bytes: Uint8Array;
  let head: GitBlob | undefined;
  try {
    [bytes, head] = await Promise.all([ports.fs.readFile(abs), ports.git.blobAt(repo.info.root, repo.info.head!, r)]);
  } catch {
    return undefined;
  }
  if (!head) return undefined; // a submodule, or not in HEAD: git knows
  const sha = ports.git.blobId(bytes, head.sha.length === 64 ? 'sha256' : 'sha1');
  if (sha === head.sha) return 'clean';
  repo.workBlobs.set(r, { sha, bytes });
  return { index: ' ', worktree: 'M', path: r };
}

/**
 * Baseline → work tree for a file this save re-read, from the baseline's blob (one request to
 * a running `git cat-file`) and, when they differ, git's own line counts: null when the file
 * equals the baseline; undefined when `git diff` has to be asked.
 */
export async function worktreeDeltaInProcess(ports: FastPathPorts, repo: RepoSnapshot, baseline: string, path: string): Promise<GitFileDelta | null | undefined> {
  const work = repo.workBlobs.get(path);
  if (!work) return undefined;
  const git = ports.git;
  try {
    const base = await git.blobAt(repo.info.root, baseline, path);
    if (base?.sha === work.sha) return null;
    const counting = await repo.diffCounting();
    if (counting === 'git-only') return undefined;
    if (!base) {
      const counted = countLinesOf(work.bytes);
      return { status: 'A', path, insertions: counted.lines, deletions: 0, binary: counted.binary };
    }
    const counts = countedHere(base.bytes, work.bytes, counting) ?? await git.lineCounts(repo.info.root, base, joinPath(repo.info.root, path));
    return { status: 'M', path, ...counts };
  } catch (e) {
    ports.logger.debug(`drift: ${path} compared through git diff (${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
}

/** git's guess: a NUL byte in the first 8000 bytes means binary. */
const isBinary = (bytes: Uint8Array) => bytes.subarray(0, 8000).includes(0);

/** Lines as `git diff --numstat` counts them for a new file, and git's binary guess. */
export function countLinesOf(bytes: Uint8Array): { lines: number; binary: boolean } {
  if (isBinary(bytes)) return { lines: 0, binary: true };
  let lines = 0;
  for (const b of bytes) if (b === 10) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) lines++;
  return { lines, binary: false };
}

/**
 * `--numstat` of one blob pair (a side missing: the file added or deleted) where it can be worked
 * out here (see `countedHere`); undefined when git has to count it. For a repository whose
 * `diff` attributes are unset: binary is then decided by content alone.
 */
export function countedBlobPair(before: Uint8Array | undefined, after: Uint8Array | undefined, counting: 'myers' | 'other'): { insertions: number; deletions: number; binary: boolean } | undefined {
  if (before && after) return countedHere(before, after, counting);
  const one = before ?? after;
  if (!one) return undefined;
  const { lines, binary } = countLinesOf(one);
  return before ? { insertions: 0, deletions: lines, binary } : { insertions: lines, deletions: 0, binary };
}

/**
 * Lines added and deleted as this repository's `git diff --numstat` counts them, where that can
 * be worked out here: edits in one place for any algorithm, others for git's default (Myers)
 * up to an edit cost; undefined when git has to count them.
 */
function countedHere(before: Uint8Array, after: Uint8Array, counting: 'myers' | 'other'): { insertions: number; deletions: number; binary: boolean } | undefined {
  if (isBinary(before) || isBinary(after)) return { insertions: 0, deletions: 0, binary: true };
  // Each file split once, for both ways of counting.
  const a = linesOf(before);
  const b = linesOf(after);
  const counts = changedLinesOf(a, b) ?? (counting === 'myers' ? myersLineCounts(a, b) : undefined);
  return counts && { ...counts, binary: false };
}

/**
 * Lines added and deleted from `before` to `after` as `git diff --numstat` counts them, when
 * every diff counts them alike: after the lines both start and end with, what is left of one
 * side shares no line with what is left of the other (one line edited, a block inserted,
 * appended or removed), so all of it is added or deleted whatever the algorithm. Undefined
 * otherwise (several edits apart): git counts those.
 */
export function changedLines(before: Uint8Array, after: Uint8Array): { insertions: number; deletions: number; binary: boolean } | undefined {
  if (isBinary(before) || isBinary(after)) return { insertions: 0, deletions: 0, binary: true };
  const counts = changedLinesOf(linesOf(before), linesOf(after));
  return counts && { ...counts, binary: false };
}

/** changedLines of two files' lines (with their ends: a last line without one differs from the same text with it, as in git). */
function changedLinesOf(a: readonly string[], b: readonly string[]): { insertions: number; deletions: number } | undefined {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  if (removed.length > 0 && added.length > 0) {
    const old = new Set(removed);
    if (added.some((line) => old.has(line))) return undefined;
  }
  return { insertions: added.length, deletions: removed.length };
}

/** One character per byte, a different one for each byte value (equal lines stay equal, and only they). */
const bytewise = new TextDecoder('latin1');

/** A file's lines without their line feeds, the last marked when it has none. */
export function linesOf(bytes: Uint8Array): string[] {
  const text = bytewise.decode(bytes);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n'; // no line feed at the end (no line holds one): unlike the same text with it
  return lines;
}
