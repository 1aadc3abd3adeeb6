// Shared helpers for integration tests: the extension's API and condition waits (never sleep).
import * as fs from 'node:fs';
import * as path from 'node:path';
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

/** A notification toast as the user sees it: its message and its buttons. */
/** A notification on screen: its message's text, the links drawn in it (their targets), its buttons. */
export interface Toast { message: string; links: string[]; buttons: string[] }

/** The Output view as the user sees it: the channel picked, the channels offered, the lines of text on screen. */
export interface OutputView { channel: string; channels: string[]; lines: string[] }

/** The quick input as the user sees it. */
export interface QuickInputView { title: string; value: string; message: string; items: string[] }

/** The walkthrough as the user sees it: the steps' titles, the picture on screen (how big it was drawn: `width`). */
export interface WalkthroughView {
  steps: string[];
  image?: { src: string; alt: string; complete: boolean; naturalWidth: number; naturalHeight: number; width: number };
}

/**
 * Asks the runner (tools/vscode/run-tests.mjs) for what only the page can do: the notification
 * toasts on screen, the Output view's text, or a click on the button with exactly this text; and
 * the other ops below (context menus, lenses, the quick input, key presses, the terminal).
 */
export async function ui(request: { op: 'notifications' }): Promise<Toast[]>;
export async function ui(request: { op: 'output' }): Promise<OutputView>;
/** The Spec Explorer's rows as drawn: each row's text (label and description), those in view; an expandable row starts with ▾ (open) or ▸ (collapsed). */
export async function ui(request: { op: 'tree' }): Promise<string[]>;
/** The Get Started walkthrough as drawn: its steps' titles and the picture shown (`text`: the id of a step to click first). */
export async function ui(request: { op: 'walkthrough'; text?: string }): Promise<WalkthroughView>;
export async function ui(request: { op: 'click'; text: string }): Promise<void>;
/** Clicks the Spec Explorer row whose text holds `text`. */
export async function ui(request: { op: 'row'; text: string }): Promise<void>;
/** Right-clicks the Spec Explorer row whose text holds `text`; the context menu's item labels. */
export async function ui(request: { op: 'rowMenu'; text: string }): Promise<string[]>;
/** Clicks the open context menu's item labelled `text`. */
export async function ui(request: { op: 'menu'; text: string }): Promise<void>;
/** Clicks the visible editor's code lens whose text is `text`. */
export async function ui(request: { op: 'lens'; text: string }): Promise<void>;
/** The quick input on screen (null when none): title, value, validation message, items listed. */
export async function ui(request: { op: 'quickInput' }): Promise<QuickInputView | null>;
/** Types `text` into the quick input on screen, replacing its value. */
export async function ui(request: { op: 'fill'; text: string }): Promise<void>;
/** Presses key chords in the workbench, in order (Playwright's names, e.g. `Control+Alt+Shift+KeyS`). */
export async function ui(request: { op: 'keys'; keys: string[] }): Promise<void>;
/** The lines of the terminal shown in the panel. */
export async function ui(request: { op: 'terminal' }): Promise<string[]>;
export async function ui(request: { op: string; text?: string; keys?: string[] }): Promise<unknown> {
  const dir = process.env.CHANT_HOST_UI;
  if (!dir) throw new Error('CHANT_HOST_UI is not set (start the tests with tools/vscode/run-tests.mjs)');
  const name = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const res = path.join(dir, `${name}.res.json`);
  fs.writeFileSync(path.join(dir, `${name}.tmp`), JSON.stringify(request));
  fs.renameSync(path.join(dir, `${name}.tmp`), path.join(dir, `${name}.req.json`));
  const answer = await waitFor(`the runner to answer ${request.op}`, () => fs.existsSync(res) && JSON.parse(fs.readFileSync(res, 'utf8')) as { ok: boolean; value?: unknown; error?: string }, 20_000);
  fs.rmSync(res, { force: true });
  if (!answer.ok) throw new Error(`UI request ${request.op} failed: ${answer.error}`);
  return answer.value;
}
