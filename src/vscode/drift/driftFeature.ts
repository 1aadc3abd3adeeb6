// The drift feature: findings kept current by DriftService, shown as diagnostics, code lenses, a
// count in the Chant status bar item, a report and baseline diffs; commands to acknowledge (and undo)
// and to re-run a drifted spec. The DriftService itself is built with the other services.
import * as vscode from 'vscode';
import type { DriftFinding } from '../../core/drift/model';
import { acknowledgedMessage, driftSummary } from '../../core/drift/messages';
import { pendingStatusEdit, rerunPlan, type RerunPlan, type RerunResult } from '../../core/drift/rerun';
import type { Spec } from '../../core/model';
import { normalizePath } from '../../core/paths';
import { Commands } from '../commands';
import type { ChantContext, Feature } from '../context';
import { DisposableStore } from '../disposable';
import type { ChantServices } from '../services';
import { specFromArg } from '../specArgs';
import { registerDriftDiagnostics } from './diagnostics';
import { BASELINE_SCHEME, BaselineContentProvider, openDriftDiff } from './baselineDocuments';
import { DriftCodeLensProvider } from './lenses';
import { DriftReportPanel } from './reportPanel';
import { showInformation, showWarning, showError } from '../notifications';
import { iconLabelText } from '../../core/text';

export function registerDrift(
  ctx: ChantContext, { drift: service, cli, tasks }: Pick<ChantServices, 'drift' | 'cli' | 'tasks'>,
): Feature<'driftRerunPlan' | 'driftReportOpen' | 'driftRerun'> {
  const disposables = new DisposableStore();
  const index = () => ctx.indexService.index;

  /** The spec a command is about: a path, a URI, a finding, a tree item, an ID, or the active editor. */
  const specOf = (arg: unknown): Spec | undefined => specFromArg(index(), arg);
  const pickDrifted = async (placeHolder: string, among?: DriftFinding[]): Promise<Spec | undefined> => {
    const candidates = among ?? service.drifted();
    if (candidates.length === 0) {
      void showInformation(vscode.l10n.t('No spec has drifted.'));
      return undefined;
    }
    const picked = candidates.length === 1 ? { finding: candidates[0] } : await vscode.window.showQuickPick(
      candidates.map((f) => ({ label: iconLabelText(f.title ?? f.specId), description: f.specId, detail: driftSummary(f), finding: f })),
      { placeHolder },
    );
    return picked ? index().byPath(picked.finding.specPath) : undefined;
  };

  // ---- views -----------------------------------------------------------------------------------

  const report = new DriftReportPanel(service, (message) => {
    if (message.action === 'recheck') {
      void service.checkAll('re-check requested');
      return;
    }
    const finding = service.finding(message.spec);
    if (!finding) return; // only specs the report shows
    switch (message.action) {
      case 'openSpec':
        void vscode.window.showTextDocument(vscode.Uri.file(finding.specPath));
        break;
      case 'rerun':
        void vscode.commands.executeCommand(Commands.rerunDriftedSpec, finding.specPath);
        break;
      case 'acknowledge':
        void vscode.commands.executeCommand(Commands.acknowledgeDrift, finding.specPath);
        break;
      case 'undo':
        void vscode.commands.executeCommand(Commands.undoAcknowledgeDrift, finding.specPath);
        break;
      case 'openFile':
      case 'diff': {
        const file = finding.files.find((f) => f.absPath === message.file);
        if (!file) return;
        if (message.action === 'openFile') void vscode.window.showTextDocument(vscode.Uri.file(file.absPath));
        else void vscode.commands.executeCommand(Commands.openDriftDiff, finding.specPath, file.absPath);
        break;
      }
    }
  });
  disposables.push(report);

  const lenses = new DriftCodeLensProvider(service);
  disposables.push(
    lenses,
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, lenses),
    vscode.workspace.registerTextDocumentContentProvider(BASELINE_SCHEME, new BaselineContentProvider(service)),
    registerDriftDiagnostics(ctx, service),
  );


  // ---- commands --------------------------------------------------------------------------------

  const rerunFor = (spec: Spec, cli: string): RerunResult => {
    const hasMembers = index().lookup.membersOf(spec.root, spec.id).some((s) => !s.archived);
    return rerunPlan({ id: spec.id, rawStatus: spec.rawStatus, type: spec.type, loadable: spec.loadable, hasMembers, root: spec.root }, {
      cli, workArgs: ctx.settings.get('workArgs', vscode.Uri.file(spec.root)),
    });
  };

  const setPending = async (spec: Spec): Promise<boolean> => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(spec.path));
    if (doc.isDirty) {
      void showWarning(vscode.l10n.t('Save or revert {0}.md first: re-running sets its status to pending.', spec.id));
      return false;
    }
    const key = spec.keys.get('status');
    const edit = key ? pendingStatusEdit(doc.lineAt(key.start.line).text, key) : undefined;
    if (!edit) {
      void showError(vscode.l10n.t('Could not find the status line of {0}.', spec.id));
      return false;
    }
    const we = new vscode.WorkspaceEdit();
    we.replace(doc.uri, new vscode.Range(edit.line, edit.start, edit.line, edit.end), edit.newText);
    return (await vscode.workspace.applyEdit(we)) && (await doc.save());
  };

  /** Runs the plan as a `chant` task (the work feature's); resolves with chant's exit code. */
  const launch = async (spec: Spec, plan: RerunPlan): Promise<number | undefined> => {
    ctx.logger.info(`drift re-run of ${spec.id}: ${JSON.stringify([plan.command, ...plan.args])} in ${plan.cwd}`);
    const end = await tasks.run(plan.cwd, plan.args, plan.command, spec.id);
    ctx.logger.info(`drift re-run of ${spec.id}: chant exited with code ${end.code}`);
    if (end.refusal) void showError(vscode.l10n.t('chant did not work {0}: {1}', spec.id, end.refusal.reason));
    return end.code;
  };

  /** Re-run as the command does; `confirm: false` skips the modal (API callers that already asked). */
  const rerun = async (arg: unknown, confirm: boolean): Promise<{ plan: RerunPlan; finished: Promise<number | undefined> } | undefined> => {
    let spec = specOf(arg) ?? (await pickDrifted(vscode.l10n.t('Re-run which drifted spec?'), service.drifted().filter((f) => !f.archived)));
    if (!spec) return undefined;
    if (spec.archived) {
      void showInformation(vscode.l10n.t('{0} is archived: chant only works active specs, so it cannot be re-run.', spec.id));
      return undefined;
    }
    const finding = service.finding(spec.path);
    // A driver is re-run through its drifted members (chant runs drivers as member chains).
    if (finding && finding.state !== 'drifted' && finding.driftedMembers.length > 0) {
      const members = finding.driftedMembers.map((id) => index().byId(spec!.root, id)).map((s) => (s ? service.finding(s.path) : undefined)).filter((f): f is DriftFinding => !!f);
      spec = await pickDrifted(vscode.l10n.t('Re-run which drifted member?'), members);
      if (!spec) return undefined;
    }
    if (!vscode.workspace.isTrusted) {
      void showWarning(vscode.l10n.t('Re-run starts chant, which needs a trusted workspace.'));
      return undefined;
    }
    const executable = await cli.require(vscode.l10n.t('Re-run'));
    if (!executable) return undefined;
    const result = rerunFor(spec, executable);
    if (!result.ok) {
      void showWarning(vscode.l10n.t('Cannot re-run {0}: {1}', spec.id, result.reason));
      return undefined;
    }
    const plan = result.plan;
    if (confirm) {
      const detail = plan.setPendingFirst
        ? vscode.l10n.t('First sets status: pending in {0}.md ({1})\n\nThen runs in {2}:\n\n{3}', spec.id, plan.why, plan.cwd, plan.display)
        : vscode.l10n.t('Runs in {0}:\n\n{1}', plan.cwd, plan.display);
      const rerunButton = vscode.l10n.t('Re-run');
      const answer = await showWarning(vscode.l10n.t('Re-run {0}?', spec.id), { modal: true, detail }, rerunButton);
      if (answer !== rerunButton) return undefined;
    }
    if (plan.setPendingFirst && !(await setPending(spec))) return undefined;
    return { plan, finished: launch(spec, plan) };
  };

  disposables.push(
    vscode.commands.registerCommand(Commands.showDriftReport, () => report.show()),
    vscode.commands.registerCommand(Commands.showSpecDrift, (arg?: unknown) => {
      const spec = specOf(arg);
      report.show(spec?.path);
    }),
    vscode.commands.registerCommand(Commands.recheckDrift, () => service.checkAll('re-check requested')),
    vscode.commands.registerCommand(Commands.openDriftDiff, async (specArg?: unknown, fileArg?: unknown) => {
      const spec = specOf(specArg) ?? (await pickDrifted(vscode.l10n.t('Diff a file of which drifted spec?')));
      const finding = spec ? service.finding(spec.path) : undefined;
      if (!spec || !finding) return;
      let file = typeof fileArg === 'string' ? finding.files.find((f) => f.absPath === normalizePath(fileArg)) : undefined;
      if (!file) {
        const active = vscode.window.activeTextEditor?.document.uri;
        file = active ? finding.files.find((f) => f.absPath === normalizePath(active.fsPath)) : undefined;
      }
      if (!file) {
        const picked = await vscode.window.showQuickPick(finding.files.map((f) => ({ label: iconLabelText(f.path), description: f.change, file: f })), { placeHolder: vscode.l10n.t('Diff which file?') });
        file = picked?.file;
      }
      if (!file) return;
      const shown = await openDriftDiff(finding, file, service.engine.repositoryOf(finding.root)?.root);
      if (!shown) void showInformation(vscode.l10n.t('No git baseline to compare with (drift here uses file times).'));
    }),
    vscode.commands.registerCommand(Commands.acknowledgeDrift, async (arg?: unknown) => {
      const spec = specOf(arg) ?? (await pickDrifted(vscode.l10n.t('Acknowledge the drift of which spec?')));
      if (!spec) return;
      if (service.finding(spec.path)?.state !== 'drifted') {
        void showInformation(vscode.l10n.t('{0} has not drifted.', spec.id));
        return;
      }
      const ack = await service.acknowledge(spec);
      const left = service.finding(spec.path)?.files.length ?? 0;
      const message = acknowledgedMessage(spec.id, ack, left);
      const undo = vscode.l10n.t('Undo');
      // Not awaited: the command is done once acknowledged; the toast only offers Undo.
      void showInformation(message, undo)
        .then((pick) => (pick === undo ? service.undoAcknowledge(spec) : undefined));
    }),
    vscode.commands.registerCommand(Commands.undoAcknowledgeDrift, async (arg?: unknown) => {
      const spec = specOf(arg);
      if (!spec) return;
      if (!(await service.undoAcknowledge(spec))) void showInformation(vscode.l10n.t('{0} has no drift acknowledgement to undo.', spec.id));
    }),
    vscode.commands.registerCommand(Commands.rerunDriftedSpec, async (arg?: unknown) => {
      await rerun(arg, true);
    }),
  );

  // ---- public API -------------------------------------------------------------------------------

  return Object.assign(disposables, {
    api: {
      driftRerunPlan: (idOrPath: string): RerunResult => {
        const spec = specOf(idOrPath);
        return spec ? rerunFor(spec, ctx.settings.get('cliPath') || 'chant') : { ok: false, reason: `no spec ${idOrPath}` };
      },
      driftReportOpen: () => report.visible,
      driftRerun: (idOrPath: string, options?: { confirm?: boolean }) => rerun(idOrPath, options?.confirm ?? true),
    },
  });
}
