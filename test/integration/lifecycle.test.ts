// The lifecycle after `chant work`, in the real host with the real chant and the agent double:
// approve / reject, a completed spec awaiting merge (tree, lens), Review Changes (multi-file diff),
// Merge, Archive, Reset and Cancel of a failed spec, Show Log (its output channel as the page shows
// it, following the file). Each asserts what chant leaves: the spec file, the commits and branches,
// and the actions offered afterwards.
// Suite `work` (tools/vscode/integration.mjs): a git copy of test/fixtures/ws-work.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChantApi, ExplorerSnapshotItem } from '../../src/vscode/api';
import { findChant, needs, NO_CHANT } from '../extras';
import { chantApi, ui, waitFor, workspaceRoot, type OutputView, type QuickInputView } from './helpers';

const APR = '2026-01-15-006-apr';
const REJ = '2026-01-15-007-rej';
const MRG = '2026-01-15-008-mrg';
const FAL = '2026-01-15-009-fal';

describe('Lifecycle through chant (real chant, agent double)', function () {
  this.timeout(120_000);
  if (!needs('chant', findChant(), NO_CHANT)) return;
  let api: ChantApi;
  let ws: string;
  const specPath = (id: string) => path.join(ws, '.chant', 'specs', `${id}.md`);
  const text = (id: string) => fs.readFileSync(specPath(id), 'utf8');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' }).trim();
  const actions = async (id: string) => {
    await api.lifecycle!.refreshed();
    return api.lifecycle!.actions(id);
  };
  const flatten = (items: ExplorerSnapshotItem[]): ExplorerSnapshotItem[] => items.flatMap((i) => [i, ...flatten(i.children ?? [])]);
  const rows = async (id: string) => flatten(await api.explorerSnapshot!()).filter((i) => i.specPath === specPath(id));

  /**
   * Show Log: the spec's output channel shows the log file as it is, follows appends, shows the
   * file again after it was truncated, says when it is gone and shows it when it is back.
   */
  const showsLogAndFollows = async (id: string) => {
    const file = path.join(ws, '.chant', 'logs', `${id}.log`);
    // With several projects (Initialize Project adds one) the channel's name also says which.
    const isName = (channel: string) => channel === `Chant log: ${id}` || channel.startsWith(`Chant log: ${id} (`);
    let seen: OutputView | undefined;
    const linesOf = (text: string) => text.replace(/\n+$/, '').split('\n');
    /** Waits until the Output view shows the channel and its last lines on screen are `tail`. */
    const shows = (what: string, tail: string[]) => waitFor(what, async () => {
      seen = await ui({ op: 'output' });
      const lines = seen.lines.map((l) => l.trimEnd());
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return isName(seen.channel) && lines.length >= tail.length && tail.every((t, i) => lines[lines.length - tail.length + i] === t);
    }, 15_000).catch((e: Error) => {
      throw new Error(`${e.message}; the Output view showed ${JSON.stringify(seen)}`);
    });

    assert.equal(await api.lifecycle!.run('log', id), 0);
    const written = linesOf(fs.readFileSync(file, 'utf8'));
    assert.ok(written.length >= 3 && written[written.length - 1] === 'Giving up.', JSON.stringify(written));
    await shows('the log as chant wrote it', written.slice(-4));

    fs.appendFileSync(file, 'appended while shown: 1\n');
    await shows('the appended line', [...written.slice(-2), 'appended while shown: 1']);
    fs.appendFileSync(file, 'appended while shown: 2\nand 3\n');
    await shows('two more', ['appended while shown: 1', 'appended while shown: 2', 'and 3']);

    // Shown again: the same channel, not a second one.
    assert.equal(await api.lifecycle!.run('log', id), 0);
    assert.equal(seen!.channels.filter(isName).length, 1, JSON.stringify(seen!.channels));

    fs.writeFileSync(file, 'after truncation\n');
    await shows('the truncated file', ['after truncation']);
    assert.ok(!seen!.lines.some((l) => l.includes('Giving up.') || l.includes('appended while shown')), JSON.stringify(seen));
    fs.appendFileSync(file, 'followed after truncation\n');
    await shows('an append after truncation', ['after truncation', 'followed after truncation']);

    fs.rmSync(file);
    await shows('the file gone', [`.chant/logs/${id}.log does not exist yet. It shows here as soon as chant writes it (chant work starts it).`]);
    fs.writeFileSync(file, 'written anew\n');
    await shows('the file back', ['written anew']);
  };

  before(async () => {
    api = await chantApi();
    ws = workspaceRoot();
  });

  /** The quick input on screen once its title matches `title`. */
  const quickInput = (what: string, title: RegExp, also: (q: QuickInputView) => boolean = () => true) =>
    waitFor(what, async () => {
      const q = await ui({ op: 'quickInput' });
      return q && title.test(q.title) && also(q) ? q : undefined;
    }, 20_000);
  /** The Spec Explorer row's context menu as drawn (closed again before it resolves). */
  const rowMenu = async (title: string) => {
    await vscode.commands.executeCommand('chantSpecs.explorer.focus');
    await waitFor(`the row ${title} drawn`, async () => (await ui({ op: 'tree' })).some((r) => r.includes(title)), 20_000);
    const items = await ui({ op: 'rowMenu', text: title });
    await ui({ op: 'keys', keys: ['Escape'] });
    return items;
  };
  const lastSubject = () => git('log', '-1', '--format=%s');

  it('approves a spec that requires approval from the Spec Explorer\'s context menu: chant records who and commits', async () => {
    assert.deepEqual((await actions(APR)).filter((a) => a === 'approve' || a === 'reject'), ['approve', 'reject']);
    assert.deepEqual((await actions(MRG)).filter((a) => a === 'approve'), [], 'no approval asked, none offered');
    const title = 'Drop the legacy endpoint';
    const menu = await rowMenu(title);
    assert.ok(menu.includes('Approve Spec') && menu.includes('Reject Spec') && !menu.includes('Merge Spec Branch'), JSON.stringify(menu));
    await vscode.commands.executeCommand('chantSpecs.explorer.focus');
    await ui({ op: 'rowMenu', text: title });
    await ui({ op: 'menu', text: 'Approve Spec' });
    const box = await quickInput('the name asked', new RegExp(`^Approve ${APR}: your name`));
    assert.equal(box.value, 'Chant Tests', 'git user.name is the default');
    await ui({ op: 'keys', keys: ['Enter'] });
    await waitFor('chant\'s approval commit', () => lastSubject() === `chant(${APR}): approve spec`, 30_000);
    assert.match(text(APR), /approval:\n\s+required: true\n\s+status: approved\n\s+by: Chant Tests/);
    await waitFor('approve no longer offered', async () => !(await actions(APR)).includes('approve'));
    await waitFor('the context menu without Approve', async () => !(await rowMenu(title)).includes('Approve Spec'), 20_000);
  });

  it('rejects from the spec\'s lens with a reason typed in the input box, passed to chant as one argument', async () => {
    const reason = 'Too broad; split it $(touch PWNED)';
    await vscode.window.showTextDocument(vscode.Uri.file(specPath(REJ)));
    await ui({ op: 'lens', text: 'Reject' });
    await quickInput('the name asked', new RegExp(`^Reject ${REJ}: your name`), (q) => q.value === 'Chant Tests');
    await ui({ op: 'keys', keys: ['Enter'] });
    await quickInput('the reason asked', new RegExp(`^Reject ${REJ}: why\\?`));
    // A blank reason is not taken: the box stays, saying why.
    await ui({ op: 'fill', text: '   ' });
    await ui({ op: 'keys', keys: ['Enter'] });
    await quickInput('the blank reason refused', new RegExp(`^Reject ${REJ}: why\\?`), (q) => /A reason is required/.test(q.message));
    assert.notEqual(lastSubject(), `chant(${REJ}): reject spec`);
    await ui({ op: 'fill', text: reason });
    await ui({ op: 'keys', keys: ['Enter'] });
    await waitFor('chant\'s rejection commit', () => lastSubject() === `chant(${REJ}): reject spec`, 30_000);
    assert.match(text(REJ), /status: rejected/);
    assert.ok(text(REJ).includes(reason), 'chant wrote the reason into the spec');
    assert.ok(!fs.existsSync(path.join(ws, 'PWNED')));
  });

  it('refuses from the Command Palette what chant would refuse or the spec does not ask for, in a notification, without starting chant', async () => {
    // The palette offers Reset for whatever spec is open; chant resets only failed or in-progress specs.
    const chant = findChant()!;
    const refused = spawnSync(chant.bin, ['reset', REJ], { cwd: ws, encoding: 'utf8' });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /Only failed or in_progress specs can be reset/);
    const head = git('rev-parse', 'HEAD');
    const started: string[] = [];
    const sub = vscode.tasks.onDidStartTask((e) => started.push(e.execution.task.name));
    /** Runs a palette command, typed into the palette, on the spec in the editor; the notification it shows. */
    const fromPalette = async (command: string, says: string) => {
      await vscode.window.showTextDocument(vscode.Uri.file(specPath(REJ)));
      await ui({ op: 'keys', keys: ['F1'] });
      await quickInput('the Command Palette', /.*/, (q) => q.value.startsWith('>'));
      await ui({ op: 'fill', text: `>${command}` });
      await quickInput(`${command} listed first`, /.*/, (q) => q.items[0] === command);
      await ui({ op: 'keys', keys: ['Enter'] });
      return waitFor(`the notification saying ${says}`, async () => (await ui({ op: 'notifications' })).find((t) => t.message.includes(says)), 20_000);
    };
    try {
      const toast = await fromPalette('Chant: Reset Spec', `chant would not reset ${REJ} now`);
      assert.match(toast.message, /\(status \w+\)/);
      // chant would record an approval on a rejected spec too; the extension says there is none pending.
      const approval = await fromPalette('Chant: Approve Spec', `Chant: ${REJ} has no approval pending`);
      assert.equal(approval.message, `Chant: ${REJ} has no approval pending (approval rejected).`);
    } finally {
      sub.dispose();
    }
    assert.deepEqual(started, [], 'no chant task started');
    assert.equal(git('rev-parse', 'HEAD'), head);
  });

  it('shows a completed spec with an unmerged branch as awaiting merge, reviews its changes, merges and archives it', async () => {
    // The agent leaves the spec's body alone: chant appends its transcript to the body on main, and
    // when the branch changed the body too (ticked criteria) chant's merge stops on a conflict.
    fs.mkdirSync(path.join(ws, '.git', 'agent-double'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.git', 'agent-double', MRG), 'no-tick');
    const start = await api.work!(MRG, { confirm: false });
    assert.ok(start);
    assert.equal((await start.finished).ok, true);
    await waitFor('MRG completed', () => api.specs().find((s) => s.id === MRG)?.status === 'completed', 20_000);
    assert.deepEqual((await actions(MRG)).filter((a) => a !== 'log'), ['merge', 'review']);
    const row = await waitFor('awaiting merge in the tree', async () => (await rows(MRG)).find((r) => /\bawaiting-merge\b/.test(r.contextValue ?? '')), 20_000);
    assert.match(row.description ?? '', /awaiting merge/);
    assert.match(row.contextValue ?? '', /\bcan-merge\b/);
    await vscode.workspace.openTextDocument(vscode.Uri.file(specPath(MRG)));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.file(specPath(MRG)));
    assert.ok(lenses.some((l) => l.command?.command === 'chantSpecs.mergeSpec' && /Awaiting merge/.test(l.command.title)), JSON.stringify(lenses.map((l) => l.command?.title)));

    // Review Changes: VS Code's multi-file diff of chant/MRG against where it left main.
    assert.equal(await vscode.commands.executeCommand('chantSpecs.reviewChanges', specPath(MRG)), 0);
    assert.deepEqual(api.lifecycle!.lastReview().map((f) => path.relative(ws, f)).sort(), [path.join('.chant', 'specs', `${MRG}.md`), path.join('agent-work', `${MRG}.txt`)].sort());
    await waitFor('the multi-file diff tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label.includes(`chant/${MRG}`)));

    assert.equal(await api.lifecycle!.run('merge', MRG), 0);
    execFileSync('git', ['merge-base', '--is-ancestor', `chant/${MRG}`, 'main'], { cwd: ws });
    assert.ok(fs.existsSync(path.join(ws, 'agent-work', `${MRG}.txt`)), 'the agent\'s work is on main');
    await waitFor('merged: archive offered, merge not', async () => {
      const a = await actions(MRG);
      return a.includes('archive') && !a.includes('merge');
    }, 20_000);
    assert.ok(!(await rows(MRG)).some((r) => /awaiting-merge/.test(r.contextValue ?? '')));

    assert.equal(await api.lifecycle!.run('archive', MRG), 0);
    await waitFor('archived in the index', () => api.specs().find((s) => s.id === MRG)?.archived === true, 20_000);
    assert.ok(!fs.existsSync(specPath(MRG)));
  });

  it('shows a merge chant stops on a conflict as chant leaves it: main untouched, the spec still awaiting merge, its changes one click away', async () => {
    // The run's branch and main both change the same line of a tracked file.
    const CNF = '2026-01-15-010-cnf';
    const work = path.join(ws, 'agent-work', `${CNF}.txt`);
    fs.writeFileSync(specPath(CNF), '---\ntype: code\nstatus: pending\n---\n\n# Rename the health route\n\n## Acceptance Criteria\n\n- [ ] Route renamed\n');
    fs.mkdirSync(path.dirname(work), { recursive: true });
    fs.writeFileSync(work, 'route: /health\n');
    git('add', '--', specPath(CNF), work);
    git('commit', '-q', '-m', `Add ${CNF}`);
    await waitFor('CNF indexed', () => api.specs().find((s) => s.id === CNF)?.status === 'pending', 20_000);
    // The double appends a line to the file on chant/CNF (leaving the spec's body alone, see above).
    fs.mkdirSync(path.join(ws, '.git', 'agent-double'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.git', 'agent-double', CNF), 'no-tick');
    const start = await api.work!(CNF, { confirm: false });
    assert.ok(start);
    assert.equal((await start.finished).ok, true);
    await waitFor('CNF awaiting merge', async () => (await actions(CNF)).includes('merge'), 20_000);
    fs.writeFileSync(work, 'route: /healthz\n');
    git('commit', '-q', '-am', 'Rename the route on main');
    const head = git('rev-parse', 'HEAD');
    const before = { spec: text(CNF), work: fs.readFileSync(work, 'utf8') };

    assert.equal(await api.lifecycle!.run('merge', CNF), 1, 'chant merge exits 1');
    // What the user reads: chant's reason, the file it names, and the way on.
    const toast = await waitFor('the merge notification', async () =>
      (await ui({ op: 'notifications' })).find((t) => t.message.includes(`chant merge ${CNF}`)), 20_000);
    assert.equal(toast.message, `chant merge ${CNF}: Content conflicts detected for spec ${CNF} in agent-work/${CNF}.txt (git merge stopped; chant left main as it was)`);
    assert.deepEqual(toast.buttons, ['Review Changes']);
    // What chant left: main where it was, no merge under way, no file touched; the branch unmerged.
    assert.equal(git('rev-parse', 'HEAD'), head);
    assert.equal(git('status', '--porcelain', '--untracked-files=no'), '');
    assert.ok(!fs.existsSync(path.join(ws, '.git', 'MERGE_HEAD')), 'no merge left in progress');
    assert.deepEqual({ spec: text(CNF), work: fs.readFileSync(work, 'utf8') }, before);
    assert.throws(() => execFileSync('git', ['merge-base', '--is-ancestor', `chant/${CNF}`, 'main'], { cwd: ws, stdio: 'ignore' }));
    const shown = execFileSync(findChant()!.bin, ['show', CNF], { cwd: ws, encoding: 'utf8' });
    assert.equal(/^Status:\s*(\S+)/m.exec(shown)?.[1], 'completed');
    // So the spec still awaits merge, in the tree as drawn and in what is offered.
    assert.deepEqual((await actions(CNF)).filter((a) => a !== 'log'), ['merge', 'review']);
    await vscode.commands.executeCommand('chantSpecs.explorer.focus');
    let drawn: string[] = [];
    await waitFor('the row drawn awaiting merge', async () => {
      drawn = await ui({ op: 'tree' });
      // Completed specs are listed under a group that starts collapsed: opened as a user does.
      if (drawn.some((r) => /^▸ Completed\d/.test(r))) await ui({ op: 'row', text: 'Completed' });
      return drawn.some((r) => r.includes('Rename the health route') && r.includes('awaiting merge'));
    }, 20_000).catch((e: Error) => {
      throw new Error(`${e.message}; the tree showed ${JSON.stringify(drawn)}`);
    });
    // The notification's button opens the branch's changes.
    await ui({ op: 'click', text: 'Review Changes' });
    await waitFor('the multi-file diff of chant/CNF', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label.includes(`chant/${CNF}`)), 20_000);
    assert.ok(api.lifecycle!.lastReview().includes(work), JSON.stringify(api.lifecycle!.lastReview()));

    // The workbench's Rerun Last Task runs the same merge again: nothing of ours waits for it, and
    // its failure reads the same, with the same way on.
    await vscode.commands.executeCommand('notifications.clearAll');
    const mergeToast = () => ui({ op: 'notifications' }).then((ts) => ts.find((t) => t.message.includes(`chant merge ${CNF}`)));
    await waitFor('no notification left', async () => !(await mergeToast()));
    await vscode.commands.executeCommand('workbench.action.tasks.reRunTask');
    const again = await waitFor('the rerun merge announced', mergeToast, 30_000);
    assert.equal(again.message, toast.message);
    assert.deepEqual(again.buttons, ['Review Changes']);
    assert.equal(git('rev-parse', 'HEAD'), head, 'main still where it was');
  });

  it('resets a failed spec to pending, then cancels it; shows its log', async () => {
    fs.mkdirSync(path.join(ws, '.git', 'agent-double'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.git', 'agent-double', FAL), 'fail');
    const start = await api.work!(FAL, { confirm: false });
    assert.ok(start);
    assert.equal((await start.finished).ok, false);
    await waitFor('FAL failed', () => api.specs().find((s) => s.id === FAL)?.status === 'failed', 20_000);
    const offered = await actions(FAL);
    assert.ok(offered.includes('reset') && offered.includes('cancel') && offered.includes('log') && !offered.includes('archive'), JSON.stringify(offered));
    await showsLogAndFollows(FAL);
    assert.equal(await api.lifecycle!.run('reset', FAL), 0);
    await waitFor('FAL pending again', () => api.specs().find((s) => s.id === FAL)?.status === 'pending', 20_000);
    assert.ok(!(await actions(FAL)).includes('reset'));
    assert.equal(await api.lifecycle!.run('cancel', FAL), 0);
    await waitFor('FAL cancelled', () => api.specs().find((s) => s.id === FAL)?.status === 'cancelled', 20_000);
    assert.deepEqual((await actions(FAL)).filter((a) => a !== 'log'), []);
  });
});
