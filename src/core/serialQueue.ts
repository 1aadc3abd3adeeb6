// Work that must not overlap (index batches, reads of run markers, lifecycle facts): one piece at
// a time, in the order queued, and a promise for when nothing is left.

export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  /**
   * `onError`: what a failed piece threw (the queue goes on with the next); `afterEach`: runs
   * after every piece, failed or not, before idle waiters are told.
   */
  constructor(private readonly onError: (e: unknown) => void, private readonly afterEach?: () => void) {}

  /** Something is queued or running. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /** Runs `work` after everything queued before it; resolves (never rejects) when it ended. */
  run(work: () => Promise<void>): Promise<void> {
    this.pending++;
    const run = this.tail.then(work).catch(this.onError).finally(() => {
      this.pending--;
      this.afterEach?.();
      if (this.pending === 0) for (const w of this.idleWaiters.splice(0)) w();
    });
    this.tail = run;
    return run;
  }

  /** Resolves when what is queued now has ended (what is queued later is not waited for). */
  queued(): Promise<void> {
    return this.tail;
  }

  /** Resolves when nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
