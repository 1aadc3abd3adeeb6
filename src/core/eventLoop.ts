// Long work in the extension host (index builds, drift checks, lookups) pauses now and then so
// other events run. One way to pause, for every caller.

/**
 * Resolves on a later turn of the event loop: after I/O callbacks (`setImmediate`) where the
 * host has it, else after a zero timer.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
