// Line counts as `git diff --numstat` gives them with git's default (Myers) algorithm, worked out
// here so that a save does not start `git diff`. git does not diff the lines as they are: it
// first drops the lines both files start and end with, then discards lines the other file does
// not have, and lines it has many times when they sit among such lines (xdiff's
// xdl_cleanup_records), and only then runs Myers on what is left. Those steps decide the counts
// as much as the diff itself, so they are done here as git does them. Myers itself is exact in
// git only while the edit cost stays under its heuristics' trigger (256); the search here stops
// well below it, and the caller asks git beyond.

/** git's XDL_MAX_EQLIMIT, XDL_SIMSCAN_WINDOW and XDL_KPDIS_RUN. */
const MAX_EQ_LIMIT = 1024;
const SCAN_WINDOW = 100;
const KEEP_RUN = 4;
/** Edit cost searched at most; git's heuristics start at 256 (XDL_HEUR_MIN_COST, XDL_MAX_COST_MIN). */
export const MAX_EDIT_COST = 200;

export interface LineCounts {
  insertions: number;
  deletions: number;
}

/** git's integer square root guess (xdl_bogosqrt). */
function bogoSqrt(n: number): number {
  let i = 1;
  for (; n > 0; n = Math.floor(n / 4)) i *= 2;
  return i;
}

/**
 * Insertions and deletions from `a` to `b` (lines as one string each, the line feed included
 * where there is one) as git's Myers diff counts them; undefined when more than `maxCost` lines
 * would have to be searched (git's heuristics may then give other counts: ask git).
 */
export function myersLineCounts(a: readonly string[], b: readonly string[], maxCost = MAX_EDIT_COST): LineCounts | undefined {
  // Lines as class numbers, counted per file.
  const classOf = new Map<string, number>();
  const countA: number[] = [];
  const countB: number[] = [];
  const classes = (lines: readonly string[], counts: number[]) => lines.map((line) => {
    let c = classOf.get(line);
    if (c === undefined) {
      c = classOf.size;
      classOf.set(line, c);
      countA.push(0);
      countB.push(0);
    }
    counts[c]++;
    return c;
  });
  const ha = classes(a, countA);
  const hb = classes(b, countB);
  // xdl_trim_ends: the common head, then the common tail of what is left.
  let start = 0;
  const lim = Math.min(ha.length, hb.length);
  while (start < lim && ha[start] === hb[start]) start++;
  let tail = 0;
  while (tail < lim - start && ha[ha.length - 1 - tail] === hb[hb.length - 1 - tail]) tail++;
  const endA = ha.length - tail - 1;
  const endB = hb.length - tail - 1;
  const keptA = cleanup(ha, start, endA, countB, bogoSqrt(ha.length));
  const keptB = cleanup(hb, start, endB, countA, bogoSqrt(hb.length));
  const cost = editCost(keptA, keptB, maxCost);
  if (cost === undefined) return undefined;
  const common = (keptA.length + keptB.length - cost) / 2;
  return { deletions: endA - start + 1 - common, insertions: endB - start + 1 - common };
}

/**
 * xdl_cleanup_records for one file: the lines from `start` to `end` git keeps for the diff (as
 * class numbers). A line the other file lacks is dropped; one the other file has `limit` times
 * or more is dropped when it sits among dropped lines (xdl_clean_mmatch).
 */
function cleanup(h: readonly number[], start: number, end: number, otherCounts: readonly number[], limit: number): number[] {
  const mlim = Math.min(limit, MAX_EQ_LIMIT);
  const dis = new Uint8Array(h.length);
  for (let i = start; i <= end; i++) {
    const nm = otherCounts[h[i]];
    dis[i] = nm === 0 ? 0 : nm >= mlim ? 2 : 1;
  }
  const kept: number[] = [];
  for (let i = start; i <= end; i++) {
    if (dis[i] === 1 || (dis[i] === 2 && !amongDiscarded(dis, i, start, end))) kept.push(h[i]);
  }
  return kept;
}

/** xdl_clean_mmatch: whether a many-times line at `i` sits in a run of lines to discard. */
function amongDiscarded(dis: Uint8Array, i: number, s: number, e: number): boolean {
  if (i - s > SCAN_WINDOW) s = i - SCAN_WINDOW;
  if (e - i > SCAN_WINDOW) e = i + SCAN_WINDOW;
  let none0 = 0;
  let many0 = 1;
  for (let r = 1; i - r >= s; r++) {
    if (dis[i - r] === 0) none0++;
    else if (dis[i - r] === 2) many0++;
    else break;
  }
  if (none0 === 0) return false;
  let none1 = 0;
  let many1 = 1;
  for (let r = 1; i + r <= e; r++) {
    if (dis[i + r] === 0) none1++;
    else if (dis[i + r] === 2) many1++;
    else break;
  }
  if (none1 === 0) return false;
  none1 += none0;
  many1 += many0;
  return many1 * KEEP_RUN < many1 + none1;
}

/** The fewest lines inserted plus deleted to turn `a` into `b` (Myers' greedy search); undefined above `maxCost`. */
function editCost(a: readonly number[], b: readonly number[], maxCost: number): number | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return n + m <= maxCost ? n + m : undefined;
  const offset = maxCost + 1;
  const v = new Int32Array(2 * offset + 1);
  for (let d = 0; d <= maxCost; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return undefined;
}
