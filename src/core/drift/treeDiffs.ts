// Committed changes baseline → HEAD for the folders specs track only, with renames found as a
// whole-tree diff would find them for those folders. A rename-detecting diff of the whole tree
// pairs every file added anywhere with every file deleted anywhere (on a project with hundreds
// of archived specs, most of a drift check); drift only needs the renames that touch the
// tracked folders:
//   1. one diff under the tracked folders, renames detected among them;
//   2. for the pairs where that diff added or deleted a file, the additions and deletions
//      elsewhere (no contents read; from one walk of the history when the caller has one, see
//      historyWalk.ts): a file that left or entered the tracked folders unchanged
//      has the same blob id on both sides, which pairs it as git's exact rename detection does;
//   3. what is still unpaired is diffed again with renames, under the tracked folders plus the
//      files of the same name from step 2 only (one process for all such pairs).

import type { GitFileDelta, GitPort, TreeDiffOptions } from '../gitPort';
import { joinPath } from '../paths';
import type { CompiledPattern } from './patterns';
import { relativeTo } from './model';

/** Beyond this many directories, one status of the whole repository is cheaper than the pathspecs. */
export const MAX_SCOPE_PATHS = 64;

/** What `trackedScope` reads of a plan: its patterns' base folders. */
export interface ScopedPlan {
  patterns: readonly { compiled: CompiledPattern }[];
}

/**
 * The repo-relative folders (and files) the patterns of `plans` (of project `root`) can match
 * in, outermost only; all of the repository when one is at or above its top level, or when they
 * are more than `MAX_SCOPE_PATHS`.
 */
export function trackedScope(repoRoot: string, root: string, plans: readonly ScopedPlan[]): Set<string> | 'all' {
  const wanted: string[] = [];
  for (const plan of plans) {
    for (const pat of plan.patterns) {
      for (const base of pat.compiled.bases) {
        const rel = relativeTo(repoRoot, base === '' ? root : joinPath(root, base));
        if (rel === undefined) continue; // another drive: nothing of this repository
        if (rel === '' || rel === '..' || rel.startsWith('../') || base.startsWith('..')) return 'all';
        wanted.push(rel);
      }
    }
  }
  const out = outermost(wanted);
  return out.length > MAX_SCOPE_PATHS ? 'all' : new Set(out);
}

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

/** Whether `rel` or one of its ancestors is in the scope (repo-relative folders or files). */
export function isCovered(scope: ReadonlySet<string>, rel: string): boolean {
  for (let cut = rel.length; cut > 0; cut = rel.lastIndexOf('/', cut - 1)) if (scope.has(rel.slice(0, cut))) return true;
  return false;
}

/** Whether the scope `had` covers all of `need`. */
export function coversScope(had: ReadonlySet<string> | 'all', need: ReadonlySet<string> | 'all'): boolean {
  if (had === 'all') return true;
  if (need === 'all') return false;
  for (const p of need) if (!isCovered(had, p)) return false;
  return true;
}

/** Both scopes, outermost paths only; all of the repository beyond `maxPaths` paths. */
export function unionScope(a: ReadonlySet<string> | 'all', b: ReadonlySet<string> | 'all', maxPaths: number): ReadonlySet<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  const out = outermost([...a, ...b]);
  return out.length > maxPaths ? 'all' : new Set(out);
}

/**
 * Baselines grouped by the scope their diff must cover, so that each group's diff reads only the
 * folders its specs track (one diff over the union of every spec's folders made each baseline
 * diff all of them). Beyond `maxGroups` scopes, the groups with fewest baselines are read
 * together over the union of their scopes (a few git processes per group).
 */
export function groupByScope(
  needs: ReadonlyMap<string, ReadonlySet<string> | 'all'>, maxGroups: number, maxPaths: number,
): { scope: ReadonlySet<string> | 'all'; baselines: string[] }[] {
  const byKey = new Map<string, { scope: ReadonlySet<string> | 'all'; baselines: string[] }>();
  for (const [b, scope] of needs) {
    const key = scope === 'all' ? '\0all' : [...scope].sort().join('\0');
    const group = byKey.get(key) ?? { scope, baselines: [] };
    group.baselines.push(b);
    byKey.set(key, group);
  }
  const groups = [...byKey.values()];
  if (groups.length <= Math.max(1, maxGroups)) return groups;
  groups.sort((x, y) => y.baselines.length - x.baselines.length);
  const kept = groups.slice(0, Math.max(1, maxGroups) - 1);
  const rest = groups.slice(kept.length);
  let scope: ReadonlySet<string> | 'all' = rest[0].scope;
  for (const g of rest.slice(1)) scope = unionScope(scope, g.scope, maxPaths);
  const merged = { scope, baselines: rest.flatMap((g) => g.baselines) };
  // Whole-tree baselines read with the merged ones: one process less.
  const whole = scope === 'all' ? kept.find((g) => g.scope === 'all') : undefined;
  if (whole) whole.baselines.push(...merged.baselines);
  else kept.push(merged);
  return kept;
}

/**
 * One pair's files added and deleted outside the scope (as `git diff-tree --no-renames
 * --diff-filter=AD` gives them), asked for by blob or by file name: since an early baseline
 * there are thousands, of which a pair's own additions and deletions need a few.
 */
export interface OutsideChanges {
  /** The added files with blob `sha` and the deleted files that had it. */
  withSha(sha: string): readonly GitFileDelta[];
  /** The added and deleted files named `name`. */
  named(name: string): readonly GitFileDelta[];
}

/** Per pair, its changes outside (paths `keep` accepts), or undefined to have git diff each pair. */
export type AddsAndDeletes = (pairs: { from: string; to: string }[], keep: (path: string) => boolean) => Promise<OutsideChanges[] | undefined>;

/** `OutsideChanges` of a list of additions and deletions. */
export function outsideChangesOf(list: readonly GitFileDelta[]): OutsideChanges {
  const bySha = new Map<string, GitFileDelta[]>();
  const byName = new Map<string, GitFileDelta[]>();
  const add = (map: Map<string, GitFileDelta[]>, key: string, d: GitFileDelta) => {
    const at = map.get(key);
    if (at) at.push(d);
    else map.set(key, [d]);
  };
  for (const d of list) {
    if (d.status !== 'A' && d.status !== 'D') continue;
    const sha = d.status === 'A' ? d.sha : d.oldSha;
    if (sha) add(bySha, sha, d);
    add(byName, baseName(d.path), d);
  }
  return { withSha: (sha) => bySha.get(sha) ?? [], named: (name) => byName.get(name) ?? [] };
}

/** Tree diffs as `git.treeDiffs` gives them, made without a diff-tree process (walkedDiffs.ts); undefined to ask git. */
export type WalkedTreeDiffs = (pairs: { from: string; to: string }[], options: TreeDiffOptions) => Promise<GitFileDelta[][] | undefined>;

/** Pathspecs beyond this many characters: step 3 diffs the whole tree instead. */
const MAX_PATHSPEC_CHARS = 100_000;

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

const isAddOrDelete = (d: GitFileDelta) => d.status === 'A' || d.status === 'D';

/**
 * The committed changes of each pair (`from → to`) in and across the edge of `scope`; the whole
 * tree's when the scope is `all`.
 */
export async function scopedTreeDiffs(
  git: GitPort, repo: string, pairs: { from: string; to: string }[], scope: ReadonlySet<string> | 'all',
  addsAndDeletes?: AddsAndDeletes, walked?: WalkedTreeDiffs,
): Promise<GitFileDelta[][]> {
  const diffsOf = async (of: { from: string; to: string }[], options: TreeDiffOptions = {}) => (await walked?.(of, options)) ?? git.treeDiffs(repo, of, options);
  if (scope === 'all' || scope.size === 0 || pairs.length === 0) return diffsOf(pairs);
  const paths = [...scope].sort();
  const inScope = (p: string) => isCovered(scope, p);
  const out = await diffsOf(pairs, { paths });

  // 2. Exact moves across the edge, from the additions and deletions elsewhere.
  const open = pairs.map((_, k) => k).filter((k) => out[k].some(isAddOrDelete));
  if (open.length === 0) return out;
  const openPairs = open.map((k) => pairs[k]);
  const outsideOf = (await addsAndDeletes?.(openPairs, (p) => !inScope(p)))
    ?? (await git.treeDiffs(repo, openPairs, { renames: false, numstat: false, filter: 'AD' })).map((list) => outsideChangesOf(list.filter((d) => !inScope(d.path))));
  const leftover = new Map<number, string[]>();
  open.forEach((k, j) => {
    const outside = outsideOf[j] ?? outsideChangesOf([]);
    // Only the blobs this pair's own additions and deletions have can pair them.
    const added = new Map<string, GitFileDelta[]>();
    const deleted = new Map<string, GitFileDelta[]>();
    for (const d of out[k]) {
      const sha = d.status === 'D' ? d.oldSha : d.status === 'A' ? d.sha : undefined;
      if (!sha || /^0+$/.test(sha) || added.has(sha) || deleted.has(sha)) continue;
      const other = outside.withSha(sha);
      added.set(sha, other.filter((o) => o.status === 'A' && o.sha === sha));
      deleted.set(sha, other.filter((o) => o.status === 'D' && o.oldSha === sha));
    }
    // Of several files with one blob, git's exact rename detection takes them in path order.
    for (const map of [added, deleted]) for (const list of map.values()) if (list.length > 1) list.sort(byPath);
    const result: GitFileDelta[] = [];
    const unpaired = new Set<GitFileDelta>();
    let paired = false;
    for (const d of out[k]) {
      if (d.status === 'D' && d.oldSha && added.get(d.oldSha)?.length) {
        paired = true;
        const to = added.get(d.oldSha)!.shift()!;
        result.push({ status: 'R', from: d.path, path: to.path, similarity: 100, insertions: 0, deletions: 0, binary: false, oldSha: d.oldSha, sha: d.oldSha });
      } else if (d.status === 'A' && d.sha && deleted.get(d.sha)?.length) {
        paired = true;
        const from = deleted.get(d.sha)!.shift()!;
        result.push({ status: 'R', from: from.path, path: d.path, similarity: 100, insertions: 0, deletions: 0, binary: false, oldSha: d.sha, sha: d.sha });
      } else {
        if (isAddOrDelete(d)) unpaired.add(d);
        result.push(d);
      }
    }
    // In git's order: a rename where its new path is (the diff's order after rename detection);
    // nothing paired, the diff's own order.
    out[k] = paired ? result.sort(byPath) : result;
    // Candidates for an inexact rename across the edge: files on the other side with the same
    // name as an unpaired one (a move keeps its name; pairing every file added anywhere with
    // every one deleted is the cost this avoids), and this pair's exact moves again so that git
    // pairs them as it did above.
    const names = new Set([...unpaired].map((d) => baseName(d.path)));
    const candidates = [...names].flatMap((name) => outside.named(name).map((d) => d.path));
    if (candidates.length > 0) {
      for (const d of result) if (d.status === 'R' && d.from !== undefined) candidates.push(inScope(d.path) ? d.from : d.path);
    }
    if (candidates.length > 0) leftover.set(k, candidates);
  });

  // 3. One rename-detecting diff for the pairs still open, over the scope and their candidates.
  if (leftover.size === 0) return out;
  const extra = [...new Set([...leftover.values()].flat())].sort();
  const chars = [...paths, ...extra].reduce((n, p) => n + p.length + 1, 0);
  const again = [...leftover.keys()];
  // Only additions, deletions and renames: modified files are no rename candidates (no -B), so
  // their line counts from step 1 stand and are not counted again.
  const filter = 'ADRC';
  const rediffed = await diffsOf(again.map((k) => pairs[k]), chars > MAX_PATHSPEC_CHARS ? { filter } : { paths: [...paths, ...extra], filter });
  again.forEach((k, j) => {
    // What the scope needs: its own changes and renames with one end in it.
    const moved = (rediffed[j] ?? []).filter((d) => inScope(d.path) || (d.from !== undefined && inScope(d.from)));
    out[k] = [...out[k].filter((d) => !filter.includes(d.status)), ...moved].sort(byPath);
  });
  return out;
}

/** Paths in the order of git's diff output (a rename where its new path is). */
function byPath(x: GitFileDelta, y: GitFileDelta): number {
  return x.path < y.path ? -1 : x.path > y.path ? 1 : 0;
}
