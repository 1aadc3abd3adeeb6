// New Spec, Add Member and Initialize Project. New Spec runs `chant add` when the real CLI is
// there (so the ID and commit are chant's own) and otherwise writes the file itself with an ID
// in chant's grammar; chant has no command for members, so Add Member always writes `ID.N.md`.
import * as vscode from 'vscode';
import * as fs from 'node:fs/promises';
import type { Spec } from '../../core/model';
import { freshSpecId, newSpecText, nextMemberId } from '../../core/newSpec';
import { joinPath } from '../../core/paths';
import { describeCliStatus } from '../../core/cliStatus';
import { nodeProcessRunner } from '../../node/processRunner';
import { Commands } from '../commands';
import type { ChantContext, Feature } from '../context';
import { DisposableStore } from '../disposable';
import type { ChantServices } from '../services';
import { specFromArg } from '../specArgs';
import { showInformation, showWarning, showError } from '../notifications';
import { iconLabelText } from '../../core/text';

export function registerNewSpec(
  ctx: ChantContext, { cli: cliService, tasks }: Pick<ChantServices, 'cli' | 'tasks'>,
): Feature<'newSpec' | 'addMember' | 'initProject'> {
  const index = () => ctx.indexService.index;

  const pickProject = async (arg: unknown): Promise<string | undefined> => {
    const fromArg = specFromArg(index(), arg)?.root;
    if (fromArg) return fromArg;
    const projects = index().projects();
    if (projects.length === 1) return projects[0].root;
    if (projects.length === 0) {
      void showWarning(vscode.l10n.t('No Chant project in this workspace. Run "Chant: Initialize Project" first.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      projects.map((p) => ({ label: iconLabelText(p.name), description: iconLabelText(vscode.workspace.asRelativePath(p.root, true)), root: p.root })),
      { title: vscode.l10n.t('New spec in which Chant project?') },
    );
    return picked?.root;
  };

  /** Writes a new file (never overwriting) and opens it. */
  const createAndOpen = async (path: string, text: string): Promise<void> => {
    await fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    await fs.writeFile(path, text, { flag: 'wx' });
    await ctx.indexService.apply([{ kind: 'created', path }]);
    await vscode.window.showTextDocument(vscode.Uri.file(path));
  };

  const newSpec = async (root: string | undefined, descriptionArg?: unknown): Promise<string | undefined> => {
    if (!root) return undefined;
    const description = typeof descriptionArg === 'string' ? descriptionArg : await vscode.window.showInputBox({
      title: vscode.l10n.t('New Chant spec'),
      prompt: vscode.l10n.t('Describe the work: the first sentence becomes the title.'),
      placeHolder: vscode.l10n.t('Add rate limiting to the login endpoint'),
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A description is required')),
    });
    if (!description?.trim()) return undefined;

    const cli = vscode.workspace.isTrusted ? await cliService.status() : undefined;
    if (cli?.kind === 'ok') {
      // chant add generates the ID, writes the file and commits it ("chant: Add spec ID").
      const result = await nodeProcessRunner.run(cli.path, ['add', description.trim()], { cwd: root });
      const id = /Created\s+(\S+)/.exec(result.stdout)?.[1];
      if (result.code !== 0 || !id) {
        ctx.logger.error(`chant add failed (${result.code}): ${result.stderr || result.stdout}`);
        const why = (result.stderr || result.stdout).trim().split('\n')[0] || vscode.l10n.t('exit code {0}', String(result.code));
        void showError(vscode.l10n.t('chant add failed: {0}', why), vscode.l10n.t('Show Log'))
          .then((c) => c && ctx.logger.show());
        return undefined;
      }
      const path = joinPath(root, '.chant', 'specs', `${id}.md`);
      await ctx.indexService.apply([{ kind: 'created', path }]);
      await vscode.window.showTextDocument(vscode.Uri.file(path));
      return path;
    }
    if (cli) ctx.logger.info(`New Spec without the CLI: ${describeCliStatus(cli)}`);
    const specs = index().specsOf(root);
    const topLevel = specs.filter((s) => !s.archived && !s.id.includes('.') && /\/\.chant\/specs\/[^/]+$/.test(s.path)).map((s) => s.id);
    const id = freshSpecId(new Date(), topLevel, new Set(specs.map((s) => s.id)));
    const path = joinPath(root, '.chant', 'specs', `${id}.md`);
    await createAndOpen(path, newSpecText({ description }));
    return path;
  };

  const addMember = async (arg?: unknown, descriptionArg?: unknown): Promise<string | undefined> => {
    const driver: Spec | undefined = specFromArg(index(), arg);
    if (!driver || driver.archived) {
      void showWarning(vscode.l10n.t('Add Member works on an active spec: run it from a spec in the Spec Explorer or with the spec open.'));
      return undefined;
    }
    const description = typeof descriptionArg === 'string' ? descriptionArg : await vscode.window.showInputBox({
      title: vscode.l10n.t('New member of {0}', driver.id),
      prompt: vscode.l10n.t('Describe the member’s work: the first sentence becomes the title.'),
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A description is required')),
    });
    if (!description?.trim()) return undefined;
    const id = nextMemberId(driver.id, index().specsOf(driver.root).map((s) => s.id));
    const path = joinPath(driver.path.slice(0, driver.path.lastIndexOf('/')), `${id}.md`);
    await createAndOpen(path, newSpecText({ description }));
    return path;
  };

  /** `chant init --name NAME` in a folder, as a `chant` task (no terminal input: chant asks nothing). */
  const initProject = async (arg?: unknown, nameArg?: unknown): Promise<number | undefined> => {
    // Trust and the CLI first: no folder pick that ends in "cannot run".
    if (!vscode.workspace.isTrusted) {
      void showWarning(vscode.l10n.t('Chant runs no process in an untrusted workspace. Trust this workspace to run "chant init".'));
      return undefined;
    }
    // Says what is missing, with Open Settings / Install Guide buttons (no raw markdown).
    const executable = await cliService.require(vscode.l10n.t('initialize a Chant project'));
    if (!executable) return undefined;
    const folder = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : (vscode.workspace.workspaceFolders?.length === 1
      ? vscode.workspace.workspaceFolders[0].uri
      : (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Initialize Chant in which folder?') }))?.uri);
    if (!folder) return undefined;
    // chant puts worktrees at /tmp/chant-<name>-<ID>: a plain name keeps that path plain.
    const valid = (v: string) => (/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(v) ? undefined : vscode.l10n.t('Letters, digits, ".", "-" and "_" only'));
    const suggested = folder.path.split('/').filter(Boolean).pop()?.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'project';
    const name = typeof nameArg === 'string' ? nameArg : await vscode.window.showInputBox({
      title: vscode.l10n.t('Initialize Chant in {0}', folder.fsPath), prompt: vscode.l10n.t('Project name'), value: suggested, validateInput: valid,
    });
    if (!name || valid(name)) return undefined;
    const end = await tasks.run(folder.fsPath, ['init', '--name', name], executable);
    if (end.code === 0) {
      // We know a project appeared: read it now rather than wait for the folder watch to notice.
      await ctx.indexService.reindex();
      void showInformation(vscode.l10n.t('Chant project {0} initialized. Commit .chant/ and .gitattributes when you are ready.', name));
    }
    else void showError(vscode.l10n.t('chant init failed: {0}', end.refusal?.reason ?? vscode.l10n.t('exit code {0}', String(end.code))));
    return end.code;
  };

  const disposables = new DisposableStore();
  disposables.push(
    vscode.commands.registerCommand(Commands.newSpec, async (arg?: unknown) => newSpec(await pickProject(arg))),
    vscode.commands.registerCommand(Commands.addMember, (arg?: unknown) => addMember(arg)),
    vscode.commands.registerCommand(Commands.initProject, (arg?: unknown) => initProject(arg)),
  );
  return Object.assign(disposables, {
    api: {
      newSpec: (root: string, description: string) => newSpec(root, description),
      addMember: (driverPath: string, description: string) => addMember(driverPath, description),
      initProject: (folder: string, name: string) => initProject(folder, name),
    },
  });
}
