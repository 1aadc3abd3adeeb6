// The benchmark's "tests module" in the real VS Code extension host (run by bench/run.mjs through
// tools/vscode/run-tests.mjs): waits for the extension's first index and first drift check,
// forces a garbage collection, and writes the extension's own performance report to
// CHANT_BENCH_OUT.
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ChantApi } from '../src/vscode/api';

function directoriesUnder(dir: string): number {
  let n = 1;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) n += directoriesUnder(path.join(dir, e.name));
  return n;
}

export async function run(): Promise<void> {
  const out = process.env.CHANT_BENCH_OUT;
  if (!out) throw new Error('CHANT_BENCH_OUT is not set');
  const api = (await vscode.extensions.getExtension<ChantApi>('chant-specs.chant-specs')!.activate());
  await api.whenIndexed();
  if (!api.performance) throw new Error('the extension has no performance() in its API');
  // The stall figure is final shortly after the index (see src/vscode/performance.ts), the drift
  // figure when the first drift check is done: both are waited for before the forced collections
  // below, which stall the host themselves (~80 ms for this heap).
  const settled = async (figure: 'maxStallMs' | 'driftMs') => {
    for (const until = Date.now() + 5000; api.performance!()[figure] === undefined && Date.now() < until;) await new Promise((r) => setTimeout(r, 50));
  };
  await settled('maxStallMs');
  if (api.whenDriftChecked) {
    await api.whenDriftChecked();
    await settled('driftMs');
  }
  // The host runs without --expose-gc; this turns it on for this process only.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await settle();
  const report = api.performance();
  // The watcher starts after the index; give it the time a user would not notice.
  const deadline = Date.now() + 10_000;
  let watches = report.inotifyWatches;
  for (let last = -1; watches !== last && Date.now() < deadline;) {
    last = watches ?? 0;
    await new Promise((r) => setTimeout(r, 500));
    watches = api.performance().inotifyWatches;
  }
  const chantDirectories = report.watchedRoots.reduce((n, root) => n + (fs.existsSync(root) ? directoriesUnder(root) : 0), 0);
  fs.writeFileSync(out, JSON.stringify({
    activateMs: report.activateMs, indexMs: report.indexMs, maxStallMs: report.maxStallMs, driftMs: report.driftMs, specs: report.specs,
    heapUsed: report.memory.heapUsed, rss: report.memory.rss, inotifyWatches: watches, chantDirectories,
  }, null, 2));
}
