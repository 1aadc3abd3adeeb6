// VS Code's notifications, with every message passed through notificationText: messages quote
// spec titles, frontmatter values, file names and chant's output, which must not become links.
// The rest of the extension calls these instead of vscode.window's (eslint enforces it).
import * as vscode from 'vscode';
import { notificationText } from '../core/text';

type Show = <T extends string>(message: string, ...rest: (T | vscode.MessageOptions)[]) => Thenable<T | undefined>;

// vscode.window's function is looked up at each call (tests may wrap it).
const via = (pick: () => Show) => <T extends string>(message: string, ...rest: (T | vscode.MessageOptions)[]): Thenable<T | undefined> => pick()<T>(notificationText(message), ...rest);

/** vscode.window.showInformationMessage, the message kept as text. */
export const showInformation = via(() => vscode.window.showInformationMessage as Show);
/** vscode.window.showWarningMessage, the message kept as text. */
export const showWarning = via(() => vscode.window.showWarningMessage as Show);
/** vscode.window.showErrorMessage, the message kept as text. */
export const showError = via(() => vscode.window.showErrorMessage as Show);
