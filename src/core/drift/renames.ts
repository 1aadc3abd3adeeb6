// Rename detection as `git diff -M` does it with its defaults (git's diffcore-rename: 50%
// similarity, no copies, no breaking), for raw diffs made here from a walk of the history (see
// walkedDiffs.ts). A drift check over a long history diffs hundreds of baselines against HEAD,
// and git scored the same few file pairs again for each of them; here each blob's fingerprint
// and each pair's score is computed once. In git's order:
//   1. exact renames: for each added file in path order, the first deleted file in path order
//      with the same blob (and, for links and submodules, the same mode), preferring one with
//      the same file name, each deleted file used once;
//   2. files whose name is unique among the deleted and among the added ones, paired when at
//      least 75% similar;
//   3. unless there are more than `limit` × `limit` pairs left, every added file's four best
//      deleted files, all sorted by score (same file name first on a tie), taken greedily from
//      50% up.
// The similarity of two blobs is git's estimate: both cut into spans ending at a line break or
// after 64 bytes, hashed, and the bytes of the new blob's spans also found in the old one,
// over the larger size.

import type { GitFileDelta } from '../gitPort';

export const MAX_SCORE = 60000;
/** `-M`'s default threshold, 50%. */
const MIN_SCORE = 30000;
/** What a pair found by its file name needs: halfway from the threshold to 100%. */
const MIN_BASENAME_SCORE = MIN_SCORE + Math.floor(0.5 * (MAX_SCORE - MIN_SCORE));
const CANDIDATES_PER_DST = 4;
/** Identical candidates an added file looks at, at most. */
const MAX_IDENTICAL = 100;
const HASHBASE = 107927;
/** Bytes git looks at for a NUL to call a blob binary. */
const FIRST_FEW_BYTES = 8000;

/**
 * A blob's span counts as git's estimate counts them: the distinct span hashes in ascending
 * order and the bytes of each (8 bytes per entry, kept for every blob read while HEAD stays).
 */
export interface Spans {
  hashes: Uint32Array;
  bytes: Uint32Array;
}

export function spansOf(bytes: Uint8Array): Spans {
  const counts = new Map<number, number>();
  const text = bytes.subarray(0, FIRST_FEW_BYTES).indexOf(0) < 0;
  let n = 0;
  let accum1 = 0;
  let accum2 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    // A CR before LF is not counted in text.
    if (text && c === 13 && i + 1 < bytes.length && bytes[i + 1] === 10) continue;
    const old1 = accum1;
    accum1 = (((accum1 << 7) ^ (accum2 >>> 25)) + c) >>> 0;
    accum2 = ((accum2 << 7) ^ (old1 >>> 25)) >>> 0;
    if (++n < 64 && c !== 10) continue;
    const hash = ((accum1 + Math.imul(accum2, 0x61)) >>> 0) % HASHBASE;
    counts.set(hash, (counts.get(hash) ?? 0) + n);
    n = 0;
    accum1 = accum2 = 0;
  }
  // A last span without a line break is not counted (as in git).
  const hashes = Uint32Array.from(counts.keys()).sort();
  return { hashes, bytes: Uint32Array.from(hashes, (h) => counts.get(h)!) };
}

/** What the estimate needs of a blob: its size, and its spans when its bytes were read. */
export interface BlobFacts {
  size: number;
  spans?: Spans;
}

/** git's similarity score (0–MAX_SCORE) of `src` renamed to `dst`; 0 below `minimum` by size alone. */
export function similarity(src: BlobFacts, dst: BlobFacts, minimum = MIN_SCORE): number | undefined {
  const max = Math.max(src.size, dst.size);
  const delta = max - Math.min(src.size, dst.size);
  if (max * (MAX_SCORE - minimum) < delta * MAX_SCORE) return 0;
  if (!src.spans || !dst.spans) return undefined;
  if (dst.size === 0) return 0;
  let copied = 0;
  const x = src.spans;
  const y = dst.spans;
  for (let i = 0, j = 0; i < x.hashes.length && j < y.hashes.length;) {
    if (x.hashes[i] < y.hashes[j]) i++;
    else if (x.hashes[i] > y.hashes[j]) j++;
    else copied += Math.min(x.bytes[i++], y.bytes[j++]);
  }
  return Math.floor((copied * MAX_SCORE) / max);
}

const isRegular = (mode: string | undefined) => (mode ?? '100644').startsWith('10');
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Scores already computed, by old blob, then new blob. */
export type ScoreCache = Map<BlobFacts, Map<BlobFacts, number>>;

/** One diff's rename detection, in two halves: what it needs to read, then the pairing. */
export interface RenameWork {
  /** Blobs the inexact steps compare (regular files left unpaired by step 1); empty: none. */
  readonly blobs: ReadonlySet<string>;
  /** Deleted × added files left after step 1: the most pairs the inexact steps may score. */
  readonly pairs: number;
  /** Of `blobs`, those a pair may need the bytes of, given their sizes (others are ruled out by size). */
  spansNeeded(size: (sha: string) => number | undefined): Set<string>;
  /**
   * The diff with renames, given the facts of `blobs` (a missing size or spans, where a pair
   * needs them: undefined, for git to do it); `scores` caches the score of a blob pair; past
   * `budget` steps through spans (taken from it), undefined too.
   */
  finish(facts: (sha: string) => BlobFacts | undefined, scores?: ScoreCache, budget?: { left: number }): GitFileDelta[] | undefined;
}

/**
 * Renames among the deletions and additions of one raw diff (no renames in it yet), as `git diff
 * -M` with a rename limit of `limit` finds them.
 */
export function detectRenames(deltas: readonly GitFileDelta[], limit: number): RenameWork {
  const byPath = (x: GitFileDelta, y: GitFileDelta) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  const sources = deltas.filter((d) => d.status === 'D').sort(byPath);
  const dests = deltas.filter((d) => d.status === 'A').sort(byPath);
  const none: RenameWork = { blobs: new Set(), pairs: 0, spansNeeded: () => new Set(), finish: () => [...deltas] };
  if (sources.length === 0 || dests.length === 0) return none;
  const srcBase = sources.map((d) => baseName(d.path));
  const dstBase = dests.map((d) => baseName(d.path));
  // Which deleted files are taken, and each added file's source and score; `finish` works on copies.
  const exactUsed = new Array<boolean>(sources.length).fill(false);
  const exactPaired = new Array<number>(dests.length).fill(-1);

  // 1. Exact renames.
  const bySha = new Map<string, number[]>();
  sources.forEach((s, i) => {
    const list = bySha.get(s.oldSha!);
    if (list) list.push(i);
    else bySha.set(s.oldSha!, [i]);
  });
  dests.forEach((d, j) => {
    let best = -1;
    let bestScore = -1;
    let left = MAX_IDENTICAL;
    for (const i of bySha.get(d.sha!) ?? []) {
      const s = sources[i];
      if ((!isRegular(s.oldMode) || !isRegular(d.mode)) && s.oldMode !== d.mode) continue;
      if (exactUsed[i]) continue;
      const score = 1 + (srcBase[i] === dstBase[j] ? 1 : 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
        if (score === 2) break;
      }
      if (--left === 0) break;
    }
    if (best >= 0) {
      exactUsed[best] = true;
      exactPaired[j] = best;
    }
  });

  const blobs = new Set<string>();
  const open = sources.map((_, i) => i).filter((i) => !exactUsed[i]);
  const openDests = dests.map((_, j) => j).filter((j) => exactPaired[j] < 0);
  if (open.length > 0 && openDests.length > 0) {
    for (const i of open) if (isRegular(sources[i].oldMode)) blobs.add(sources[i].oldSha!);
    for (const j of openDests) if (isRegular(dests[j].mode)) blobs.add(dests[j].sha!);
  }

  const finish: RenameWork['finish'] = (facts, cache, budget) => {
    const used = exactUsed.slice();
    const pairedWith = exactPaired.slice();
    const scoreOf = exactPaired.map((i): number => (i >= 0 ? MAX_SCORE : 0));
    const leftSources = () => sources.map((_, i) => i).filter((i) => !used[i]);
    const leftDests = () => dests.map((_, j) => j).filter((j) => pairedWith[j] < 0);
    let failed = false;
    const scoreOfPair = (i: number, j: number, minimum: number): number => {
      const s = sources[i];
      const d = dests[j];
      if (!isRegular(s.oldMode) || !isRegular(d.mode)) return 0;
      const a = facts(s.oldSha!);
      const b = facts(d.sha!);
      if (!a || !b) {
        failed = true;
        return 0;
      }
      let known = cache?.get(a);
      let score = known?.get(b);
      if (score === undefined) {
        // The work a score costs: a step per span of either blob.
        if (budget && (budget.left -= 1 + (a.spans?.hashes.length ?? 0) + (b.spans?.hashes.length ?? 0)) < 0) {
          failed = true;
          return 0;
        }
        const found = similarity(a, b, MIN_SCORE);
        if (found === undefined) {
          failed = true;
          return 0;
        }
        score = found;
        if (cache && !known) cache.set(a, (known = new Map()));
        known?.set(b, score);
      }
      // Below the threshold by size alone is below any threshold used here.
      return score < minimum ? 0 : score;
    };

    // 2. Unique file names.
    const srcNames = new Map<string, number>();
    for (const i of leftSources()) {
      const name = srcBase[i];
      srcNames.set(name, srcNames.has(name) ? -1 : i);
    }
    const dstNames = new Map<string, number>();
    for (const j of leftDests()) {
      const name = dstBase[j];
      dstNames.set(name, dstNames.has(name) ? -1 : j);
    }
    for (const i of leftSources()) {
      const name = srcBase[i];
      const j = dstNames.get(name);
      if (j === undefined || j < 0 || srcNames.get(name) !== i || pairedWith[j] >= 0) continue;
      const score = scoreOfPair(i, j, MIN_BASENAME_SCORE);
      if (failed) return undefined;
      if (score < MIN_BASENAME_SCORE) continue;
      used[i] = true;
      pairedWith[j] = i;
      scoreOf[j] = score;
    }

    // 3. The matrix, within the rename limit.
    const srcs = leftSources();
    const dsts = leftDests();
    const fits = (dsts.length <= limit || srcs.length <= limit) && dsts.length * srcs.length <= limit * limit;
    if (srcs.length > 0 && dsts.length > 0 && fits) {
      type Slot = { src: number; dst: number; score: number; name: number };
      // Order: a used slot before an empty one; higher score first; same name first.
      const compare = (a: Slot, b: Slot) => (a.dst < 0 ? (b.dst >= 0 ? 1 : 0) : b.dst < 0 ? -1 : a.score === b.score ? b.name - a.name : b.score - a.score);
      const slots: Slot[] = [];
      for (const j of dsts) {
        const m: Slot[] = Array.from({ length: CANDIDATES_PER_DST }, () => ({ src: -1, dst: -1, score: 0, name: 0 }));
        for (const i of srcs) {
          const score = scoreOfPair(i, j, MIN_SCORE);
          if (failed) return undefined;
          const name = srcBase[i] === dstBase[j] ? 1 : 0;
          let worst = 0;
          for (let k = 1; k < CANDIDATES_PER_DST; k++) if (compare(m[k], m[worst]) > 0) worst = k;
          // Taken when strictly better than the worst kept (an empty slot is worse than any).
          const w = m[worst];
          if (w.dst < 0 || (score === w.score ? name > w.name : score > w.score)) m[worst] = { src: i, dst: j, score, name };
        }
        slots.push(...m);
      }
      slots.sort(compare); // stable, as git's sort
      for (const s of slots) {
        if (s.dst < 0 || s.score < MIN_SCORE) break;
        if (pairedWith[s.dst] >= 0 || used[s.src]) continue;
        used[s.src] = true;
        pairedWith[s.dst] = s.src;
        scoreOf[s.dst] = s.score;
      }
    }

    const out: GitFileDelta[] = [];
    const pairedDests = new Map<GitFileDelta, number>();
    dests.forEach((d, j) => { if (pairedWith[j] >= 0) pairedDests.set(d, j); });
    const usedSources = new Set(sources.filter((_, i) => used[i]));
    for (const d of deltas) {
      if (usedSources.has(d)) continue;
      const j = pairedDests.get(d);
      if (j === undefined) {
        out.push(d);
        continue;
      }
      const s = sources[pairedWith[j]];
      out.push({
        status: 'R', from: s.path, path: d.path, similarity: Math.floor((scoreOf[j] * 100) / MAX_SCORE),
        oldSha: s.oldSha, sha: d.sha, oldMode: s.oldMode, mode: d.mode, insertions: 0, deletions: 0, binary: false,
      });
    }
    return out;
  };
  const spansNeeded: RenameWork['spansNeeded'] = (size) => {
    const out = new Set<string>();
    const srcs = open.filter((i) => isRegular(sources[i].oldMode));
    for (const j of openDests) {
      if (!isRegular(dests[j].mode)) continue;
      const b = size(dests[j].sha!);
      for (const i of srcs) {
        const a = size(sources[i].oldSha!);
        if (a !== undefined && b !== undefined && similarity({ size: a }, { size: b }) === 0) continue;
        out.add(sources[i].oldSha!);
        out.add(dests[j].sha!);
      }
    }
    return out;
  };
  return { blobs, pairs: open.length * openDests.length, spansNeeded, finish };
}
