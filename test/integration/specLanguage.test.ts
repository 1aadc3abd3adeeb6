// Spec files as a language in the real host, on test/fixtures/ws-lint (deliberately broken specs):
// diagnostics for unopened specs, quick fixes applied, hover, definition, references,
// completion and document links through VS Code's execute*Provider commands, squiggles that
// follow typing, the lint command, and the grammar's scopes with the host's own TextMate engine.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { chantApi, waitFor, workspaceRoot } from './helpers';
import { markdownTokenizer, structuralDifferences } from '../unit/support/textmate';
import { SAMPLE, checkSample } from '../unit/support/grammarSample';

const specUri = (id: string) => vscode.Uri.file(path.join(workspaceRoot(), '.chant', 'specs', `${id}.md`));
// chant's lint rules (`chant`) and the extension's own checks (`chant specs`).
const chantDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'chant' || d.source === 'chant specs');
const rangeOf = (r: vscode.Range) => [r.start.line, r.start.character, r.end.line, r.end.character];

async function diagnostic(id: string, code: string): Promise<vscode.Diagnostic> {
  return waitFor(`a ${code} diagnostic on ${id}`, () => chantDiagnostics(specUri(id)).find((d) => d.code === code));
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('spec language (ws-lint)', () => {
  before(async () => {
    await chantApi();
    // The web workbench saves after a delay by default; these tests need unsaved editors.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
  });

  afterEach(async () => {
    // Discard what a test typed (closing a dirty editor would ask, and tests refuse dialogs).
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await revertAndClose();
  });

  describe('diagnostics', () => {
    it('are in the Problems panel for specs never opened, with exact ranges and codes', async () => {
      assert.deepEqual(rangeOf((await diagnostic('2026-02-01-002-bbb', 'dependency')).range), [4, 4, 4, 22]);
      assert.deepEqual(rangeOf((await diagnostic('2026-02-01-003-ccc', 'unknown-status')).range), [2, 8, 2, 12]);
      assert.deepEqual(rangeOf((await diagnostic('2026-02-01-004-ddd', 'bare-string')).range), [3, 8, 3, 16]);
      assert.deepEqual(rangeOf((await diagnostic('2026-02-01-005-eee', 'bom')).range), [0, 0, 0, 1]);
      assert.deepEqual(rangeOf((await diagnostic('2026-02-01-00d-mmm', 'unknown-type')).range), [1, 6, 1, 20], 'CRLF file');
      const cycle = await diagnostic('2026-02-01-006-fff', 'cycle');
      assert.deepEqual(rangeOf(cycle.range), [2, 13, 2, 31]);
      assert.match(cycle.message, /2026-02-01-006-fff → 2026-02-01-007-ggg → 2026-02-01-006-fff/);
      assert.equal(cycle.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(cycle.relatedInformation?.[0]?.location.uri.fsPath, specUri('2026-02-01-007-ggg').fsPath, 'links to the other spec of the cycle');
      await diagnostic('2026-02-01-007-ggg', 'cycle');
      assert.match((await diagnostic('2026-02-01-008-hhh', 'dependency')).message, /archived/);
      await diagnostic('2026-02-01-009-iii', 'unchecked-criteria');
      await diagnostic('2026-02-01-009-iii', 'completed-at');
      await diagnostic('2026-02-01-00a-jjj', 'type');
      await diagnostic('2026-02-01-00b-kkk', 'members-mismatch');
      await diagnostic('2026-02-01-00c-lll.2', 'orphan');
      await diagnostic('2026-02-01-00e-nnn', 'title');
      assert.deepEqual(chantDiagnostics(specUri('2026-02-01-001-aaa')), [], 'a clean spec has none');
    });

    it('follow typing in an unsaved editor, and go back on revert', async () => {
      const uri = specUri('2026-02-01-007-ggg');
      await diagnostic('2026-02-01-007-ggg', 'cycle');
      const editor = await open(uri);
      await editor.edit((e) => e.replace(new vscode.Range(2, 12, 2, 32), '[]'));
      await waitFor('the cycle to leave the edited spec', () => !chantDiagnostics(uri).some((d) => d.code === 'cycle'));
      assert.ok(chantDiagnostics(specUri('2026-02-01-006-fff')).some((d) => d.code === 'cycle'), 'the saved partner still has it');
      await editor.edit((e) => e.replace(new vscode.Range(2, 12, 2, 14), '[2026-02-01-006-ff]'));
      const typo = await waitFor('the typo to be flagged', () => chantDiagnostics(uri).find((d) => d.code === 'dependency'));
      assert.deepEqual(rangeOf(typo.range), [2, 13, 2, 30]);
      await revertAndClose();
      await waitFor('the saved file\'s cycle to come back', () => chantDiagnostics(uri).some((d) => d.code === 'cycle'));
    });

    it('Chant: Lint Workspace re-lints every spec', async () => {
      const result = await vscode.commands.executeCommand<{ specs: number; problems: number }>('chantSpecs.lintWorkspace');
      assert.equal(result.specs, 17);
      assert.ok(result.problems >= 16, JSON.stringify(result));
    });

    it('follow chantSpecs.problems.scope: archived specs only while open by default; every spec, or open files only', async function () {
      this.timeout(40_000);
      const id = '2026-01-15-002-bad';
      const archived = vscode.Uri.file(path.join(workspaceRoot(), '.chant', 'archive', '2026-01-15', `${id}.md`));
      const config = () => vscode.workspace.getConfiguration('chantSpecs');
      const hasProblem = (uri: vscode.Uri, code: string) => chantDiagnostics(uri).some((d) => d.code === code);
      const api = await chantApi();
      fs.writeFileSync(archived.fsPath, '---\ntype: code\nstatus: bogus\n---\n\n# An archived spec with a problem\n');
      try {
        await waitFor('the archived spec indexed', () => api.specs().some((s) => s.id === id));
        await vscode.commands.executeCommand('chantSpecs.lintWorkspace');
        assert.deepEqual(chantDiagnostics(archived), [], 'activeSpecs (the default): none for a closed archived spec');
        // openFiles: an active spec no test has opened (VS Code keeps a closed editor's document
        // open for a while, so a spec opened earlier may still count as open).
        const closed = specUri('2026-02-01-00e-nnn');
        await config().update('problems.scope', 'openFiles', vscode.ConfigurationTarget.Workspace);
        await waitFor('openFiles: none for a closed active spec', () => chantDiagnostics(closed).length === 0);
        await open(closed);
        await diagnostic('2026-02-01-00e-nnn', 'title');
        await revertAndClose();

        await config().update('problems.scope', 'everything', vscode.ConfigurationTarget.Workspace);
        await waitFor('everything: the closed archived spec too', () => hasProblem(archived, 'unknown-status'));
        await config().update('problems.scope', undefined, vscode.ConfigurationTarget.Workspace);
        await waitFor('activeSpecs again: none for the closed archived spec', () => chantDiagnostics(archived).length === 0);
        await open(archived);
        await waitFor('its problem once it is open', () => hasProblem(archived, 'unknown-status'));
        await revertAndClose();
      } finally {
        await config().update('problems.scope', undefined, vscode.ConfigurationTarget.Workspace);
        fs.rmSync(archived.fsPath, { force: true });
      }
      await waitFor('the archived spec gone from the index', () => !api.specs().some((s) => s.id === id));
      await diagnostic('2026-02-01-00e-nnn', 'title');
    });
  });

  describe('quick fixes', () => {
    async function fixes(id: string, code: string, title: RegExp): Promise<{ doc: vscode.TextDocument; actions: vscode.CodeAction[] }> {
      const d = await diagnostic(id, code);
      const editor = await open(specUri(id));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, d.range);
      // executeCodeActionProvider does not hand back an action's diagnostics: tell ours by title.
      return { doc: editor.document, actions: actions.filter((a) => title.test(a.title)) };
    }

    it('replaces an unknown status, closest value first, and the squiggle goes', async () => {
      const { doc, actions } = await fixes('2026-02-01-003-ccc', 'unknown-status', /^Change status to /);
      assert.equal(actions.length, 9, 'one action per valid status');
      assert.equal(actions[0].title, 'Change status to completed');
      assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
      assert.equal(doc.lineAt(2).text, 'status: completed');
      await waitFor('unknown-status to go', () => !chantDiagnostics(doc.uri).some((d) => d.code === 'unknown-status'));
    });

    it('completes a near-miss dependency ID', async () => {
      const { doc, actions } = await fixes('2026-02-01-002-bbb', 'dependency', /^Change to /);
      assert.deepEqual(actions.map((a) => a.title), ['Change to 2026-02-01-001-aaa (Login page)']);
      assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
      assert.equal(doc.lineAt(4).text, '  - 2026-02-01-001-aaa');
      await waitFor('the dependency error to go', () => !chantDiagnostics(doc.uri).some((d) => d.code === 'dependency'));
    });

    it('wraps a bare string in a list and removes a BOM', async () => {
      const bare = await fixes('2026-02-01-004-ddd', 'bare-string', /^Wrap in a list/);
      assert.ok(bare.actions[0].isPreferred);
      assert.ok(await vscode.workspace.applyEdit(bare.actions[0].edit!));
      assert.equal(bare.doc.lineAt(3).text, 'labels: [frontend]');
      await revertAndClose();
      const bom = await fixes('2026-02-01-005-eee', 'bom', /byte-order mark/);
      assert.ok(await vscode.workspace.applyEdit(bom.actions[0].edit!));
      assert.equal(bom.doc.getText().charCodeAt(0), '-'.charCodeAt(0));
      await waitFor('the bom error to go', () => !chantDiagnostics(bom.doc.uri).some((d) => d.code === 'bom'));
    });
  });

  describe('navigation', () => {
    it('hover on [[id]] in a spec: title, type, derived status, link to open it', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', specUri('2026-02-01-002-bbb'), new vscode.Position(13, 40));
      const text = hoverText(hovers);
      assert.match(text, /\*\*Login page\*\*/);
      assert.match(text, /`2026-02-01-001-aaa` · code · status: \*\*completed\*\*/);
      assert.match(text, /criteria 2\/2/);
      assert.match(text, /\[Open spec\]\(command:chantSpecs\.openSpec\?/);
    });

    it('hover on a depends_on entry shows what blocks it', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', specUri('2026-02-01-006-fff'), new vscode.Position(2, 20));
      const text = hoverText(hovers);
      assert.match(text, /Second half of a cycle/);
      assert.match(text, /status: \*\*blocked\*\*/);
      assert.match(text, /Blocked by: depends on 2026-02-01-006-fff \(pending\)/);
      assert.match(text, /On a dependency cycle/);
    });

    it('hover in other markdown files and in a commit message', async () => {
      const notes = vscode.Uri.file(path.join(workspaceRoot(), 'docs', 'notes.md'));
      assert.match(hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', notes, new vscode.Position(2, 20))), /Login page/);
      const commit = await vscode.workspace.openTextDocument({ language: 'git-commit', content: 'Finish 2026-02-01-00b-kkk.1\n' });
      const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', commit.uri, new vscode.Position(0, 12)));
      assert.match(text, /First member/);
    });

    it('go to definition lands on the spec\'s title', async () => {
      const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', specUri('2026-02-01-006-fff'), new vscode.Position(2, 15));
      const ours = locations.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetRange } : l));
      assert.equal(ours.length, 1);
      assert.equal(ours[0].uri.fsPath, specUri('2026-02-01-007-ggg').fsPath);
      assert.deepEqual(rangeOf(ours[0].range), [5, 0, 5, 24]);
    });

    it('find references: specs that depend on or mention an ID', async () => {
      const notes = vscode.Uri.file(path.join(workspaceRoot(), 'docs', 'notes.md'));
      const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', notes, new vscode.Position(2, 20));
      const found = refs.map((l) => `${path.basename(l.uri.fsPath)}:${rangeOf(l.range).join(',')}`);
      assert.ok(found.includes('2026-02-01-002-bbb.md:13,33,13,51'), found.join(' '));
      const deps = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', specUri('2026-02-01-006-fff'), new vscode.Position(2, 15));
      assert.ok(deps.some((l) => l.uri.fsPath === specUri('2026-02-01-006-fff').fsPath && l.range.start.line === 2), 'the depends_on entry naming 007');
    });

    it('document links: IDs and existing literal paths only', async () => {
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', specUri('2026-02-01-002-bbb'));
      const targets = links.map((l) => `${rangeOf(l.range).join(',')}→${l.target ? path.relative(workspaceRoot(), l.target.fsPath) : '?'}`);
      assert.ok(targets.includes('13,33,13,51→.chant/specs/2026-02-01-001-aaa.md'), targets.join(' '));
      assert.ok(targets.includes('6,15,6,25→src/app.ts'), targets.join(' '));
      assert.ok(targets.includes('8,4,8,17→docs/notes.md'), targets.join(' '));
      assert.ok(!targets.some((t) => t.includes('missing') || t.includes('*')), 'no link to a missing file or a glob');
    });

    it('document links: never to a file outside the project, however the path gets there', async () => {
      const root = workspaceRoot();
      const outside = path.join(path.dirname(root), 'outside-the-project.md');
      const id = '2026-02-01-0zz-out';
      const file = specUri(id).fsPath;
      const made = [outside, file, path.join(root, 'docs', 'link-out.md'), path.join(root, 'docs', 'link-in.md')];
      try {
        fs.writeFileSync(outside, '# not the project\n');
        fs.symlinkSync(outside, made[2]);
        fs.symlinkSync('notes.md', made[3]);
        const tracked = ['docs/notes.md', '../outside-the-project.md', outside, 'docs/link-out.md', 'docs/link-in.md', 'docs/../../outside-the-project.md'];
        fs.writeFileSync(file, `---\ntype: documentation\nstatus: pending\ntracks:\n${tracked.map((t) => `  - ${t}\n`).join('')}---\n\n# Links stay inside the project\n`);
        const linked = async () => (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', vscode.Uri.file(file)))
          .map((l) => (l.target ? path.relative(root, l.target.fsPath) : '?')).sort();
        let found: string[] = [];
        await vscode.window.showTextDocument(vscode.Uri.file(file)); // links are asked for what is open
        const targets = await waitFor('the spec\'s links', async () => {
          found = await linked();
          return found.includes(path.join('docs', 'notes.md')) ? found : undefined;
        }, 20_000).catch((e: Error) => {
          throw new Error(`${e.message}; linked: ${found.join(' ')}`);
        });
        assert.deepEqual(targets, [path.join('docs', 'link-in.md'), path.join('docs', 'notes.md')]);
      } finally {
        for (const f of made) fs.rmSync(f, { force: true });
      }
    });
  });

  describe('completion', () => {
    it('spec IDs in depends_on with title and status, sensibly ordered', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', specUri('2026-02-01-002-bbb'), new vscode.Position(4, 22));
      const ids = list.items.map(labelOf).filter((l) => l.startsWith('2026-'));
      assert.ok(ids.includes('2026-02-01-001-aaa'));
      assert.ok(!ids.includes('2026-02-01-002-bbb'), 'not itself');
      assert.ok(!ids.includes('2026-01-15-001-old'), 'never an archived spec (it would block forever)');
      const aaa = list.items.find((i) => labelOf(i) === '2026-02-01-001-aaa')!;
      assert.equal(typeof aaa.label === 'string' ? '' : aaa.label.description, 'Login page');
      assert.match(String(aaa.detail), /^completed · code/);
      const sorted = [...list.items].filter((i) => labelOf(i).startsWith('2026-')).sort((a, b) => String(a.sortText).localeCompare(String(b.sortText))).map(labelOf);
      assert.ok(sorted.indexOf('2026-02-01-00e-nnn') < sorted.indexOf('2026-02-01-001-aaa'), 'open work before completed specs');
    });

    it('after [[ in the body, status values, and frontmatter keys', async () => {
      const editor = await open(specUri('2026-02-01-00a-jjj'));
      await editor.edit((e) => e.insert(new vscode.Position(6, 0), 'See [[2026-02\n'));
      const wiki = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(6, 13));
      assert.ok(wiki.items.map(labelOf).includes('2026-01-15-001-old'), 'archived specs can be referenced in text');
      const status = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', specUri('2026-02-01-003-ccc'), new vscode.Position(2, 8));
      assert.deepEqual(status.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).map(labelOf),
        ['pending', 'in_progress', 'paused', 'completed', 'failed', 'needs_attention', 'ready', 'blocked', 'cancelled']);
      await editor.edit((e) => e.insert(new vscode.Position(3, 0), 'tr\n'));
      const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(3, 2));
      const names = keys.items.filter((i) => i.kind === vscode.CompletionItemKind.Property).map(labelOf);
      assert.ok(names.includes('tracks'));
      assert.ok(!names.includes('status'), 'keys already present are not offered');
    });
  });

  describe('syntax highlighting', () => {
    it('the injection grammars tokenize as expected with the host\'s own TextMate engine and grammars', async () => {
      const ext = vscode.extensions.getExtension('chant-specs.chant-specs')!;
      const grammars = (ext.packageJSON as { contributes: { grammars: { injectTo?: string[] }[] } }).contributes.grammars;
      assert.ok(grammars.every((g) => g.injectTo?.includes('text.html.markdown')));
      const tokenize = await markdownTokenizer(vscode.env.appRoot, ext.extensionPath);
      checkSample(tokenize);
      const plain = await markdownTokenizer(vscode.env.appRoot);
      assert.deepEqual(structuralDifferences(plain(SAMPLE), tokenize(SAMPLE)), []);
    });
  });
});
