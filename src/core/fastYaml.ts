// A fast reader for the plain YAML chant itself writes in spec frontmatter, producing the same
// nodes (values, sources and ranges) as the `yaml` package would. Full YAML parsing costs about
// 0.1 ms per spec, most of the time of indexing ten thousand specs; nearly every spec uses only
// `key: value`, `key: [a, b]`, block lists and a one-level map (`approval:`). Anything else
// (quotes, comments, anchors, tags, multi-line scalars, tabs, non-ASCII, floats, duplicate
// keys…) returns undefined and the caller parses with the `yaml` package as before.
// test/unit/fastYaml.test.ts checks both agree on generated and hand-written inputs.

import type { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

// Nodes are plain objects marked the way the yaml package marks its own (`isScalar`, `isMap`,
// `isSeq` read this registered symbol): its constructors cost more than the whole fast parse.
const NODE_TYPE = Symbol.for('yaml.node.type');
const SCALAR = Symbol.for('yaml.scalar');
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');
const PAIR = Symbol.for('yaml.pair');

function newMap(): YAMLMap<Scalar, unknown> {
  return { [NODE_TYPE]: MAP, items: [] as Pair<Scalar, unknown>[] } as unknown as YAMLMap<Scalar, unknown>;
}

function newSeq(flow: boolean): YAMLSeq {
  return { [NODE_TYPE]: SEQ, items: [] as unknown[], flow } as unknown as YAMLSeq;
}

function newPair(key: Scalar, value: unknown): Pair<Scalar, unknown> {
  return { [NODE_TYPE]: PAIR, key, value } as unknown as Pair<Scalar, unknown>;
}

/** What spec parsing reads from a parsed document; the fast path never reports errors. */
export interface SimpleYamlDocument {
  errors: never[];
  contents: YAMLMap<Scalar, unknown> | null;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// Core-schema plain scalars that are not strings, null, booleans or decimal integers.
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[0-9]+$/;

/** The value the core schema gives a plain scalar, or `undefined` when this reader does not handle it. */
function resolvePlain(text: string): { value: unknown } | undefined {
  if (NULL.test(text)) return { value: null };
  if (BOOL.test(text)) return { value: text[0] === 't' || text[0] === 'T' };
  if (INT.test(text)) return { value: parseInt(text, 10) };
  if (OTHER_NUMBER.test(text)) return undefined;
  return { value: text };
}

function scalar(text: string, start: number, end: number, nodeEnd: number): Scalar | undefined {
  const resolved = resolvePlain(text);
  if (!resolved) return undefined;
  return { [NODE_TYPE]: SCALAR, value: resolved.value, source: text, type: 'PLAIN', range: [start, end, nodeEnd] } as unknown as Scalar;
}

/** First characters of a block plain scalar this reader accepts. */
function isPlainStart(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 47 || c === 126;
}

/** Later characters: printable ASCII except quotes, `#`, brackets and braces (`: ` and ` #` checked apart). */
function isPlainChar(c: number): boolean {
  return c >= 32 && c <= 126 && c !== 34 && c !== 39 && c !== 35 && c !== 91 && c !== 93 && c !== 123 && c !== 125 && c !== 96;
}

/** A block plain scalar `text[from, to)` (trailing spaces already cut), or undefined. */
function blockScalarText(text: string, from: number, to: number): string | undefined {
  if (from >= to || !isPlainStart(text.charCodeAt(from))) return undefined;
  for (let i = from + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isPlainChar(c)) return undefined;
    if (c === 58 && (i + 1 === to || text.charCodeAt(i + 1) === 32)) return undefined; // `: ` would start a mapping
  }
  return text.slice(from, to);
}

/** Flow items: a conservative subset (no spaces, colons or other indicators). */
function isFlowItemChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 47 || c === 45 || c === 126;
}

interface Line {
  /** Offset of the first character. */
  start: number;
  /** Offset after the last non-space character (the content end). */
  end: number;
  /** Offset of the line break (or the text end). */
  eol: number;
  /** Offset where the next line starts. */
  next: number;
  indent: number;
}

/**
 * Parses `text` when it is simple enough (see the file comment); undefined means "use the
 * `yaml` package". Offsets in ranges are relative to `text`, as the package's are.
 */
export function parseSimpleYaml(text: string): SimpleYamlDocument | undefined {
  const lines: Line[] = [];
  for (let start = 0; start < text.length || (start === text.length && lines.length === 0);) {
    let eol = text.indexOf('\n', start);
    const next = eol < 0 ? text.length + 1 : eol + 1;
    if (eol < 0) eol = text.length;
    let contentEol = eol;
    if (contentEol > start && text.charCodeAt(contentEol - 1) === 13) contentEol--; // CRLF
    let end = contentEol;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent++;
    for (let i = start; i < contentEol; i++) {
      const c = text.charCodeAt(i);
      if (c < 32 || c > 126) return undefined; // tabs, lone CRs, control and non-ASCII characters
    }
    lines.push({ start, end, eol: contentEol, next: Math.min(next, text.length), indent });
    if (next > text.length) break;
    start = next;
  }

  const map = newMap();
  const seen = new Set<string>();
  let first = -1;
  let i = 0;
  const blank = (l: Line) => l.end === l.start + l.indent;
  while (i < lines.length) {
    const line = lines[i];
    if (blank(line)) {
      i++;
      continue;
    }
    if (line.indent !== 0) return undefined;
    const colon = text.indexOf(':', line.start);
    if (colon < 0 || colon >= line.end) return undefined;
    const keyText = text.slice(line.start, colon);
    if (!KEY.test(keyText) || seen.has(keyText)) return undefined;
    const key = scalar(keyText, line.start, colon, colon);
    if (!key || typeof key.value !== 'string') return undefined;
    seen.add(keyText);
    if (first < 0) first = line.start;
    let valueStart = colon + 1;
    if (valueStart < line.end && text.charCodeAt(valueStart) !== 32) return undefined;
    while (valueStart < line.end && text.charCodeAt(valueStart) === 32) valueStart++;
    let value: unknown;
    i++;
    if (valueStart < line.end) {
      if (text.charCodeAt(valueStart) === 91) {
        value = flowSeq(text, valueStart, line);
      } else {
        const v = blockScalarText(text, valueStart, line.end);
        value = v === undefined ? undefined : scalar(v, valueStart, line.end, line.next);
      }
      if (value === undefined) return undefined;
    } else {
      // No value on the key's line: a block list or (one level) map may follow, else null.
      const block = blockAfter(text, lines, i);
      if (block === null) return undefined;
      if (block) {
        value = block.node;
        i = block.nextLine;
      } else {
        value = scalar('', line.eol, line.eol, line.eol);
      }
    }
    map.items.push(newPair(key, value));
  }
  if (map.items.length === 0) return { errors: [], contents: null };
  map.range = [first, text.length, text.length];
  return { errors: [], contents: map };
}

/** `[a, b]` on one line; undefined when it is anything else. */
function flowSeq(text: string, open: number, line: Line): YAMLSeq | undefined {
  const close = text.indexOf(']', open);
  if (close < 0 || close + 1 !== line.end) return undefined;
  const seq = newSeq(true);
  seq.range = [open, close + 1, line.next];
  let i = open + 1;
  const skipSpaces = () => {
    while (i < close && text.charCodeAt(i) === 32) i++;
  };
  skipSpaces();
  if (i === close) return seq;
  for (;;) {
    const start = i;
    while (i < close && isFlowItemChar(text.charCodeAt(i))) i++;
    if (i === start || !isPlainStart(text.charCodeAt(start))) return undefined;
    const end = i;
    const item = scalar(text.slice(start, end), start, end, end);
    if (!item || item.value === null) return undefined;
    seq.items.push(item);
    skipSpaces();
    if (i === close) return seq;
    if (text.charCodeAt(i) !== 44) return undefined;
    i++;
    skipSpaces();
    if (i === close) return undefined; // a trailing comma
  }
}

/**
 * The block under a key with no inline value: `- item` lines (at any one indent, 0 included) or
 * `sub: value` lines (one indent > 0). Returns false when no block follows, null when what follows
 * is not simple.
 */
function blockAfter(text: string, lines: Line[], from: number): { node: YAMLSeq | YAMLMap; nextLine: number } | false | null {
  const head = lines[from];
  if (!head || head.end === head.start + head.indent) return false;
  const indent = head.indent;
  const isItem = text.charCodeAt(head.start + indent) === 45;
  if (!isItem && indent === 0) return false; // the next key
  let i = from;
  let last = head;
  if (isItem) {
    const seq = newSeq(false);
    while (i < lines.length) {
      const l = lines[i];
      if (l.end === l.start + l.indent || l.indent < indent) break;
      const dash = l.start + indent;
      if (l.indent !== indent || text.charCodeAt(dash) !== 45) {
        if (l.indent === 0 && indent === 0) break; // the next key
        return null;
      }
      if (text.charCodeAt(dash + 1) !== 32) return null; // `-` alone (a null item) or `-x`
      let s = dash + 1;
      while (s < l.end && text.charCodeAt(s) === 32) s++;
      const v = blockScalarText(text, s, l.end);
      const item = v === undefined ? undefined : scalar(v, s, l.end, l.next);
      if (!item || item.value === null) return null;
      seq.items.push(item);
      last = l;
      i++;
    }
    seq.range = [head.start + indent, last.next, last.next];
    return { node: seq, nextLine: i };
  }
  const map = newMap();
  const seen = new Set<string>();
  while (i < lines.length) {
    const l = lines[i];
    if (l.end === l.start + l.indent || l.indent === 0) break;
    if (l.indent !== indent) return null;
    const keyStart = l.start + indent;
    const colon = text.indexOf(':', keyStart);
    if (colon < 0 || colon >= l.end) return null;
    const keyText = text.slice(keyStart, colon);
    if (!KEY.test(keyText) || seen.has(keyText)) return null;
    seen.add(keyText);
    const key = scalar(keyText, keyStart, colon, colon);
    if (!key || typeof key.value !== 'string') return null;
    let s = colon + 1;
    if (s < l.end && text.charCodeAt(s) !== 32) return null;
    while (s < l.end && text.charCodeAt(s) === 32) s++;
    let value: Scalar | undefined;
    if (s < l.end) {
      const v = blockScalarText(text, s, l.end);
      value = v === undefined ? undefined : scalar(v, s, l.end, l.next);
    } else {
      value = scalar('', l.eol, l.eol, l.eol);
    }
    if (!value) return null;
    map.items.push(newPair(key, value));
    last = l;
    i++;
  }
  map.range = [head.start + indent, last.next, last.next];
  return { node: map, nextLine: i };
}
