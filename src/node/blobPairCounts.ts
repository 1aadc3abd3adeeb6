// Line counts of many tree diffs, each distinct (old blob, new blob) pair counted once. Drift
// over a long history diffs hundreds of baselines against HEAD, and most of their changed files
// are the same few pairs again (69,540 counts of 4,787 pairs on the history benchmark); git
// counted each again. Here the pairs of one request are laid out as two flat trees, written as
// loose objects into a temporary folder git reads as an extra object store (the repository is
// not written to), and one `git diff-tree --numstat` of those two trees counts them all.
//
// Exact where git's own counts depend only on the two blobs: not for submodules (no blob), and
// not where a `diff` attribute may apply (it decides binary by path, and a flat tree has other
// paths): the caller checks the first (`needsOwnCounts`), `countDeltas` the second.

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { GitFileDelta, GitLineCounts } from '../core/gitPort';

/** Runs git (argv after the safety options) with extra environment; resolves with its output. */
export type GitRunner = (args: string[], options?: { input?: string; env?: NodeJS.ProcessEnv }) => Promise<{ code: number; stdout: string }>;

const isZero = (sha: string | undefined) => !sha || /^0+$/.test(sha);

/** Whether a raw diff output names a submodule (mode 160000) on either side: git counts those itself. */
export function needsOwnCounts(raw: string): boolean {
  return /(?:^|\0)\n?:(?:160000 |\d{6} 160000 )/.test(raw);
}

/**
 * Whether no `diff` attribute applies to any of `paths` (`git check-attr`): binary is then
 * decided by content alone, wherever a blob is put.
 */
async function diffAttributesUnset(run: GitRunner, paths: string[]): Promise<boolean> {
  if (paths.length === 0) return true;
  const r = await run(['check-attr', '-z', '--stdin', 'diff'], { input: paths.join('\0') + '\0' });
  if (r.code !== 0) return false;
  const parts = r.stdout.split('\0');
  for (let i = 0; i + 2 < parts.length; i += 3) if (parts[i + 2] !== 'unspecified') return false;
  return true;
}

/**
 * Fills in the line counts of `deltas` (from a raw diff without `--numstat`) as `--numstat`
 * gives them, each distinct blob pair counted once; false when git could not count them (the
 * caller asks git's numstat instead). `diffUnset` answers the attribute question (a long-lived
 * check-attr); without it, one `git check-attr` runs. With `here`, the pairs it can count
 * exactly are counted from their blobs, and git counts only the others.
 */
export async function countDeltas(run: GitRunner, deltas: GitFileDelta[], diffUnset?: (paths: string[]) => Promise<boolean>, here?: CountHere): Promise<boolean> {
  const keys = new Map<string, { old?: string; new?: string }>();
  const keyOf = (d: GitFileDelta) => {
    const old = d.status === 'A' || isZero(d.oldSha) ? undefined : d.oldSha;
    const now = d.status === 'D' || isZero(d.sha) ? undefined : d.sha;
    // Same blob on both sides (a move, a mode change): 0 and 0, but git still says binary, which
    // the blob alone tells (counted as if added).
    const pair = old !== undefined && old === now ? { new: now } : { old, new: now };
    const key = `${pair.old ?? ''}:${pair.new ?? ''}`;
    if (!keys.has(key)) keys.set(key, pair);
    return key;
  };
  const deltaKeys = deltas.map(keyOf);
  if (keys.size === 0) return true;
  const paths = new Set<string>();
  for (const d of deltas) {
    paths.add(d.path);
    if (d.from !== undefined) paths.add(d.from);
  }
  const check = (names: string[]) => (diffUnset ? diffUnset(names).catch(() => false) : diffAttributesUnset(run, names));
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => String(i));
  // The flat trees' names (the pairs' numbers) are checked with the real paths, or, when pairs
  // are counted here, only for those left to git. The blobs are read meanwhile.
  const unset = check(here ? [...paths] : [...paths, ...numbers(keys.size)]);
  const countingHere = here ? countedHere(here, keys).catch(() => new Map<string, GitLineCounts>()) : undefined;
  if (!(await unset)) return false;
  const byKey = (await countingHere) ?? new Map<string, GitLineCounts>();
  const rest = [...keys].filter(([k]) => !byKey.has(k));
  if (rest.length > 0) {
    if (here && !(await check(numbers(rest.length)))) return false;
    const counts = await countPairs(run, rest.map(([, pair]) => pair));
    if (!counts) return false;
    rest.forEach(([k], i) => byKey.set(k, counts[i]));
  }
  deltas.forEach((d, i) => {
    const c = byKey.get(deltaKeys[i])!;
    const same = d.status !== 'A' && d.status !== 'D' && !isZero(d.oldSha) && d.oldSha === d.sha;
    d.binary = c.binary;
    d.insertions = same ? 0 : c.insertions;
    d.deletions = same ? 0 : c.deletions;
  });
  return true;
}

/**
 * Counting without git: the blobs (read from a running `git cat-file`, none over its bound) and
 * `--numstat` of a pair of them when it can be worked out exactly (see `countedBlobPair`).
 */
export interface CountHere {
  /** The sizes of these blobs (those missing left out). */
  sizes(shas: string[]): Promise<Map<string, number>>;
  blob(sha: string): Promise<Uint8Array | undefined>;
  count(before: Uint8Array | undefined, after: Uint8Array | undefined): GitLineCounts | undefined;
}

/** Blobs larger than this are counted by git. */
export const MAX_BLOB_COUNTED_HERE = 1024 * 1024;
/** Bytes of blobs held at once while counting, and read for one request at most (the rest: git counts). */
const BATCH_BYTES = 8 * 1024 * 1024;
const MAX_BYTES_HERE = 32 * 1024 * 1024;

/** The counts of the pairs `here` can count, by key; the others are left out. */
async function countedHere(here: CountHere, pairs: ReadonlyMap<string, { old?: string; new?: string }>): Promise<Map<string, GitLineCounts>> {
  const out = new Map<string, GitLineCounts>();
  const shas = new Set<string>();
  for (const p of pairs.values()) for (const sha of [p.old, p.new]) if (sha) shas.add(sha);
  // Sizes first: the blobs are then read a few megabytes at a time, in one request each.
  const sizes = await here.sizes([...shas]);
  const sizeOf = (sha: string | undefined) => (sha ? sizes.get(sha) ?? Number.POSITIVE_INFINITY : 0);
  let batch: [string, { old?: string; new?: string }][] = [];
  let batchBytes = 0;
  let total = 0;
  const flush = async () => {
    const reads = new Map<string, Promise<Uint8Array | undefined>>();
    const read = (sha: string | undefined) => {
      if (!sha) return Promise.resolve(undefined);
      let r = reads.get(sha);
      if (!r) reads.set(sha, (r = here.blob(sha).catch(() => undefined)));
      return r;
    };
    const blobs = await Promise.all(batch.map(([, p]) => Promise.all([read(p.old), read(p.new)])));
    batch.forEach(([key, p], k) => {
      const [before, after] = blobs[k];
      // A side that could not be read: git counts the pair.
      if ((p.old && !before) || (p.new && !after)) return;
      const counted = here.count(before, after);
      if (counted) out.set(key, counted);
    });
    batch = [];
    batchBytes = 0;
  };
  for (const entry of pairs) {
    const [, p] = entry;
    const a = sizeOf(p.old);
    const b = sizeOf(p.new);
    if (a > MAX_BLOB_COUNTED_HERE || b > MAX_BLOB_COUNTED_HERE) continue;
    if (total + a + b > MAX_BYTES_HERE) break;
    total += a + b;
    batch.push(entry);
    batchBytes += a + b;
    if (batchBytes >= BATCH_BYTES) await flush();
  }
  if (batch.length > 0) await flush();
  return out;
}

/** `--numstat` of each pair (one side may be missing), in one git process; undefined on failure. */
async function countPairs(run: GitRunner, pairs: { old?: string; new?: string }[]): Promise<GitLineCounts[] | undefined> {
  const some = pairs.find((p) => p.old ?? p.new);
  const hex = (some?.old ?? some?.new ?? '').length;
  const format = hex === 64 ? 'sha256' : hex === 40 ? 'sha1' : undefined;
  if (!format) return undefined;
  // The flat trees' names: the pair's number (no attribute applies to them: see countDeltas).
  const names = pairs.map((_, i) => String(i));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'chant-specs-counts-'));
  try {
    const objects = path.join(scratch, 'objects');
    const oldTree = writeTree(objects, format, pairs.flatMap((p, i) => (p.old ? [{ name: names[i], sha: p.old }] : [])));
    const newTree = writeTree(objects, format, pairs.flatMap((p, i) => (p.new ? [{ name: names[i], sha: p.new }] : [])));
    const inherited = process.env.GIT_ALTERNATE_OBJECT_DIRECTORIES;
    const r = await run(['diff-tree', '-r', '-z', '--numstat', '--no-renames', '--no-textconv', '--no-ext-diff', oldTree, newTree], {
      env: { GIT_ALTERNATE_OBJECT_DIRECTORIES: inherited ? `${objects}${path.delimiter}${inherited}` : objects },
    });
    if (r.code !== 0) return undefined;
    const found = new Map<string, GitLineCounts>();
    for (const token of r.stdout.split('\0')) {
      const m = /^(-|\d+)\t(-|\d+)\t(\d+)$/.exec(token.replace(/^\n/, ''));
      if (m) found.set(m[3], { insertions: m[1] === '-' ? 0 : Number(m[1]), deletions: m[2] === '-' ? 0 : Number(m[2]), binary: m[1] === '-' });
    }
    if (found.size !== pairs.length) return undefined; // a pair git did not list: not what was asked
    return names.map((n) => found.get(n)!);
  } catch {
    return undefined;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes a flat tree of blobs (mode 100644) as a loose object under `objects`; returns its id. */
function writeTree(objects: string, format: 'sha1' | 'sha256', entries: { name: string; sha: string }[]): string {
  // A tree's entries are sorted by name as bytes (no folders here, so no trailing-slash rule).
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const body = Buffer.concat(sorted.flatMap((e) => [Buffer.from(`100644 ${e.name}\0`), Buffer.from(e.sha, 'hex')]));
  const object = Buffer.concat([Buffer.from(`tree ${body.length}\0`), body]);
  const id = createHash(format).update(object).digest('hex');
  const dir = path.join(objects, id.slice(0, 2));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, id.slice(2)), deflateSync(object), { flag: 'w', mode: 0o600 });
  return id;
}
