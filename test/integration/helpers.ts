// Shared helpers for integration tests: the extension's API and condition waits (never sleep).
import * as vscode from 'vscode';
import type { ChantApi } from '../../src/vscode/api';

export async function chantApi(): Promise<ChantApi> {
  const ext = vscode.extensions.getExtension<ChantApi>('chant-specs.chant-specs');
  if (!ext) throw new Error('extension chant-specs.chant-specs is not loaded');
  const api = await ext.activate();
  await api.whenIndexed();
  return api;
}

/** Resolves when `check` returns a truthy value; rejects with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return folder.uri.fsPath;
}
