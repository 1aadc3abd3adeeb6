import assert from 'node:assert/strict';
import { SerialQueue } from '../../src/core/serialQueue';

describe('SerialQueue', () => {
  it('runs one piece at a time in order, goes on after a failure, and says when it is idle', async () => {
    const log: string[] = [];
    const errors: unknown[] = [];
    let after = 0;
    const queue = new SerialQueue((e) => errors.push(e), () => after++);
    const piece = (name: string, ms: number, fail = false) => queue.run(async () => {
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name} end`);
      if (fail) throw new Error(name);
    });
    assert.equal(queue.busy, false);
    void piece('a', 20, true);
    const b = piece('b', 1);
    const upToB = queue.queued();
    assert.equal(queue.busy, true);
    const idle = queue.whenIdle();
    void piece('c', 5);
    await b;
    await upToB;
    assert.deepEqual(log.slice(0, 4), ['a start', 'a end', 'b start', 'b end']);
    assert.ok(!log.includes('c end'), 'queued() waits for what was queued before it only');
    await idle;
    assert.deepEqual(log.slice(4), ['c start', 'c end']);
    assert.equal(queue.busy, false);
    assert.deepEqual(errors.map((e) => (e as Error).message), ['a']);
    assert.equal(after, 3);
    await queue.whenIdle();
  });
});
