// `chant work` as VS Code tasks, driven through the workbench itself with the real chant and the
// agent double: Rerun Last Task after a run, our key chord pressed in the page, a tasks.json task
// of type `chant` picked in Run Task. Each checks the argv chant ran (the first line the task's
// terminal shows), the agent's run and what chant left on main.
// Suite `work` (tools/vscode/integration.mjs): a git copy of test/fixtures/ws-work.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChantApi } from '../../src/vscode/api';
import { findChant, needs, NO_CHANT } from '../extras';
import { chantApi, ui, waitFor, workspaceRoot, type QuickInputView } from './helpers';

const RRN = '2026-01-15-014-rrn';
const KEY = '2026-01-15-015-key';
const JSN = '2026-01-15-016-jsn';
const TTL = '2026-01-15-017-ttl';

interface Started { spec: string; args: string[]; name: string }

/** A key of package.json (`ctrl+alt+shift+s w`) as the key presses Playwright sends (`Control+Alt+Shift+KeyS`, `KeyW`). */
function chords(key: string): string[] {
  const names: Record<string, string> = { ctrl: 'Control', alt: 'Alt', shift: 'Shift', cmd: 'Meta' };
  return key.split(/\s+/).map((chord) => chord.split('+').map((k) => names[k] ?? (/^[a-z]$/.test(k) ? `Key${k.toUpperCase()}` : k)).join('+'));
}

describe('chant tasks through the workbench (real chant, agent double)', function () {
  this.timeout(180_000);
  if (!needs('chant', findChant(), NO_CHANT)) return;
  let api: ChantApi;
  let ws: string;
  const started: Started[] = [];
  const ended: Started[] = [];
  const subscriptions: vscode.Disposable[] = [];

  const specPath = (id: string) => path.join(ws, '.chant', 'specs', `${id}.md`);
  const statusOf = (id: string) => api.specs().find((s) => s.id === id)?.status;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' }).trim();
  const control = () => path.join(ws, '.git', 'agent-double');
  const tell = (id: string, ...words: string[]) => {
    fs.mkdirSync(control(), { recursive: true });
    fs.writeFileSync(path.join(control(), id), words.join(' '));
  };
  const agentRuns = (id: string) => {
    const file = path.join(control(), 'calls.jsonl');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes(`"id":"${id}"`)).length : 0;
  };
  const asStarted = (task: vscode.Task): Started => {
    const def = task.definition as { spec?: string; args?: string[] };
    return { spec: def.spec ?? '', args: def.args ?? [], name: task.name };
  };
  /** Adds a spec on main, as committed work. */
  const addSpec = async (id: string, body: string) => {
    fs.writeFileSync(specPath(id), `---\ntype: code\nstatus: pending\n---\n\n${body}`);
    git('add', '--', specPath(id));
    git('commit', '-q', '-m', `Add ${id}`);
    await waitFor(`${id} indexed`, () => statusOf(id) === 'pending', 20_000).catch((e: Error) => {
      throw new Error(`${e.message}; the index has ${JSON.stringify(api.specs().filter((s) => s.id === id || s.path === specPath(id)))} of ${api.specs().length} specs`);
    });
  };
  /** Waits until the terminal shown in the panel ran `chant <argv>` (its first line of ours) and chant ended as `last`. */
  const terminalShows = async (argv: string, last: RegExp) => {
    let lines: string[] = [];
    const shown = async (where: 'Top' | 'Bottom') => {
      await vscode.commands.executeCommand(`workbench.action.terminal.scrollTo${where}`);
      return (await ui({ op: 'terminal' })).filter((l) => l.trim());
    };
    await waitFor(`the terminal running chant ${argv}`, async () => {
      lines = await shown('Bottom');
      if (!lines.some((l) => last.test(l))) return false;
      lines = await shown('Top');
      // Below VS Code's `Executing task` line: the argv the task's terminal runs chant with.
      return lines.find((l) => l.startsWith('> chant ')) === `> chant ${argv}`;
    }, 30_000).catch((e: Error) => {
      throw new Error(`${e.message}; the terminal showed ${JSON.stringify(lines)}`);
    });
  };
  const quickInput = async (what: string, also: (q: QuickInputView) => boolean) => {
    let seen: QuickInputView | null = null;
    return waitFor(what, async () => {
      seen = await ui({ op: 'quickInput' });
      return seen && also(seen) ? seen : undefined;
    }, 20_000).catch((e: Error) => {
      throw new Error(`${e.message}; on screen: ${JSON.stringify(seen)}`);
    });
  };

  before(async () => {
    api = await chantApi();
    ws = workspaceRoot();
    subscriptions.push(
      vscode.tasks.onDidStartTask((e) => { if (e.execution.task.definition.type === 'chant') started.push(asStarted(e.execution.task)); }),
      vscode.tasks.onDidEndTask((e) => { if (e.execution.task.definition.type === 'chant') ended.push(asStarted(e.execution.task)); }),
    );
  });

  after(() => {
    for (const s of subscriptions) s.dispose();
  });

  it('Rerun Last Task runs the same chant work again, and a failed rerun is announced like any run', async () => {
    await addSpec(RRN, '# Retry the importer\n\n## Acceptance Criteria\n\n- [ ] Importer retried\n');
    tell(RRN, 'fail');
    const start = await api.work!(RRN);
    if (!start) {
      // Why, as far as the workbench and the extension can tell (a refusal's toast takes a moment).
      await new Promise((r) => setTimeout(r, 3000));
      assert.fail(`Work Spec did not start RRN; plan ${JSON.stringify(api.plan!(RRN))}; CLI ${JSON.stringify(await api.cliStatus!())}; notifications: ${JSON.stringify(await ui({ op: 'notifications' }))}`);
    }
    assert.equal((await start.finished).ok, false);
    await waitFor('RRN failed', () => statusOf(RRN) === 'failed', 20_000);
    const first = started.filter((s) => s.spec === RRN);
    assert.deepEqual(first, [{ spec: RRN, args: ['--no-watch'], name: 'work 014-rrn' }]);
    await terminalShows(`work ${RRN} --no-watch`, /chant exited with code 1/);
    assert.equal(agentRuns(RRN), 1);

    // The workbench's own Rerun Last Task, still failing: nothing of ours waits for that run, and
    // its failure is announced all the same.
    await vscode.commands.executeCommand('notifications.clearAll');
    const toast = () => ui({ op: 'notifications' }).then((ts) => ts.find((t) => t.message.includes(`chant did not work ${RRN}`)));
    await waitFor('no notification left', async () => !(await toast()));
    await vscode.commands.executeCommand('workbench.action.tasks.reRunTask');
    await waitFor('the rerun ended', () => ended.filter((s) => s.spec === RRN).length === 2, 60_000);
    assert.deepEqual(started.filter((s) => s.spec === RRN), [first[0], first[0]]);
    assert.equal(agentRuns(RRN), 2);
    const announced = await waitFor('the rerun\'s failure announced', toast, 20_000);
    assert.match(announced.message, /Agent exited with status/);

    // Once more, now that the agent succeeds: chant completes the spec.
    tell(RRN);
    await vscode.commands.executeCommand('workbench.action.tasks.reRunTask');
    await waitFor('RRN completed', () => statusOf(RRN) === 'completed', 60_000);
    assert.deepEqual(started.filter((s) => s.spec === RRN), [first[0], first[0], first[0]]);
    assert.equal(agentRuns(RRN), 3);
    await terminalShows(`work ${RRN} --no-watch`, /chant finished\./);
    assert.ok(git('log', '--format=%s', `main..chant/${RRN}`).includes(`chant(${RRN}): work done`));
  });

  it('our Work Spec key chord, pressed in the workbench, offers the specs to work and starts chant work on the one picked', async () => {
    // `$(date)` in a title is text, not one of VS Code's icons.
    await addSpec(KEY, '# Index the audit table by $(date)\n\n## Acceptance Criteria\n\n- [ ] Index added\n');
    const bindings = vscode.extensions.getExtension('chant-specs.chant-specs')!.packageJSON.contributes.keybindings as { command: string; key: string }[];
    const binding = bindings.find((b) => b.command === 'chantSpecs.workSpec');
    assert.ok(binding, 'Work Spec has a keybinding');
    await vscode.window.showTextDocument(vscode.Uri.file(specPath(KEY)));
    await ui({ op: 'keys', keys: chords(binding.key) });
    await quickInput('the Work a spec pick list', (q) => q.title === 'Work a spec');
    await ui({ op: 'fill', text: KEY });
    await quickInput('KEY listed first, its title as written', (q) => q.items[0]?.includes('Index the audit table by $(date)'));
    await ui({ op: 'keys', keys: ['Enter'] });
    await waitFor('the run the chord started', () => started.some((s) => s.spec === KEY), 20_000);
    await waitFor('KEY completed', () => statusOf(KEY) === 'completed', 60_000);
    assert.deepEqual(started.filter((s) => s.spec === KEY), [{ spec: KEY, args: ['--no-watch'], name: 'work 015-key' }]);
    await terminalShows(`work ${KEY} --no-watch`, /chant finished\./);
    assert.equal(agentRuns(KEY), 1);
  });

  it('runs a tasks.json task of type chant picked in Run Task, with its arguments', async () => {
    // No acceptance criteria: chant refuses it unless the task passes --skip-criteria.
    await addSpec(JSN, '# Sort the imports\n\nMake them tidier.\n');
    const label = 'chant: sort the imports';
    fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.vscode', 'tasks.json'), JSON.stringify({
      version: '2.0.0',
      tasks: [{ type: 'chant', spec: '016-jsn', args: ['--skip-criteria', '--no-watch'], label }],
    }, null, 2));
    await waitFor('the task configured', async () => (await vscode.tasks.fetchTasks({ type: 'chant' })).some((t) => t.name === label), 20_000);
    await vscode.commands.executeCommand('workbench.action.tasks.runTask');
    await quickInput('Run Task\'s pick list', (q) => q.items.length > 0);
    await ui({ op: 'fill', text: label });
    await quickInput(`${label} listed first`, (q) => q.items[0] === label);
    await ui({ op: 'keys', keys: ['Enter'] });
    await waitFor('JSN completed', () => statusOf(JSN) === 'completed', 60_000);
    assert.deepEqual(started.filter((s) => s.spec === '016-jsn'), [{ spec: '016-jsn', args: ['--skip-criteria', '--no-watch'], name: label }]);
    await terminalShows(`work ${JSN} --skip-criteria --no-watch`, /chant finished\./);
    assert.equal(agentRuns(JSN), 1);
  });

  it('Run Task lists a spec\'s task with the spec\'s title as written', async () => {
    // The Run Task list draws `$(name)` in a task's detail as an icon: the title is escaped.
    await addSpec(TTL, '# Print $(date) in the log\n\n## Acceptance Criteria\n\n- [ ] Printed\n');
    await vscode.commands.executeCommand('workbench.action.tasks.runTask', { type: 'chant' });
    try {
      await quickInput('Run Task\'s chant tasks', (q) => q.items.length > 0);
      await ui({ op: 'fill', text: '017-ttl' });
      await quickInput('TTL\'s task, its title as written under it', (q) => q.items.some((item) => item.endsWith('work 017-ttl')) && q.items.includes('Print $(date) in the log'));
    } finally {
      await ui({ op: 'keys', keys: ['Escape'] });
    }
    fs.rmSync(specPath(TTL));
    git('commit', '-qam', `Remove ${TTL}`);
  });
});
