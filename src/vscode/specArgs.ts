// Commands are invoked from the palette (no argument), tree items (a node with `specPath`),
// code lenses and links (a path string) or explorer/editor menus (a Uri). One resolver for all.
import * as vscode from 'vscode';
import type { Spec } from '../core/model';
import type { SpecIndex } from '../core/specIndex';

export function specPathFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.startsWith('file:') ? vscode.Uri.parse(arg).fsPath : arg;
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (arg && typeof arg === 'object') {
    const o = arg as { specPath?: unknown; fsPath?: unknown; resourceUri?: unknown };
    if (typeof o.specPath === 'string') return o.specPath;
    if (o.resourceUri instanceof vscode.Uri) return o.resourceUri.fsPath;
  }
  return undefined;
}

/** The spec an argument names, else the spec open in the active editor. */
export function specFromArg(index: SpecIndex, arg: unknown): Spec | undefined {
  const path = specPathFromArg(arg) ?? vscode.window.activeTextEditor?.document.uri.fsPath;
  return path ? index.byPath(path) : undefined;
}
