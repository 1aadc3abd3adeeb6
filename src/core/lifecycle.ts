// Which lifecycle actions chant accepts for a spec, and their exact argv: merge, review, approve,
// reject, reset, cancel, archive, show log. Checked against chant 0.23.2 (test/integration/
// lifecycle.test.ts runs each with the real CLI):
//  - `chant work ID` leaves a completed spec's work on branch `chant/ID`, unmerged: "awaiting
//    merge"; `chant merge ID` merges it (chant's merge driver settles the spec file).
//  - `chant approve ID --by NAME` / `chant reject ID --by NAME --reason TEXT` on a spec with
//    `approval.required` and approval status pending; both commit.
//  - `chant reset ID`: failed, or in_progress with no live process (chant refuses a running one).
//  - `chant cancel ID`: refused for completed (completed → cancelled is invalid) and cancelled.
//  - `chant archive ID`: completed specs; refused while the branch is unmerged (`--force` overrides).
//  - `chant log ID [--no-follow]` prints `.chant/logs/ID.log` as it is (following it while the
//    spec runs), for any spec: without the file it says there is none yet. The extension reads
//    the file itself (src/core/logFollow.ts), with no process, so Show Log has no argv here.
// Pure: the facts about git (unmerged branches) and files (the log) come in as arguments.

import { isSafeId } from './ids';
import type { Spec } from './model';
import { joinPath } from './paths';

export type LifecycleAction = 'merge' | 'review' | 'approve' | 'reject' | 'reset' | 'cancel' | 'archive' | 'log';

export const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = ['merge', 'review', 'approve', 'reject', 'reset', 'cancel', 'archive', 'log'];

/** What is known about a spec beyond its file. */
export interface LifecycleFacts {
  /** The spec's branch `chant/ID` exists and is not merged into the main branch. */
  unmergedBranch: boolean;
  /** `.chant/logs/ID.log` exists. */
  hasLog: boolean;
  /** A chant process works it now (lock/pid alive or one of our tasks). */
  running: boolean;
}

/**
 * The spec's file in the worktree chant works it in: chant 0.23.2 puts worktrees at
 * `/tmp/chant-<project name>-<ID>` (a fixed `/tmp`, whatever TMPDIR says; the name is the
 * folder's by default, spaces and all). Undefined when the name from `config.md` would make
 * that more than one folder in `/tmp` (`/../../home/u/p` would point the read elsewhere).
 */
export function worktreeSpecPath(projectName: string, id: string): string | undefined {
  if (projectName === '' || /[/\\\0-\x1f\x7f]/.test(projectName) || !isSafeId(id)) return undefined;
  return `/tmp/chant-${projectName}-${id}/.chant/specs/${id}.md`;
}

/** The log chant writes while it works a spec (undefined for an ID that is not a plain chant ID). */
export function specLogPath(root: string, id: string): string | undefined {
  return isSafeId(id) ? joinPath(root, '.chant', 'logs', `${id}.log`) : undefined;
}

/** The branch chant works a spec on. */
export function specBranch(id: string): string {
  return `chant/${id}`;
}

/**
 * The branch chant reads an in-progress spec from: the spec's `branch:` when it names a plain
 * ref, else `chant/ID`. chant 0.23.2 (`list`, `list --ready`/`--status`, `show`, `export`) shows
 * a spec whose working-tree file says `status: in_progress` as committed at that branch's tip,
 * whole (status, title, criteria, labels, dependencies), and falls back to the working-tree file
 * when the branch, the file on it, or a loadable copy is missing; `lint` reads the working tree.
 */
export function runBranchOf(spec: Pick<Spec, 'id' | 'branch'>): string | undefined {
  const branch = spec.branch ?? specBranch(spec.id);
  // A ref git reads as a branch name, never an option or a revision expression.
  return /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}$/.test(branch) && !/\.\.|\/\/|\.lock$|\/$|\.$/.test(branch) ? branch : undefined;
}

/** A completed spec whose work waits on its unmerged branch. */
export function awaitingMerge(spec: Pick<Spec, 'status' | 'archived'>, facts: Pick<LifecycleFacts, 'unmergedBranch'>): boolean {
  return !spec.archived && spec.status === 'completed' && facts.unmergedBranch;
}

/** The actions chant would accept for `spec` now, in menu order. */
export function lifecycleActions(spec: Pick<Spec, 'id' | 'status' | 'archived' | 'loadable' | 'approval'>, facts: LifecycleFacts): LifecycleAction[] {
  if (!isSafeId(spec.id) || !spec.loadable) return [];
  const out: LifecycleAction[] = [];
  if (spec.archived) return facts.hasLog ? ['log'] : [];
  if (awaitingMerge(spec, facts) && !facts.running) out.push('merge', 'review');
  if (spec.approval?.required && spec.approval.status === 'pending' && !facts.running) out.push('approve', 'reject');
  if (spec.status === 'failed' || (spec.status === 'in_progress' && !facts.running)) out.push('reset');
  if (spec.status !== 'completed' && spec.status !== 'cancelled' && !facts.running) out.push('cancel');
  if (spec.status === 'completed' && !facts.unmergedBranch) out.push('archive');
  // While it runs, before chant has written a line: the view waits for the file.
  if (facts.hasLog || facts.running) out.push('log');
  return out;
}

/** Extra input an action needs from the user. */
export interface ActionInput {
  /** approve/reject: who (chant checks it against the repository's committers). */
  by?: string;
  /** reject: why. */
  reason?: string;
}

/**
 * The argv (after the program) of an action, or an error message. Texts from the user are single
 * arguments of their own; an empty or multi-line name and an empty reason are refused.
 */
export function lifecycleArgs(action: Exclude<LifecycleAction, 'review' | 'log'>, id: string, input: ActionInput = {}): string[] | { error: string } {
  if (!isSafeId(id)) return { error: `Refusing spec ID ${JSON.stringify(id)}: not a plain chant ID.` };
  const by = input.by?.trim() ?? '';
  switch (action) {
    case 'merge':
      return ['merge', id];
    case 'approve':
      if (!by || /[\r\n]/.test(by)) return { error: 'A name is required (chant records who approved).' };
      return ['approve', id, '--by', by];
    case 'reject': {
      const reason = input.reason?.trim() ?? '';
      if (!by || /[\r\n]/.test(by)) return { error: 'A name is required (chant records who rejected).' };
      if (!reason) return { error: 'A reason is required.' };
      return ['reject', id, '--by', by, '--reason', reason];
    }
    case 'reset':
      return ['reset', id];
    case 'cancel':
      return ['cancel', id];
    case 'archive':
      return ['archive', id];
  }
}

/** Parses `git branch --list 'chant/*' --no-merged MAIN --format=%(refname:short)` into spec IDs. */
export function unmergedSpecIds(gitOutput: string): Set<string> {
  const out = new Set<string>();
  for (const line of gitOutput.split(/\r?\n/)) {
    const name = line.trim();
    if (name.startsWith('chant/') && isSafeId(name.slice(6))) out.add(name.slice(6));
  }
  return out;
}
