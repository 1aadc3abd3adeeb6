// The changes since many baselines, from one walk of HEAD's first-parent history. With hundreds
// of baselines, a diff-tree per baseline (or per group of them) was most of a history's drift
// check; one `git log --first-parent --raw` gives every commit's own changes, from which each
// baseline's difference to HEAD follows: a path's state at HEAD is the new side of its newest
// change, its state at a baseline the old side of its oldest change after that baseline.
// `WalkChanges` lists each baseline's changes under the tracked folders (walkedDiffs.ts makes
// its diffs of them); `WalkIndex` answers, per baseline, which files elsewhere were added or
// deleted with a given blob or name (the moves across the folders' edge, treeDiffs.ts); and
// `commitsTouching` gives the commits of each drifted file.

import type { FirstParentCommit, GitFileDelta } from '../gitPort';
import type { OutsideChanges } from './treeDiffs';
import { lowerBound } from '../sorted';

/** A path's blob and mode on one side (undefined: no such file there). */
type Side = { sha: string; mode: string } | undefined;

const isZero = (sha: string | undefined) => sha === undefined || /^0+$/.test(sha);
const zeros = (sha: string) => '0'.repeat(sha.length);

/** A change's old and new sides. */
const sidesOf = (c: GitFileDelta): { oldSide: Side; newSide: Side } => ({
  oldSide: isZero(c.oldSha) ? undefined : { sha: c.oldSha!, mode: c.oldMode ?? '100644' },
  newSide: isZero(c.sha) ? undefined : { sha: c.sha!, mode: c.mode ?? '100644' },
});

/** A raw diff's addition of `path` as it is at HEAD, or deletion of it as it was. */
const addition = (path: string, head: { sha: string; mode: string }): GitFileDelta => ({ status: 'A', path, oldSha: zeros(head.sha), sha: head.sha, oldMode: '000000', mode: head.mode, insertions: 0, deletions: 0, binary: false });
const deletion = (path: string, base: { sha: string; mode: string }): GitFileDelta => ({ status: 'D', path, oldSha: base.sha, sha: zeros(base.sha), oldMode: base.mode, mode: '000000', insertions: 0, deletions: 0, binary: false });

/** Of a path's places on the walk (newest first), the index of its oldest change after the baseline at `place`: the last place below it. */
function oldestAfter(at: readonly number[], place: number): number {
  let lo = 0;
  let hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (at[mid] < place) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A path's changes on the walk, newest first, and their places on it (0: HEAD's commit). */
interface PathChanges {
  at: number[];
  changes: GitFileDelta[];
}

/** Regular file, link, submodule: a change between two of these is a type change (`T`). */
const typeOf = (mode: string) => mode.slice(0, 2);

/**
 * The walk's changes by path, for each baseline's raw diff to HEAD over a scope: built once per
 * walk, so that a group of baselines tracking a few folders reads the changes under them only
 * (one pass over every change of the walk per group was most of the diffs' own time).
 */
export class WalkChanges {
  private static readonly built = new WeakMap<readonly FirstParentCommit[], WalkChanges>();

  /** The walk's changes by path, built once per walk (the diffs and the moves across the edge share them). */
  static of(walk: readonly FirstParentCommit[]): WalkChanges {
    let changes = WalkChanges.built.get(walk);
    if (!changes) WalkChanges.built.set(walk, (changes = new WalkChanges(walk)));
    return changes;
  }

  /** Per path changed on the walk: the places of its changes (newest first) and the changes. */
  private readonly byPath = new Map<string, PathChanges>();
  /** Those paths, sorted: the paths under a folder are one range of it. */
  private readonly sorted: string[];

  private constructor(readonly walk: readonly FirstParentCommit[]) {
    walk.forEach((commit, k) => {
      for (const c of commit.changes) {
        let entry = this.byPath.get(c.path);
        if (!entry) this.byPath.set(c.path, (entry = { at: [], changes: [] }));
        entry.at.push(k);
        entry.changes.push(c);
      }
    });
    this.sorted = [...this.byPath.keys()].sort();
  }

  /**
   * For each baseline, its whole raw diff to HEAD (`diff-tree -r --raw --no-renames`) over the
   * paths `scope` covers (repo-relative folders and files; all without one), in path order.
   * `positions` gives each baseline's place on the walk (0: HEAD); baselines below it are left
   * out. Baselines whose path has the same state share its entry (line counts are filled in once).
   */
  changesSince(positions: ReadonlyMap<string, number>, scope?: ReadonlySet<string>): Map<string, GitFileDelta[]> {
    const out = new Map<string, GitFileDelta[]>();
    const places = [...positions].filter(([, at]) => at <= this.walk.length);
    for (const [b] of places) out.set(b, []);
    for (const path of this.pathsIn(scope)) {
      const { at, changes } = this.byPath.get(path)!;
      const head = sidesOf(changes[0]).newSide;
      // Per oldest change after a baseline (its index here): the path's change since then.
      const since = new Map<number, GitFileDelta | null>();
      for (const [b, place] of places) {
        if (at[0] >= place) continue; // not changed since that baseline
        const lo = oldestAfter(at, place);
        let delta = since.get(lo);
        if (delta === undefined) since.set(lo, (delta = changeOf(path, sidesOf(changes[lo]).oldSide, head) ?? null));
        if (delta) out.get(b)!.push(delta);
      }
    }
    return out;
  }

  /** The changes of `path` on the walk, newest first, with their places; undefined when it has none. */
  of(path: string): PathChanges | undefined {
    return this.byPath.get(path);
  }

  /** Every path changed on the walk with its changes, in the order of its newest change. */
  entries(): IterableIterator<[string, PathChanges]> {
    return this.byPath.entries();
  }

  /** The paths changed on the walk that `scope` covers, sorted. */
  private pathsIn(scope: ReadonlySet<string> | undefined): readonly string[] {
    if (!scope) return this.sorted;
    const found = new Set<string>();
    for (const entry of scope) {
      if (this.byPath.has(entry)) found.add(entry);
      const folder = `${entry}/`;
      for (let i = lowerBound(this.sorted, folder); i < this.sorted.length && this.sorted[i].startsWith(folder); i++) found.add(this.sorted[i]);
    }
    return [...found].sort();
  }
}

/** A path's raw change from its state at a baseline to its state at HEAD; undefined when they are the same. */
function changeOf(path: string, base: Side, head: Side): GitFileDelta | undefined {
  if (base === undefined && head === undefined) return undefined;
  if (base === undefined) return addition(path, head!);
  if (head === undefined) return deletion(path, base);
  if (base.sha === head.sha && base.mode === head.mode) return undefined;
  const status = typeOf(base.mode) === typeOf(head.mode) ? 'M' : 'T';
  return { status, path, oldSha: base.sha, sha: head.sha, oldMode: base.mode, mode: head.mode, insertions: 0, deletions: 0, binary: false };
}

/**
 * The walk indexed by path, blob and file name, for the additions and deletions of one baseline
 * at a time that involve a given blob or file name (see `OutsideChanges` in treeDiffs.ts): the
 * lists `addsAndDeletesSince` makes hold thousands of entries per early baseline, of which a
 * pair's moves across the edge of the tracked folders look at a few.
 */
export class WalkIndex {
  private readonly changes: WalkChanges;
  private readonly bySha = new Map<string, Set<string>>();
  private readonly byName = new Map<string, string[]>();

  constructor(walk: readonly FirstParentCommit[]) {
    this.changes = WalkChanges.of(walk);
    for (const [path, { changes }] of this.changes.entries()) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const named = this.byName.get(name);
      if (named) named.push(path);
      else this.byName.set(name, [path]);
      if (!isZero(changes[0].sha)) this.indexSha(changes[0].sha!, path);
      for (const c of changes) if (!isZero(c.oldSha)) this.indexSha(c.oldSha!, path);
    }
  }

  private indexSha(sha: string, path: string): void {
    const set = this.bySha.get(sha);
    if (set) set.add(path);
    else this.bySha.set(sha, new Set([path]));
  }

  /** `path`'s addition or deletion from the baseline at place `k` to HEAD, if it has one. */
  private deltaAt(path: string, k: number): GitFileDelta | undefined {
    const entry = this.changes.of(path);
    if (!entry || entry.at[0] >= k) return undefined; // not changed since that baseline
    const lo = oldestAfter(entry.at, k);
    const base = sidesOf(entry.changes[lo]).oldSide;
    const head = sidesOf(entry.changes[0]).newSide;
    if ((base === undefined) === (head === undefined)) return undefined;
    return head ? addition(path, head) : deletion(path, base!);
  }

  /** The additions and deletions since the baseline at place `k` among the paths `keep` accepts. */
  outsideAt(k: number, keep: (path: string) => boolean): OutsideChanges {
    const of = (paths: Iterable<string> | undefined) => {
      const out: GitFileDelta[] = [];
      for (const p of paths ?? []) {
        if (!keep(p)) continue;
        const d = this.deltaAt(p, k);
        if (d) out.push(d);
      }
      return out;
    };
    return {
      withSha: (sha) => of(this.bySha.get(sha)).filter((d) => (d.status === 'A' ? d.sha : d.oldSha) === sha),
      named: (name) => of(this.byName.get(name)),
    };
  }
}

/**
 * For each of `paths`, the places on the walk (newest first) of the commits that touched it: a
 * baseline's commits for a path are those before its own place. On a line without merges this
 * is what `git log baseline..HEAD -- path` lists; undefined when the walk has a merge.
 */
export function commitsTouching(walk: readonly FirstParentCommit[], paths: ReadonlySet<string>): Map<string, number[]> | undefined {
  if (walk.some((c) => c.parents > 1)) return undefined;
  const out = new Map<string, number[]>();
  walk.forEach((c, k) => {
    for (const d of c.changes) {
      if (!paths.has(d.path)) continue;
      const list = out.get(d.path);
      if (!list) out.set(d.path, [k]);
      else if (list[list.length - 1] !== k) list.push(k);
    }
  });
  return out;
}
