// The hostile-input suite: thousands of generated hostile workspaces (test/hostile/generate.ts),
// each run through the headless CLI's specs, lint, graph and drift in worker processes, with
// bounds asserted per workspace: time, peak memory, nothing opened or listed outside the
// workspace, no command from the repository's git config run, no control character in text
// output, and the control specs' results unchanged.
//
//   node out/test/hostile/run.js [--count N] [--seed S] [--workers W] [--json FILE]
//   (2,400 seeds from 1 and one worker per core, at least two, by default)

import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SeedResult } from './worker';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const COUNT = arg('--count', 2400);
const FIRST = arg('--seed', 1);
const WORKERS = arg('--workers', Math.max(2, os.availableParallelism()));
/** One workspace, all four commands, wall clock: a worker that takes longer is killed (a hang). */
const TIME_LIMIT_MS = arg('--time-limit', 30_000);
/** One workspace, all four commands, CPU time: the bound asserted (a shared machine inflates wall time, not this). */
const CPU_LIMIT_MS = arg('--cpu-limit', 5_000);
/** Peak resident memory of a worker (it also runs with a capped heap, so a blow-up dies early). */
const RSS_LIMIT_MB = arg('--rss-limit', 400);
const jsonIndex = process.argv.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? process.argv[jsonIndex + 1] : undefined;

const workerScript = path.join(__dirname, 'worker.js');
const results: SeedResult[] = [];
const failures: { seed: number; classes: string[]; failures: string[] }[] = [];
let next = FIRST;
/** Workers that died before their first seed (their baselines failed): the run fails, no worker is started again. */
let brokenWorkers = 0;
const end = FIRST + COUNT;
const t0 = Date.now();

function startWorker(): Promise<void> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    let current: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    let ready = false;
    const send = () => {
      if (next >= end) {
        child.send('exit');
        return;
      }
      current = next++;
      child.send({ seed: current });
      timer = setTimeout(() => {
        failures.push({ seed: current!, classes: [], failures: [`took over ${TIME_LIMIT_MS} ms: killed`] });
        current = undefined;
        child.kill('SIGKILL');
      }, TIME_LIMIT_MS);
    };
    const spawnChild = () => {
      child = fork(workerScript, [], { execArgv: ['--max-old-space-size=384', '--enable-source-maps'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child.on('message', (m: SeedResult | 'ready') => {
        if (m === 'ready') {
          ready = true;
          return send();
        }
        clearTimeout(timer);
        current = undefined;
        results.push(m);
        const problems = [...m.failures];
        if (m.cpuMs > CPU_LIMIT_MS) problems.push(`CPU time ${m.cpuMs.toFixed(0)} ms over ${CPU_LIMIT_MS} ms`);
        if (m.maxRssMb > RSS_LIMIT_MB) problems.push(`peak memory ${m.maxRssMb.toFixed(0)} MB over ${RSS_LIMIT_MB} MB`);
        if (problems.length > 0) failures.push({ seed: m.seed, classes: m.classes, failures: problems });
        // A worker whose peak passed the limit is replaced, so the next seeds are measured alone.
        if (m.maxRssMb > RSS_LIMIT_MB) {
          child.send('exit');
          return;
        }
        send();
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (current !== undefined) failures.push({ seed: current, classes: [], failures: [`worker died (${signal ?? code})`] });
        if (!ready) {
          brokenWorkers++;
          resolve();
        } else if (next < end) spawnChild();
        else resolve();
      });
    };
    spawnChild();
  });
}

void Promise.all(Array.from({ length: WORKERS }, startWorker)).then(() => {
  const seconds = (Date.now() - t0) / 1000;
  const worstTime = results.reduce((a, b) => (b.ms > a.ms ? b : a), results[0]);
  const worstCpu = results.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a), results[0]);
  const worstRss = results.reduce((a, b) => (b.maxRssMb > a.maxRssMb ? b : a), results[0]);
  const byClass = new Map<string, number>();
  for (const r of results) for (const c of r.classes) byClass.set(c, (byClass.get(c) ?? 0) + 1);
  const summary = {
    workspaces: results.length, seeds: `${FIRST}…${end - 1}`, seconds: Math.round(seconds),
    gitWorkspaces: results.filter((r) => r.git).length,
    worstMs: Math.round(worstTime?.ms ?? 0), worstTimeSeed: worstTime?.seed, worstTimeClasses: worstTime?.classes,
    worstCpuMs: Math.round(worstCpu?.cpuMs ?? 0), worstCpuSeed: worstCpu?.seed, worstCpuClasses: worstCpu?.classes,
    meanCpuMs: Math.round(results.reduce((a, b) => a + b.cpuMs, 0) / Math.max(1, results.length)),
    worstRssMb: Math.round(worstRss?.maxRssMb ?? 0), worstRssSeed: worstRss?.seed,
    limits: { ms: TIME_LIMIT_MS, cpuMs: CPU_LIMIT_MS, rssMb: RSS_LIMIT_MB },
    classes: Object.fromEntries([...byClass].sort()),
    failures: failures.length,
  };
  process.stdout.write(`hostile inputs: ${summary.workspaces} workspaces (${summary.gitWorkspaces} git) in ${summary.seconds} s; `
    + `worst CPU ${summary.worstCpuMs} ms (seed ${summary.worstCpuSeed}: ${summary.worstCpuClasses?.join(', ')}; mean ${summary.meanCpuMs} ms), `
    + `worst wall time ${summary.worstMs} ms (seed ${summary.worstTimeSeed}), worst peak memory ${summary.worstRssMb} MB (seed ${summary.worstRssSeed})\n`);
  for (const f of failures.slice(0, 20)) {
    process.stdout.write(`FAIL seed ${f.seed} [${f.classes.join(', ')}]:\n  ${f.failures.join('\n  ')}\n  rerun: node out/test/hostile/run.js --seed ${f.seed} --count 1\n`);
  }
  if (brokenWorkers > 0) process.stdout.write(`FAIL: ${brokenWorkers} worker(s) stopped before their first seed (see above)\n`);
  if (failures.length > 20) process.stdout.write(`… ${failures.length - 20} more failures\n`);
  if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify({ ...summary, failed: failures, results }, null, 2) + '\n');
  process.exitCode = failures.length > 0 || brokenWorkers > 0 || results.length + failures.filter((f) => !results.some((r) => r.seed === f.seed)).length < COUNT ? 1 : 0;
});
