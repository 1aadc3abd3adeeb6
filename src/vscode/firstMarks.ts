// When something the user waits for first happened (the Spec Explorer's progress row, its first
// rows), for the performance report, and a way for work that can wait to let it happen first.
// Node's performance clock only: any feature can mark, and any service can wait, without an import cycle.

import { performance } from 'node:perf_hooks';

const marks: Record<string, number> = {};
const markWaiters = new Map<string, (() => void)[]>();
/** Per mark, whether it can come soon (a closed view answers nothing): no wait when it cannot. */
const worthWaiting = new Map<string, () => boolean>();

/** Work waits for `name` only while `now()` says it can come soon; returns the undo. */
export function waitOnlyWhile(name: string, now: () => boolean): () => void {
  worthWaiting.set(name, now);
  return () => {
    if (worthWaiting.get(name) === now) worthWaiting.delete(name);
  };
}

/**
 * Records when something the user waits for first happened (wall-clock ms, comparable with the
 * workbench's clock); later calls with the same name are ignored. Cheap: views call it as they answer.
 */
export function markFirst(name: string): void {
  if (name in marks) return;
  marks[name] = performance.timeOrigin + performance.now();
  for (const resolve of markWaiters.get(name) ?? []) resolve();
  markWaiters.delete(name);
}

/**
 * Resolves once `name` is marked, or after `maxWaitMs` (the view may not be open at all): work
 * that can wait (the first drift check and its git processes) lets the user's first view answer
 * before it competes with it for the host and the cores.
 */
export function whenMarked(name: string, maxWaitMs: number): Promise<void> {
  if (name in marks || worthWaiting.get(name)?.() === false) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    const list = markWaiters.get(name) ?? [];
    list.push(() => {
      clearTimeout(timer);
      resolve();
    });
    markWaiters.set(name, list);
  });
}

/**
 * When the Spec Explorer's first rows reached the workbench and had time to be drawn (marked by
 * the explorer, see SpecTreeProvider.markRows). Work that can wait (the first drift check, the
 * first full lint) waits for it, one second at most, and only while the view can answer.
 */
export const FIRST_ROWS_SETTLED = 'explorer.rowsSettled';

/** Resolves once the first rows settled (FIRST_ROWS_SETTLED), or after a second. */
export function afterFirstRows(): Promise<void> {
  return whenMarked(FIRST_ROWS_SETTLED, 1000);
}

/**
 * When the first drift check was done (or failed). The first lint of every spec waits for it, two
 * seconds at most: run side by side in the one thread of the extension host, each took about as
 * long as both in turn, so the drift warnings came a second later and the Problems panel no sooner.
 */
export const FIRST_DRIFT_CHECKED = 'drift.firstChecked';

/** Resolves once the first drift check is done (FIRST_DRIFT_CHECKED), or after two seconds. */
export function afterFirstDriftCheck(): Promise<void> {
  return whenMarked(FIRST_DRIFT_CHECKED, 2000);
}

/** When the first lint of every spec began to wait for the first drift check: for the performance report. */
export const FIRST_LINT_WAITING = 'lint.waitingForDrift';

/** When the first lint of every spec was done: for the performance report. */
export const FIRST_LINT_DONE = 'lint.firstPass';

/** Every mark so far (wall-clock ms). */
export function firstMarks(): Record<string, number> {
  return { ...marks };
}
