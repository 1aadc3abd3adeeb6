// The first-time marks the performance report reads, and the wait the first drift check does on
// the Spec Explorer's first rows (bounded: the view may never open).

import assert from 'node:assert/strict';
import { firstMarks, markFirst, waitOnlyWhile, whenMarked } from '../../src/vscode/firstMarks';

describe('first marks', () => {
  it('keeps the first time only', async () => {
    markFirst('test.once');
    const first = firstMarks()['test.once'];
    await new Promise((r) => setTimeout(r, 5));
    markFirst('test.once');
    assert.equal(firstMarks()['test.once'], first);
  });

  it('lets a waiter go when the mark comes, long before its limit', async () => {
    const t0 = Date.now();
    const waited = whenMarked('test.rows', 10_000);
    setTimeout(() => markFirst('test.rows'), 20);
    await waited;
    assert.ok(Date.now() - t0 < 5_000, `${Date.now() - t0} ms`);
    // Once marked, at once.
    let done = false;
    void whenMarked('test.rows', 10_000).then(() => (done = true));
    await Promise.resolve();
    assert.equal(done, true);
  });

  it('lets a waiter go at its limit when the mark never comes', async () => {
    const t0 = Date.now();
    await whenMarked('test.never', 50);
    assert.ok(Date.now() - t0 >= 45, `${Date.now() - t0} ms`);
    assert.equal('test.never' in firstMarks(), false);
  });

  it('does not wait while the mark cannot come soon (a closed view), and waits again once it can', async () => {
    let open = false;
    const undo = waitOnlyWhile('test.view', () => open);
    const t0 = Date.now();
    await whenMarked('test.view', 10_000);
    assert.ok(Date.now() - t0 < 1_000, `closed: ${Date.now() - t0} ms`);
    open = true;
    const started = Date.now();
    await whenMarked('test.view', 60);
    assert.ok(Date.now() - started >= 45, `open: waited ${Date.now() - started} ms`);
    undo();
    open = false;
    const again = Date.now();
    await whenMarked('test.view', 60);
    assert.ok(Date.now() - again >= 45, 'undone: waits as before');
  });
});
