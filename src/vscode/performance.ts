// The extension's own cost, measured where it runs: how long activation took (activate() must
// return at once; indexing runs in the background), when the first index was ready, the longest
// stall of the extension host's event loop meanwhile, memory, and the inotify watches the host
// holds. Exposed through the API for the benchmark (bench/host-probe.ts) and logged once.
import * as vscode from 'vscode';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { ChantContext } from './context';
import { inotifyWatchCount } from '../node/inotify';

// Event-loop stalls are watched from the start of activate(): what the host runs before it (VS
// Code loading other extensions) is not this extension's doing.
const stalls = monitorEventLoopDelay({ resolution: 10 });
let activationStart = performance.now();

/** Call first in activate(). */
export function markActivationStart(): void {
  activationStart = performance.now();
  stalls.enable();
}

const marks: Record<string, number> = {};

/**
 * Records when something the user waits for first happened (wall-clock ms, comparable with the
 * workbench's clock); later calls with the same name are ignored. Cheap: views call it as they answer.
 */
export function markFirst(name: string): void {
  if (!(name in marks)) marks[name] = performance.timeOrigin + performance.now();
}

export interface PerformanceReport {
  /** Time inside activate() (this feature is registered last). */
  activateMs: number;
  /** From the start of activate() until the first index was built; undefined while indexing. */
  indexMs?: number;
  /** Longest event-loop delay from the start of activate() until the first index was built. */
  maxStallMs?: number;
  /** From the start of activate() until the first drift check was done; undefined before. */
  driftMs?: number;
  specs: number;
  projects: number;
  /** The `.chant/` folders the index watches. */
  watchedRoots: string[];
  memory: NodeJS.MemoryUsage;
  /** inotify watches held by the extension host process (Linux only). */
  inotifyWatches?: number;
  /** Wall-clock ms (Date.now() scale) when activate() started, and of the first index. */
  activationStartedAt: number;
  indexReadyAt?: number;
  /** Wall-clock ms of the first time each mark was reached (see markFirst). */
  marks: Record<string, number>;
}

/** Register last: the time it is called is the end of activation. */
export function registerPerformance(ctx: ChantContext): vscode.Disposable {
  const activateMs = performance.now() - activationStart;
  let indexMs: number | undefined;
  let indexReadyAt: number | undefined;
  let maxStallMs: number | undefined;
  let driftMs: number | undefined;
  void ctx.api.whenIndexed().finally(() => {
    indexMs = performance.now() - activationStart;
    indexReadyAt = performance.timeOrigin + performance.now();
    // The work that ends with the index (and its listeners) finishes in microtasks: the monitor
    // records that stretch only when its timer runs, so stop it a little later.
    setTimeout(() => {
      stalls.disable();
      // The monitor does not see the stretch it was enabled in, which activate() itself is in.
      maxStallMs = Math.max(stalls.max / 1e6, activateMs);
      ctx.logger.info(`activation took ${activateMs.toFixed(0)} ms; first index ready after ${indexMs!.toFixed(0)} ms; longest event-loop stall meanwhile ${maxStallMs.toFixed(0)} ms`);
    }, 100);
  });
  void ctx.api.whenIndexed().then(() => ctx.api.whenDriftChecked?.()).then(() => {
    if (!ctx.api.whenDriftChecked) return;
    driftMs = performance.now() - activationStart;
    ctx.logger.info(`first drift check done ${driftMs.toFixed(0)} ms after activation`);
  }, () => undefined);
  ctx.api.performance = () => ({
    activateMs, indexMs, maxStallMs, driftMs,
    specs: ctx.indexService.index.all().length,
    projects: ctx.indexService.index.projects().length,
    watchedRoots: ctx.indexService.index.watchedDirectories(),
    memory: process.memoryUsage(),
    inotifyWatches: inotifyWatchCount(),
    activationStartedAt: performance.timeOrigin + activationStart,
    indexReadyAt,
    marks: { ...marks },
  });
  return new vscode.Disposable(() => stalls.disable());
}
