// The benchmark's "tests module" in the real VS Code extension host (run by bench/run.mjs through
// tools/vscode/run-tests.mjs): waits for the extension's first index and first drift check,
// forces a garbage collection, and writes the extension's own performance report to
// CHANT_BENCH_OUT.
import * as vscode from 'vscode';
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ChantApi } from '../src/vscode/api';
import { FIRST_LINT_DONE } from '../src/vscode/firstMarks';

function directoriesUnder(dir: string): number {
  let n = 1;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) n += directoriesUnder(path.join(dir, e.name));
  return n;
}

const started = Date.now();
const step = (what: string) => console.log(`[host-probe +${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);

export async function run(): Promise<void> {
  const out = process.env.CHANT_BENCH_OUT;
  if (!out) throw new Error('CHANT_BENCH_OUT is not set');
  // A CPU profile of the extension host from here until the first drift check is done, when
  // asked for (CHANT_BENCH_HOST_PROFILE=file.cpuprofile): where the host's time goes.
  const profile = process.env.CHANT_BENCH_HOST_PROFILE ? await startProfile() : undefined;
  const api = (await vscode.extensions.getExtension<ChantApi>('chant-specs.chant-specs')!.activate());
  await api.whenIndexed();
  step('indexed');
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
  if (profile) fs.writeFileSync(process.env.CHANT_BENCH_HOST_PROFILE!, JSON.stringify(await profile.stop()));
  await settle();
  step('drift checked');
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
  // The Spec Explorer's rows, when the benchmark opened the view (bench/ui-timeline.mjs): wait for
  // the explorer to answer with them, then long enough for the workbench to draw them.
  let marks = api.performance().marks;
  // The first lint of every spec (it follows the first drift check).
  for (const until = Date.now() + 10_000; marks[FIRST_LINT_DONE] === undefined && Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 100));
    marks = api.performance().marks;
  }
  if (process.env.CHANT_BENCH_ROWS) {
    for (const until = Date.now() + 30_000; marks['explorer.rows'] === undefined && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 100));
      marks = api.performance().marks;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  const graph = process.env.CHANT_BENCH_GRAPH ? await graphOpened(api) : undefined;
  fs.writeFileSync(out, JSON.stringify({
    activateMs: report.activateMs, indexMs: report.indexMs, maxStallMs: report.maxStallMs, driftMs: report.driftMs, specs: report.specs,
    heapUsed: report.memory.heapUsed, rss: report.memory.rss, inotifyWatches: watches, chantDirectories,
    activationStartedAt: report.activationStartedAt, indexReadyAt: report.indexReadyAt, marks, graph,
  }, null, 2));
}

async function startProfile(): Promise<{ stop(): Promise<unknown> }> {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/**
 * A webview that does nothing but say it loaded: what opening any webview panel costs in this
 * host and workbench (the floor of the graph's opening).
 */
async function bareWebview(): Promise<number> {
  const t0 = Date.now();
  const panel = vscode.window.createWebviewPanel('chantBench.bare', 'Bench', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
  const nonce = Math.random().toString(36).slice(2);
  const loaded = new Promise<void>((resolve) => panel.webview.onDidReceiveMessage(() => resolve()));
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';"></head>`
    + `<body>bench<script nonce="${nonce}">acquireVsCodeApi().postMessage('loaded');</script></body></html>`;
  await loaded;
  const ms = Date.now() - t0;
  panel.dispose();
  return ms;
}

/** Opens the spec graph as the command does, twice (cold, then again), each next to a bare webview. */
async function graphOpened(api: ChantApi) {
  if (!api.showGraph) throw new Error('the extension has no showGraph() in its API');
  // The first webview of a session loads its page at once; every later one waits ~1 s for the
  // webview host's service worker in this web workbench (each webview registers its own worker
  // URL in one shared scope). One webview opened and closed first puts the floor and the graph
  // in the same condition.
  await bareWebview();
  const rounds = [];
  for (let k = 0; k < 2; k++) {
    const bareMs = await bareWebview();
    step(`bare webview ${bareMs} ms`);
    const t0 = Date.now();
    const handle = await api.showGraph();
    const openMs = Date.now() - t0;
    const opened = handle.report;
    step(`graph opened ${openMs} ms, ${opened.nodeCount} nodes`);
    // The whole project, as the toolbar's choice draws it (the default view of a big project is a neighbourhood).
    const t1 = Date.now();
    // The panel gives up waiting for a render after 15 s: then the figure is that lower bound.
    const whole = await handle.setOptions({ mode: 'project' }).catch((e: unknown) => ({ nodeCount: -1, notices: [], error: e instanceof Error ? e.message : String(e) }));
    const wholeMs = Date.now() - t1;
    step(`whole project ${wholeMs} ms, ${whole.nodeCount} nodes`);
    rounds.push({
      bareMs, openMs, nodes: opened.nodeCount, graphNodes: opened.graphNodes, error: opened.error, notices: opened.notices, timings: opened.timings, reused: opened.reused,
      wholeTimings: 'timings' in whole ? whole.timings : undefined, wholeReused: 'reused' in whole && whole.reused,
      wholeMs, wholeNodes: whole.nodeCount, wholeNotices: whole.notices, wholeError: 'error' in whole ? whole.error : undefined,
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await new Promise((r) => setTimeout(r, 500));
  }
  return rounds;
}
