// The extension's own cost, measured where it runs: how long activation took (activate() must
// return at once; indexing runs in the background), when the first index was ready, the longest
// stall of the extension host's event loop meanwhile, memory, and the inotify watches the host
// holds. Exposed through the API for the benchmark (bench/host-probe.ts) and logged once.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { PerformanceReport } from './api';
import type { ChantContext, Feature } from './context';
import type { ChantServices } from './services';
import { inotifyWatchCount } from '../node/inotify';
import { firstMarks } from './firstMarks';

// Event-loop stalls are watched from the start of activate(): what the host runs before it (VS
// Code loading other extensions) is not this extension's doing.
const stalls = monitorEventLoopDelay({ resolution: 10 });
let activationStart = performance.now();

/** Call first in activate(). */
export function markActivationStart(): void {
  activationStart = performance.now();
  stalls.enable();
}

/** Register last: the time it is called is the end of activation. */
export function registerPerformance(ctx: ChantContext, { drift }: Pick<ChantServices, 'drift'>): Feature<'performance'> {
  const activateMs = performance.now() - activationStart;
  let indexMs: number | undefined;
  let indexReadyAt: number | undefined;
  let maxStallMs: number | undefined;
  let driftMs: number | undefined;
  void ctx.indexService.whenIndexed().finally(() => {
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
  void ctx.indexService.whenIndexed().then(() => drift.whenIdle()).then(() => {
    driftMs = performance.now() - activationStart;
    ctx.logger.info(`first drift check done ${driftMs.toFixed(0)} ms after activation`);
  }, () => undefined);
  const performanceReport = (): PerformanceReport => ({
    activateMs, indexMs, maxStallMs, driftMs,
    specs: ctx.indexService.index.all().length,
    projects: ctx.indexService.index.projects().length,
    watchedRoots: ctx.indexService.index.watchedDirectories(),
    memory: process.memoryUsage(),
    inotifyWatches: inotifyWatchCount(),
    activationStartedAt: performance.timeOrigin + activationStart,
    indexReadyAt,
    marks: firstMarks(),
  });
  return { api: { performance: performanceReport }, dispose: () => stalls.disable() };
}
