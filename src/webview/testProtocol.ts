// The graph webview's test channel: messages only test builds understand (see src/buildFlags.d.ts).
// The packaged extension never sends them and its webview has no code to answer them; they are
// kept apart from ./protocol.ts so the production protocol holds only what users' panels use.
// Every message carries a `test:` type, so neither side mistakes one for a protocol message.
import { isObject } from './protocol';

/** A status toggle as the toolbar shows it. */
export interface StatusToggleState {
  status: string;
  pressed: boolean;
  /** The button's visible text. */
  text: string;
}

/** Host → webview: a real click on a rendered node or a toolbar control, through the webview's own handlers. */
export type TestHostMessage =
  | { type: 'test:click'; seq: number; target: { node: string } | { statusToggle: string } | { anyStatus: true } }
  | { type: 'test:toolbar'; seq: number };

/** Webview → host: the answer to the request with the same `seq`. */
export type TestWebviewMessage =
  | { type: 'test:clicked'; seq: number; found: boolean }
  | { type: 'test:toolbar'; seq: number; statusToggles: StatusToggleState[] };

/** Checks a test answer from the webview; undefined for anything else (protocol messages included). */
export function parseTestReply(x: unknown): TestWebviewMessage | undefined {
  if (!isObject(x) || typeof x.seq !== 'number' || !Number.isInteger(x.seq)) return undefined;
  if (x.type === 'test:clicked') return { type: 'test:clicked', seq: x.seq, found: x.found === true };
  if (x.type === 'test:toolbar' && Array.isArray(x.statusToggles)) {
    const statusToggles = x.statusToggles.filter(isObject).map((t) => ({
      status: String(t.status), pressed: t.pressed === true, text: String(t.text),
    }));
    return { type: 'test:toolbar', seq: x.seq, statusToggles };
  }
  return undefined;
}
