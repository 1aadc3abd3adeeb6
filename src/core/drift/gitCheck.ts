// The git check: for the plans of one project root in one repository, the baselines chosen, the
// committed changes since each (one batched tree diff), the uncommitted ones (the status, then a
// work-tree diff only for dirty files that matter, or the save fast path's blobs), untracked new
// files (lines counted here), deletions and renames, and the commits that touched each file
// (one `git log` per baseline with drifted files). While HEAD stays, a spec's committed matches
// and its clean files' changes are kept in the repository snapshot, so a save rebuilds only the
// saved file's changes.

import * as l10n from '@vscode/l10n';
import type { Spec } from '../model';
import type { GitFileDelta } from '../gitPort';
import { joinPath } from '../paths';
import { PatternIndex } from './patterns';
import { chooseBaseline, listsNoCommit, revisionsOf } from './baseline';
import { movedNote } from './notes';
import { relativeTo, type DriftChangeKind, type DriftFileChange } from './model';
import { makeFinding, type FindingSink, type Plan } from './plan';
import type { RepoSnapshot } from './snapshot';
import { trackedScope } from './treeDiffs';
import { countLinesOf, worktreeDeltaInProcess, type FastPathPorts } from './saveFastPath';

export interface GitCheckContext extends FastPathPorts {
  pause: () => Promise<void>;
  /** A driver's prefix-members, for its baseline. */
  membersOf: (spec: Spec) => readonly Spec[];
  store: FindingSink;
}

/** Staged additions plus deletions up to which a work-tree diff pairs them into renames. */
const MAX_STAGED_PAIRING = 2000;

/** Checks `plans` (all of project `root`) against `repo`, storing one finding per plan. */
export async function checkGit(ctx: GitCheckContext, root: string, repo: RepoSnapshot, plans: Plan[]): Promise<void> {
  const git = ctx.git;
  await resolveBaselines(ctx, repo, plans);

  // Committed changes: each baseline over the folders its own specs track, a few diff-tree
  // processes for all (baselines of the same folders together).
  const byBaseline = new Map<string, Plan[]>();
  for (const p of plans) {
    const b = p.baseline?.commit;
    if (!b) continue;
    const list = byBaseline.get(b);
    if (list) list.push(p);
    else byBaseline.set(b, [p]);
  }
  await repo.readCommitted(new Map([...byBaseline].map(([b, group]) => [b, trackedScope(repo.info.root, root, group)])));

  // Which changed paths each plan's patterns match, found through an index of these plans.
  const index = new PatternIndex<Plan>();
  for (const p of plans) for (const pat of p.patterns) index.add(p, pat.compiled);
  const matched = new Map<Plan, Map<string, number[]>>();
  // Matches reused from the snapshot, copied only when a plan gains a path (a save re-checks
  // specs of hundreds of matched files each, most of them unchanged).
  const borrowed = new Set<Map<string, number[]>>();
  // Per repository path once: the same files come back in the diffs of every baseline.
  const rels = new Map<string, string | undefined>();
  const toRel = (repoPath: string) => {
    if (rels.has(repoPath)) return rels.get(repoPath);
    const rel = relativeTo(root, joinPath(repo.info.root, repoPath));
    rels.set(repoPath, rel);
    return rel;
  };
  const consider = (plan: Plan, repoPath: string, alsoRel?: string) => {
    const rel = toRel(repoPath);
    if (rel === undefined) return;
    let hits: number[] | undefined;
    for (let k = 0; k < plan.patterns.length; k++) {
      const pat = plan.patterns[k].compiled;
      if (pat.matches(rel) || (alsoRel !== undefined && pat.matches(alsoRel))) (hits ??= []).push(k);
    }
    if (!hits) return;
    let m = matched.get(plan);
    if (!m) matched.set(plan, (m = new Map()));
    else if (borrowed.has(m)) {
      if (sameNumbers(m.get(repoPath), hits)) return;
      matched.set(plan, (m = new Map(m)));
    }
    m.set(repoPath, hits);
  };
  // Committed matches depend only on the baseline (HEAD is fixed for a RepoState) and the
  // spec's patterns: reuse them, and scan the committed changes only for plans not seen yet.
  const plansByBaseline = new Map<string, Plan[]>();
  const keys = new Map<Plan, string>();
  // Plans whose matched paths' commits were all read before: nothing to ask for them.
  const logsRead = new Set<Plan>();
  for (const p of plans) {
    if (!p.baseline?.commit) continue;
    const key = patternsKey(root, p);
    keys.set(p, key);
    const cached = repo.committedMatches.get(p.baseline.commit)?.get(p.spec.path);
    if (cached && cached.key === key) {
      if (cached.matched.size > 0) {
        matched.set(p, cached.matched);
        borrowed.add(cached.matched);
      }
      if (cached.logged) logsRead.add(p);
      continue;
    }
    const list = plansByBaseline.get(p.baseline.commit) ?? [];
    list.push(p);
    plansByBaseline.set(p.baseline.commit, list);
  }
  for (const [b, group] of plansByBaseline) {
    // Only this baseline's plans can own its changes: an index of them alone (the index of all
    // plans tested every spec tracking the same folders, ~75 of them per file on a long history).
    const groupIndex = new PatternIndex<Plan>();
    for (const p of group) for (const pat of p.patterns) groupIndex.add(p, pat.compiled);
    for (const d of repo.committed.get(b)?.values() ?? []) {
      const rel = toRel(d.path);
      const fromRel = d.from !== undefined ? toRel(d.from) : undefined;
      const owners = rel !== undefined ? groupIndex.lookup(rel) : [];
      if (fromRel !== undefined) for (const o of groupIndex.lookup(fromRel)) if (!owners.includes(o)) owners.push(o);
      for (const o of owners) consider(o, d.path, fromRel);
    }
    let byBaseline = repo.committedMatches.get(b);
    if (!byBaseline) repo.committedMatches.set(b, (byBaseline = new Map()));
    for (const p of group) byBaseline.set(p.spec.path, { key: keys.get(p)!, matched: new Map(matched.get(p) ?? []), files: new Map() });
  }
  // The commits of the committed changes matched so far, asked for while the status is read.
  const early = new Map<string, Set<string>>();
  for (const [plan, paths] of matched) {
    if (logsRead.has(plan)) continue;
    const b = plan.baseline!.commit!;
    for (const path of paths.keys()) repo.wantLog(early, b, path);
  }
  const earlyLogs = repo.readLogs(early);
  earlyLogs.catch(() => undefined); // awaited below; a failure before that must not go unhandled
  // Uncommitted changes from here on: the status read meanwhile is needed now.
  await repo.worktreeRead;
  await ctx.pause();
  for (const path of repo.status.keys()) {
    const rel = toRel(path);
    if (rel === undefined) continue;
    for (const o of index.lookup(rel)) if (o.baseline?.commit) consider(o, path);
  }

  // Work-tree diffs for dirty tracked files that matter: one diff per baseline.
  const needWorktree = new Map<string, Set<string>>();
  for (const [plan, paths] of matched) {
    const b = plan.baseline!.commit!;
    const cache = repo.worktree.get(b);
    for (const path of paths.keys()) {
      const st = repo.status.get(path);
      if (!st || st.index === '?' || cache?.has(path)) continue;
      const set = needWorktree.get(b) ?? new Set<string>();
      set.add(path);
      needWorktree.set(b, set);
    }
  }
  // A rename staged with `git mv` is a deletion and an addition in the status (read without
  // rename detection): the diff is given both sides so that git pairs them as it would.
  const stagedAdds: string[] = [];
  const stagedDeletes: string[] = [];
  if (needWorktree.size > 0) {
    for (const e of repo.status.values()) {
      if (e.index === 'A') stagedAdds.push(e.path);
      else if (e.index === 'D') stagedDeletes.push(e.path);
    }
  }
  if (stagedAdds.length > 0 && stagedDeletes.length > 0 && stagedAdds.length + stagedDeletes.length <= MAX_STAGED_PAIRING) {
    for (const paths of needWorktree.values()) {
      const has = (set: string[]) => set.some((p) => paths.has(p));
      if (has(stagedAdds)) for (const p of stagedDeletes) paths.add(p);
      if (has(stagedDeletes)) for (const p of stagedAdds) paths.add(p);
    }
  }
  for (const [b, paths] of needWorktree) {
    const cache = repo.worktreeOf(b);
    const list: string[] = [];
    for (const p of paths) {
      const delta = await worktreeDeltaInProcess(ctx, repo, b, p);
      if (delta === undefined) list.push(p);
      else cache.set(p, delta);
    }
    if (list.length === 0) continue;
    repo.recordWorktreeDiff(b, list, await git.worktreeDiff(repo.info.root, b, list));
  }

  await ctx.pause();
  // Build file changes.
  // Per plan, its files, and those built now (the others are reused and have their commits).
  const pending: { plan: Plan; files: DriftFileChange[]; fresh: DriftFileChange[] }[] = [];
  const needLog = new Map<string, Set<string>>();
  for (const plan of plans) {
    if (!plan.baseline) {
      ctx.store(makeFinding(plan, 'unknown', [], plan.reason ?? l10n.t('no baseline'), repo.listingNotes(root)));
      continue;
    }
    const b = plan.baseline.commit!;
    const files: DriftFileChange[] = [];
    const fresh: DriftFileChange[] = [];
    const done = repo.committedMatches.get(b)?.get(plan.spec.path)?.files;
    const planMatches = matched.get(plan) ?? new Map<string, number[]>();
    const staged = repo.stagedMoves.get(b);
    for (const [matchedPath, hits] of planMatches) {
      // A tracked file renamed in the index: counted at its new path (once, when both match).
      const movedTo = staged?.get(matchedPath);
      if (movedTo !== undefined && planMatches.has(movedTo)) continue;
      const path = movedTo ?? matchedPath;
      const previous = repo.status.has(path) ? undefined : done?.get(path);
      if (previous) {
        files.push(previous);
        continue;
      }
      const change = await fileChange(ctx, repo, toRel, b, path, hits);
      if (!change) continue;
      if (isPureMove(change)) {
        // Same content under another path: the spec is still up to date; the note names the move.
        plan.notes.push(movedNote(change.previousPath ?? '', change.path));
        continue;
      }
      files.push(change);
      fresh.push(change);
      if (repo.committed.get(b)?.has(path)) repo.wantLog(needLog, b, path);
    }
    pending.push({ plan, files, fresh });
  }

  // Commits per drifted file: one log per baseline with drifted committed files (most were
  // asked for while the status was read).
  await earlyLogs;
  for (const plan of matched.keys()) {
    const cached = repo.committedMatches.get(plan.baseline!.commit!)?.get(plan.spec.path);
    if (cached && cached.key === keys.get(plan)) cached.logged = true;
  }
  await repo.readLogs(needLog);
  for (const { plan, files, fresh } of pending) {
    const b = plan.baseline!.commit!;
    const logged = repo.logs.get(b);
    const done = repo.committedMatches.get(b)?.get(plan.spec.path)?.files;
    for (const f of fresh) {
      if (!f.repoPath) continue;
      const d = repo.committed.get(b)?.get(f.repoPath);
      const own = logged?.get(f.repoPath) ?? [];
      const before = d?.from ? logged?.get(d.from) ?? [] : [];
      if (before.length === 0) f.commits = own; // one list of distinct commits: shared as it is
      else {
        const seen = new Set<string>();
        f.commits = [...own, ...before].filter((c) => (seen.has(c.sha) ? false : (seen.add(c.sha), true)));
      }
      if (done && !repo.status.has(f.repoPath)) done.set(f.repoPath, f);
    }
    ctx.store(makeFinding(plan, files.length > 0 ? 'drifted' : 'clean', files, undefined, repo.listingNotes(root)));
  }
}

/** One matched file's change since `baseline`; `toRel` makes a repository path project-relative. */
async function fileChange(
  ctx: GitCheckContext, repo: RepoSnapshot, toRel: (repoPath: string) => string | undefined, baseline: string, path: string, hits: number[],
): Promise<DriftFileChange | undefined> {
  const st = repo.status.get(path);
  const committed = repo.committed.get(baseline)?.get(path);
  const abs = joinPath(repo.info.root, path);
  const rel = toRel(path) ?? path;
  if (st?.index === '?') {
    const base = { path: rel, absPath: abs, repoPath: path, commits: [], matchedBy: hits };
    const counted = await countLines(ctx, abs);
    if (committed?.status === 'D') {
      return { ...base, change: 'modified', insertions: counted.lines, deletions: committed.deletions, binary: counted.binary || committed.binary, uncommitted: true };
    }
    return { ...base, change: 'added', insertions: counted.lines, deletions: 0, binary: counted.binary, uncommitted: true };
  }
  let delta: GitFileDelta | undefined;
  let uncommitted = false;
  if (st) {
    const wt = repo.worktree.get(baseline)?.get(path);
    if (wt === null || wt === undefined) return undefined; // dirty vs HEAD, but equal to the baseline
    delta = wt;
    uncommitted = true;
  } else {
    delta = committed;
  }
  if (!delta) return undefined;
  const previousPath = delta.from !== undefined ? toRel(delta.from) ?? delta.from : undefined;
  // Spelled out rather than spread from `base` (same keys, same order): this runs per drifted
  // file of every spec checked, and a spread with extra keys takes V8's slow path.
  return {
    path: rel, absPath: abs, repoPath: path, commits: [], matchedBy: hits, previousPath, previousRepoPath: delta.from, from: previousPath,
    change: changeKind(delta), insertions: delta.insertions, deletions: delta.deletions, binary: delta.binary, uncommitted,
    identical: delta.similarity === 100,
  };
}

async function countLines(ctx: GitCheckContext, abs: string): Promise<{ lines: number; binary: boolean }> {
  // Never the target of a link (it may be outside the project, or a device): git stores a
  // link as its target's path, one line.
  const stat = await ctx.fs.lstat(abs);
  if (stat?.isSymbolicLink) return { lines: 1, binary: false };
  if (!stat || !stat.isFile) return { lines: 0, binary: false };
  const max = ctx.maxCountBytes;
  if (stat.size > max) return { lines: 0, binary: true };
  if (ctx.fs.readFileUpTo) {
    const read = await ctx.fs.readFileUpTo(abs, max).catch(() => undefined);
    if (!read?.bytes) return { lines: 0, binary: !!read && !read.notFile };
    return countLinesOf(read.bytes);
  }
  return countLinesOf(await ctx.fs.readFile(abs).catch(() => new Uint8Array()));
}

async function resolveBaselines(ctx: GitCheckContext, repo: RepoSnapshot, plans: Plan[]): Promise<void> {
  const revs = new Set<string>();
  for (const p of plans) for (const r of revisionsOf(p.spec, ctx.membersOf(p.spec), p.ack)) revs.add(r);
  // Read beside the revisions' lookup instead of after it: the `chant(<id>):` commits, which a
  // spec listing no commit of its own needs, and what the committed diffs read next.
  if (plans.some((p) => !p.ack?.commit && listsNoCommit(p.spec))) repo.bySubject().catch(() => undefined);
  repo.baselinesAhead(plans.length);
  await repo.resolve(revs);
  const sources = {
    resolved: repo.resolved,
    shallow: repo.info.shallow,
    history: () => repo.history(),
    bySubject: () => repo.bySubject(),
  };
  for (const p of plans) {
    const choice = await chooseBaseline(p.spec, ctx.membersOf(p.spec), p.ack, sources);
    p.baseline = choice.baseline;
    p.reason = choice.reason;
    p.completedAtProblem = choice.completedAtProblem;
    p.notes.push(...choice.notes);
  }
}

/** What a plan's committed matches depend on besides the baseline: its root and patterns. */
function patternsKey(root: string, plan: Plan): string {
  return [root, ...plan.patterns.map((p) => p.value)].join('\0');
}

function sameNumbers(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, k) => x === b[k]);
}

/** A rename with nothing else changed: not drift. */
function isPureMove(f: DriftFileChange): boolean {
  return f.change === 'renamed' && (f.identical === true || (!f.binary && f.insertions === 0 && f.deletions === 0));
}

function changeKind(d: GitFileDelta): DriftChangeKind {
  switch (d.status) {
    case 'A':
    case 'C':
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
      return 'renamed';
    default:
      return 'modified';
  }
}
