// The change batcher: bursts coalesce into one batch per path, delivered after a quiet period
// but never later than the maximum wait. Driven by a fake clock, so no test sleeps.

import assert from 'node:assert/strict';
import { ChangeBatcher, type Timers } from '../../src/core/batcher';
import type { FileChange } from '../../src/core/ports';

/** A manual clock: timers run only when the test advances time. */
class FakeClock implements Timers {
  now = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Advances time, running due timers in order (each at its own time). */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = end;
  }

  get pending(): number {
    return this.timers.size;
  }
}

function setup(quietMs = 60, maxWaitMs = 400) {
  const clock = new FakeClock();
  const batches: { at: number; changes: FileChange[] }[] = [];
  const batcher = new ChangeBatcher((changes) => batches.push({ at: clock.now, changes }), quietMs, maxWaitMs, clock);
  return { clock, batches, batcher };
}

const created = (path: string): FileChange => ({ kind: 'created', path });
const changed = (path: string): FileChange => ({ kind: 'changed', path });
const deleted = (path: string): FileChange => ({ kind: 'deleted', path });

describe('ChangeBatcher', () => {
  it('delivers one batch, one entry per path, after the quiet period', () => {
    const { clock, batches, batcher } = setup();
    batcher.push(changed('/a'));
    batcher.push(changed('/b'));
    batcher.push(changed('/a'));
    assert.equal(batcher.hasPending, true);
    clock.advance(59);
    assert.equal(batches.length, 0);
    clock.advance(1);
    assert.deepEqual(batches, [{ at: 60, changes: [changed('/a'), changed('/b')] }]);
    assert.equal(batcher.hasPending, false);
    assert.equal(clock.pending, 0, 'no timer left behind');
  });

  it('each event restarts the quiet period', () => {
    const { clock, batches, batcher } = setup();
    batcher.push(changed('/a'));
    clock.advance(50);
    batcher.push(changed('/b'));
    clock.advance(50);
    assert.equal(batches.length, 0);
    clock.advance(10);
    assert.equal(batches.length, 1);
    assert.equal(batches[0].at, 110);
  });

  it('a never-ending stream is still delivered every max wait', () => {
    const { clock, batches, batcher } = setup(60, 400);
    for (let t = 0; t < 1000; t += 20) {
      batcher.push(changed(`/f${t}`));
      clock.advance(20);
    }
    assert.deepEqual(batches.map((b) => b.at), [400, 800]);
    assert.equal(batches[0].changes.length, 20);
    clock.advance(60);
    assert.deepEqual(batches.map((b) => b.at), [400, 800, 1040]); // 60 ms after the last event at 980
    assert.equal(batches.reduce((n, b) => n + b.changes.length, 0), 50, 'nothing lost or duplicated');
  });

  it('a burst of 500 changes is one batch', () => {
    const { clock, batches, batcher } = setup();
    for (let i = 0; i < 500; i++) batcher.push(created(`/s/${i}.md`));
    clock.advance(60);
    assert.equal(batches.length, 1);
    assert.equal(batches[0].changes.length, 500);
  });

  it('merges kinds per path: the last event wins, except deleted then created is a change', () => {
    const { clock, batches, batcher } = setup();
    batcher.push(created('/new-then-gone'));
    batcher.push(deleted('/new-then-gone'));
    batcher.push(deleted('/replaced'));
    batcher.push(created('/replaced'));
    batcher.push(changed('/edited-then-gone'));
    batcher.push(deleted('/edited-then-gone'));
    clock.advance(60);
    assert.deepEqual(batches[0].changes, [deleted('/new-then-gone'), changed('/replaced'), deleted('/edited-then-gone')]);
  });

  it('fire() delivers now; with nothing pending it delivers nothing', () => {
    const { clock, batches, batcher } = setup();
    batcher.fire();
    assert.equal(batches.length, 0);
    batcher.push(changed('/a'));
    batcher.fire();
    assert.equal(batches.length, 1);
    assert.equal(clock.pending, 0);
    clock.advance(1000);
    assert.equal(batches.length, 1);
  });

  it('after a delivery the next event starts a fresh max-wait window', () => {
    const { clock, batches, batcher } = setup(60, 400);
    batcher.push(changed('/a'));
    clock.advance(60);
    clock.advance(500);
    batcher.push(changed('/b'));
    clock.advance(60);
    assert.deepEqual(batches.map((b) => b.at), [60, 620]);
  });

  it('dispose() drops pending changes and timers', () => {
    const { clock, batches, batcher } = setup();
    batcher.push(changed('/a'));
    batcher.dispose();
    assert.equal(batcher.hasPending, false);
    assert.equal(clock.pending, 0);
    clock.advance(1000);
    assert.equal(batches.length, 0);
  });

  it('works with the real timers by default', async () => {
    const delivered = new Promise<FileChange[]>((resolve) => {
      const batcher = new ChangeBatcher(resolve, 5, 50);
      batcher.push(changed('/a'));
      batcher.push(changed('/a'));
    });
    assert.deepEqual(await delivered, [changed('/a')]);
  });
});
