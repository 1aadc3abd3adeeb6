// "Re-run" for a drifted spec: the exact chant command line that re-runs a spec in its current
// state, worked out from what the CLI accepts (chant-format.md §4, §6):
//
//  - `chant work ID` refuses a completed spec ("Cannot work on completed spec"). With
//    `--skip-deps`/`--skip-criteria` it gets past that check and then fails on the status change:
//    `set_status(InProgress)` goes through the state machine, where completed → in_progress is
//    invalid. `chant reset ID` only accepts failed or in_progress specs, so the usual
//    `chant reset ID && chant work ID` stops at the reset.
//  - The only transition out of `completed` is completed → pending, and no chant command makes
//    it. So for a completed spec the extension first sets `status: pending` in the file (a
//    one-word edit the user confirms, leaving every other line alone), then runs `chant work ID`.
//    The same holds for `cancelled` (work refuses it; cancelled → pending is valid) and for a
//    raw `ready` (every transition out of `ready` is invalid).
//  - failed, needs_attention, paused, pending and blocked: `chant work ID` accepts them as they
//    are (`chant reset` would also delete the `chant/ID` branch with the previous commits).
//  - in_progress: refused (already running).
//  - A driver (type driver/group, or any spec with members) is run by chant as a chain of its
//    members, never by itself: re-run the drifted members instead.

import * as l10n from '@vscode/l10n';
import { isSafeId } from '../ids';
import type { TextRange } from '../model';

export interface RerunInput {
  id: string;
  /** The `status:` value as written. */
  rawStatus: string;
  type: string;
  loadable: boolean;
  /** The spec has prefix-members (chant treats it as a driver). */
  hasMembers: boolean;
  /** Directory holding `.chant/` (chant never walks up, so it must run there). */
  root: string;
}

export interface RerunOptions {
  /** The chant executable (the `chantSpecs.cli.path` setting, or `chant`). */
  cli: string;
  /** Extra arguments for `chant work` (the `chantSpecs.work.extraArgs` setting). */
  workArgs: readonly string[];
}

export interface RerunPlan {
  /** Set `status: pending` in the spec before running (chant has no command for it). */
  setPendingFirst: boolean;
  command: string;
  args: string[];
  cwd: string;
  /** The command line as shown to the user (display only; it is never given to a shell). */
  display: string;
  /** One sentence on why this is the command. */
  why: string;
}

export type RerunResult = { ok: true; plan: RerunPlan } | { ok: false; reason: string };

const NEEDS_PENDING = new Set(['completed', 'cancelled', 'ready']);
const WORKS_AS_IS = new Set(['failed', 'needs_attention', 'paused', 'pending', 'blocked']);

export function rerunPlan(spec: RerunInput, options: RerunOptions): RerunResult {
  if (!isSafeId(spec.id)) return { ok: false, reason: l10n.t('The spec ID `{0}` cannot be passed safely on a command line.', spec.id) };
  if (!spec.loadable) return { ok: false, reason: l10n.t('chant cannot load this spec (see its problems), so it cannot run it.') };
  if (spec.type === 'driver' || spec.type === 'group' || spec.hasMembers) {
    return { ok: false, reason: l10n.t('chant runs a driver as a chain of its members, never by itself: re-run the drifted members instead.') };
  }
  if (spec.rawStatus === 'in_progress') return { ok: false, reason: l10n.t('The spec is already in progress.') };
  const setPendingFirst = NEEDS_PENDING.has(spec.rawStatus);
  if (!setPendingFirst && !WORKS_AS_IS.has(spec.rawStatus)) {
    return { ok: false, reason: l10n.t('chant does not know the status `{0}`.', spec.rawStatus) };
  }
  const command = options.cli.trim() || 'chant';
  const args = ['work', spec.id, ...options.workArgs];
  const why = setPendingFirst
    ? l10n.t('chant has no command that re-opens a {0} spec (`chant work` refuses it and `chant reset` only takes failed or in-progress specs), so the status is set to pending first.', spec.rawStatus)
    : l10n.t('`chant work` accepts a {0} spec as it is.', spec.rawStatus.replace('_', ' '));
  return { ok: true, plan: { setPendingFirst, command, args, cwd: spec.root, display: displayCommand(command, args), why } };
}

/** A readable command line with POSIX-style quoting where needed (for messages only). */
export function displayCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[A-Za-z0-9_./:=@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * The edit that sets `status: pending` on the `status:` line of the frontmatter (the key's range
 * from the parser): the value only, quotes and a trailing comment left as they are.
 */
export function pendingStatusEdit(lineText: string, keyRange: TextRange): { line: number; start: number; end: number; newText: string } | undefined {
  const afterKey = keyRange.end.character;
  const rest = lineText.slice(afterKey);
  const m = /^(\s*:\s*)(["']?)([A-Za-z_]*)\2/.exec(rest);
  if (!m) return undefined;
  const start = afterKey + m[1].length + m[2].length;
  return { line: keyRange.start.line, start, end: start + m[3].length, newText: 'pending' };
}
