// The differential suite: seeded workspaces (test/unit/helpers/chantWorkspaceGen.ts) in real git
// repositories, each read by our core and by the real chant CLI, compared spec by spec:
// `chant list --ready`, every `chant list --status S`, the status of `chant show` / `chant export`,
// `chant lint`'s verdict per spec and per rule, whether `chant work ID` starts or refuses (an agent
// double named `claude` first on PATH records that it was started and fails the run), short-ID
// resolution and the ID `chant add` creates. Where we differ on purpose the difference is counted
// under a named exception and printed; anything else fails the suite.
//
// CHANT_DIFF_SEEDS (default 50) × CHANT_DIFF_SPECS (default 200); CHANT_DIFF_SEED_BASE shifts the seeds.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChant, needs, NO_CHANT } from '../extras';
import { generateWorkspace, rng, type GeneratedWorkspace } from './helpers/chantWorkspaceGen';
import { SpecIndex } from '../../src/core/specIndex';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { lintReport, readLintConfig } from '../../src/core/lint';
import { planWork } from '../../src/core/runPlan';
import { buildGraph, toMermaid } from '../../src/core/graph';
import { resolveShortId, nextSpecId } from '../../src/core/ids';
import { localDate } from '../../src/core/newSpec';
import { chantListFilters, CHANT_LIST_STATUSES, workAccepts } from '../../src/core/relations';
import type { Spec } from '../../src/core/model';
import { readBranchCopies } from '../../src/core/branchCopies';
import { MAX_SPEC_BYTES } from '../../src/core/spec';
import { NodeGit } from '../../src/node/git';

const SEEDS = Number(process.env.CHANT_DIFF_SEEDS ?? 50);
const SPECS = Number(process.env.CHANT_DIFF_SPECS ?? 200);
const SEED_BASE = Number(process.env.CHANT_DIFF_SEED_BASE ?? 1);
/** `chant show` and `chant work` cost a process (and for work a worktree) per spec: a sample per workspace. */
const SHOW_PER_SEED = 5;
const WORK_PER_SEED = 3;

/** The rules `chant lint` has; our other codes are our own checks (named below). */
const CHANT_RULES = new Set(['parse', 'title', 'dependency', 'required', 'approval', 'output', 'type', 'complexity', 'coupling', 'model_waste']);

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull,
  GIT_AUTHOR_NAME: 'Chant Tests', GIT_AUTHOR_EMAIL: 'tests@chant.invalid',
  GIT_COMMITTER_NAME: 'Chant Tests', GIT_COMMITTER_EMAIL: 'tests@chant.invalid',
  GIT_AUTHOR_DATE: '2026-01-20T12:00:00Z', GIT_COMMITTER_DATE: '2026-01-20T12:00:00Z',
};

interface Run { code: number; stdout: string; stderr: string }

/** A small pool: at most `limit` child processes at once (the machine has few cores). */
function pool(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
const limit = pool(Math.max(2, Math.min(4, os.cpus().length + 1)));

const DEBUG = process.env.CHANT_DIFF_DEBUG === '1';

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return limit(() => new Promise<Run>((resolve) => {
    const t0 = Date.now();
    const child = execFile(file, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      if (DEBUG) console.log(`${Date.now() - t0} ms ${path.basename(file)} ${args.slice(0, 3).join(' ')}`);
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  }));
}

/** Differences and named exceptions, with a figure of what was compared. */
class Tally {
  specs = 0;
  fields = 0;
  differences: string[] = [];
  exceptions = new Map<string, number>();
  compare(what: string, ours: unknown, theirs: unknown): void {
    this.fields++;
    const a = JSON.stringify(ours);
    const b = JSON.stringify(theirs);
    if (a !== b) this.differences.push(`${what}: ours ${a}, chant ${b}`);
  }
  except(name: string, n = 1): void {
    this.exceptions.set(name, (this.exceptions.get(name) ?? 0) + n);
  }
}

async function materialize(ws: GeneratedWorkspace, agentDir: string): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `chant-diff-${ws.seed}-`)));
  const home = path.join(dir, '.home');
  fs.mkdirSync(home);
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, HOME: home, NO_COLOR: '1', PATH: `${agentDir}${path.delimiter}${process.env.PATH ?? ''}` };
  delete env.CHANT_MODEL;
  delete env.ANTHROPIC_MODEL;
  fs.mkdirSync(path.join(dir, '.chant', 'specs'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.chant', 'config.md'), ws.config);
  fs.writeFileSync(path.join(dir, '.chant', '.gitignore'), '.locks/\n.store/\nstore/\nlogs/\nprocesses/\nagents.md\n');
  fs.writeFileSync(path.join(dir, '.gitignore'), '.home/\n');
  // The prompt config.md names (`chant work` stops without it, after its checks).
  fs.mkdirSync(path.join(dir, '.chant', 'prompts'));
  fs.writeFileSync(path.join(dir, '.chant', 'prompts', 'standard.md'), '---\nname: standard\npurpose: Differential test prompt\n---\n\nImplement {{spec.id}}.\n');
  for (const s of ws.specs) {
    const file = s.archived ? path.join(dir, '.chant', 'archive', s.id.slice(0, 10), `${s.id}.md`) : path.join(dir, '.chant', 'specs', `${s.id}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, s.text);
  }
  const git = async (args: string[], input?: string) => {
    const r = await run('git', args, dir, env, input);
    if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  await git(['init', '-q', '-b', 'main']);
  await git(['config', 'user.name', 'Chant Tests']);
  await git(['config', 'user.email', 'tests@chant.invalid']);
  await git(['config', 'commit.gpgsign', 'false']);
  await git(['add', '-A']);
  await git(['commit', '-q', '-m', 'Specs']);
  // Run branches with a newer copy of their in-progress spec, all in one fast-import.
  const main = (await git(['rev-parse', 'HEAD'])).trim();
  let stream = '';
  for (const s of ws.specs) {
    if (s.branchText === undefined) continue;
    const msg = `chant(${s.id}): work in progress\n`;
    const body = Buffer.from(s.branchText);
    stream += `commit refs/heads/chant/${s.id}\ncommitter Chant Tests <tests@chant.invalid> 1768910400 +0000\ndata ${Buffer.byteLength(msg)}\n${msg}from ${main}\n`
      + (s.branchText ? `M 100644 inline .chant/specs/${s.id}.md\ndata ${body.length}\n${s.branchText}\n` : `D .chant/specs/${s.id}.md\n`);
  }
  if (stream) await git(['fast-import', '--quiet'], stream);
  return { dir, env };
}

/** The IDs a `chant list` output names (the first token that is a known ID on each line). */
function listedIds(stdout: string, known: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const line of stdout.split('\n')) {
    const id = line.split(/\s+/).find((t) => known.has(t));
    if (id) out.add(id);
  }
  return out;
}

/** chant lint's rule per diagnostic, with complexity split by what it counted. */
function chantRuleKey(d: { rule: string; severity: string; message: string }): string {
  const rule = d.rule === 'modelwaste' ? 'model_waste' : d.rule;
  if (rule !== 'complexity') return `${rule}/${d.severity}`;
  return `complexity:${/acceptance criteria/i.test(d.message) ? 'criteria' : /touches/i.test(d.message) ? 'files' : 'words'}/${d.severity}`;
}

function ourRuleKey(p: { code: string; severity: string; message: string }): string {
  if (p.code !== 'complexity') return `${p.code}/${p.severity}`;
  return `complexity:${/acceptance criteria/i.test(p.message) ? 'criteria' : /touches/i.test(p.message) ? 'files' : 'words'}/${p.severity}`;
}

const EXPORT_STATUS: Record<string, string> = { inprogress: 'in_progress', needsattention: 'needs_attention' };

describe('the differential workspace generator', () => {
  it('is deterministic per seed and dense in the cases where the rules part ways', () => {
    const today = '2026-12-06';
    assert.deepEqual(generateWorkspace(7, 60, today), generateWorkspace(7, 60, today));
    assert.notDeepEqual(generateWorkspace(7, 60, today).specs, generateWorkspace(8, 60, today).specs);
    const seen = new Map<string, number>();
    const count = (what: string, yes: boolean) => yes && seen.set(what, (seen.get(what) ?? 0) + 1);
    for (let seed = 1; seed <= 10; seed++) {
      const ws = generateWorkspace(seed, 200, today);
      const statusOf = new Map(ws.specs.map((s) => [s.id, /^status: (\S+)/m.exec(s.text)?.[1] ?? 'pending']));
      const ids = new Set(ws.specs.filter((s) => !s.archived).map((s) => s.id));
      for (const s of ws.specs) {
        const status = statusOf.get(s.id)!;
        count(`status ${status}`, true);
        count('archived', !!s.archived);
        count('run branch copy', s.branchText !== undefined);
        const reached = s.branchText === '' ? 'no file' : /^status: (.*)$/m.exec(s.branchText ?? '')?.[1];
        if (reached) count(`run branch copy ${reached}`, true);
        count('nested member', /\.\d+\.\d+$/.test(s.id));
        count('member gap', /\.(\d+)$/.test(s.id) && Number(/\.(\d+)$/.exec(s.id)![1]) > 1 && !ids.has(s.id.replace(/\.(\d+)$/, (_, n: string) => `.${Number(n) - 1}`)));
        count('depends_on: []', s.text.includes('depends_on: []'));
        count('approval', s.text.includes('approval:'));
        count('group', s.text.includes('type: group'));
        count('driver', s.text.includes('type: driver'));
        count('title in a fence', s.text.includes('```\n# '));
        const deps = [...s.text.matchAll(/^ {2}- (\S+)$/gm)].map((m) => m[1]);
        for (const d of deps) {
          count('dependency on a missing spec', !statusOf.has(d) && !d.includes(':'));
          count('dependency on an archived spec', ws.specs.some((x) => x.archived && x.id === d));
          count('dependency on a cancelled spec', statusOf.get(d) === 'cancelled');
          count('dependency on a failed spec', statusOf.get(d) === 'failed');
          const dep = ws.specs.find((x) => x.id === d && !x.archived);
          count('dependency on a spec its run branch completes', !!dep?.branchText && /^status: completed$/m.test(dep.branchText));
          count('dependency on a spec its run branch holds otherwise', !!dep?.branchText && !/^status: completed$/m.test(dep.branchText));
          count('member on its driver', s.id.startsWith(`${d}.`));
          count('member on a sibling', /\.\d+$/.test(s.id) && d.split('.')[0] === s.id.split('.')[0] && d !== s.id.split('.')[0]);
        }
      }
    }
    const wanted = ['pending', 'in_progress', 'paused', 'completed', 'failed', 'needs_attention', 'ready', 'blocked', 'cancelled', 'done', 'in-progress']
      .map((s) => `status ${s}`)
      .concat(['archived', 'run branch copy', 'run branch copy in_progress', 'run branch copy completed', 'run branch copy failed',
        'run branch copy cancelled', 'run branch copy [in_progress', 'run branch copy no file',
        'dependency on a spec its run branch completes', 'dependency on a spec its run branch holds otherwise', 'nested member', 'member gap', 'depends_on: []', 'approval', 'group', 'driver', 'title in a fence',
        'dependency on a missing spec', 'dependency on an archived spec', 'dependency on a cancelled spec', 'dependency on a failed spec',
        'member on its driver', 'member on a sibling']);
    for (const w of wanted) assert.ok((seen.get(w) ?? 0) >= 3, `${w}: ${seen.get(w) ?? 0}`);
  });
});

describe('differential: our core against the real chant CLI', function () {
  const chant = needs('chant', findChant(), NO_CHANT);
  if (!chant) return;
  this.timeout(30 * 60_000);

  let agentDir: string;
  before(() => {
    agentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-diff-agent-'));
    // The agent double: answers `claude --version`; a real start leaves a mark and fails the run.
    fs.writeFileSync(path.join(agentDir, 'claude'),
      '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "2.0.0 (Claude Code)"; exit 0; fi\n'
      + 'echo "$CHANT_SPEC_ID" >> "$CHANT_DIFF_MARKER"\nexit 7\n', { mode: 0o755 });
  });
  after(() => fs.rmSync(agentDir, { recursive: true, force: true }));

  it(`agrees spec by spec on ${SEEDS} seeded workspaces of ${SPECS} specs`, async () => {
    const tally = new Tally();
    const today = localDate(new Date());
    const started = Date.now();
    const seeds = Array.from({ length: SEEDS }, (_, i) => SEED_BASE + i);
    const queue = [...seeds];
    const worker = async () => {
      for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) await checkSeed(seed, today, chant.bin, agentDir, tally);
    };
    await Promise.all([worker(), worker()]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const exceptions = [...tally.exceptions].map(([k, n]) => `  intentional: ${k}: ${n}`).join('\n');
    console.log(`      differential: ${tally.specs} specs, ${tally.fields} fields compared, ${tally.differences.length} differences `
      + `(${SEEDS} seeds, chant ${chant.version}, ${seconds} s)${exceptions ? `\n${exceptions}` : ''}`);
    if (process.env.CHANT_DIFF_DUMP) fs.writeFileSync(process.env.CHANT_DIFF_DUMP, tally.differences.join('\n') + '\n');
    assert.deepEqual(tally.differences.slice(0, 40), [], `${tally.differences.length} differences`);
  });
});

async function checkSeed(seed: number, today: string, bin: string, agentDir: string, tally: Tally): Promise<void> {
  const ws = generateWorkspace(seed, SPECS, today);
  const { dir, env } = await materialize(ws, agentDir);
  try {
    const chant = (...args: string[]) => run(bin, args, dir, env);
    const known = new Set(ws.specs.map((s) => s.id));

    // Batched reads: one call per listing, not per spec.
    const [ready, lint, exported, ...byStatus] = await Promise.all([
      chant('list', '--ready'), chant('lint', '--format', 'json'), chant('export', '--format', 'json'),
      ...CHANT_LIST_STATUSES.map((s) => chant('list', '--status', s)),
    ]);
    const index = new SpecIndex(nodeFileSystem);
    await index.setFolders([dir]);
    // The run branches of in-progress specs, read as the extension reads them (one bounded
    // cat-file each) and handed to the index: what chant loads for them, and so the readiness of
    // their dependents, siblings and drivers, follows those copies.
    const git = new NodeGit();
    index.setBranchCopies(await readBranchCopies(index.specsOf(dir), (root, branch, file) => git.branchFile(root, branch, file, { maxBytes: MAX_SPEC_BYTES }), (root) => git.branchNames(root)));
    const config = await readLintConfig(nodeFileSystem, dir);
    const ours = new Map<string, Spec>();
    for (const s of index.specsOf(dir)) if (!s.archived && !index.relationsOf(s).duplicateOf) ours.set(s.id, s);

    const readySet = listedIds(ready.stdout, known);
    const statusSets = CHANT_LIST_STATUSES.map((s, i) => [s, listedIds(byStatus[i].stdout, known)] as const);
    const exportStatus = new Map<string, string>();
    if (exported.stdout.trimStart().startsWith('[')) {
      for (const e of JSON.parse(exported.stdout) as { id: string; status: string }[]) exportStatus.set(e.id, EXPORT_STATUS[e.status] ?? e.status);
    }
    const chantLint = new Map<string, Set<string>>();
    for (const d of (JSON.parse(lint.stdout) as { diagnostics: { spec_id: string; rule: string; severity: string; message: string }[] }).diagnostics) {
      let set = chantLint.get(d.spec_id);
      if (!set) chantLint.set(d.spec_id, (set = new Set()));
      set.add(chantRuleKey(d));
    }
    const ourLint = new Map<string, Set<string>>();
    for (const p of lintReport(index, () => config)) {
      if (p.path.includes('/.chant/archive/')) continue;
      if (!CHANT_RULES.has(p.code)) {
        tally.except(`our own lint check \`${p.code}\` (chant has no such rule)`);
        continue;
      }
      const spec = index.byPath(p.path)!;
      if (!spec.loadable) continue; // compared as one verdict below: chant reports `parse`
      let set = ourLint.get(p.specId);
      if (!set) ourLint.set(p.specId, (set = new Set()));
      set.add(ourRuleKey(p));
    }

    for (const gen of ws.specs) {
      if (gen.archived) continue;
      const spec = ours.get(gen.id);
      tally.specs++;
      const at = `seed ${seed} ${gen.id}`;
      tally.compare(`${at} loadable`, spec?.loadable ?? false, exportStatus.has(gen.id));
      if (!spec?.loadable) {
        tally.compare(`${at} lint parse`, true, chantLint.get(gen.id)?.has('parse/error') ?? false);
        continue;
      }
      const rel = index.relationsOf(spec);
      tally.compare(`${at} status`, rel.status, exportStatus.get(gen.id));
      const listed = chantListFilters(rel);
      tally.compare(`${at} list --ready`, listed.ready, readySet.has(gen.id));
      for (const [s, set] of statusSets) tally.compare(`${at} list --status ${s}`, listed.status[s], set.has(gen.id));
      tally.compare(`${at} lint`, [...(ourLint.get(gen.id) ?? [])].sort(), [...(chantLint.get(gen.id) ?? [])].sort());
    }
    tally.except('spec positions (chant lint reports none)', ourLint.size);

    const r = rng(seed * 7919);
    const activeIds = [...ours.keys()];
    const loadable = [...ours.values()].filter((s) => s.loadable);

    // `chant show INPUT` on a sample: how it resolves short IDs (suffixes, sequences, which for
    // today's specs resolve by prefix, substrings, ambiguous ones) and the status it prints.
    const loadableIds = loadable.map((s) => s.id);
    const branchCopies = new Set(ws.specs.filter((s) => s.branchText !== undefined).map((s) => s.id));
    for (let k = 0; k < SHOW_PER_SEED && loadableIds.length; k++) {
      // The first look is at an in-progress spec whose run branch holds a newer copy, if any.
      const onBranch = k === 0 ? loadableIds.find((x) => branchCopies.has(x)) : undefined;
      const id = onBranch ?? loadableIds[Math.floor(r() * loadableIds.length)];
      const parts = id.split('-');
      const input = [id, parts[4], parts[3], `${parts[3]}-${parts[4]}`, id.slice(5, 12), parts[4]?.slice(0, 2), id.slice(-5)][(seed + k) % 7] ?? id;
      const shown = await chant('show', input);
      const theirs = /^ID:\s*(\S+)/m.exec(shown.stdout)?.[1]
        ?? (/ambiguous/i.test(shown.stderr) ? 'ambiguous' : /not found/i.test(shown.stderr) ? 'missing' : `error: ${shown.stderr.trim().split('\n').pop()}`);
      // chant resolves among the specs it loaded: unloadable files are invisible to it.
      const res = resolveShortId(input, loadableIds, today);
      tally.compare(`seed ${seed} resolve ${JSON.stringify(input)}`, res.kind === 'found' ? res.id : res.kind, theirs);
      const resolved = res.kind === 'found' ? ours.get(res.id) : undefined;
      if (!resolved) continue;
      // An in-progress spec as the explorer shows it: its run branch's copy (loadable ones are used).
      const copy = index.branchCopyOf(resolved);
      if (branchCopies.has(resolved.id)) tally.compare(`seed ${seed} ${resolved.id} run branch copy used`, !!copy, ws.specs.find((g) => g.id === resolved.id)!.branchLoadable === true);
      tally.compare(`seed ${seed} show ${resolved.id} status`, index.relationsOf(resolved).status, /^Status:\s*(\S+)/m.exec(shown.stdout)?.[1]);
      const title = /^Title:\s*(.*)$/m.exec(shown.stdout)?.[1].trim();
      const ourTitle = copy ? copy.title : resolved.title;
      if (ourTitle !== undefined) tally.compare(`seed ${seed} show ${resolved.id} title`, ourTitle, title);
    }
    tally.except('short IDs that name a file chant cannot load (we resolve those too, to show the file)', activeIds.length - loadableIds.length > 0 ? 1 : 0);

    // `chant work ID`: starts (the agent double ran) or refuses, on a sample weighted to where
    // list's readiness and work's acceptance part ways.
    const interesting = loadable.filter((s) => {
      const rel = index.relationsOf(s);
      return chantListFilters(rel).ready !== workAccepts(s, rel).accepted;
    });
    // …and to the dependents of in-progress specs whose run branch holds a copy chant reads.
    const onBranchDeps = loadable.filter((s) => s.status !== 'in_progress' && s.dependsOn.some((d) => branchCopies.has(d.value)));
    const candidates = [...interesting.slice(0, 2), ...onBranchDeps.slice(0, 1), ...loadable];
    const tried = new Set<string>();
    for (let k = 0; tried.size < WORK_PER_SEED && k < candidates.length * 2; k++) {
      const spec = k < 3 ? candidates[k] : loadable[Math.floor(r() * loadable.length)];
      if (!spec || tried.has(spec.id) || spec.status === 'in_progress') continue;
      tried.add(spec.id);
      const rel = index.relationsOf(spec);
      if (rel.members.length > 0 || spec.type === 'driver' || spec.type === 'group') {
        tally.except('`chant work DRIVER` chains over its members (our plan for drivers is checked by the run tests)');
        continue;
      }
      const marker = path.join(dir, '.home', `started-${spec.id}`);
      const result = await run(bin, ['work', spec.id, '--no-watch'], dir, { ...env, CHANT_DIFF_MARKER: marker });
      const didStart = fs.existsSync(marker);
      const worktree = path.join('/tmp', `chant-${ws.projectName}-${spec.id}`);
      const leftWork = didStart || fs.existsSync(worktree);
      const verdict = workAccepts(spec, rel);
      if (!didStart && verdict.accepted && /quality check failed/i.test(result.stderr)) {
        tally.except("chant's quality gate (its grading of the text is not modelled; our Work asks chant)");
      } else {
        const why = didStart ? '' : ` — chant: ${result.stderr.split('\n').filter((l) => /^Error/.test(l)).pop() ?? result.stdout.trim().split('\n').pop()}`;
        tally.compare(`seed ${seed} work ${spec.id} starts (ours: ${verdict.reasons.join('; ') || 'accepted'}${why})`, verdict.accepted, didStart);
      }
      await resetAfterWork(dir, env, leftWork ? worktree : undefined, spec.id);
    }

    // Our headless surfaces over the same workspace: no crash, and coherent output.
    const summaries = index.summaries();
    assert.equal(summaries.length, ws.specs.length);
    for (const s of loadable) planWork(index, dir, s.id, { mode: 'phases' });
    const graph = buildGraph({ specs: index.specsOf(dir), relationsOf: (s: Spec) => index.relationsOf(s) });
    assert.ok(graph.mermaid.length > 0 && toMermaid(graph.graph).length > 0);

    // `chant add`: the ID it creates (its last three characters are random).
    const added = await chant('add', 'Differential check of the next ID');
    const created = /Created\s+(\S+)/.exec(added.stdout)?.[1];
    const topLevel = fs.readdirSync(path.join(dir, '.chant', 'specs')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).filter((id) => id !== created);
    const predicted = nextSpecId(today, topLevel, 'xxx');
    tally.compare(`seed ${seed} add`, predicted.slice(0, -3), created?.slice(0, -3));
  } finally {
    await run('git', ['worktree', 'prune'], dir, env);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Undoes what a started or refused `chant work` left: its worktree and branch (if it got that far), the spec's state. */
async function resetAfterWork(dir: string, env: NodeJS.ProcessEnv, worktree: string | undefined, id: string): Promise<void> {
  if (worktree) {
    await run('git', ['worktree', 'remove', '--force', worktree], dir, env);
    fs.rmSync(worktree, { recursive: true, force: true });
    await run('git', ['worktree', 'prune'], dir, env);
    await run('git', ['branch', '-D', `chant/${id}`], dir, env);
  }
  await run('git', ['reset', '-q', '--hard'], dir, env);
  await run('git', ['clean', '-fdq', '-e', '.home', '.chant'], dir, env);
}
