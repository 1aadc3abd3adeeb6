// "Chant: Work Spec" in the real host with the real chant CLI and the agent double
// (test/agent-double/claude) first on PATH. chant works each spec in its own git worktree on
// branch chant/ID and runs the double there; the double edits a file, ticks the criteria and
// commits `chant(ID): …`, or fails, or waits for a go file so a test can look at a running spec.
// Suite `work` (tools/vscode/integration.mjs): a git copy of test/fixtures/ws-work.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChantApi, ExplorerSnapshotItem, WorkStart } from '../../src/vscode/api';
import { findChant, needs, NO_CHANT } from '../extras';
import { chantApi, ui, waitFor, workspaceRoot, type OutputView } from './helpers';

const DRV = '2026-01-15-001-drv';
const BRK = '2026-01-15-002-brk';
const ONE = '2026-01-15-003-one';
const VAG = '2026-01-15-004-vag';
const BAD = '2026-01-15-005-bad';
const HOSTILE = 'x;touch PWNED;';
// The fixture's chantSpecs.work.extraArgs: without it `chant work` starts a background `chant watch`
// that finalizes and merges on its own, racing what the tests look at.
const W = '--no-watch';

describe('Work Spec (real chant, agent double)', function () {
  this.timeout(120_000);
  const chant = needs('chant', findChant(), NO_CHANT);
  if (!chant) return;
  let api: ChantApi;
  let ws: string;
  const opened: vscode.Terminal[] = [];
  const subscriptions: vscode.Disposable[] = [];

  const specPath = (id: string) => path.join(ws, '.chant', 'specs', `${id}.md`);
  const statusOf = (id: string) => api.specs().find((s) => s.id === id)?.status;
  /** The status line of the spec file on main's work tree (what chant wrote). */
  const statusOnDisk = (id: string) => /^status:\s*(\S+)/m.exec(fs.readFileSync(specPath(id), 'utf8'))?.[1];
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' }).trim();
  const control = path.join(workspaceRootSafe(), '.git', 'agent-double');
  /** Tells the agent double what to do for a spec (`wait`, `fail`, `no-commit`…). */
  const tell = (id: string, ...words: string[]) => {
    fs.mkdirSync(control, { recursive: true });
    fs.writeFileSync(path.join(control, id), words.join(' '));
  };
  /** Lets a waiting double go on (`fail` makes it fail). Written aside and renamed: the double
   *  polls for the file and reads it at once, so it must never see it created but still empty. */
  const go = (id: string, how = '') => {
    const file = path.join(control, `${id}.go`);
    fs.writeFileSync(`${file}.tmp`, how);
    fs.renameSync(`${file}.tmp`, file);
  };
  /** The specs the double was started for, in order. */
  const agentRuns = (): string[] => {
    const file = path.join(control, 'calls.jsonl');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id) : [];
  };
  const branchSubjects = (id: string) => git('log', '--format=%s', `main..chant/${id}`).split('\n').filter(Boolean);
  const flatten = (items: ExplorerSnapshotItem[]): ExplorerSnapshotItem[] => items.flatMap((i) => [i, ...flatten(i.children ?? [])]);
  const treeRows = async (id: string) => flatten(await api.explorerSnapshot!()).filter((i) => i.specPath === specPath(id));
  const work = async (target: unknown, options?: object) =>
    vscode.commands.executeCommand<WorkStart | undefined>('chantSpecs.workSpec', target, options);
  const lensTitles = async (id: string) => {
    await vscode.workspace.openTextDocument(vscode.Uri.file(specPath(id)));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.file(specPath(id)));
    return lenses.filter((l) => l.command?.command.startsWith('chantSpecs.')).map((l) => l.command?.title ?? '');
  };

  before(async () => {
    api = await chantApi();
    ws = workspaceRoot();
    subscriptions.push(vscode.window.onDidOpenTerminal((t) => opened.push(t)));
  });

  after(() => {
    for (const s of subscriptions) s.dispose();
  });

  it('finds the real chant on PATH and verifies it with --version', async () => {
    const status = await api.cliStatus!();
    assert.equal(status.kind, 'ok', JSON.stringify(status));
    assert.equal(status.kind === 'ok' && fs.realpathSync(status.path), fs.realpathSync(chant.bin));
    assert.equal(status.kind === 'ok' && status.version, chant.version);
  });

  it('lists the specs chant would start as `chant` tasks (Run Task)', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'chant' });
    const specs = tasks.map((t) => (t.definition as unknown as { spec: string }).spec);
    assert.ok(specs.includes(ONE), JSON.stringify(specs));
    assert.ok(specs.includes(`${DRV}.1`), JSON.stringify(specs));
    assert.ok(!specs.includes(`${DRV}.4`), '.4 waits for its earlier siblings');
    assert.ok(!specs.includes(HOSTILE), 'a hostile ID is never offered');
  });

  it('refuses a spec whose ID is a shell command, without starting chant', async () => {
    const plan = api.plan!(specPath(HOSTILE));
    assert.equal(plan.ok, false);
    assert.match(!plan.ok ? plan.error : '', /Refusing to run spec ID/);
    const before = opened.length;
    assert.equal(await work(vscode.Uri.file(specPath(HOSTILE)), { confirm: false }), undefined);
    assert.equal(opened.length, before);
    assert.ok(!fs.existsSync(path.join(ws, 'PWNED')));
  });

  it('works a single spec named by its short ID: chant runs the agent in its worktree, commits on chant/ID, completes the spec on main', async () => {
    // Work Spec takes the short IDs chant takes (`003-one`, a unique suffix), like Show Graph.
    const planned = api.plan!('003-one');
    assert.ok(planned.ok && planned.plan.target === ONE, JSON.stringify(planned));
    tell(ONE, 'wait', 'hold');
    const start = await work('003-one');
    assert.ok(start, 'a single spec starts without confirmation');
    assert.deepEqual(start.plan.phases.flat().map((s) => s.argv.slice(1)), [['work', ONE, W]]);
    await waitFor('the agent running for ONE', () => agentRuns().includes(ONE) && api.runs!().some((r) => r.id === ONE && r.state === 'running'), 60_000);
    assert.ok((await lensTitles(ONE)).some((t) => /Running/.test(t)), 'the lens says it runs');
    // A second launch while it runs is refused before chant is asked.
    assert.equal(await work(specPath(ONE)), undefined);
    assert.equal(await api.work!(ONE), undefined);
    // Show Log, from the running spec's lens: its output channel follows what chant writes.
    assert.ok((await lensTitles(ONE)).includes('Show Log'), 'the running spec\'s lens offers its log');
    assert.equal(await vscode.commands.executeCommand('chantSpecs.showSpecLog', specPath(ONE)), 0);
    let seen: OutputView | undefined;
    const logEndsWith = (...tail: string[]) => waitFor(`the log channel ending with ${JSON.stringify(tail)}`, async () => {
      seen = await ui({ op: 'output' });
      const lines = seen.lines.map((l) => l.trimEnd()).filter(Boolean);
      // With several projects (Initialize Project adds one) the channel's name also says which.
      return seen.channel.startsWith(`Chant log: ${ONE}`) && JSON.stringify(lines.slice(-tail.length)) === JSON.stringify(tail);
    }, 30_000).catch((e: Error) => {
      throw new Error(`${e.message}; the Output view showed ${JSON.stringify(seen)}`);
    });
    try {
      await logEndsWith(`Working on ${ONE}`);
    } finally {
      go(ONE); // the run goes on whatever the view showed: later tests need the agent free
    }
    await logEndsWith(`Working on ${ONE}`, `Wrote agent-work/${ONE}.txt`, `Committed chant(${ONE}): work done`);
    // Live: the criterion the agent ticked in the run's worktree, and the time it has run, in the tree.
    const live = await waitFor('ONE 1/1 and running Ns in the tree', async () => (await treeRows(ONE)).find((r) => /\b1\/1\b/.test(r.description ?? '') && /running \d+s\b/.test(r.description ?? '')), 30_000);
    assert.match(live.description ?? '', /running \d+s/);
    // As drawn in the workbench: the running row's time moves on (only that row is redrawn every
    // 2 s; a whole-tree refresh threw away the command of a row being clicked).
    const drawnSeconds = async () => {
      const row = (await ui({ op: 'tree' })).find((t) => t.includes('Rotate the API keys'));
      const m = row && /running (\d+)s/.exec(row);
      return m ? Number(m[1]) : undefined;
    };
    await vscode.commands.executeCommand('chantSpecs.explorer.focus');
    const first = await waitFor('the running row drawn with its time', drawnSeconds, 20_000);
    await waitFor('the drawn time moving on', async () => ((await drawnSeconds()) ?? 0) > first, 20_000);
    assert.equal(statusOnDisk(ONE), 'in_progress', 'main still has the spec in progress while the criteria tick in the worktree');
    fs.writeFileSync(path.join(control, `${ONE}.done`), '');
    const outcome = await start.finished;
    assert.equal(outcome.ok, true, JSON.stringify(outcome.results.map((r) => ({ ...r, output: r.output?.slice(-800) }))));
    assert.deepEqual(outcome.results.map((r) => [r.id, r.code, r.args]), [[ONE, 0, ['work', ONE, W]]]);
    assert.equal(agentRuns().filter((i) => i === ONE).length, 1);
    await waitFor('ONE completed in the index', () => statusOf(ONE) === 'completed', 20_000);
    assert.equal(statusOnDisk(ONE), 'completed');
    assert.match(fs.readFileSync(specPath(ONE), 'utf8'), /^completed_at: /m);
    assert.ok(branchSubjects(ONE).includes(`chant(${ONE}): work done`), JSON.stringify(branchSubjects(ONE)));
    const rows = await treeRows(ONE);
    assert.ok(rows.length > 0 && rows.every((r) => /status-completed/.test(r.contextValue ?? '') && !/ running\b/.test(r.contextValue ?? '')), JSON.stringify(rows.map((r) => r.contextValue)));
  });

  it('reports chant\'s quality gate with its reason and offers --skip-criteria, applied only when asked', async () => {
    const before = agentRuns().length;
    const start = await work(specPath(VAG));
    assert.ok(start);
    const outcome = await start.finished;
    assert.equal(outcome.ok, false);
    assert.equal(outcome.failed?.code, 1);
    assert.equal(outcome.failed?.refusal?.kind, 'quality');
    assert.match(outcome.failed?.refusal?.reason ?? '', /Spec quality check failed/);
    assert.equal(outcome.failed?.refusal?.proceed, '--skip-criteria');
    assert.equal(agentRuns().length, before, 'chant started no agent');
    assert.equal(statusOnDisk(VAG), 'pending');
    // The notification as the user sees it: chant's reason and the option as a button; clicking it
    // runs the same work with that flag, once.
    const toast = await waitFor('the refusal notification', async () =>
      (await ui({ op: 'notifications' })).find((t) => t.message.includes(`chant did not work ${VAG}`)), 20_000);
    assert.match(toast.message, /Spec quality check failed/);
    assert.deepEqual(toast.buttons.slice(0, 1), ['Run with --skip-criteria']);
    const started: string[][] = [];
    const sub = vscode.tasks.onDidStartTask((e) => {
      const def = e.execution.task.definition as { spec?: string; args?: string[] };
      if (def.spec === VAG) started.push(def.args ?? []);
    });
    try {
      await ui({ op: 'click', text: 'Run with --skip-criteria' });
      await waitFor('the run with --skip-criteria', () => started.length > 0, 20_000);
      assert.ok(started[0].includes('--skip-criteria'), JSON.stringify(started));
      await waitFor('VAG completed', () => statusOf(VAG) === 'completed', 60_000);
    } finally {
      sub.dispose();
    }
    assert.equal(started.length, 1, 'one run, only when clicked');
  });

  it('reports a lint refusal with chant\'s finding and no option to force it', async () => {
    const start = await work(specPath(BAD));
    assert.ok(start);
    const outcome = await start.finished;
    assert.equal(outcome.ok, false);
    assert.equal(outcome.failed?.refusal?.kind, 'lint');
    assert.match(outcome.failed?.refusal?.reason ?? '', /Spec validation failed with 1 error/);
    assert.equal(outcome.failed?.refusal?.proceed, undefined);
    assert.equal(statusOnDisk(BAD), 'pending');
  });

  it('works the seed driver in phases: .1 .2 .3 side by side, .4 only after all three exited 0', async () => {
    for (const n of [1, 2, 3, 4]) tell(`${DRV}.${n}`, 'wait');
    const plan = api.plan!(specPath(DRV));
    assert.ok(plan.ok, !plan.ok ? plan.error : '');
    const phases = plan.ok ? plan.plan.phases.map((p) => p.map((s) => s.argv.slice(1))) : [];
    // chant checks earlier siblings even with depends_on: [], so the side-by-side members get --skip-deps.
    assert.deepEqual(phases, [[['work', `${DRV}.1`, W], ['work', `${DRV}.2`, '--skip-deps', W], ['work', `${DRV}.3`, '--skip-deps', W]], [['work', `${DRV}.4`, W]]]);

    const start = await work({ specPath: specPath(DRV) }, { confirm: false });
    assert.ok(start, 'the run did not start');
    await waitFor('three agents running side by side', () => [1, 2, 3].every((n) => agentRuns().includes(`${DRV}.${n}`)), 60_000);
    await waitFor('phase 1 running (run state)', () => [1, 2, 3].every((n) => api.runs!().some((r) => r.id === `${DRV}.${n}` && r.state === 'running')), 20_000);
    for (const n of [1, 2, 3]) {
      const rows = await treeRows(`${DRV}.${n}`);
      assert.ok(rows.length > 0 && rows.every((r) => / running\b/.test(r.contextValue ?? '')), `tree rows of .${n}: ${JSON.stringify(rows.map((r) => r.contextValue))}`);
    }
    assert.ok(!agentRuns().includes(`${DRV}.4`), '.4 started before phase 1 finished');

    // One at a time: chant commits each run's transcript on main, and two ending together collide.
    for (const n of [1, 3, 2]) {
      go(`${DRV}.${n}`);
      await waitFor(`.${n} completed`, () => statusOnDisk(`${DRV}.${n}`) === 'completed' && !api.runs!().some((r) => r.id === `${DRV}.${n}`), 60_000);
      if (n !== 2) assert.ok(!agentRuns().includes(`${DRV}.4`), `.4 started while phase 1 still ran (after .${n})`);
    }
    await waitFor('phase 2 agent', () => agentRuns().includes(`${DRV}.4`), 60_000);
    go(`${DRV}.4`);
    const outcome = await start.finished;
    assert.equal(outcome.ok, true, JSON.stringify(outcome.results.map((r) => ({ id: r.id, code: r.code, out: r.output?.slice(-600) }))));
    assert.deepEqual(outcome.results.map((r) => r.code), [0, 0, 0, 0]);
    assert.equal(outcome.results[3].id, `${DRV}.4`);
    // Every argv the plan built is what chant ran.
    const planned = (plan.ok ? plan.plan.phases.flat() : []).map((s) => s.argv.slice(1));
    assert.deepEqual(outcome.results.map((r) => r.args).sort(), planned.sort());

    await waitFor('all completed, the driver by chant', () => [1, 2, 3, 4].every((n) => statusOf(`${DRV}.${n}`) === 'completed') && statusOf(DRV) === 'completed', 20_000);
    for (const n of [1, 2, 3, 4]) assert.ok(branchSubjects(`${DRV}.${n}`).includes(`chant(${DRV}.${n}): work done`));
    const rows = await treeRows(`${DRV}.4`);
    assert.ok(rows.every((r) => /status-completed/.test(r.contextValue ?? '') && !/ running\b/.test(r.contextValue ?? '')), JSON.stringify(rows.map((r) => r.contextValue)));
  });

  it('stops the plan when a member fails, names it, and never starts the next phase', async () => {
    tell(`${BRK}.1`, 'wait');
    tell(`${BRK}.2`, 'wait');
    const start = await work(specPath(BRK), { confirm: false });
    assert.ok(start);
    await waitFor('phase 1 agents', () => agentRuns().includes(`${BRK}.1`) && agentRuns().includes(`${BRK}.2`), 60_000);
    go(`${BRK}.1`);
    await waitFor('.1 completed', () => statusOnDisk(`${BRK}.1`) === 'completed' && !api.runs!().some((r) => r.id === `${BRK}.1`), 60_000);
    go(`${BRK}.2`, 'fail');
    const outcome = await start.finished;
    assert.equal(outcome.ok, false);
    assert.equal(outcome.failed?.id, `${BRK}.2`);
    assert.equal(outcome.failed?.code, 1);
    assert.match(outcome.failed?.refusal?.reason ?? '', /Agent exited with status/);
    assert.deepEqual(outcome.notStarted, [`${BRK}.3`]);
    assert.ok(!agentRuns().includes(`${BRK}.3`));
    await waitFor('.2 failed on main', () => statusOf(`${BRK}.2`) === 'failed', 20_000);
    assert.equal(statusOnDisk(`${BRK}.2`), 'failed');
    assert.equal(statusOf(`${BRK}.3`), 'pending');
  });

  it('shows a lock left by a dead chant process as stale', async () => {
    const { pid } = spawnSync(process.execPath, ['-e', '0']);
    const lock = path.join(ws, '.chant', '.locks', `${BRK}.3.lock`);
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, String(pid));
    await waitFor('stale run state', () => api.runs!().some((r) => r.id === `${BRK}.3` && r.state === 'stale' && r.pid === pid), 20_000);
    const rows = await treeRows(`${BRK}.3`);
    assert.ok(rows.length > 0 && rows.every((r) => / stale\b/.test(r.contextValue ?? '')), JSON.stringify(rows.map((r) => r.contextValue)));
    fs.rmSync(lock);
    await waitFor('stale state cleared', () => !api.runs!().some((r) => r.id === `${BRK}.3`), 20_000);
  });

  it('shows a spec run from another terminal as chant does: status, title and criteria from its run branch', async () => {
    const EXT = '2026-01-15-011-ext';
    fs.writeFileSync(specPath(EXT), '---\ntype: task\nstatus: pending\n---\n\n# Tidy the changelog\n\n## Acceptance Criteria\n\n- [ ] Entries sorted\n- [ ] Links checked\n');
    git('add', '--', specPath(EXT));
    git('commit', '-q', '-m', `Add ${EXT}`);
    await waitFor('the new spec indexed', () => statusOf(EXT) === 'pending', 20_000);
    tell(EXT, 'hold'); // ticks both criteria, commits on chant/EXT, then waits
    // As from a terminal of the user's own: not a run of ours, so no live reading of its worktree.
    const proc = spawn(chant.bin, ['work', EXT, W], { cwd: ws, stdio: 'ignore', env: process.env });
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    try {
      await waitFor('the agent\'s commit on chant/EXT', () =>
        git('for-each-ref', '--format=%(refname)', `refs/heads/chant/${EXT}`) !== '' && branchSubjects(EXT).includes(`chant(${EXT}): work done`), 60_000);
      assert.equal(statusOnDisk(EXT), 'in_progress');
      assert.match(fs.readFileSync(specPath(EXT), 'utf8'), /- \[ \] Entries sorted/, 'main\'s copy is not ticked');
      // What the real chant shows of it, and the explorer alike.
      const shown = execFileSync(chant.bin, ['show', EXT], { cwd: ws, encoding: 'utf8' });
      assert.match(shown, new RegExp(`showing state from branch chant/${EXT}`));
      assert.equal(/^Status:\s*(\S+)/m.exec(shown)?.[1], 'in_progress');
      assert.equal(/^Title:\s*(.*)$/m.exec(shown)?.[1].trim(), 'Tidy the changelog');
      const row = await waitFor('2/2 from the branch in the tree', async () => (await treeRows(EXT)).find((r) => /(^| )2\/2( |$)/.test(r.description ?? '')), 30_000);
      assert.equal(row.label, 'Tidy the changelog');
      assert.doesNotMatch(row.description ?? '', /0\/2/);
      assert.match(row.tooltip ?? '', new RegExp(`from branch \`chant/${EXT}\`: in_progress`));
      assert.match(row.tooltip ?? '', /Acceptance criteria: 2\/2/);
      assert.deepEqual(api.specs().find((s) => s.id === EXT)?.criteria, { checked: 0, total: 2 }, 'the index (and lint) read the working tree, as chant lint does');
    } finally {
      fs.writeFileSync(path.join(control, `${EXT}.done`), '');
      await exited;
    }
    await waitFor('completed on main', () => statusOf(EXT) === 'completed', 30_000);
    const rows = await treeRows(EXT);
    assert.ok(rows.every((r) => !/from branch/.test(r.tooltip ?? '')), 'a completed spec is shown from main again');
  });

  it('readies the dependent of an in-progress spec when its run branch completes it, as chant list --ready does, and follows the branch as it moves', async () => {
    const RUN = '2026-01-15-012-run';
    const DEP = '2026-01-15-013-dep';
    const text = (status: string, box: string) => `---\ntype: code\nstatus: ${status}\n---\n\n# Rework the importer\n\n## Acceptance Criteria\n\n- [${box}] Importer reworked\n`;
    fs.writeFileSync(specPath(RUN), text('in_progress', ' '));
    fs.writeFileSync(specPath(DEP), `---\ntype: code\nstatus: pending\ndepends_on:\n  - ${RUN}\n---\n\n# Use the new importer\n\n## Acceptance Criteria\n\n- [ ] Importer used\n`);
    git('add', '--', specPath(RUN), specPath(DEP));
    git('commit', '-q', '-m', `Add ${RUN} and ${DEP}`);
    const chantSays = () => ({
      ready: execFileSync(chant.bin, ['list', '--ready'], { cwd: ws, encoding: 'utf8' }).includes(DEP),
      run: /^Status:\s*(\S+)/m.exec(execFileSync(chant.bin, ['show', RUN], { cwd: ws, encoding: 'utf8' }))?.[1],
      dep: /^Status:\s*(\S+)/m.exec(execFileSync(chant.bin, ['show', DEP], { cwd: ws, encoding: 'utf8' }))?.[1],
    });
    /** The Spec Explorer's group (status grouping, under its project when there are several) that lists the spec. */
    const groupOf = async (id: string) => {
      const find = (items: ExplorerSnapshotItem[], group?: ExplorerSnapshotItem): string | undefined => {
        for (const i of items) {
          if (i.specPath === specPath(id)) return group?.label;
          const found = find(i.children ?? [], i.specPath ? group : i);
          if (found) return found;
        }
        return undefined;
      };
      return find(await api.explorerSnapshot!());
    };
    /** Moves chant/RUN on by one commit holding `content` as RUN's file, the way a run commits there (no checkout here). */
    const commitOnBranch = (content: string) => {
      const index = path.join(ws, '.git', 'branch-test-index');
      const env = { ...process.env, GIT_INDEX_FILE: index };
      const run = (args: string[], input?: string) => execFileSync('git', args, { cwd: ws, env, input, encoding: 'utf8' }).trim();
      const parent = git('for-each-ref', '--format=%(refname)', `refs/heads/chant/${RUN}`) ? `chant/${RUN}` : 'main';
      run(['read-tree', parent]);
      run(['update-index', '--add', '--cacheinfo', `100644,${run(['hash-object', '-w', '--stdin'], content)},.chant/specs/${RUN}.md`]);
      const commit = run(['commit-tree', run(['write-tree']), '-p', parent, '-m', `chant(${RUN}): work`]);
      fs.rmSync(index, { force: true });
      git('update-ref', `refs/heads/chant/${RUN}`, commit);
    };
    await vscode.commands.executeCommand('chantSpecs.groupByStatus');
    try {
      await waitFor('DEP blocked by the spec in progress', () => statusOf(DEP) === 'blocked', 20_000);
      assert.deepEqual(chantSays(), { ready: false, run: 'in_progress', dep: 'blocked' });
      assert.equal(await groupOf(DEP), 'Blocked');

      // The run finished on its branch; main still says in progress (nothing merged).
      commitOnBranch(text('completed', 'x'));
      assert.equal(statusOnDisk(RUN), 'in_progress');
      assert.deepEqual(chantSays(), { ready: true, run: 'completed', dep: 'pending' });
      await waitFor('DEP in the Ready group once the branch moved', async () => (await groupOf(DEP)) === 'Ready', 30_000);
      const dep = api.specs().find((s) => s.id === DEP)!;
      assert.equal(dep.status, 'pending');
      assert.equal(dep.ready, true);
      assert.deepEqual(dep.blockedBy, []);
      assert.equal(await groupOf(RUN), 'Completed');
      const run = (await treeRows(RUN))[0];
      assert.match(run.tooltip ?? '', new RegExp(`from branch \`chant/${RUN}\`: completed`));
      assert.match(run.description ?? '', /(^| )1\/1( |$)/);

      // It moves on again: failed there, so DEP waits again and RUN is one chant would retry.
      commitOnBranch(text('failed', ' '));
      assert.deepEqual(chantSays(), { ready: false, run: 'failed', dep: 'blocked' });
      await waitFor('DEP blocked again', async () => (await groupOf(DEP)) === 'Blocked' && statusOf(DEP) === 'blocked', 30_000);
      assert.equal(await groupOf(RUN), 'Ready');

      // The branch goes: main's copy again.
      git('branch', '-D', `chant/${RUN}`);
      assert.deepEqual(chantSays(), { ready: false, run: 'in_progress', dep: 'blocked' });
      await waitFor('RUN in progress again', async () => (await groupOf(RUN)) === 'In progress' && statusOf(RUN) === 'in_progress', 30_000);
      assert.ok((await treeRows(RUN)).every((r) => !/from branch/.test(r.tooltip ?? '')));
    } finally {
      // Nothing of it is left for the chain below (chant's chain goes on to other ready specs).
      git('rm', '-q', '--', specPath(RUN), specPath(DEP));
      git('commit', '-q', '-m', `Remove ${RUN} and ${DEP}`);
      if (git('for-each-ref', '--format=%(refname)', `refs/heads/chant/${RUN}`)) git('branch', '-D', `chant/${RUN}`);
    }
    await waitFor('both gone from the index', () => statusOf(RUN) === undefined && statusOf(DEP) === undefined, 20_000);
  });

  it('runs a driver as chant chains it, in one task, and warns that chant goes on past its members', async () => {
    tell(`${BRK}.2`); // no more failing: chant's chain works the failed member again
    const start = await vscode.commands.executeCommand<WorkStart | undefined>('chantSpecs.workSpecChain', specPath(BRK), { confirm: false });
    assert.ok(start);
    assert.equal(start.plan.mode, 'chain');
    assert.ok(start.plan.warnings.some((w) => /other ready specs/.test(w)), JSON.stringify(start.plan.warnings));
    const outcome = await start.finished;
    assert.deepEqual(outcome.results.map((r) => r.args), [['work', BRK, W]]);
    await waitFor('chain completed the members and the driver', () => statusOf(`${BRK}.2`) === 'completed' && statusOf(`${BRK}.3`) === 'completed' && statusOf(BRK) === 'completed', 60_000);
    assert.equal(outcome.ok, true, outcome.results[0]?.output?.slice(-1500));
  });
});

function workspaceRootSafe(): string {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
}
