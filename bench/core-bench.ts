// The core figures of `npm run bench` for one generated workspace, in plain node, each next to a
// floor measured in this same process. Run by bench/run.mjs (bundled to out/bench/core-bench.js):
//   node --expose-gc out/bench/core-bench.js --workspace DIR --label "10k specs" --out FILE.json
// The workspace is a git repository made by bench/run.mjs (branch `bench-burst` changes 500 specs);
// every file the benchmark touches is restored before it exits.

import { execFile, spawn } from 'node:child_process';
import { promises as fsp, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { SpecIndex, type SpecSummary } from '../src/core/specIndex';
import { nodeFileSystem } from '../src/node/nodeFileSystem';
import { DriftEngine, computeDrift } from '../src/core/drift/engine';
import { isDrifted, type DriftFinding } from '../src/core/drift/model';
import { driftSummary } from '../src/core/drift/messages';
import { NodeGit, type GitRun } from '../src/node/git';
import { createIndexWatcher } from '../src/node/indexWatcher';
import type { FileChange } from '../src/core/ports';
import { SpecTreeProvider } from '../src/vscode/explorer/specTree';
import type { ChantContext, DriftQuery } from '../src/vscode/context';
import { buildGraph } from '../src/core/graph';
import { compareSpecIds } from '../src/core/ids';
import { describeBlockReason } from '../src/core/specIndex';

/** One line of the benchmark's report (see bench/run.mjs for the JSON shape). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  floor: number | null;
  ratio: number | null;
  target: number | null;
  detail?: string;
}

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const workspace = path.resolve(opt('--workspace') ?? '');
const label = opt('--label') ?? path.basename(workspace);
const outFile = opt('--out');
const only = (opt('--only') ?? '').split(',').filter(Boolean);
const figures: Figure[] = [];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const ms = (n: number) => Math.round(n * 100) / 100;
/** Branch switches behind the burst figure: its floor is a few tens of milliseconds, so noisy. */
const BRANCH_SWITCHES = 10;
function figure(name: string, value: number, unit: string, target: number | null, floor: number | null = null, detail?: string): void {
  const f: Figure = { name: `${name} (${label})`, value: ms(value), unit, floor: floor === null ? null : ms(floor), ratio: floor ? ms(value / floor) : null, target, detail };
  figures.push(f);
  process.stderr.write(`  ${f.name}: ${f.value} ${unit}${f.floor !== null ? ` (floor ${f.floor}, ×${f.ratio})` : ''}${detail ? ` — ${detail}` : ''}\n`);
}
const wanted = (key: string) => only.length === 0 || only.includes(key);

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs `a` and `b` alternately `n` times (so load on the machine hits both alike); medians. */
async function paired(n: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  const [ta, tb] = await interleaved(n, a, b);
  return [ta, tb];
}

/** git's subcommand in a full argv (after the `-c key=value` options). */
function subcommand(run: GitRun): string {
  let k = 0;
  while (run.argv[k] === '-c') k += 2;
  return run.argv[k] ?? '';
}

/** The median time of each function over `n` rounds, run in turn within each round. */
async function interleaved(n: number, ...fns: (() => Promise<unknown>)[]): Promise<number[]> {
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < n; i++) for (let k = 0; k < fns.length; k++) times[k].push(await time(fns[k]));
  return times.map(median);
}

function run(cmd: string, argv: string[], cwd = workspace): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { cwd, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(`${cmd} ${argv.join(' ')}: ${stderr || err.message}`)) : resolve(stdout)));
  });
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/** Every `.md` file under the project's specs/ and archive/ (what the index reads). */
function specFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(path.join(workspace, '.chant/specs'));
  walk(path.join(workspace, '.chant/archive'));
  return out;
}

/** The read floor: list the spec folders and read every spec file's bytes, nothing else. */
async function readFloor(): Promise<void> {
  const files = specFiles();
  let bytes = 0;
  await mapLimit(files, 64, async (f) => {
    bytes += (await fsp.readFile(f)).length;
  });
  if (bytes === 0) throw new Error('no spec bytes read');
}

async function fullIndex(): Promise<SpecIndex> {
  const index = new SpecIndex(nodeFileSystem);
  await index.setFolders([workspace]);
  return index;
}

/** Same specs, same relations, same problems: the incremental index against a fresh full one. */
async function assertExact(index: SpecIndex, what: string): Promise<void> {
  const fresh = await fullIndex();
  const a = JSON.stringify(index.summaries());
  const b = JSON.stringify(fresh.summaries());
  if (a !== b) {
    const sa = index.summaries();
    const sb = new Map(fresh.summaries().map((s: SpecSummary) => [s.path, JSON.stringify(s)]));
    const diff = sa.find((s) => sb.get(s.path) !== JSON.stringify(s));
    throw new Error(`${what}: the index differs from a full re-index, e.g. ${diff ? `${JSON.stringify(diff)}\n vs ${sb.get(diff.path)}` : `counts ${sa.length} vs ${sb.size}`}`);
  }
}

/** inotify watches held by this process (one `inotify wd:` line per watch in fdinfo). */
function inotifyWatches(): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    let target = '';
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (target !== 'anon_inode:inotify') continue;
    n += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').filter((l) => l.startsWith('inotify wd:')).length;
  }
  return n;
}

function directoriesUnder(dir: string): number {
  let n = 1;
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) n += directoriesUnder(path.join(dir, e.name));
  return n;
}

async function waitFor(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What a finding says, for comparing two ways of computing it. */
function findingKey(f: DriftFinding): string {
  return JSON.stringify([f.specId, f.state, f.baseline?.commit, f.files.map((x) => [x.change, x.path, x.from, x.insertions, x.deletions]), f.notes.map((n) => n.message)]);
}

/**
 * Drift over a long history (bench/gen-history.mjs): `drift --include-archived` against the full
 * index of the same repository, in bounded time. First a sample of specs spread over the history
 * is checked twice, with the folders specs track and with whole-tree rename detection (how drift
 * read history before), which must give the same findings; then every spec once, timed, for at
 * most `budgetMs`: past it, the figure is what was reached (a lower bound) and where git spent it.
 */
async function historyFigures(budgetMs: number): Promise<void> {
  await readFloor();
  await fullIndex();
  const indexTimes: number[] = [];
  for (let k = 0; k < 5; k++) indexTimes.push(await time(fullIndex));
  const indexMs = median(indexTimes);
  const index = await fullIndex();
  const specs = index.all();
  const archived = specs.filter((s) => s.archived).length;

  // Same findings: a sample of 8 specs that track files, across the history, scoped vs whole-tree rename detection.
  const ordered = specs.filter((s) => s.tracks.length + s.origin.length + s.informedBy.length > 0).sort((a, b) => compareSpecIds(a.id, b.id));
  const sampleSpecs = Array.from({ length: 8 }, (_, k) => ordered[Math.floor(((k + 0.5) * ordered.length) / 8)]);
  // Drift reads the index for IDs; the sample limits which specs it checks.
  const sample = { all: () => sampleSpecs, byId: (root: string, id: string) => index.byId(root, id), lookup: index.lookup };
  const scopedGit = new NodeGit();
  const whole = new NodeGit();
  const wholeTree = Object.assign(Object.create(whole) as NodeGit, {
    treeDiffs: (repo: string, pairs: { from: string; to: string }[]) => whole.treeDiffs(repo, pairs),
  });
  let sampleScopedMs = 0;
  let sampleWholeMs = 0;
  let sampleFiles = 0;
  let sampleStates = '';
  try {
    let scoped: DriftFinding[] = [];
    sampleScopedMs = await time(async () => { scoped = await computeDrift(sample, { git: scopedGit, fs: nodeFileSystem }, { includeArchived: true }); });
    let reference: DriftFinding[] = [];
    sampleWholeMs = await time(async () => { reference = await computeDrift(sample, { git: wholeTree, fs: nodeFileSystem }, { includeArchived: true }); });
    const a = scoped.map(findingKey);
    const b = reference.map(findingKey);
    const differ = a.filter((k, i) => k !== b[i]).length + Math.abs(a.length - b.length);
    if (differ > 0) throw new Error(`drift over history: ${differ} of ${sampleSpecs.length} sampled findings differ from whole-tree rename detection`);
    sampleFiles = scoped.reduce((n, f) => n + f.files.length, 0);
    sampleStates = scoped.map((f) => `${f.state}${f.reason ? ` (${f.reason})` : ''}`).join(', ');
  } finally {
    scopedGit.dispose();
    whole.dispose();
  }
  const sampleDetail = `a sample of ${sampleSpecs.length} specs across the history gives the same findings (${sampleStates}; ${sampleFiles} files) as whole-tree rename detection (${ms(sampleScopedMs)} ms vs ${ms(sampleWholeMs)} ms)`;

  // Every spec, timed, within the budget: the median of three checks, each from nothing (its
  // own git adapter and engine, as a new HEAD or a new window gets), when the first leaves room.
  const name = 'drift over history, --include-archived';
  const times: number[] = [];
  let gitTime = new Map<string, { n: number; ms: number }>();
  const gitDetail = () => [...gitTime].sort((x, y) => y[1].ms - x[1].ms).map(([k, t]) => `${k} ${t.n}× ${ms(t.ms / 1000)} s`).join(', ');
  let findings: DriftFinding[] = [];
  const started = performance.now();
  while (times.length < 3 && (times.length === 0 || performance.now() - started + times[0] < budgetMs)) {
    gitTime = new Map();
    const nodeGit = new NodeGit({
      onCall: (_args, callMs, _code, run) => {
        const k = subcommand(run);
        const t = gitTime.get(k) ?? { n: 0, ms: 0 };
        t.n++;
        t.ms += callMs;
        gitTime.set(k, t);
      },
    });
    const t0 = performance.now();
    const timer = setTimeout(() => {
      // Past the budget: what was reached, as a lower bound, and the check abandoned.
      figure(name, performance.now() - t0, 'ms', 2.5, indexMs,
        `DID NOT FINISH within the budget of ${budgetMs / 1000} s (a lower bound); ${specs.length} specs (${archived} archived); git processes so far: ${gitDetail() || 'none finished'}; ${sampleDetail}; floor: full index of the same repository`);
      void writeOut().then(() => process.exit(0));
    }, budgetMs);
    findings = await computeDrift(index, { git: nodeGit, fs: nodeFileSystem }, { includeArchived: true });
    times.push(performance.now() - t0);
    clearTimeout(timer);
    nodeGit.dispose();
  }
  const drifted = findings.filter(isDrifted).length;
  const moves = findings.reduce((n, f) => n + f.notes.filter((x) => x.kind === 'moved').length, 0);
  figure(name, median(times), 'ms', 2.5, indexMs,
    `${findings.length} specs (${archived} archived), ${drifted} drifted, ${moves} moves noted; median of ${times.length} checks (${times.map((t) => ms(t)).join(', ')} ms; budget ${budgetMs / 1000} s); git of the last: ${gitDetail()}; ${sampleDetail}; floor: full index of the same repository (median of 5)`);
}

async function writeOut(): Promise<void> {
  if (outFile) await fsp.writeFile(outFile, JSON.stringify(figures, null, 2));
}

async function main(): Promise<void> {
  process.stderr.write(`core figures for ${label} (${workspace})\n`);
  const git = (...a: string[]) => run('git', a);
  if ((await git('status', '--porcelain', '--untracked-files=no')).trim()) throw new Error(`${workspace} has local changes; delete it to regenerate`);
  await git('checkout', '-q', 'main');
  if (args.includes('--history')) {
    await historyFigures(Number(opt('--budget') ?? 120) * 1000);
    await writeOut();
    return;
  }

  // ---- full index vs reading the bytes, and heap ------------------------------------------------
  await readFloor(); // warm the page cache for both
  await fullIndex();
  if (wanted('index')) {
    const [indexMs, floorMs] = await paired(5, fullIndex, readFloor);
    figure('full index: parse + relations + derived status', indexMs, 'ms', 2.5, floorMs, `${specFiles().length} spec files; floor: read every spec file's bytes`);
  }
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const index = await fullIndex();
  await new Promise((r) => setTimeout(r, 50)); // the monitor sees a stall only when its timer next runs
  stalls.disable();
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  if (wanted('index')) figure('longest event-loop stall during a full index', stalls.max / 1e6, 'ms', 100, null, 'the index reads and parses asynchronously; this is its longest synchronous stretch');
  if (wanted('heap')) figure('heap held by the index (after GC)', (heapAfter - heapBefore) / 2 ** 20, 'MB', 100, null, `${index.all().length} specs; process heap ${(heapAfter / 2 ** 20).toFixed(1)} MB`);

  // ---- one spec edited -------------------------------------------------------------------------
  const active = index.all().filter((s) => !s.archived).sort((a, b) => compareSpecIds(a.id, b.id));
  if (wanted('edit')) {
    const picks = Array.from({ length: 20 }, (_, k) => active[Math.floor(((k + 0.5) * active.length) / 20)]);
    const originals = new Map(picks.map((s) => [s.path, readFileSync(s.path)]));
    const times: number[] = [];
    for (const [k, s] of picks.entries()) {
      // A new title and one more criterion: what saving an edit in the editor does.
      const text = originals.get(s.path)!.toString('utf8').replace(/^# (.*)$/m, `# $1 (edited ${k})`).replace('## Acceptance Criteria\n', '## Acceptance Criteria\n\n- [ ] One more\n');
      await fsp.writeFile(s.path, text);
      times.push(await time(() => index.applyChanges([{ kind: 'changed', path: s.path }])));
      if (!index.byPath(s.path)?.title?.endsWith(`(edited ${k})`)) throw new Error(`edit of ${s.path} not seen by the index`);
    }
    await assertExact(index, 'after 20 single-spec edits');
    for (const [p, bytes] of originals) await fsp.writeFile(p, bytes);
    await index.applyChanges([...originals.keys()].map((p) => ({ kind: 'changed' as const, path: p })));
    figure('one spec edited → index updated (core)', median(times), 'ms', 5, null, `title and a criterion; median of 20 edits; max ${ms(Math.max(...times))} ms`);

    // Edits that change the dependency graph: a depends_on entry added, a new spec, a deletion.
    const structural: number[] = [];
    const created: string[] = [];
    try {
      for (const [k, s] of picks.entries()) {
        const target = active[(Math.floor(((k + 0.5) * active.length) / 20) + 7) % active.length];
        const text = originals.get(s.path)!.toString('utf8').replace(/^depends_on:.*(\n[ \t]+- .*)*\n/m, '').replace(/^---\n/, `---\ndepends_on: [${target.id}]\n`);
        await fsp.writeFile(s.path, text);
        structural.push(await time(() => index.applyChanges([{ kind: 'changed', path: s.path }])));
        if (!index.byPath(s.path)?.dependsOn.some((d) => d.value === target.id)) throw new Error(`depends_on edit of ${s.path} not seen`);
        const fresh = path.join(path.dirname(s.path), `2027-01-01-${(k + 1).toString(36).padStart(3, '0')}-new.md`);
        await fsp.writeFile(fresh, `---\ntype: code\nstatus: pending\ndepends_on: [${s.id}]\n---\n# New spec ${k}\n`);
        created.push(fresh);
        structural.push(await time(() => index.applyChanges([{ kind: 'created', path: fresh }])));
      }
      await assertExact(index, 'after depends_on edits and new specs');
      for (const p of created) {
        await fsp.rm(p);
        structural.push(await time(() => index.applyChanges([{ kind: 'deleted', path: p }])));
      }
    } finally {
      for (const p of created) await fsp.rm(p, { force: true });
      for (const [p, bytes] of originals) await fsp.writeFile(p, bytes);
      await index.applyChanges([...originals.keys(), ...created].map((p) => ({ kind: 'changed' as const, path: p })));
    }
    await assertExact(index, 'after restoring');
    figure('depends_on edited / spec created / deleted → index updated (core)', median(structural), 'ms', 5, null, `the dependency graph changes; median of ${structural.length}; max ${ms(Math.max(...structural))} ms`);
  }

  // ---- a 500-file burst: core batch, then through the real watcher --------------------------------
  if (wanted('burst')) {
    const changed = (await git('diff', '--name-only', 'main', 'bench-burst', '--', '.chant')).split('\n').filter(Boolean).map((p) => path.join(workspace, p));
    const readChanged = async () => { await mapLimit(changed, 64, async (f) => { await fsp.readFile(f).catch(() => undefined); }); };
    const batch: FileChange[] = changed.map((p) => ({ kind: 'changed', path: p }));
    // Switch branches back and forth: each switch is one batch of the same 500 files.
    const batchTimes: number[] = [];
    const floorTimes: number[] = [];
    try {
      for (let k = 0; k < BRANCH_SWITCHES; k++) {
        await git('checkout', '-q', k % 2 === 0 ? 'bench-burst' : 'main');
        await readChanged(); // the checkout wrote them: same page-cache state for both
        batchTimes.push(await time(() => index.applyChanges(batch)));
        floorTimes.push(await time(readChanged));
        if (k === 0) await assertExact(index, `after a batch of ${changed.length} files`);
      }
    } finally {
      await git('checkout', '-q', 'main');
    }
    figure(`${changed.length}-file burst → one batch applied (core)`, median(batchTimes), 'ms', 2.5, median(floorTimes), `final state equal to a full re-index; median of ${BRANCH_SWITCHES} branch switches; floor: read those files`);
    await index.applyChanges(batch);
    await assertExact(index, 'back on main');

    // The real watcher over each project's .chant/ while git switches branches.
    const before = inotifyWatches();
    const batches: FileChange[][] = [];
    let applied = 0;
    const queue: Promise<unknown>[] = [];
    const watcher = createIndexWatcher(() => undefined);
    const handle = watcher.watch(index.watchedDirectories(), (changes) => {
      batches.push(changes);
      queue.push(index.applyChanges(changes).then(() => applied++));
    });
    try {
      await new Promise((r) => setTimeout(r, 1500)); // let the watcher settle (no ready event in the port)
      const watches = inotifyWatches() - before;
      const dirs = directoriesUnder(path.join(workspace, '.chant'));
      figure('inotify watches for the index watcher', watches, 'watches', 1.1, dirs, `${dirs} directories under .chant/, ${specFiles().length} spec files; floor: one watch per directory`);
      const t0 = performance.now();
      const checkoutMs = await time(() => git('checkout', '-q', 'bench-burst'));
      await waitFor('the burst batches', () => batches.reduce((n, b) => n + b.length, 0) >= changed.length && applied === batches.length, 20_000);
      await new Promise((r) => setTimeout(r, 500)); // would a late batch follow?
      await Promise.all(queue);
      const endToEnd = performance.now() - t0;
      await assertExact(index, 'after git checkout through the watcher');
      figure(`git checkout of ${changed.length} specs → batches from the watcher`, batches.length, 'batches', 1, null, `${batches.map((b) => b.length).join('+')} changes; checkout ${ms(checkoutMs)} ms, index exact ${ms(endToEnd - 500)} ms after it started`);
    } finally {
      handle.dispose();
      await git('checkout', '-q', 'main');
      await index.applyChanges(changed.map((p) => ({ kind: 'changed', path: p })));
    }
  }

  // ---- drift: cold, then one tracked file saved ---------------------------------------------------
  let engine: DriftEngine | undefined;
  if (wanted('drift')) {
    const initial = (await git('rev-list', '--max-parents=0', 'HEAD')).trim();
    const gitFloor = () => git('diff', '--numstat', initial, 'HEAD');
    let calls = 0;
    let gitRuns: GitRun[] = [];
    let engineGit: NodeGit | undefined;
    const cold = async () => {
      const runs: GitRun[] = [];
      const nodeGit = new NodeGit({ onCall: (_args, _ms, _code, run) => runs.push(run) });
      engineGit = nodeGit;
      engine = new DriftEngine({ git: nodeGit, fs: nodeFileSystem });
      await engine.checkAll(index);
      nodeGit.dispose();
      calls = nodeGit.calls;
      gitRuns = runs;
    };
    await cold();
    // The git work the check needs: its own git processes (same arguments, input and environment)
    // started all at once, outputs discarded, as if the check only waited for git.
    const gitWork = () => Promise.all(gitRuns.map((r) => new Promise<void>((resolve) => {
      // Output straight to /dev/null: git's own work, nothing read back.
      const child = spawn('git', r.argv, { cwd: r.cwd, env: r.env, stdio: [r.input === undefined ? 'ignore' : 'pipe', 'ignore', 'ignore'] });
      child.on('close', () => resolve());
      if (r.input !== undefined) child.stdin?.end(r.input);
    })));
    const [driftMs, floorMs, gitWorkMs] = await interleaved(5, cold, gitFloor, gitWork);
    const findings = engine!.findings();
    const drifted = findings.filter(isDrifted).length;
    const detail = `${findings.filter((f) => f.state !== 'none').length} specs checked, ${drifted} drifted, ${calls} git processes (alone, all at once: ${ms(gitWorkMs)} ms, ×${ms(gitWorkMs / floorMs)} of this floor); floor: one git diff --numstat of the baseline range`;
    // Information only: git's status of the tracked folders alone costs ×4-5 of that one diff,
    // so cold drift is judged against its own git work (below).
    figure('cold drift, every spec', driftMs, 'ms', null, floorMs, detail);
    figure('cold drift, every spec (absolute)', driftMs, 'ms', Number(opt('--cold-drift-target') ?? 1500));
    figure('cold drift vs the git work it needs', driftMs, 'ms', 2, gitWorkMs, `floor: the check's own ${gitRuns.length} git processes (${[...new Set(gitRuns.map(subcommand))].join(', ')}) replayed all at once, outputs discarded`);

    // One saved source file that specs track: append a line, re-check only those specs.
    const candidates = findings.filter((f) => f.state === 'drifted' || f.state === 'clean');
    const tracked = [...new Set(candidates.flatMap((f) => f.patterns.flatMap((p) => p.pattern.includes('*') ? [] : [p.pattern])))];
    let file: string | undefined;
    for (const rel of readdirSync(path.join(workspace, 'src/auth/pkg1'))) {
      const abs = path.join(workspace, 'src/auth/pkg1', rel);
      if (engine!.specsTracking(abs).length > 0) {
        file = abs;
        break;
      }
    }
    if (!file) throw new Error(`no tracked source file found (${tracked.length} literal patterns)`);
    const original = readFileSync(file);
    const trackers = engine!.specsTracking(file);
    const rel = path.relative(workspace, file);
    const saveFloor = async () => {
      await git('status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', rel);
      await git('diff', '-z', '--raw', '--numstat', '-M', initial, '--', rel);
    };
    // Two kinds of save: a line appended (an edit in one place), and a line added at the top as
    // well (edits apart: git's diff algorithm decides the counts).
    const saves = async (edit: (k: number) => Buffer) => {
      const floors: number[] = [];
      const times: number[] = [];
      const callsBefore = engineGit!.calls;
      try {
        for (let k = 0; k < 10; k++) {
          await fsp.writeFile(file!, k % 2 === 0 ? edit(k) : original);
          times.push(await time(() => engine!.filesChanged([file!.replace(/\\/g, '/')])));
          floors.push(await time(saveFloor));
          const f = engine!.finding(trackers[0]);
          const listed = !!f?.files.some((x) => x.absPath === file!.replace(/\\/g, '/'));
          const committedChange = original.toString().includes('changed');
          if (k % 2 === 0 && !listed) throw new Error(`saving ${file} did not show in the drift of ${trackers[0]}`);
          if (k % 2 === 1 && listed !== committedChange) throw new Error(`restoring ${file} left the drift of ${trackers[0]} wrong`);
        }
      } finally {
        await fsp.writeFile(file!, original);
      }
      const detail = `${trackers.length} specs track it (${engine!.finding(trackers[0])?.files.length ?? 0} drifted files each); median of 10 saves, max ${ms(Math.max(...times))} ms; ${engineGit!.calls - callsBefore} git processes in all`;
      return { saved: median(times), floor: median(floors), detail };
    };
    const appended = await saves((k) => Buffer.concat([original, Buffer.from(`export const saved${k} = ${k};\n`)]));
    figure('one tracked file saved → drift updated', appended.saved, 'ms', 20, null, appended.detail);
    figure('one tracked file saved vs asking git about that file', appended.saved, 'ms', 2, appended.floor, 'floor: git status -- FILE, then git diff BASELINE -- FILE (what a save cost when git was asked)');
    const apart = await saves((k) => Buffer.concat([Buffer.from(`// saved ${k}\n`), original, Buffer.from(`export const saved${k} = ${k};\n`)]));
    figure('one tracked file saved, edits apart → drift updated', apart.saved, 'ms', 20, null, apart.detail);
  }

  // ---- Spec Explorer: the largest group ------------------------------------------------------------
  if (wanted('tree')) {
    const ctx = {
      indexService: { index },
      settings: { get: () => 'status' },
      extension: { workspaceState: { get: () => undefined } },
    } as unknown as ChantContext;
    const none = () => ({ dispose() {} });
    const provider = new SpecTreeProvider(ctx, {
      drift: { summaryOf: (p: string) => { const f = engine?.finding(p); return isDrifted(f) ? driftSummary(f!) : undefined; }, onDidChange: none } as unknown as DriftQuery,
      runs: { stateOf: () => undefined, liveOf: () => undefined, onDidChange: none, onDidTick: none },
      lifecycle: { actionsOf: () => [], awaitingMerge: () => false, onDidChange: none },
    });
    type Node = ReturnType<SpecTreeProvider['getChildren']>[number];
    let rows = 0;
    let group = '';
    const expand = () => {
      const groups = provider.getChildren() as Node[];
      const largest = groups.reduce((a, b) => ((b as { specs?: unknown[] }).specs?.length ?? 0) > ((a as { specs?: unknown[] }).specs?.length ?? 0) ? b : a);
      group = (largest as { label?: string }).label ?? '';
      const children = provider.getChildren(largest);
      for (const c of children) provider.getTreeItem(c);
      rows = children.length;
    };
    expand();
    const times: number[] = [];
    for (let k = 0; k < 5; k++) times.push(await time(expand));
    figure('Spec Explorer: largest group, getChildren + getTreeItem per row', median(times), 'ms', 100, null, `group "${group}", ${rows} rows`);
  }

  // ---- graph ------------------------------------------------------------------------------------------
  if (wanted('graph')) {
    const root = index.projects()[0].root;
    const specs = index.specsOf(root).filter((s) => !s.archived).sort((a, b) => compareSpecIds(a.id, b.id)).slice(0, 500);
    const source = { specs, relationsOf: (s: typeof specs[number]) => index.relationsOf(s), describe: (r: ReturnType<SpecIndex['relationsOf']>) => r.blockedBy.map(describeBlockReason) };
    const limits = { maxTextSize: 10_000_000, maxEdges: 100_000 };
    let nodes = 0;
    let chars = 0;
    const draw = () => {
      const r = buildGraph(source, { limits });
      nodes = r.graph.nodes.length;
      chars = r.mermaid.length;
    };
    draw();
    const times: number[] = [];
    for (let k = 0; k < 5; k++) times.push(await time(draw));
    figure('graph model + mermaid text, 500 specs', median(times), 'ms', 100, null, `${nodes} nodes, ${chars} characters`);

    const whole = { ...source, specs: index.specsOf(root) };
    let notices = 0;
    const drawWhole = () => { notices = buildGraph(whole, {}).notices.length; nodes = 0; };
    const wholeMs = await time(drawWhole);
    figure('graph of the whole project, narrowed to mermaid\'s limits', wholeMs, 'ms', 1000, null, `${whole.specs.length} specs, ${notices} narrowing steps`);
  }

  if (outFile) await fsp.writeFile(outFile, JSON.stringify(figures, null, 2));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`core-bench: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
