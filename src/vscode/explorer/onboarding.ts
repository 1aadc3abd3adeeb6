// "Chant: Get Started" opens the extension's walkthrough (package.json `walkthroughs`).
import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { ChantContext } from '../context';

export const WALKTHROUGH_ID = 'chantSpecs.gettingStarted';

export function registerOnboarding(ctx: ChantContext): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.getStarted, () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ctx.extension.extension.id}#${WALKTHROUGH_ID}`, false));
}
