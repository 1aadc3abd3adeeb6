// What the headless CLI writes to a terminal. Titles, IDs, paths and messages come from files
// anyone can commit: an escape sequence in a title would otherwise reach the terminal raw
// (retitle the window, rewrite earlier lines, hide text). Text output drops control characters
// (line breaks and tabs stay); JSON keeps every character, escaped.

/** C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without the characters a terminal would act on. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, '');
}

/** JSON whose control characters are all escaped (JSON.stringify leaves DEL, C1 and bidi raw). */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function writeOut(text: string): void {
  process.stdout.write(terminalText(text));
}

export function writeErr(text: string): void {
  process.stderr.write(terminalText(text));
}
