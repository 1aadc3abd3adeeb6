// Offset ↔ position conversion for one text, built once per parse.

import type { Position, TextRange } from './model';

export class LineMap {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    const start = this.starts[Math.min(position.line, this.starts.length - 1)] ?? 0;
    return start + position.character;
  }

  range(start: number, end: number): TextRange {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The line's text without its line break (and without a trailing `\r`). */
  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = this.starts[line + 1];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  /** Range covering a whole line's text. */
  lineRange(line: number): TextRange {
    return { start: { line, character: 0 }, end: { line, character: this.lineText(line).length } };
  }
}

export function rangeAtLine(line: number, startChar = 0, endChar = startChar): TextRange {
  return { start: { line, character: startChar }, end: { line, character: endChar } };
}

/**
 * Text from spec files (titles, IDs, messages) placed in Markdown (hovers, tooltips): what
 * Markdown would read as markup is escaped, control characters dropped, line breaks made spaces,
 * so a title can neither add links or headings nor run commands through a trusted hover.
 */
export function markdownText(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

/** `s` as inline code: backticks inside become `'` (a code span cannot escape them). */
export function markdownCode(s: string): string {
  return `\`${s.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/`/g, "'")}\``;
}

/**
 * An invisible character that joins its neighbours (no line break between them): put inside a
 * sequence that a renderer would read as markup, it keeps the text looking as written.
 */
export const WORD_JOINER = '\u2060';

/**
 * Text for a VS Code notification's message: VS Code draws `[label](command:…)` there (also
 * `https:` and `file:`) as a link and runs a command link's command, arguments and all, when it is
 * clicked. Titles, frontmatter values, file names and chant's output quoted in a message could
 * forge one; an invisible word joiner between `]` and `(` keeps such text as it is written.
 */
export function notificationText(s: string): string {
  return s.replace(/\]\(/g, `]${WORD_JOINER}(`);
}

/**
 * Text for a label VS Code draws `$(name)` icons in (quick pick items, code lens titles): a title
 * such as "Print $(date) in the log" would lose `$(date)` to an icon. VS Code's own escape, a
 * backslash it does not show, keeps such a sequence as text.
 */
export function iconLabelText(s: string): string {
  return s.replace(/(\\)?(\$\([A-Za-z0-9-]+(?:~[A-Za-z0-9-]*)?\))/g, (all, escaped: string | undefined, icon: string) => (escaped ? all : `\\${icon}`));
}
