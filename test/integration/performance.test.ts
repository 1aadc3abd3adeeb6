// The extension's own performance report, read where it runs (the real extension host): it
// matches the index, and the index's watcher holds one inotify watch per .chant folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { chantApi, waitFor, workspaceRoot } from './helpers';

function foldersUnder(dir: string): number {
  let n = 1;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) n += foldersUnder(path.join(dir, e.name));
  return n;
}

describe('performance report', () => {
  it('reports activation, the first index, memory and the watches of the index', async () => {
    const api = await chantApi();
    assert.ok(api.performance, 'API lacks performance()');
    const report = await waitFor('the stall figure after the first index', () => {
      const r = api.performance!();
      return r.maxStallMs !== undefined && r;
    });
    assert.equal(report.specs, api.specs().length);
    assert.ok(report.specs > 0);
    assert.ok(report.activateMs >= 0 && report.activateMs < 5000, `activateMs ${report.activateMs}`);
    assert.ok(report.indexMs !== undefined && report.indexMs >= report.activateMs, `indexMs ${report.indexMs}`);
    assert.ok(report.memory.heapUsed > 0);
    const chant = path.join(workspaceRoot(), '.chant').replace(/\\/g, '/');
    assert.deepEqual(report.watchedRoots, [chant]);
    if (process.platform === 'linux') {
      // Watches appear once the watcher has walked the folders; VS Code itself holds a few.
      const folders = foldersUnder(chant);
      const watches = await waitFor('one watch per .chant folder', () => {
        const n = api.performance!().inotifyWatches ?? 0;
        return n >= folders && n;
      });
      assert.ok(watches <= folders + 16, `${watches} inotify watches for ${folders} folders under .chant/`);
    }
  });

  it('gives wall-clock marks: activation, the first index, and the Spec Explorer\'s first rows', async () => {
    const api = await chantApi();
    await api.whenIndexed();
    const report = api.performance!();
    // The same clock as Date.now() (the benchmark compares them with what the workbench drew).
    assert.ok(Math.abs(report.activationStartedAt - Date.now()) < 30 * 60_000, `activationStartedAt ${report.activationStartedAt}`);
    assert.ok(report.indexReadyAt !== undefined && report.indexMs !== undefined);
    assert.ok(Math.abs(report.indexReadyAt - (report.activationStartedAt + report.indexMs)) < 5, 'indexReadyAt is activation + indexMs');
    await vscode.commands.executeCommand('chantSpecs.explorer.focus');
    const rows = await waitFor('the explorer answering with its rows', () => api.performance!().marks['explorer.rows']);
    // (Within a few milliseconds: the index's promise settles a turn after the index is idle.)
    assert.ok(rows >= report.indexReadyAt - 50 && rows <= Date.now(), `rows marked at ${rows}, index ready at ${report.indexReadyAt}`);
    // Then the workbench's answer to a setContext sent after them: the rows reached it (what the
    // first lint and drift check wait for).
    const received = await waitFor('the workbench taking the rows', () => api.performance!().marks['explorer.rowsReceived']);
    assert.ok(received >= rows, `rows received at ${received}, answered at ${rows}`);
    // The first answer is kept: asking again does not move the mark.
    await vscode.commands.executeCommand('chantSpecs.refresh');
    assert.equal(api.performance!().marks['explorer.rows'], rows);
  });
});
