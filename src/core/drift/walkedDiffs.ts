// Tree diffs baseline → HEAD made from one walk of HEAD's first-parent history instead of a git
// process per group of baselines. The walk gives each commit's raw changes; each baseline's raw
// diff follows from them (historyWalk.ts), renames are found here as git finds them (renames.ts,
// each blob read and fingerprinted once for all baselines), and lines are counted per distinct
// blob pair in one git process (blobPairCounts.ts). On a history of hundreds of baselines, git
// spent most of a drift check detecting the same renames again for each.
//
// Whatever this cannot do as git would, it leaves to git (undefined): a baseline off the walked
// line, submodules, `diff` attributes, a configured rename limit that is not a number, a blob
// too large to fingerprint here, or more scoring than MAX_PAIRS and MAX_SPAN_STEPS allow (the
// caller leaves everything to git where `core.bigFileThreshold` may make a text file binary).

import type { FirstParentCommit, GitFileDelta, TreeDiffOptions } from '../gitPort';
import { WalkChanges } from './historyWalk';
import { detectRenames, spansOf, type BlobFacts, type ScoreCache } from './renames';

export interface WalkedDiffPorts {
  /** The walk covering every pair's baseline and the baselines' places on it; undefined when one is off it. */
  walkFor(pairs: readonly { from: string; to: string }[]): Promise<{ walk: readonly FirstParentCommit[]; positions: ReadonlyMap<string, number> } | undefined>;
  blobSizes(shas: string[]): Promise<Map<string, number>>;
  blob(sha: string): Promise<Uint8Array | undefined>;
  /** Line counts of raw entries as `--numstat` gives them; false when git must count them. */
  countTreeDeltas(deltas: GitFileDelta[]): Promise<boolean>;
}

/** Blobs larger than this are not fingerprinted here: git compares them. */
const MAX_BLOB_BYTES = 1024 * 1024;
/** Bytes of blobs held at once while fingerprinting them. */
const BATCH_BYTES = 8 * 1024 * 1024;
/** Bytes of blobs read for one repository state, at most (their spans take a few MB at most). */
const MAX_BYTES_READ = 64 * 1024 * 1024;
/** Blob pairs one call may score beyond those scored before; past this, git is asked. */
const MAX_PAIRS = 200_000;
/** Span steps one call may spend scoring pairs (a few hundred milliseconds); past this, git is asked. */
const MAX_SPAN_STEPS = 5_000_000;
/** The longest stretch scoring renames runs without letting the event loop turn. */
const YIELD_MS = 20;
/** git's rename limit for a diff when `diff.renameLimit` is not set. */
export const DEFAULT_RENAME_LIMIT = 1000;

/**
 * Calls made while others are on their way, run as one when the event loop next comes round:
 * the groups of baselines diffed at the same time share one blob read and one line count.
 */
class Coalesced<T> {
  private queued: { items: T[]; resolve: (ok: boolean) => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly run: (items: T[]) => Promise<boolean>) {}

  add(items: T[]): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (this.queued.length === 0) setTimeout(() => void this.flush(), 0);
      this.queued.push({ items, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queued;
    this.queued = [];
    try {
      const ok = await this.run(batch.flatMap((b) => b.items));
      for (const b of batch) b.resolve(ok);
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
}

export class WalkedDiffs {
  /** Per blob, its size and spans (null: could not be read); kept while HEAD stays. */
  private readonly facts = new Map<string, BlobFacts | null>();
  /** Per blob pair, its similarity score. */
  private readonly scores: ScoreCache = new Map();
  /** Bytes of blobs read so far (see MAX_BYTES_READ). */
  private bytesRead = 0;

  private readonly sizeReads = new Coalesced<string>(async (shas) => (await this.readSizes([...new Set(shas)].filter((s) => !this.facts.has(s))), true));
  private readonly spanReads = new Coalesced<string>(async (shas) => (await this.readSpans([...new Set(shas)].filter((s) => !this.facts.get(s)?.spans)), true));
  private readonly counts = new Coalesced<GitFileDelta>((deltas) => this.ports.countTreeDeltas([...new Set(deltas)]));

  constructor(private readonly ports: WalkedDiffPorts, private readonly renameLimit: number = DEFAULT_RENAME_LIMIT) {}

  /** `git diff-tree` of each pair as `treeDiffs` gives it; undefined to have git diff them. */
  async treeDiffs(pairs: { from: string; to: string }[], options: TreeDiffOptions = {}): Promise<GitFileDelta[][] | undefined> {
    if (pairs.length === 0) return [];
    // Line counting is also where `diff` attributes are looked for, which rename scores depend on.
    if (!Number.isFinite(this.renameLimit) || (options.numstat === false && options.renames !== false)) return undefined;
    const located = await this.ports.walkFor(pairs);
    if (!located) return undefined;
    const scope = options.paths ? new Set(options.paths.map((p) => p.replace(/\/+$/, ''))) : undefined;
    const found = WalkChanges.of(located.walk).changesSince(located.positions, scope);
    let diffs: GitFileDelta[][] = [];
    for (const p of pairs) {
      const list = found.get(p.from);
      if (!list) return undefined;
      // The walk shares an entry between the baselines with the same blobs on both sides: its
      // line counts, filled in below, are the same for all of them.
      diffs.push(list);
    }
    if (diffs.some((list) => list.some((d) => d.oldMode === '160000' || d.mode === '160000'))) return undefined;
    if (options.renames !== false) {
      const works = diffs.map((list) => detectRenames(list, this.renameLimit));
      let pairsToScore = 0;
      for (const w of works) pairsToScore += w.pairs;
      if (pairsToScore > MAX_PAIRS) return undefined;
      // Sizes first: a pair whose sizes are too far apart needs no bytes.
      const unsized = new Set<string>();
      for (const w of works) for (const sha of w.blobs) if (!this.facts.has(sha)) unsized.add(sha);
      if (unsized.size > 0) await this.sizeReads.add([...unsized]);
      const size = (sha: string) => this.facts.get(sha)?.size;
      const unread = new Set<string>();
      for (const w of works) for (const sha of w.spansNeeded(size)) if (this.facts.get(sha) && !this.facts.get(sha)!.spans) unread.add(sha);
      if (unread.size > 0) await this.spanReads.add([...unread]);
      const renamed: GitFileDelta[][] = [];
      const budget = { left: MAX_SPAN_STEPS };
      let since = Date.now();
      for (const w of works) {
        const list = w.finish((sha) => this.facts.get(sha) ?? undefined, this.scores, budget);
        if (!list) return undefined;
        renamed.push(list);
        // Others' turn now and then (this runs in the extension host).
        if (Date.now() - since > YIELD_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          since = Date.now();
        }
      }
      diffs = renamed;
    }
    if (options.filter) {
      const filter = options.filter;
      diffs = diffs.map((list) => list.filter((d) => filter.includes(d.status)));
    }
    if (options.numstat !== false && !(await this.counts.add([...new Set(diffs.flat())]))) return undefined;
    return diffs;
  }

  /** The sizes of `shas` (one `cat-file --batch-check`); null for a blob git does not have. */
  private async readSizes(shas: string[]): Promise<void> {
    if (shas.length === 0) return;
    const sizes = await this.ports.blobSizes(shas);
    for (const sha of shas) this.facts.set(sha, sizes.has(sha) ? { size: sizes.get(sha)! } : null);
  }

  /**
   * The spans of `shas` (sized already), read a few megabytes at a time (only the spans are
   * kept), within a bound on all bytes read for one repository state: past it, or above
   * MAX_BLOB_BYTES, a blob is known by its size alone and git scores the pairs that need more.
   */
  private async readSpans(shas: string[]): Promise<void> {
    let batch: string[] = [];
    let batchBytes = 0;
    const flush = async () => {
      const blobs = await Promise.all(batch.map((s) => this.ports.blob(s).catch(() => undefined)));
      batch.forEach((sha, k) => {
        const bytes = blobs[k];
        this.facts.set(sha, bytes ? { size: bytes.length, spans: spansOf(bytes) } : null);
      });
      batch = [];
      batchBytes = 0;
    };
    for (const sha of shas) {
      const size = this.facts.get(sha)?.size;
      if (size === undefined || size > MAX_BLOB_BYTES || this.bytesRead + size > MAX_BYTES_READ) continue;
      this.bytesRead += size;
      batch.push(sha);
      batchBytes += size;
      if (batchBytes >= BATCH_BYTES) await flush();
    }
    if (batch.length > 0) await flush();
  }
}
