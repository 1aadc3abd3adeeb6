// "Chant: Work Spec" in the real host, with the stand-in `chant` (test/stand-in/chant) first on
// PATH. The stand-in records its argv and cwd, flips statuses the way chant does, and waits for
// a gate file per spec, so the tests can look at a phase while it runs.
// Suite `work` (tools/vscode/integration.mjs): a fresh copy of test/fixtures/ws-work.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChantApi } from '../../src/vscode/api';
import { terminalName } from '../../src/core/runPlan';
import type { ExplorerSnapshotItem } from '../../src/vscode/specTree';
import type { WorkStart } from '../../src/vscode/work';
import { chantApi, waitFor, workspaceRoot } from './helpers';

const DRV = '2026-01-15-001-drv';
const BRK = '2026-01-15-002-brk';
const ONE = '2026-01-15-003-one';
const HOSTILE = 'x;touch PWNED;';

describe('Work Spec (stand-in chant on PATH)', function () {
  this.timeout(60_000);
  let api: ChantApi;
  let ws: string;
  let gate: string;
  const opened: vscode.Terminal[] = [];
  const subscriptions: vscode.Disposable[] = [];

  const specPath = (id: string) => path.join(ws, '.chant', 'specs', `${id}.md`);
  const statusOf = (id: string) => api.specs().find((s) => s.id === id)?.status;
  const open = (id: string, code = 0) => fs.writeFileSync(path.join(gate, id), String(code));
  const terminalFor = (id: string) => opened.find((t) => t.name === terminalName(id));
  /** What the stand-in recorded, without the `--version` checks. */
  const recorded = (): { argv: string[]; cwd: string }[] => {
    const file = path.join(ws, '.standin', 'argv.jsonl');
    if (!fs.existsSync(file)) return [];
    return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.argv[0] === 'work');
  };
  const flatten = (items: ExplorerSnapshotItem[]): ExplorerSnapshotItem[] => items.flatMap((i) => [i, ...flatten(i.children ?? [])]);
  /** The Spec Explorer rows of a spec (status grouping may show it once, hierarchy nests it). */
  const treeRows = async (id: string) => flatten(await api.explorerSnapshot!()).filter((i) => i.specPath === specPath(id));
  const work = async (target: unknown, options?: object) =>
    vscode.commands.executeCommand<WorkStart | undefined>('chantSpecs.workSpec', target, options);

  before(async () => {
    api = await chantApi();
    ws = workspaceRoot();
    gate = path.join(ws, '.standin', 'gate');
    fs.mkdirSync(gate, { recursive: true });
    subscriptions.push(vscode.window.onDidOpenTerminal((t) => opened.push(t)));
  });

  after(() => {
    for (const s of subscriptions) s.dispose();
    for (const t of opened) t.dispose();
  });

  it('finds the stand-in on PATH and verifies it with --version', async () => {
    const status = await api.cliStatus!();
    assert.equal(status.kind, 'ok', JSON.stringify(status));
    assert.ok(status.kind === 'ok' && status.path.endsWith(path.join('test', 'stand-in', 'chant')), JSON.stringify(status));
    assert.equal(status.kind === 'ok' && status.version, '0.23.2');
  });

  it('shows `▶ Work` on spec files (and `Work as chain` on drivers)', async () => {
    for (const id of [DRV, ONE]) await vscode.workspace.openTextDocument(vscode.Uri.file(specPath(id)));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.file(specPath(DRV)));
    const ours = lenses.filter((l) => l.command?.command.startsWith('chantSpecs.work'));
    assert.deepEqual(ours.map((l) => l.command?.title), ['▶ Work', 'Work as chain']);
    assert.deepEqual(ours[0].command?.arguments, [specPath(DRV)]);
    const single = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.file(specPath(ONE)));
    assert.deepEqual(single.filter((l) => l.command?.command.startsWith('chantSpecs.work')).map((l) => l.command?.title), ['▶ Work']);
  });

  it('refuses a spec whose ID is a shell command, without opening a terminal', async () => {
    const plan = api.plan!(specPath(HOSTILE));
    assert.equal(plan.ok, false);
    assert.match(!plan.ok ? plan.error : '', /Refusing to run spec ID/);
    const before = opened.length;
    assert.equal(await work(vscode.Uri.file(specPath(HOSTILE)), { confirm: false }), undefined);
    assert.equal(opened.length, before);
    assert.equal(recorded().length, 0);
    assert.ok(!fs.existsSync(path.join(ws, 'PWNED')));
  });

  it('works the seed driver in phases: .1 .2 .3 side by side, .4 only after all three exited 0', async () => {
    const plan = api.plan!(specPath(DRV));
    assert.ok(plan.ok, !plan.ok ? plan.error : '');
    const phases = plan.ok ? plan.plan.phases.map((p) => p.map((s) => s.id)) : [];
    assert.deepEqual(phases, [[`${DRV}.1`, `${DRV}.2`, `${DRV}.3`], [`${DRV}.4`]]);

    // A tree item (what the context menu passes) as the argument.
    const start = await work({ specPath: specPath(DRV) }, { confirm: false });
    assert.ok(start, 'the run did not start');

    // Phase 1: three terminals, named after the members, in chant's order; .4 not yet.
    await waitFor('three phase-1 terminals', () => [1, 2, 3].every((n) => terminalFor(`${DRV}.${n}`)), 20_000);
    assert.deepEqual(opened.map((t) => t.name), [1, 2, 3].map((n) => terminalName(`${DRV}.${n}`)));
    await waitFor('phase 1 running (status in_progress, run state running)', () =>
      [1, 2, 3].every((n) => statusOf(`${DRV}.${n}`) === 'in_progress' && api.runs!().some((r) => r.id === `${DRV}.${n}` && r.state === 'running')), 20_000);
    for (const n of [1, 2, 3]) {
      const rows = await treeRows(`${DRV}.${n}`);
      assert.ok(rows.length > 0 && rows.every((r) => / running\b/.test(r.contextValue ?? '')), `tree rows of .${n}: ${JSON.stringify(rows.map((r) => r.contextValue))}`);
    }
    assert.equal(terminalFor(`${DRV}.4`), undefined, '.4 started before phase 1 finished');
    assert.ok(!recorded().some((r) => r.argv[1] === `${DRV}.4`));

    // Each terminal runs the verified executable with the plan's argv as separate arguments.
    for (const step of plan.ok ? plan.plan.phases[0] : []) {
      const options = terminalFor(step.id)!.creationOptions as vscode.TerminalOptions;
      const shellArgs = options.shellArgs as string[];
      assert.ok(shellArgs[3].endsWith(path.join('test', 'stand-in', 'chant')), shellArgs[3]);
      assert.deepEqual(shellArgs.slice(4), step.argv.slice(1));
      assert.equal(options.cwd, ws);
    }

    // Two of three finished: still no .4.
    open(`${DRV}.1`);
    open(`${DRV}.3`);
    await waitFor('.1 and .3 completed', () => statusOf(`${DRV}.1`) === 'completed' && statusOf(`${DRV}.3`) === 'completed', 20_000);
    assert.equal(terminalFor(`${DRV}.4`), undefined, '.4 started while .2 was still running');

    open(`${DRV}.2`);
    await waitFor('phase 2 terminal', () => terminalFor(`${DRV}.4`), 20_000);
    await waitFor('.4 running', () => statusOf(`${DRV}.4`) === 'in_progress', 20_000);
    open(`${DRV}.4`);
    const outcome = await start.finished;
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.deepEqual(outcome.results.map((r) => r.code), [0, 0, 0, 0]);
    assert.equal(outcome.results[3].id, `${DRV}.4`);

    // What chant was asked to do is exactly the plan, run in the project root.
    const calls = recorded();
    const expected = (plan.ok ? plan.plan.phases.flat() : []).map((s) => ({ argv: s.argv.slice(1), cwd: s.cwd }));
    assert.deepEqual(calls.slice(0, 3).map((c) => c.argv).sort(), expected.slice(0, 3).map((e) => e.argv).sort());
    assert.deepEqual(calls.map((c) => ({ argv: c.argv, cwd: c.cwd })).slice(3), expected.slice(3));
    assert.ok(calls.every((c) => c.cwd === ws));

    // running → completed, in the index and in the tree; the stand-in auto-completed the driver.
    await waitFor('all completed', () => [1, 2, 3, 4].every((n) => statusOf(`${DRV}.${n}`) === 'completed') && statusOf(DRV) === 'completed', 20_000);
    await waitFor('no run left', () => !api.runs!().some((r) => r.id.startsWith(DRV)), 20_000);
    const rows = await treeRows(`${DRV}.4`);
    assert.ok(rows.every((r) => /status-completed/.test(r.contextValue ?? '') && !/ running\b/.test(r.contextValue ?? '')), JSON.stringify(rows.map((r) => r.contextValue)));
  });

  it('stops the plan when a member fails, names it, and never starts the next phase', async () => {
    const before = recorded().length;
    const start = await work(specPath(BRK), { confirm: false });
    assert.ok(start);
    await waitFor('phase 1 terminals', () => terminalFor(`${BRK}.1`) && terminalFor(`${BRK}.2`), 20_000);
    open(`${BRK}.1`, 0);
    open(`${BRK}.2`, 3);
    const outcome = await start.finished;
    assert.equal(outcome.ok, false);
    assert.deepEqual(outcome.failed, { id: `${BRK}.2`, code: 3 });
    assert.deepEqual(outcome.notStarted, [`${BRK}.3`]);
    assert.equal(terminalFor(`${BRK}.3`), undefined);
    assert.deepEqual(recorded().slice(before).map((c) => c.argv[1]).sort(), [`${BRK}.1`, `${BRK}.2`]);
    await waitFor('.2 failed, .1 completed', () => statusOf(`${BRK}.2`) === 'failed' && statusOf(`${BRK}.1`) === 'completed', 20_000);
    assert.equal(statusOf(`${BRK}.3`), 'pending');
  });

  it('runs a driver as chant chains it, in one terminal', async () => {
    open(`${BRK}.2`, 0);
    open(`${BRK}.3`, 0);
    const before = recorded().length;
    const start = await vscode.commands.executeCommand<WorkStart | undefined>('chantSpecs.workSpecChain', specPath(BRK), { confirm: false });
    assert.ok(start);
    assert.equal(start.plan.mode, 'chain');
    const outcome = await start.finished;
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.deepEqual(recorded().slice(before).map((c) => c.argv), [['work', BRK]]);
    assert.ok(terminalFor(BRK));
    await waitFor('chain completed the members and the driver', () => statusOf(`${BRK}.3`) === 'completed' && statusOf(BRK) === 'completed', 20_000);
  });

  it('refuses a second launch of a spec that is running', async () => {
    const start = await work(specPath(ONE));
    assert.ok(start, 'a single spec starts without confirmation');
    await waitFor(`${ONE} running`, () => api.runs!().some((r) => r.id === ONE && r.state === 'running') && statusOf(ONE) === 'in_progress', 20_000);
    assert.equal(await work(specPath(ONE)), undefined);
    assert.equal(await api.work!(ONE), undefined);
    assert.equal(recorded().filter((c) => c.argv[1] === ONE).length, 1);
    open(ONE);
    const outcome = await start.finished;
    assert.equal(outcome.ok, true);
    await waitFor(`${ONE} completed`, () => statusOf(ONE) === 'completed', 20_000);
  });

  it('shows a lock left by a dead chant process as stale', async () => {
    const { pid } = spawnSync(process.execPath, ['-e', '0']);
    const lock = path.join(ws, '.chant', '.locks', `${BRK}.1.lock`);
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, String(pid));
    await waitFor('stale run state', () => api.runs!().some((r) => r.id === `${BRK}.1` && r.state === 'stale' && r.pid === pid), 20_000);
    const rows = await treeRows(`${BRK}.1`);
    assert.ok(rows.length > 0 && rows.every((r) => / stale\b/.test(r.contextValue ?? '')), JSON.stringify(rows.map((r) => r.contextValue)));
    fs.rmSync(lock);
    await waitFor('stale state cleared', () => !api.runs!().some((r) => r.id === `${BRK}.1`), 20_000);
  });
});
