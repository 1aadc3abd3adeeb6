// One worker process of the hostile-input suite (forked by run.ts). For each seed it is sent:
// writes the workspace, runs the headless CLI's `specs`, `lint`, `graph` and `drift` over it
// in this process, and answers with the time taken, its peak memory, every file opened or
// listed outside the workspace (node's fs is wrapped), and whether the control specs' results
// are what they are without the hostile entries. The parent kills it when a seed takes too long.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadIndex, makeCommands } from '../../src/node/cliCommands';
import type { SpecIndex } from '../../src/core/specIndex';
import { CONTROL_IDS, makeOutside, planFor, Workshop, type Outside } from './generate';

export interface SeedResult {
  seed: number;
  classes: string[];
  git: boolean;
  ms: number;
  /** CPU time of this process for the seed (user + system), which a busy machine does not inflate. */
  cpuMs: number;
  /** Peak resident memory of this process so far (MB). */
  maxRssMb: number;
  failures: string[];
}

/** Workspaces live in memory where the system offers it (/dev/shm): written and removed many times faster than on disk. */
function scratchRoot(): string {
  const wanted = process.env.CHANT_HOSTILE_TMP ?? '/dev/shm';
  try {
    fs.accessSync(wanted, fs.constants.W_OK);
    return fs.statSync(wanted).isDirectory() ? wanted : os.tmpdir();
  } catch {
    return os.tmpdir();
  }
}
const base = fs.realpathSync(fs.mkdtempSync(path.join(scratchRoot(), 'chant-hostile-')));
const outside: Outside = makeOutside(base);
const workshop = new Workshop(path.join(base, 'workshop'));

// --- Every open and listing, with the real path it reaches. ---------------------------------
let tracing: string | undefined;
const reached: string[] = [];
function note(p: unknown): void {
  if (tracing === undefined || (typeof p !== 'string' && !Buffer.isBuffer(p) && !(p instanceof URL))) return;
  const s = p instanceof URL ? p.pathname : String(p);
  let real: string;
  try {
    real = fs.realpathSync.native(path.resolve(s));
  } catch {
    real = path.resolve(s);
  }
  if (real === tracing || real.startsWith(tracing + '/')) return;
  // Our git adapter's scratch files and the null device.
  if (path.dirname(real) === fs.realpathSync(os.tmpdir()) && path.basename(real).startsWith('chant-specs-')) return;
  if (real === os.devNull) return;
  reached.push(`${s} → ${real}`);
}
type AnyFn = (...args: unknown[]) => unknown;
function wrap(target: Record<string, unknown>, names: string[]): void {
  for (const name of names) {
    const original = target[name] as AnyFn | undefined;
    if (typeof original !== 'function') continue;
    target[name] = function (this: unknown, ...args: unknown[]) {
      note(args[0]);
      return original.apply(this, args);
    };
  }
}
wrap(fs as unknown as Record<string, unknown>, ['open', 'openSync', 'readFile', 'readFileSync', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'createReadStream']);
wrap(fs.promises as unknown as Record<string, unknown>, ['open', 'readFile', 'readdir', 'opendir']);

// --- Running the CLI's commands with their output captured. ---------------------------------
// The workspace is indexed once per seed (by the CLI's own loader) and every command reads it.
let loaded: { dir: string; index: Promise<SpecIndex> } | undefined;
const commands = makeCommands((dir) => {
  if (loaded?.dir !== dir) loaded = { dir, index: loadIndex(dir) };
  return loaded.index;
});
async function run(args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = ((s: string | Uint8Array) => { chunks.push(String(s)); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => { chunks.push(String(s)); return true; }) as typeof process.stderr.write;
  try {
    const code = await commands[args[0]](args.slice(1));
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

/** What the control specs come out as (paths made relative to the workspace). */
interface ControlView { specs: string; lint: string; drift: string }

async function check(dir: string): Promise<{ view: ControlView; failures: string[] }> {
  const failures: string[] = [];
  const rel = (s: string) => s.split(dir).join('<ws>');
  const outputs: string[] = [];
  const specs = await run(['specs', '--json', dir]);
  const lintJson = await run(['lint', '--json', dir]);
  const lintText = await run(['lint', dir]);
  const graph = await run(['graph', '--mermaid', dir]);
  const driftJson = await run(['drift', '--json', dir]);
  // The text report shows titles; only worth its time where titles are hostile.
  const driftText = /Title/.test(specs.out) ? await run(['drift', dir]) : { code: 0, out: '' };
  outputs.push(specs.out, lintJson.out, lintText.out, graph.out, driftJson.out, driftText.out);
  for (const [name, r] of [['specs', specs], ['lint --json', lintJson], ['graph', graph], ['drift --json', driftJson], ['drift', driftText]] as const) {
    if (r.code === 2) failures.push(`${name} failed: ${r.out.slice(0, 300)}`);
  }
  // Text for a terminal carries no control character but line breaks and tabs.
  for (const [name, text] of [['lint', lintText.out], ['graph', graph.out], ['drift', driftText.out], ['specs', specs.out]] as const) {
    const bad = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/.exec(text);
    if (bad) failures.push(`${name} output holds control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  // mermaid reads math, `\n`, icons and its own entity placeholders in a label once it has
  // decoded the entity codes: none may be whole in the graph's text after that decoding.
  const decoded = graph.out.replace(/#(\d{1,7});/g, (code, n: string) => (Number(n) <= 0x10ffff ? String.fromCodePoint(Number(n)) : code));
  const markup = /\$\$|\\n|fa[bklrs]?:fa-|ﬂ°|¶ß/.exec(decoded);
  if (markup) failures.push(`graph output holds mermaid's label syntax ${JSON.stringify(markup[0])}`);
  if (outputs.some((o) => o.includes(outside.secretId) || o.includes('Secret'))) failures.push('a spec outside the workspace was indexed');
  const controls = new Set(CONTROL_IDS);
  const controlPaths = new Set(CONTROL_IDS.map((id) => `${dir}/.chant/specs/${id}.md`));
  let view: ControlView = { specs: '', lint: '', drift: '' };
  try {
    const s = JSON.parse(specs.out) as { specs: { id: string; root: string }[] };
    const l = JSON.parse(lintJson.out) as { problems: { path: string }[] };
    const d = JSON.parse(driftJson.out) as { drift: { specId: string }[]; unknown: { specId: string }[] };
    view = {
      specs: rel(JSON.stringify(s.specs.filter((x) => controls.has(x.id) && x.root === dir))),
      lint: rel(JSON.stringify(l.problems.filter((p) => controlPaths.has(p.path)))),
      // Commit ids depend on the whole tree (hostile files included): compared without them.
      drift: rel(JSON.stringify([...d.drift, ...d.unknown].filter((f) => controls.has(f.specId)))).replace(/\b[0-9a-f]{40}\b/g, '<sha>'),
    };
  } catch (e) {
    failures.push(`unreadable JSON output: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { view, failures };
}

// --- The baseline: the controls alone, with and without git. ----------------------------------
let counter = 0;
/** The result of one workspace; time and CPU are those of the commands (writing the workspace excluded). */
interface Checked { view: ControlView; failures: string[]; plan: ReturnType<typeof planFor>; ms: number; cpuMs: number }

async function runPlan(seed: number, hostile: boolean, git?: boolean): Promise<Checked> {
  const plan = planFor(seed, outside, hostile);
  if (git !== undefined) plan.git = git;
  const dir = path.join(base, `ws-${counter++}`);
  workshop.write(plan, dir);
  tracing = dir;
  reached.length = 0;
  try {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const result = await check(dir);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (reached.length > 0) result.failures.push(`reached outside the workspace: ${[...new Set(reached)].slice(0, 5).join('; ')}`);
    if (fs.existsSync(outside.marker)) {
      result.failures.push(`git ran a command from the repository's config: ${fs.readFileSync(outside.marker, 'utf8').trim()}`);
      fs.rmSync(outside.marker);
    }
    return { ...result, plan, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    tracing = undefined;
    loaded = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const baselines = new Map<boolean, ControlView>();

async function baseline(git: boolean): Promise<ControlView> {
  let view = baselines.get(git);
  if (!view) {
    const r = await runPlan(0, false, git);
    if (r.failures.length > 0) throw new Error(`the controls alone fail: ${r.failures.join('; ')}`);
    view = r.view;
    baselines.set(git, view);
  }
  return view;
}

process.on('message', (message: { seed: number } | 'exit') => {
  if (message === 'exit') {
    fs.rmSync(base, { recursive: true, force: true });
    process.exit(0);
  }
  void (async () => {
    const { seed } = message;
    const r = await runPlan(seed, true);
    const expected = await baseline(r.plan.git);
    for (const key of ['specs', 'lint', 'drift'] as const) {
      if (r.view[key] !== expected[key]) r.failures.push(`control specs' ${key} changed:\n  expected ${expected[key].slice(0, 400)}\n  got      ${r.view[key].slice(0, 400)}`);
    }
    const result: SeedResult = {
      seed, classes: r.plan.classes, git: r.plan.git, ms: r.ms, cpuMs: r.cpuMs, maxRssMb: process.resourceUsage().maxRSS / 1024, failures: r.failures,
    };
    process.send!(result);
  })().catch((e: unknown) => {
    process.send!({ seed: message.seed, classes: [], git: false, ms: 0, cpuMs: 0, maxRssMb: 0, failures: [`worker error: ${e instanceof Error ? e.stack : String(e)}`] } satisfies SeedResult);
  });
});

// Baselines first, so a seed's time is its own.
void baseline(false).then(() => baseline(true)).then(() => process.send!('ready'), (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(3);
});
process.on('exit', () => fs.rmSync(base, { recursive: true, force: true }));
