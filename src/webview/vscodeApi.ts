// The webview's one handle on VS Code (acquireVsCodeApi may be called once per page): messages to
// the host and the state VS Code keeps with the panel across reloads.
import type { PersistedGraphState, WebviewMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: PersistedGraphState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

/** Posts a protocol message to the host. */
export const post = (m: WebviewMessage): void => api.postMessage(m);

/** Posts a message of the test channel (test builds only). */
export const postTest = (m: unknown): void => api.postMessage(m);

/** What the panel kept last time (may be anything: validate before use). */
export const savedState = (): Partial<PersistedGraphState> => {
  const s = api.getState();
  return typeof s === 'object' && s !== null ? (s as Partial<PersistedGraphState>) : {};
};

export const saveState = (state: PersistedGraphState): void => api.setState(state);

/** An element of the panel's static markup (src/vscode/graph/graphHtml.ts). */
export const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
