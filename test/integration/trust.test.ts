// Restricted Mode in the real host: ws-drift (a git repository whose documentation spec drifted)
// opened with Workspace Trust on and nothing trusted. `git` and `chant` first on PATH are wrappers
// that append every call to CHANT_TEST_PROCESS_LOG (tools/vscode/integration.mjs, spyProcesses);
// `.` is before them, and the workspace holds a `git` of its own that the extension must never run.
// Reading works untrusted (specs, Show Log); no process starts until the test grants trust through the workbench,
// as a user does, and then git and the chant lookup start.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChantApi } from '../../src/vscode/api';
import type { ExplorerSnapshotItem } from '../../src/vscode/api';
import { LAUNCHER_MARK } from '../../src/node/processLauncher';
import { chantApi, ui, waitFor, type Toast } from './helpers';

const DOC = '2026-01-28-001-doc';
const RES = '2026-01-28-002-res';
const FIX = '2026-01-29-003-fix';

/** The spec files the explorer shows, as `label (file name)`. */
function shownSpecs(items: ExplorerSnapshotItem[]): string[] {
  return items.flatMap((i) => [...(i.specPath ? [`${i.label} (${i.specPath.replace(/^.*\//, '')})`] : []), ...shownSpecs(i.children ?? [])]);
}

/** Every process call the wrappers recorded so far, one `NAME ARGS` line each. */
function processes(): string[] {
  const log = process.env.CHANT_TEST_PROCESS_LOG;
  if (!log) throw new Error('CHANT_TEST_PROCESS_LOG is not set (run the trust suite through tools/vscode/integration.mjs)');
  return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

/** Whether this extension host runs the git process launcher (src/node/processLauncher.ts); undefined where /proc cannot say. */
function launcherRunning(): boolean | undefined {
  if (process.platform !== 'linux') return undefined;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(LAUNCHER_MARK)) return true;
    } catch { /* ended meanwhile */ }
  }
  return false;
}

/** Waits for a toast whose message contains `text`. */
const toast = (text: string) =>
  waitFor(`a notification containing "${text}"`, async () => (await ui({ op: 'notifications' })).find((t: Toast) => t.message.includes(text)), 20_000);

describe('Restricted Mode (untrusted workspace)', function () {
  this.timeout(120_000);
  let api: ChantApi;

  before(async () => {
    api = await chantApi();
    await api.whenDriftChecked!();
  });

  it('opens untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the suite must open the workspace in Restricted Mode');
  });

  it('still reads the specs: index and explorer', async () => {
    assert.deepEqual(api.specs().map((s) => s.id).sort(), [DOC, RES, FIX]);
    assert.equal(api.specs().find((s) => s.id === FIX)?.status, 'pending');
    assert.deepEqual(shownSpecs(await api.explorerSnapshot!()).sort(), [
      `Document system architecture (${DOC}.md)`, `Fix token expiry (${FIX}.md)`, `Research user data retention (${RES}.md)`,
    ]);
  });

  it('measures no drift and says why', async () => {
    await vscode.commands.executeCommand('chantSpecs.recheckDrift');
    await api.whenDriftChecked!();
    const f = api.drift!(DOC);
    assert.equal(f?.state, 'unknown');
    assert.match(f?.reason ?? '', /untrusted workspace/);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(f!.specPath));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => /Drift unknown: git is not run in an untrusted workspace/.test(t)), `lenses: ${titles.join(' | ')}`);
  });

  it('does not look for the chant CLI', async () => {
    assert.deepEqual(await api.cliStatus!(), { kind: 'untrusted' });
  });

  it('refuses drift Re-run and says why', async () => {
    assert.equal(await api.driftRerun!(DOC, { confirm: false }), undefined);
    await toast('Re-run starts chant, which needs a trusted workspace');
  });

  let workAttempt: Thenable<unknown> | undefined;
  it('refuses Work Spec and says why, offering to manage trust', async () => {
    // The command waits for the user's answer to its warning: not awaited here.
    workAttempt = vscode.commands.executeCommand('chantSpecs.workSpec', FIX);
    const t = await toast(`working ${FIX} launches the chant CLI`);
    assert.match(t.message, /disabled until you trust this workspace/);
    assert.deepEqual(t.buttons, ['Manage Workspace Trust']);
  });

  it('shows a spec\'s log, following it: reading a file starts nothing', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(root, '.chant', 'logs', `${FIX}.log`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '# Agent Log: written by the test\nfirst line\n');
    await waitFor('Show Log offered', async () => {
      await api.lifecycle!.refreshed();
      return api.lifecycle!.actions(FIX).includes('log');
    });
    assert.equal(await api.lifecycle!.run('log', FIX), 0);
    const shows = (last: string) => waitFor(`the log ending with "${last}"`, async () => {
      const view = await ui({ op: 'output' });
      return view.channel === `Chant log: ${FIX}` && view.lines.map((l) => l.trimEnd()).filter(Boolean).at(-1) === last;
    }, 15_000);
    await shows('first line');
    fs.appendFileSync(file, 'second line\n');
    await shows('second line');
  });

  it('has started no process at all: no git, no chant, no process launcher', () => {
    assert.deepEqual(processes(), []);
    assert.notEqual(launcherRunning(), true, 'the git process launcher runs in Restricted Mode');
  });

  it('starts git and the chant lookup once the user trusts the workspace', async () => {
    // As a user does: the warning's button opens the Workspace Trust editor, whose Trust button grants it.
    await ui({ op: 'click', text: 'Manage Workspace Trust' });
    assert.equal(await workAttempt, undefined, 'Work Spec ran after a refusal');
    await ui({ op: 'click', text: 'Trust' });
    await waitFor('the workspace to be trusted', () => vscode.workspace.isTrusted, 20_000);
    // Drift is measured with git now (our calls carry -c core.fsmonitor=false, the built-in git extension's do not).
    await waitFor('drift measured with git', async () => {
      await api.whenDriftChecked!();
      return api.drift!(DOC)?.state === 'drifted';
    }, 60_000);
    const ours = processes().filter((p) => p.startsWith('git ') && p.includes('core.fsmonitor=false'));
    assert.ok(ours.length > 0, `no git call of ours recorded:\n${processes().join('\n')}`);
    // The launcher that starts git for drift runs under this host's node (it ends after 30 s idle).
    if (launcherRunning() !== undefined) assert.equal(launcherRunning(), true, 'no git process launcher after drift ran');
    await waitFor('the chant lookup', () => processes().some((p) => p === 'chant --version'), 20_000);
    assert.notEqual((await api.cliStatus!()).kind, 'untrusted');
  });

  it('never runs the `git` the workspace holds, though `.` is first on PATH', async () => {
    // The lifecycle's branch reads too: a refresh re-reads them.
    await vscode.commands.executeCommand('chantSpecs.refresh');
    await waitFor('the lifecycle\'s branch read', () => processes().some((p) => p.startsWith('git branch --list chant/*')), 20_000);
    // Ours: every call of the git adapter carries core.fsmonitor=false, the lifecycle's reads name
    // chant/*. (VS Code's own git extension does run the planted git here: `git rev-parse …`.)
    const ours = (p: string) => p.includes('core.fsmonitor=false') || p.includes('chant/*');
    assert.ok(processes().some((p) => p.startsWith('git ') && ours(p)), 'no call of ours recorded');
    assert.deepEqual(processes().filter((p) => p.startsWith('planted ') && ours(p)), [], 'the extension ran the workspace\'s git');
    // Sanity: in this host a bare `git` started in the workspace is the planted one (else this test could not fail).
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.ok(fs.existsSync(path.join(root, 'git')), 'no planted git in the workspace');
    assert.notEqual(spawnSync('git', ['-c', 'core.fsmonitor=false', '--version'], { cwd: root }).status, 0);
    assert.deepEqual(processes().filter((p) => p.startsWith('planted ') && ours(p)), ['planted git -c core.fsmonitor=false --version']);
  });
});
