// The mtime check, for a project outside git (or where git cannot run): a file a spec tracks
// drifted when it was modified after the spec's `completed_at` (or the acknowledgement), and the
// finding says that file times were compared.

import * as l10n from '@vscode/l10n';
import type { FileSystem } from '../ports';
import { isInside, joinPath } from '../paths';
import { isRfc3339 } from './baseline';
import type { DriftFileChange } from './model';
import { makeFinding, type FindingSink, type Plan } from './plan';

export interface MtimeCheckContext {
  fs: FileSystem;
  /** Stop walking directories after this many entries. */
  maxWalkEntries: number;
  store: FindingSink;
}

/** Checks `plans` (all of project `root`) by file times, storing one finding per plan. */
export async function checkMtime(ctx: MtimeCheckContext, root: string, label: string, plans: Plan[]): Promise<void> {
  const bases = new Set<string>();
  for (const p of plans) for (const pat of p.patterns) for (const b of pat.compiled.bases) bases.add(b);
  const listing = await walkFiles(ctx.fs, root, [...bases], ctx.maxWalkEntries);
  const sorted = [...listing.keys()].sort();
  for (const plan of plans) {
    const at = plan.ack?.date ?? plan.spec.completedAt;
    if (!at) {
      ctx.store(makeFinding(plan, 'unknown', [], l10n.t('the spec is completed but has no completed_at'), sorted));
      continue;
    }
    if (!isRfc3339(at) && !plan.ack) {
      ctx.store(makeFinding(plan, 'unknown', [], l10n.t('completed_at `{0}` is not an RFC 3339 time', at), sorted));
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
    ctx.store(makeFinding(plan, files.length > 0 ? 'drifted' : 'clean', files, undefined, sorted));
  }
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
