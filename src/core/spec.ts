// Parses one spec file exactly as chant reads it (chant-format.md §2), keeping positions so
// every problem points at its place. Never throws: bad input becomes problems on the spec.

import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type Scalar } from 'yaml';
import {
  SPEC_STATUSES, SPEC_TYPES,
  type Approval, type CriteriaCount, type LocatedValue, type Mention, type Severity, type Spec, type SpecStatus,
  type SpecType, type TextRange,
} from './model';
import { LineMap, rangeAtLine } from './text';
import { parseSimpleYaml } from './fastYaml';

/** Above this size the file is not read at all (it would only cost memory). */
export const MAX_SPEC_BYTES = 16 * 1024 * 1024;
/** Above this size a spec gets a warning: chant reads it, but it is almost surely a mistake. */
export const LARGE_SPEC_BYTES = 1024 * 1024;

/** Frontmatter keys chant's `SpecFrontmatter` knows; others are dropped on chant's next save. */
export const KNOWN_KEYS = new Set([
  'type', 'status', 'depends_on', 'labels', 'target_files', 'context', 'prompt', 'branch', 'commits', 'completed_at',
  'model', 'tracks', 'informed_by', 'origin', 'schedule', 'source_branch', 'target_branch', 'conflicting_files',
  'blocked_specs', 'original_spec', 'last_verified', 'verification_status', 'verification_failures', 'replayed_at',
  'replay_count', 'original_completed_at', 'derived_fields', 'approval', 'members', 'output_schema', 'public',
  'retry_state',
]);

const LIST_KEYS = {
  labels: 'labels', target_files: 'targetFiles', context: 'context', commits: 'commits', tracks: 'tracks',
  informed_by: 'informedBy', origin: 'origin', members: 'members', conflicting_files: undefined,
  blocked_specs: undefined, verification_failures: undefined, derived_fields: undefined,
} as const;

const STRING_KEYS = [
  'prompt', 'branch', 'completed_at', 'model', 'schedule', 'source_branch', 'target_branch', 'original_spec',
  'last_verified', 'replayed_at', 'original_completed_at', 'output_schema',
];

export interface SpecSource {
  /** Absolute path of the file. */
  path: string;
  /** Directory that holds `.chant/`. */
  root: string;
  archived: boolean;
  /** The file's bytes, or undefined when it was not read (too large). */
  bytes?: Uint8Array;
  /** Size on disk, when known without reading. */
  size?: number;
}

// ignoreBOM keeps a BOM in the text: chant does not strip it, so neither may we.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Rust's `trim` uses Unicode White_Space: unlike JavaScript's it keeps U+FEFF (a BOM) and drops
 * U+0085. chant trims with Rust's rules, so a BOM is never skipped as whitespace.
 */
function isRustSpace(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || code === 0x85 || code === 0xa0 || code === 0x1680
    || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f
    || code === 0x205f || code === 0x3000;
}

function leadingSpace(s: string, from = 0): number {
  let i = from;
  while (i < s.length && isRustSpace(s.charCodeAt(i))) i++;
  return i - from;
}

function rustTrimStart(s: string): string {
  return s.slice(leadingSpace(s));
}

function rustTrim(s: string): string {
  let end = s.length;
  while (end > 0 && isRustSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(Math.min(leadingSpace(s), end), end);
}

/** The spec ID of a file: its name without `.md`. */
export function specIdFromPath(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = path.slice(slash + 1);
  return name.endsWith('.md') ? name.slice(0, -3) : name;
}

/** Parses a spec from its bytes; bad bytes or bad YAML become problems, never exceptions. */
export function parseSpecFile(source: SpecSource): Spec {
  const size = source.bytes?.length ?? source.size ?? 0;
  if (!source.bytes) {
    return unreadableSpec(source, size, 'too-large', l10n.t('File is {0}; specs larger than {1} are not read.', formatBytes(size), formatBytes(MAX_SPEC_BYTES)));
  }
  const bytes = source.bytes;
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) {
    return unreadableSpec(source, size, 'binary', l10n.t('Binary file (contains NUL bytes): chant cannot read it and skips it.'));
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return unreadableSpec(source, size, 'encoding', l10n.t('File is not valid UTF-8: chant cannot read it and skips it.'));
  }
  return parseSpecText(source, text, size);
}

function unreadableSpec(source: SpecSource, size: number, code: string, message: string): Spec {
  const spec = emptySpec(source, size);
  spec.loadable = false;
  spec.problems.push({ code, message, severity: 'error', range: rangeAtLine(0) });
  return spec;
}

function emptySpec(source: SpecSource, size: number): Spec {
  return {
    id: specIdFromPath(source.path), root: source.root, path: source.path, archived: source.archived,
    loadable: true, hasFrontmatter: false, type: 'code', rawStatus: 'pending', status: 'pending',
    dependsOn: [], members: [], labels: [], tracks: [], origin: [], informedBy: [], targetFiles: [], context: [],
    commits: [], hasDependsOnKey: false, criteria: { checked: 0, total: 0 }, hasAcceptanceCriteria: false,
    uncheckedCriteria: [], mentions: [], bodyWords: 0,
    keys: new Map(), bodyStartLine: 0, problems: [], size,
  };
}

/** Parses a spec from text already decoded (editors hand us text directly). */
export function parseSpecText(source: SpecSource, text: string, size = text.length): Spec {
  const spec = emptySpec(source, size);
  const lines = new LineMap(text);
  const problem = (code: string, severity: Severity, message: string, range: TextRange) =>
    spec.problems.push({ code, severity, message, range });

  if (size > LARGE_SPEC_BYTES) {
    problem('large-file', 'warning', l10n.t('Spec file is {0}: chant reads it whole on every command.', formatBytes(size)), rangeAtLine(0));
  }
  const blank = leadingSpace(text) === text.length;
  if (blank) {
    problem('empty', 'warning', l10n.t('Empty spec file: chant loads it as a pending code spec without a title.'), rangeAtLine(0));
  }

  // chant: trim the whole file; frontmatter only if it then starts with `---`; it ends at the
  // first `---` anywhere after the opening one. A BOM is not whitespace to Rust's trim().
  const lead = leadingSpace(text);
  let bodyOffset = lead;
  if (text.charCodeAt(lead) === 0xfeff) {
    const bomLooksLikeFrontmatter = rustTrimStart(text.slice(lead + 1)).startsWith('---');
    problem('bom', bomLooksLikeFrontmatter ? 'error' : 'warning',
      bomLooksLikeFrontmatter
        ? l10n.t('File starts with a byte-order mark: chant will not see this frontmatter (the spec loads as a pending code spec).')
        : l10n.t('File starts with a byte-order mark.'),
      lines.range(lead, lead + 1));
  } else if (text.startsWith('---', lead)) {
    const closing = text.indexOf('---', lead + 3);
    if (closing < 0) {
      problem('frontmatter', 'warning', l10n.t('Frontmatter is never closed with `---`: chant reads the whole file as body, with no frontmatter.'),
        lines.range(lead, lead + 3));
    } else {
      spec.hasFrontmatter = true;
      bodyOffset = closing + 3;
      const openLine = lines.positionAt(lead).line;
      const closePos = lines.positionAt(closing);
      spec.frontmatterRange = { start: { line: openLine, character: 0 }, end: { line: closePos.line, character: closePos.character + 3 } };
      const closeLineText = lines.lineText(closePos.line);
      if (closePos.character !== 0 || closeLineText.trimEnd() !== '---') {
        problem('frontmatter-cut', 'warning',
          l10n.t('chant ends the frontmatter at this `---` (the first one after the opening, even inside a value); everything after it is body.'),
          lines.range(closing, closing + 3));
      }
      readFrontmatter(spec, text.slice(lead + 3, closing), lead + 3, lines, problem);
    }
  }

  // Body: everything after the frontmatter, leading whitespace trimmed.
  bodyOffset += leadingSpace(text, bodyOffset);
  const bodyStart = lines.positionAt(bodyOffset);
  spec.bodyStartLine = bodyStart.line;
  spec.bodyWords = countWords(text, bodyOffset);
  // The body may start mid-line (`title: a---# x`): its first line is the rest of that line.
  readBody(spec, lines, bodyStart.line, bodyStart.character);
  if (spec.title === undefined && !blank) {
    problem('title', 'error', l10n.t('No title: chant needs a line starting with `# ` in the body, and `chant work` refuses a spec without one.'),
      spec.frontmatterRange ? rangeAtLine(spec.frontmatterRange.end.line, 0, 3) : rangeAtLine(0));
  }
  if (!spec.loadable) spec.status = 'pending';
  return spec;
}

type ProblemSink = (code: string, severity: Severity, message: string, range: TextRange) => void;

/** serde_yaml's recursion limit: chant fails any frontmatter nested deeper. */
const MAX_YAML_DEPTH = 128;

/**
 * Offset where the YAML certainly nests deeper than chant accepts, or -1. Checked before parsing:
 * the yaml package recurses per level, and thousands of `[` overflow the stack and can abort
 * the whole process (V8 fails to compile a regular expression at that depth).
 */
function excessiveNesting(yaml: string): number {
  let flow = 0;
  let indent = 0;
  let indicators = 0;
  let atLineStart = true;
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml.charCodeAt(i);
    if (c === 10) {
      indent = indicators = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart && c === 32) {
      if (++indent > MAX_YAML_DEPTH * 4) return i;
      continue;
    }
    atLineStart = false;
    if (c === 91 || c === 123) {
      if (++flow > MAX_YAML_DEPTH) return i;
    } else if (c === 93 || c === 125) {
      if (flow > 0) flow--;
    } else if ((c === 45 || c === 58 || c === 63) && yaml.charCodeAt(i + 1) === 32) {
      // `- - - x` and `a: b: c` nest on a single line.
      if (++indicators > MAX_YAML_DEPTH) return i;
    }
  }
  return -1;
}

/** True when YAML nests deeper than chant accepts; check before parsing untrusted YAML (see above). */
export function yamlNestsTooDeep(yaml: string): boolean {
  return excessiveNesting(yaml) >= 0;
}

function readFrontmatter(spec: Spec, yamlText: string, base: number, lines: LineMap, problem: ProblemSink): void {
  const tooDeep = excessiveNesting(yamlText);
  if (tooDeep >= 0) {
    spec.loadable = false;
    problem('parse', 'error', l10n.t("YAML error: nested more than {0} levels deep (chant's YAML reader stops there). chant skips this spec.", MAX_YAML_DEPTH),
      lines.range(base + tooDeep, base + tooDeep + 1));
    return;
  }
  // The plain YAML chant writes takes a fast path (same nodes); anything else the yaml package.
  const doc = parseSimpleYaml(yamlText) ?? parseDocument(yamlText, { schema: 'core', uniqueKeys: true, prettyErrors: false, strict: false });
  const at = (node: { range?: [number, number, number?] | null } | null | undefined): TextRange =>
    node?.range ? lines.range(base + node.range[0], base + node.range[1]) : lines.range(base, base);

  if (doc.errors.length > 0) {
    spec.loadable = false;
    for (const err of doc.errors) {
      const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      problem('parse', 'error', l10n.t('YAML error: {0}. chant skips this spec.', message), lines.range(base + err.pos[0], base + Math.max(err.pos[1], err.pos[0] + 1)));
    }
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return;
  if (!isMap(contents)) {
    spec.loadable = false;
    if (doc.errors.length === 0) problem('parse', 'error', l10n.t('Frontmatter is not a mapping of keys to values: chant skips this spec.'), at(contents));
    return;
  }

  const fail = (code: string, node: YamlNode | null | undefined, message: string) => {
    spec.loadable = false;
    // After a YAML error the values are half-parsed: their complaints would only be noise.
    if (doc.errors.length === 0) problem(code, 'error', message, at(node));
  };

  for (const pair of contents.items as Pair<unknown, unknown>[]) {
    const keyNode = pair.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    if (key === undefined) continue;
    spec.keys.set(key, at(keyNode));
    const value = pair.value as YamlNode | null;
    if (!KNOWN_KEYS.has(key)) {
      problem('unknown-key', 'info', l10n.t('chant does not know `{0}` and drops it (with comments and key order) the next time it saves this spec.', key), at(keyNode));
      continue;
    }
    switch (key) {
      case 'type': {
        const v = scalarString(value);
        spec.rawType = v;
        if (v !== undefined && (SPEC_TYPES as readonly string[]).includes(v)) spec.type = v as SpecType;
        else fail('unknown-type', value ?? keyNode, l10n.t('Unknown type `{0}`: chant cannot load this spec (`chant lint` fails it, other commands skip it with a warning). Valid: {1}.', v ?? '', SPEC_TYPES.join(', ')));
        break;
      }
      case 'status': {
        const v = scalarString(value);
        spec.rawStatus = v ?? '';
        if (v !== undefined && (SPEC_STATUSES as readonly string[]).includes(v)) spec.status = v as SpecStatus;
        else fail('unknown-status', value ?? keyNode, l10n.t('Unknown status `{0}`: chant cannot load this spec (`chant lint` fails it, other commands skip it with a warning). Valid: {1}.', v ?? '', SPEC_STATUSES.join(', ')));
        break;
      }
      case 'depends_on': {
        // `depends_on: null` (or empty) is chant's None: no key as far as sibling ordering goes.
        spec.hasDependsOnKey = !(value === null || value === undefined || (isScalar(value) && value.value === null));
        if (isScalar(value) && value.value !== null) {
          // The one field chant accepts as a bare string; kept as written (`001`, not 1).
          spec.dependsOn = [{ value: scalarString(value) ?? '', range: at(value) }];
        } else {
          spec.dependsOn = readList(value, key, at, fail) ?? [];
        }
        break;
      }
      case 'approval':
        spec.approval = readApproval(value, fail);
        break;
      case 'verification_status': {
        const v = scalarString(value);
        if (v !== undefined && !['passed', 'failed', 'partial'].includes(v)) fail('unknown-value', value, l10n.t('Unknown verification_status `{0}`: chant fails to load this spec.', v));
        break;
      }
      case 'public':
        if (value && !(isScalar(value) && (typeof value.value === 'boolean' || value.value === null))) fail('wrong-type', value, l10n.t('`public` must be true or false: chant fails to load this spec.'));
        break;
      case 'replay_count':
        if (value && !(isScalar(value) && (value.value === null || (typeof value.value === 'number' && Number.isInteger(value.value) && value.value >= 0)))) fail('wrong-type', value, l10n.t('`replay_count` must be a whole number: chant fails to load this spec.'));
        break;
      case 'retry_state':
        break;
      default:
        if (key in LIST_KEYS) {
          const list = readList(value, key, at, fail);
          const field = LIST_KEYS[key as keyof typeof LIST_KEYS];
          if (list && field) {
            if (field === 'labels' || field === 'commits') spec[field] = list.map((v) => v.value);
            else spec[field] = list;
          }
        } else if (STRING_KEYS.includes(key)) {
          if (value && !isScalar(value)) fail('wrong-type', value, l10n.t('`{0}` must be a single value: chant fails to load this spec.', key));
          const v = scalarString(value);
          if (key === 'completed_at') spec.completedAt = v;
          else if (key === 'branch') spec.branch = v;
          else if (key === 'model') spec.model = v;
          else if (key === 'prompt') spec.prompt = v;
        }
    }
  }
}

function scalarString(node: YamlNode | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (v === null || v === undefined) return undefined;
  // The core schema keeps timestamps as strings; numbers keep their source text.
  return (node as Scalar).source ?? String(v);
}

function readList(
  value: YamlNode | null | undefined,
  key: string,
  at: (node: YamlNode | null | undefined) => TextRange,
  fail: (code: string, node: YamlNode | null | undefined, message: string) => void,
): LocatedValue[] | undefined {
  if (value === null || value === undefined || (isScalar(value) && value.value === null)) return undefined;
  if (isScalar(value)) {
    fail('bare-string', value, l10n.t('`{0}` must be a list; chant fails to load this spec. Write `{0}: [{1}]`.', key, String(value.value)));
    return undefined;
  }
  if (!isSeq(value)) {
    fail('wrong-type', value, l10n.t('`{0}` must be a list of strings: chant fails to load this spec.', key));
    return undefined;
  }
  const out: LocatedValue[] = [];
  for (const item of value.items as (YamlNode | null)[]) {
    if (isScalar(item) && item.value !== null) out.push({ value: scalarString(item) ?? '', range: at(item) });
    else fail('wrong-type', item ?? value, l10n.t('Each `{0}` entry must be a string: chant fails to load this spec.', key));
  }
  return out;
}

function readApproval(
  value: YamlNode | null | undefined,
  fail: (code: string, node: YamlNode | null | undefined, message: string) => void,
): Approval | undefined {
  if (!value || (isScalar(value) && value.value === null)) return undefined;
  if (!isMap(value)) {
    fail('wrong-type', value, l10n.t('`approval` must be a mapping (required, status, by, at): chant fails to load this spec.'));
    return undefined;
  }
  const approval: Approval = { required: false, status: 'pending' };
  for (const pair of value.items as Pair<unknown, unknown>[]) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value as YamlNode | null;
    if (k === 'required') {
      if (isScalar(v) && typeof v.value === 'boolean') approval.required = v.value;
      else if (v && !(isScalar(v) && v.value === null)) fail('wrong-type', v, l10n.t('`approval.required` must be true or false: chant fails to load this spec.'));
    } else if (k === 'status') {
      const s = scalarString(v);
      if (s === 'pending' || s === 'approved' || s === 'rejected') approval.status = s;
      else fail('unknown-value', v ?? (pair.key as YamlNode), l10n.t('Unknown approval status `{0}`: chant fails to load this spec. Valid: pending, approved, rejected.', s ?? ''));
    } else if (k === 'by') approval.by = scalarString(v);
    else if (k === 'at') approval.at = scalarString(v);
  }
  return approval;
}

/** Title, acceptance criteria: chant's line rules over the body (chant-format.md §2). */
function readBody(spec: Spec, lines: LineMap, firstLine: number, firstChar: number): void {
  let lastAcHeading = -1;
  let firstAcHeading = -1;
  let inFence = false;
  for (let line = firstLine; line < lines.lineCount; line++) {
    const offset = line === firstLine ? firstChar : 0;
    const raw = lines.lineText(line).slice(offset);
    const trimmed = rustTrim(raw);
    // The title rule ignores fences on purpose: chant does too. The text is kept verbatim.
    if (spec.title === undefined && trimmed.startsWith('# ')) {
      spec.title = trimmed.slice(2);
      spec.titleRange = rangeAtLine(line, offset + leadingSpace(raw), offset + raw.length);
    }
    const start = rustTrimStart(raw);
    if (start.startsWith('```')) {
      findMentions(raw, line, true, spec.mentions, offset);
      inFence = !inFence;
      continue;
    }
    findMentions(raw, line, inFence, spec.mentions, offset);
    if (!inFence && start.startsWith('## Acceptance Criteria')) {
      lastAcHeading = line;
      if (firstAcHeading < 0) firstAcHeading = line;
    }
  }
  if (lastAcHeading >= 0) spec.criteria = countCheckboxes(lines, lastAcHeading + 1, spec.uncheckedCriteria);
  if (firstAcHeading >= 0) spec.hasAcceptanceCriteria = sectionHasCheckboxLine(lines, firstAcHeading + 1);
}

function countCheckboxes(lines: LineMap, from: number, uncheckedRanges: TextRange[]): CriteriaCount {
  let checked = 0;
  let unchecked = 0;
  let inFence = false;
  for (let line = from; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const start = rustTrimStart(raw);
    if (start.startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    if (start.startsWith('## ')) break;
    // A checked item that quotes `- [ ]` in inline code: chant counts the quote, but it is no
    // criterion of its own (the range list feeds the unchecked-criteria check, not the counts).
    const checkedItem = /^[-*] \[[xX]\]/.test(start);
    for (let i = raw.indexOf('- [ ]'); i >= 0; i = raw.indexOf('- [ ]', i + 5)) {
      unchecked++;
      if (!(checkedItem && insideInlineCode(raw, i))) uncheckedRanges.push(rangeAtLine(line, i, i + 5));
    }
    checked += occurrences(raw, '- [x]') + occurrences(raw, '- [X]');
  }
  return { checked, total: checked + unchecked };
}

/** Whether `at` falls between a pair of backticks on the line (inline code). */
function insideInlineCode(line: string, at: number): boolean {
  let ticks = 0;
  for (let i = line.indexOf('`'); i >= 0 && i < at; i = line.indexOf('`', i + 1)) ticks++;
  return ticks % 2 === 1 && line.indexOf('`', at) >= 0;
}

function sectionHasCheckboxLine(lines: LineMap, from: number): boolean {
  for (let line = from; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    if (rustTrimStart(raw).startsWith('## ')) return false;
    if (raw.startsWith('- [ ] ') || raw.startsWith('- [x] ') || raw.startsWith('- [X] ')) return true;
  }
  return false;
}

// Standard IDs as chant's lint finds them in text (`SPEC_ID_PATTERN`), with Unicode word
// boundaries like Rust's `\b`, and `[[id]]` references (any ID chant accepts as a file stem).
const MENTION = /(?<![\p{L}\p{N}\p{M}_])\d{4}-\d{2}-\d{2}-[0-9a-z]{3,}-[0-9a-z]{3}(?:\.\d+)*(?![\p{L}\p{N}\p{M}_])|\[\[([A-Za-z0-9][A-Za-z0-9._-]*)\]\]/gu;

function findMentions(raw: string, line: number, inFence: boolean, out: Mention[], offset = 0): void {
  if (!raw.includes('-')) return; // every ID has a dash; most lines have none
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(raw); m; m = MENTION.exec(raw)) {
    if (m[1] !== undefined) {
      const start = offset + m.index + 2;
      out.push({ value: m[1], range: rangeAtLine(line, start, start + m[1].length), wiki: true, inFence });
    } else {
      out.push({ value: m[0], range: rangeAtLine(line, offset + m.index, offset + m.index + m[0].length), wiki: false, inFence });
    }
  }
}

function countWords(text: string, from: number): number {
  const word = /\S+/g;
  word.lastIndex = from;
  let n = 0;
  while (word.exec(text)) n++;
  return n;
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}
