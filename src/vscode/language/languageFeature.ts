// Spec files as a language: diagnostics for every spec, quick fixes, hover, definition,
// references, document links, completion, and the "Lint Workspace" command.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { ChantContext } from '../context';
import type { ChantServices } from '../services';
import { SpecCodeActions } from './codeActions';
import { COMPLETION_TRIGGERS, SpecCompletion } from './completion';
import { SpecDiagnostics } from './diagnostics';
import { ID_TEXT_SELECTOR, SPEC_SELECTOR, SpecLanguageState } from './specLanguageState';
import { SpecNavigation } from './navigation';

export function registerSpecLanguage(ctx: ChantContext, { drift }: Pick<ChantServices, 'drift'>): vscode.Disposable {
  const state = new SpecLanguageState(ctx, drift);
  const diagnostics = new SpecDiagnostics(ctx, state);
  const navigation = new SpecNavigation(ctx, state);
  return vscode.Disposable.from(
    state,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(SPEC_SELECTOR, new SpecCodeActions(state), SpecCodeActions.metadata),
    vscode.languages.registerHoverProvider(ID_TEXT_SELECTOR, navigation),
    vscode.languages.registerDefinitionProvider(ID_TEXT_SELECTOR, navigation),
    vscode.languages.registerReferenceProvider(ID_TEXT_SELECTOR, navigation),
    vscode.languages.registerDocumentLinkProvider({ language: 'markdown', scheme: 'file' }, navigation),
    vscode.languages.registerCompletionItemProvider(SPEC_SELECTOR, new SpecCompletion(state), ...COMPLETION_TRIGGERS),
    vscode.commands.registerCommand(Commands.lintWorkspace, async () => {
      await ctx.indexService.whenIdle();
      state.lookup.rebuild();
      state.reloadConfigs();
      const result = await diagnostics.lintAll();
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      vscode.window.setStatusBarMessage(vscode.l10n.t('Chant: {0} problem(s) in {1} spec(s)', result.problems, result.specs), 4000);
      return result;
    }),
  );
}
