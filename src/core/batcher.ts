// Coalesces bursts of file events into one batch: a `git checkout` touching 500 specs is one
// re-index, not 500. Waits `quietMs` after the last event, but never more than `maxWaitMs`.

import type { FileChange } from './ports';

/** The timer functions the batcher uses; tests pass a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ChangeBatcher {
  private pending = new Map<string, FileChange>();
  private quietTimer: unknown;
  private maxTimer: unknown;

  constructor(
    private readonly flush: (changes: FileChange[]) => void,
    private readonly quietMs = 60,
    private readonly maxWaitMs = 400,
    private readonly timers: Timers = realTimers,
  ) {}

  push(change: FileChange): void {
    const previous = this.pending.get(change.path);
    // created then deleted within one batch is still a deletion to report; deleted then created is a change.
    const kind = previous?.kind === 'deleted' && change.kind === 'created' ? 'changed' : change.kind;
    this.pending.set(change.path, { kind, path: change.path });
    if (this.quietTimer) this.timers.clearTimeout(this.quietTimer);
    this.quietTimer = this.timers.setTimeout(() => this.fire(), this.quietMs);
    if (!this.maxTimer) this.maxTimer = this.timers.setTimeout(() => this.fire(), this.maxWaitMs);
  }

  /** Delivers what is pending now. */
  fire(): void {
    if (this.quietTimer) this.timers.clearTimeout(this.quietTimer);
    if (this.maxTimer) this.timers.clearTimeout(this.maxTimer);
    this.quietTimer = this.maxTimer = undefined;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flush(batch);
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  dispose(): void {
    if (this.quietTimer) this.timers.clearTimeout(this.quietTimer);
    if (this.maxTimer) this.timers.clearTimeout(this.maxTimer);
    this.pending.clear();
  }
}
