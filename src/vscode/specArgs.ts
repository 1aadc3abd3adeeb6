// Commands are invoked from the palette (no argument), tree items (a node with `specPath`),
// code lenses and links (a path string), explorer/editor menus (a Uri), findings and the API
// (a spec ID, full or short). One resolver for all of them.
import * as vscode from 'vscode';
import type { Spec } from '../core/model';
import { localDate } from '../core/newSpec';
import { isInside } from '../core/paths';
import { resolveSpecRef, type SpecRefResult } from '../core/specRef';
import type { SpecIndex } from '../core/specIndex';

/** The file path an argument names: a path or `file:` URI string, a Uri, or an object with one. */
export function specPathFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.startsWith('file:') ? vscode.Uri.parse(arg).fsPath : arg;
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (arg && typeof arg === 'object') {
    const o = arg as { specPath?: unknown; resourceUri?: unknown; spec?: { path?: unknown }; path?: unknown };
    if (typeof o.specPath === 'string') return o.specPath;
    if (o.resourceUri instanceof vscode.Uri) return o.resourceUri.fsPath;
    if (o.spec && typeof o.spec.path === 'string') return o.spec.path;
    if (typeof o.path === 'string') return o.path;
  }
  return undefined;
}

/**
 * What a command argument names: a spec file (path, Uri, tree item, finding), else, for a string
 * that is not a path, the spec ID chant would resolve it to (full or short, the active editor's
 * project first); with no usable argument, the spec open in the active editor.
 */
export function resolveSpecArg(index: SpecIndex, arg: unknown): SpecRefResult {
  const found = (spec: Spec | undefined): SpecRefResult => (spec ? { kind: 'found', spec } : { kind: 'missing' });
  const active = vscode.window.activeTextEditor?.document.uri;
  const path = specPathFromArg(arg);
  if (path === undefined) return found(active?.scheme === 'file' ? index.byPath(active.fsPath) : undefined);
  const byPath = index.byPath(path);
  if (byPath || typeof arg !== 'string' || /[\\/]/.test(arg)) return found(byPath);
  const roots = index.projects().map((p) => p.root);
  const first = active?.scheme === 'file' ? roots.find((r) => isInside(r, active.fsPath)) : undefined;
  return resolveSpecRef(index, arg, first ? [first, ...roots.filter((r) => r !== first)] : roots, localDate(new Date()));
}

/** The spec a command argument names (see `resolveSpecArg`), if exactly one. */
export function specFromArg(index: SpecIndex, arg: unknown): Spec | undefined {
  const res = resolveSpecArg(index, arg);
  return res.kind === 'found' ? res.spec : undefined;
}
