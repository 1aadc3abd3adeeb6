// Coalesces bursts of file events into one batch: a `git checkout` touching 500 specs is one
// re-index, not 500. Waits `quietMs` after the last event, but never more than `maxWaitMs`.

import type { FileChange } from './ports';

export class ChangeBatcher {
  private pending = new Map<string, FileChange>();
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private maxTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flush: (changes: FileChange[]) => void,
    private readonly quietMs = 60,
    private readonly maxWaitMs = 400,
  ) {}

  push(change: FileChange): void {
    const previous = this.pending.get(change.path);
    // created then deleted within one batch is still a deletion to report; deleted then created is a change.
    const kind = previous?.kind === 'deleted' && change.kind === 'created' ? 'changed' : change.kind;
    this.pending.set(change.path, { kind, path: change.path });
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.fire(), this.quietMs);
    if (!this.maxTimer) this.maxTimer = setTimeout(() => this.fire(), this.maxWaitMs);
  }

  /** Delivers what is pending now. */
  fire(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    if (this.maxTimer) clearTimeout(this.maxTimer);
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
    if (this.quietTimer) clearTimeout(this.quietTimer);
    if (this.maxTimer) clearTimeout(this.maxTimer);
    this.pending.clear();
  }
}
