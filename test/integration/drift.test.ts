// Drift in the real host, on ws-drift made a git repository by the harness: the fixture commit
// (2026-01-01) is the baseline of specs completed on 2026-01-28, and ws-drift-setup.mjs commits
// later changes to tracked files (routes.py +45 −12, tokens.py +10, models.py +2 −2).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChantApi } from '../../src/vscode/api';
import { FIRST_DRIFT_CHECKED, FIRST_LINT_DONE, FIRST_LINT_WAITING } from '../../src/vscode/firstMarks';
import { findChant, needs, NO_CHANT } from '../extras';
import { chantApi, waitFor, workspaceRoot } from './helpers';

const DOC = '2026-01-28-001-doc';
const RES = '2026-01-28-002-res';

describe('drift', function () {
  this.timeout(60_000);
  let api: ChantApi;
  let root = '';
  const file = (rel: string) => vscode.Uri.file(path.join(root, rel));
  const specUri = () => file(`.chant/specs/${DOC}.md`);
  const driftDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'chant drift');
  const driftLenses = async (uri: vscode.Uri) => {
    await vscode.workspace.openTextDocument(uri); // the lens command needs a loaded model
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    // Other features add their own lenses to specs; keep the drift ones.
    const drift = new Set(['chantSpecs.showSpecDrift', 'chantSpecs.rerunDriftedSpec', 'chantSpecs.acknowledgeDrift', 'chantSpecs.undoAcknowledgeDrift', 'chantSpecs.openDriftDiff', 'chantSpecs.openSpec']);
    return lenses.filter((l) => drift.has(l.command?.command ?? ''));
  };
  const lensTitles = async (uri: vscode.Uri) => (await driftLenses(uri)).map((l) => l.command?.title ?? '');
  const lensTooltips = async (uri: vscode.Uri) => (await driftLenses(uri)).map((l) => l.command?.tooltip);
  /** Waits for drift to settle, then for `check` to hold (file events arrive asynchronously). */
  const settle = <T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>) =>
    waitFor(what, async () => {
      await api.whenDriftChecked!();
      return check();
    }, 30_000);

  before(async () => {
    api = await chantApi();
    root = workspaceRoot();
    assert.equal(typeof api.drift, 'function', 'API lacks drift()');
    await api.whenDriftChecked!();
  });

  it('finds the committed drift through the API', () => {
    const f = api.drift!(DOC);
    assert.ok(f, 'no finding for the documentation spec');
    assert.equal(f.state, 'drifted');
    assert.equal(f.baseline?.kind, 'git');
    assert.equal(f.baseline?.source, 'completed_at');
    assert.deepEqual(f.files.map((x) => `${x.change} ${x.path} +${x.insertions} −${x.deletions}`), [
      'modified src/auth/models.py +2 −2',
      'modified src/auth/routes.py +45 −12',
      'added src/auth/tokens.py +10 −0',
    ]);
    assert.deepEqual(f.files.find((x) => x.path === 'src/auth/routes.py')?.commits.map((c) => c.subject), ['Add OAuth routes']);
    assert.equal(api.drift!(RES)?.state, 'clean');
    assert.equal(api.drift!('2026-01-29-003-fix'), undefined, 'a pending spec is not checked');
  });

  it('runs its first check before the first lint of every spec, which follows it', async () => {
    // Side by side in the host's one thread, both took as long as both in turn (see firstMarks.ts).
    const marks = await waitFor('the first lint of every spec', () => {
      const m = api.performance!().marks;
      return m[FIRST_LINT_DONE] !== undefined ? m : undefined;
    });
    const drift = marks[FIRST_DRIFT_CHECKED];
    assert.ok(drift !== undefined, 'the first drift check is marked');
    const waiting = marks[FIRST_LINT_WAITING];
    assert.ok(waiting !== undefined, 'the lint\'s wait for the drift check is marked');
    // It waits two seconds at most (a busy machine's first check can take longer): then it runs.
    const lint = marks[FIRST_LINT_DONE];
    assert.ok(lint >= drift || lint - waiting >= 2000,
      `the lint ended ${Math.round(drift - lint)} ms before the drift check, ${Math.round(lint - waiting)} ms after it began to wait for it`);
  });

  it('gives the Spec Explorer its Drifted group and badge through ctx.services.drift', async () => {
    assert.equal(typeof api.explorerSnapshot, 'function');
    const find = (items: Awaited<ReturnType<NonNullable<ChantApi['explorerSnapshot']>>>, label: string): typeof items[number] | undefined => {
      for (const i of items) {
        if (i.label === label) return i;
        const inner = i.children ? find(i.children, label) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    const group = await settle('a Drifted group', async () => find(await api.explorerSnapshot!(), 'Drifted'));
    const row = group.children?.find((c) => c.specPath?.endsWith(`${DOC}.md`));
    assert.ok(row, `the drifted spec is not in the group: ${JSON.stringify(group)}`);
    assert.match(row.tooltip ?? '', /Drifted: 3 files \(\+57 −14\)/);
  });

  it('puts a warning on each tracks entry that matched changed files, and notes where chant differs', async () => {
    const diags = await settle('drift diagnostics on the spec', () => {
      const d = driftDiagnostics(specUri());
      return d.length >= 2 ? d : undefined;
    });
    const drift = diags.filter((d) => d.code === 'drift');
    assert.equal(drift.length, 1, JSON.stringify(diags.map((d) => d.message)));
    assert.equal(drift[0].range.start.line, 4, 'on the `- src/auth/**/*.py` line');
    assert.equal(drift[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(drift[0].message,
      '3 files changed since this spec completed on 2026-01-28: src/auth/models.py +2 −2, src/auth/routes.py +45 −12, src/auth/tokens.py +10 −0');
    const braces = diags.find((d) => d.code === 'drift-braces');
    assert.ok(braces, 'no note on the brace pattern');
    assert.equal(braces.range.start.line, 5);
    const research = driftDiagnostics(file(`.chant/specs/${RES}.md`));
    assert.deepEqual(research.map((d) => d.code), ['drift-directory']);
  });

  it('shows the drift lens over the spec', async () => {
    const titles = await settle('spec lenses', async () => {
      const t = await lensTitles(specUri());
      return t.length > 0 ? t : undefined;
    });
    assert.deepEqual(titles, ['$(warning) Drifted: 3 files (+57 −14)', 'Show drift', 'Re-run', 'Acknowledge']);
  });

  it('shows a lens and a diagnostic on a changed tracked file', async () => {
    const routes = file('src/auth/routes.py');
    const titles = await lensTitles(routes);
    assert.deepEqual(titles, ['Diff since baseline', 'Open spec', '$(warning) 001-doc: +45 −12 since 2026-01-28']);
    const tooltips = await lensTooltips(routes);
    assert.ok(tooltips.every((t) => t?.startsWith('Tracked by Document system architecture (2026-01-28-001-doc): changed +45 −12 since 2026-01-28')), tooltips.join('\n'));
    const diags = driftDiagnostics(routes);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Information);
    assert.match(diags[0].message, /^Changed \+45 −12 since 2026-01-28; tracked by Document system architecture/);
    assert.deepEqual(await lensTitles(file('src/users/api.py')), [], 'an unchanged tracked file has no lens');
  });

  it('follows the severity setting for tracked files, including off', async () => {
    const routes = file('src/auth/routes.py');
    const config = vscode.workspace.getConfiguration('chantSpecs');
    try {
      await config.update('drift.sourceFileSeverity', 'off', vscode.ConfigurationTarget.Workspace);
      await settle('diagnostics off', () => driftDiagnostics(routes).length === 0);
      await config.update('drift.sourceFileSeverity', 'warning', vscode.ConfigurationTarget.Workspace);
      const d = await settle('warning diagnostics', () => driftDiagnostics(routes)[0]);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    } finally {
      await config.update('drift.sourceFileSeverity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('opens the diff editor between the baseline and the working file', async () => {
    const routes = file('src/auth/routes.py');
    await vscode.commands.executeCommand('chantSpecs.openDriftDiff', specUri().fsPath, routes.fsPath);
    const input = await waitFor('a diff tab', () => {
      const i = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return i instanceof vscode.TabInputTextDiff ? i : undefined;
    });
    assert.equal(input.original.scheme, 'chant-drift-base');
    assert.equal(input.modified.fsPath, routes.fsPath);
    const baseline = (await vscode.workspace.openTextDocument(input.original)).getText();
    assert.match(baseline, /def route_1\(request\):/);
    assert.doesNotMatch(baseline, /oauth_step_1/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('updates diagnostics and lenses after an edit and a save, and for a new untracked file', async () => {
    const authApi = file('src/auth/api.py');
    const doc = await vscode.workspace.openTextDocument(authApi);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(authApi, new vscode.Position(doc.lineCount - 1, 0), 'from .routes import oauth_step_1 as oauth\nfrom .tokens import TOKEN_RULE_1\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());

    const titles = await settle('a lens on the saved file', async () => {
      const t = await lensTitles(authApi);
      return t.length > 0 ? t : undefined;
    });
    assert.equal(titles.at(-1), '$(warning) 001-doc: +2 −0 since 2026-01-28');
    const specDiags = await settle('4 files on the spec', () => {
      const d = driftDiagnostics(specUri()).filter((x) => x.code === 'drift');
      return d.length === 1 && d[0].message.startsWith('4 files') ? d : undefined;
    });
    // The brace entry names src/auth/api.py too: one cause, one report (under the first entry).
    assert.match(specDiags[0].message, /^4 files changed since this spec completed on 2026-01-28: src\/auth\/api\.py \+2 −0, /);
    assert.equal(specDiags[0].range.start.line, 4);
    assert.equal(api.drift!(DOC)?.files.find((f) => f.path === 'src/auth/api.py')?.uncommitted, true);

    // A file created outside the editor, untracked by git: counted as added.
    await vscode.workspace.fs.writeFile(file('src/auth/flow.py'), new TextEncoder().encode('a = 1\nb = 2\nc = 3\n'));
    const added = await settle('the new file in the finding', () => api.drift!(DOC)?.files.find((f) => f.path === 'src/auth/flow.py'));
    assert.equal(added.change, 'added');
    assert.equal(added.insertions, 3);
    assert.deepEqual(await settle('spec lens with 5 files', async () => {
      const t = await lensTitles(specUri());
      return t[0] === '$(warning) Drifted: 5 files (+62 −14)' ? t : undefined;
    }), ['$(warning) Drifted: 5 files (+62 −14)', 'Show drift', 'Re-run', 'Acknowledge']);
  });

  it('acknowledges the drift (uncommitted changes still count) and undoes it', async () => {
    await vscode.commands.executeCommand('chantSpecs.acknowledgeDrift', specUri().fsPath);
    const acked = await settle('the acknowledged finding', () => {
      const f = api.drift!(DOC);
      return f?.baseline?.source === 'acknowledged' ? f : undefined;
    });
    assert.deepEqual(acked.files.map((f) => f.path), ['src/auth/api.py', 'src/auth/flow.py'], 'only uncommitted changes remain');
    assert.ok(acked.acknowledged?.commit);
    const diag = driftDiagnostics(specUri()).find((d) => d.code === 'drift');
    assert.match(diag?.message ?? '', /^2 files changed since the drift was acknowledged on /);

    await vscode.commands.executeCommand('chantSpecs.undoAcknowledgeDrift', specUri().fsPath);
    const undone = await settle('the spec baseline again', () => {
      const f = api.drift!(DOC);
      return f?.baseline?.source === 'completed_at' ? f : undefined;
    });
    assert.equal(undone.files.length, 5);
    assert.equal(undone.acknowledged, undefined);
  });

  it('plans the re-run as chant accepts it: status pending first, then chant work ID', () => {
    const r = api.driftRerunPlan!(DOC);
    assert.ok(r.ok, JSON.stringify(r));
    // A short ID (a unique suffix, as chant resolves it) names the same spec.
    assert.deepEqual(api.driftRerunPlan!('001-doc'), r);
    assert.equal(r.plan.setPendingFirst, true);
    assert.deepEqual(r.plan.args, ['work', DOC]);
    assert.equal(r.plan.cwd.replace(/\\/g, '/'), root.replace(/\\/g, '/'));
  });

  it('re-runs a completed spec with the real chant: status pending first, then chant work ID in the project root', async function () {
    if (!needs('chant', findChant(), NO_CHANT)) return this.skip();
    const started = await api.driftRerun!('001-doc', { confirm: false });
    assert.ok(started, 'Re-run refused');
    assert.equal(started.plan.display, `${started.plan.command} work ${DOC}`);
    assert.equal(await started.finished, 0, 'chant work did not exit 0');
    // chant refuses completed specs, so it ran only because the status was pending first; the agent
    // double committed on chant/DOC and chant completed the spec again (new completed_at, commits:),
    // which moves the baseline to the run's last commit.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    assert.ok(git('log', '--format=%s', `main..chant/${DOC}`).split('\n').includes(`chant(${DOC}): work done`));
    const redone = await settle('the re-run spec re-checked', () => {
      const f = api.drift!(DOC);
      return f && f.completedAt !== '2026-01-28T10:00:00Z' ? f : undefined;
    });
    assert.equal(redone.status, 'completed');
    assert.equal(redone.baseline?.source, 'commits');
    assert.deepEqual(redone.files.map((f) => f.path), ['src/auth/api.py', 'src/auth/flow.py'], 'only the uncommitted changes remain');
  });

  it('re-checks everything when a commit moves HEAD (no file in the work tree changes)', async () => {
    const completedAt = api.drift!(DOC)!.completedAt!;
    const later = new Date(Date.parse(completedAt) + 3600_000).toISOString();
    const env = { ...process.env, GIT_AUTHOR_DATE: later, GIT_COMMITTER_DATE: later };
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Chant Tests', '-c', 'user.email=tests@chant.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, env });
    git('add', 'src/auth/api.py', 'src/auth/flow.py');
    git('commit', '-q', '-m', 'Wire OAuth into the API');
    const committed = await settle('the files committed', () => {
      const files = api.drift!(DOC)?.files ?? [];
      return files.length === 2 && files.every((f) => !f.uncommitted) ? files : undefined;
    });
    assert.deepEqual(committed.map((f) => f.commits.map((c) => c.subject)), [['Wire OAuth into the API'], ['Wire OAuth into the API']]);
  });

  it('counts drift in the one Chant status bar item', async () => {
    const n = await settle('drifted findings', () => api.driftFindings!().filter((f) => f.state === 'drifted' || f.driftedMembers.length > 0).length || undefined);
    await waitFor('the count in the status bar', () => api.statusBarText?.()?.includes(`$(warning) ${n} drifted`));
    assert.match(api.statusBarText!()!, /^\$\(checklist\) \d+ ready/);
    // The hover, set once the first rows were drawn: the counts and a link to the drift report.
    const hover = await waitFor('the status bar hover', () => api.statusBarTooltip?.());
    assert.ok(hover.includes(`${n} drifted`) && hover.includes('(command:chantSpecs.showDriftReport)'), hover);
  });

  it('lists drift of archived specs under Drifted (drift.includeArchived), with no Re-run', async () => {
    const id = '2026-01-20-004-arc';
    const archived = file(`.chant/archive/2026-01-20/${id}.md`);
    await vscode.workspace.fs.writeFile(archived, new TextEncoder().encode(
      '---\ntype: documentation\nstatus: completed\ncompleted_at: 2026-01-28T10:00:00Z\ntracks:\n  - src/auth/routes.py\n---\n# Archived notes on the auth routes\n'));
    const config = vscode.workspace.getConfiguration('chantSpecs');
    try {
      await config.update('drift.includeArchived', true, vscode.ConfigurationTarget.Workspace);
      await settle('the archived spec drifted', () => api.drift!(archived.fsPath)?.state === 'drifted');
      const tree = await api.explorerSnapshot!();
      const group = tree.find((g) => g.label === 'Drifted');
      const row = group?.children?.find((c) => c.specPath === archived.fsPath);
      assert.ok(row, `the archived drifted spec is not under Drifted: ${JSON.stringify(tree.map((g) => g.label))}`);
      assert.match(row.contextValue!, / archived/);
      assert.doesNotMatch(row.contextValue!, / workable/);
      const pkg = vscode.extensions.getExtension('chant-specs.chant-specs')!.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
      const rerunMenus = pkg.contributes.menus['view/item/context'].filter((m) => m.command === 'chantSpecs.rerunDriftedSpec');
      assert.ok(rerunMenus.every((m) => m.when?.includes('!(viewItem =~ /archived/)')));
      const titles = await lensTitles(archived);
      assert.ok(titles.includes('Show drift') && !titles.includes('Re-run'), titles.join(' | '));
    } finally {
      await config.update('drift.includeArchived', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(archived);
    }
  });

  it('follows a committed rename (from in the API and the lens) and names an identical move in the tooltip', async () => {
    // The re-run above left DOC completed again on main, with a new baseline: wait for its finding.
    const before = await settle('the re-run spec checked again', () => api.drift!(DOC)?.completedAt ? api.drift!(DOC) : undefined);
    const later = new Date(Math.max(Date.parse(before.completedAt!), Date.now()) + 7200_000).toISOString();
    const env = { ...process.env, GIT_AUTHOR_DATE: later, GIT_COMMITTER_DATE: later };
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Chant Tests', '-c', 'user.email=tests@chant.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, env });
    await fs.mkdir(path.join(root, 'src/auth/data'), { recursive: true });
    git('mv', 'src/auth/routes.py', 'src/auth/http_routes.py');
    await fs.appendFile(path.join(root, 'src/auth/http_routes.py'), '# moved\n');
    git('mv', 'src/auth/models.py', 'src/auth/data/models.py');
    git('add', '-A', 'src/auth');
    git('commit', '-q', '-m', 'Reorganise auth');
    const renamed = await settle('the rename followed', () => api.drift!(DOC)?.files.find((f) => f.path === 'src/auth/http_routes.py'));
    assert.equal(renamed.change, 'renamed');
    assert.equal(renamed.from, 'src/auth/routes.py');
    const f = api.drift!(DOC)!;
    assert.ok(!f.files.some((x) => x.path === 'src/auth/data/models.py'), 'an identical move is not drift');
    assert.ok(f.notes.some((n) => n.kind === 'moved' && n.message.includes('src/auth/models.py moved to src/auth/data/models.py')), JSON.stringify(f.notes));
    const titles = await lensTitles(file('src/auth/http_routes.py'));
    assert.ok(titles.some((x) => /\+1 −0 \(renamed from src\/auth\/routes\.py\) since/.test(x)), titles.join(' | '));
    const find = (items: Awaited<ReturnType<NonNullable<ChantApi['explorerSnapshot']>>>): typeof items[number] | undefined => {
      for (const i of items) {
        if (i.specPath?.endsWith(`${DOC}.md`)) return i;
        const inner = i.children ? find(i.children) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    const row = await settle('the tooltip with drift notes', async () => {
      const r = find(await api.explorerSnapshot!());
      return r?.tooltip?.includes('moved to') ? r : undefined;
    });
    assert.match(row.tooltip ?? '', /Drift notes/);
    assert.match(row.tooltip ?? '', /renamed to src\/auth\/http\\?_routes\.py/);
  });

  it('opens the drift report', async () => {
    await vscode.commands.executeCommand('chantSpecs.showDriftReport');
    await waitFor('the report tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'Chant Drift Report'));
    assert.equal(api.driftReportOpen!(), true);
  });
});
