// The `tracks:` / `origin:` / `informed_by:` patterns of a spec: what they match for drift, and
// where that differs from what chant itself does with them (chant-format.md §5):
//  - chant globs with the Rust `glob` crate relative to the project root: `**` recurses, `*`
//    matches dotfiles, no `{a,b}` braces, case-sensitive; a literal path must be a *file*.
//  - here braces expand and a directory means everything below it; both get a note so the user
//    knows chant's own `drift` sees something else.

import * as l10n from '@vscode/l10n';
import micromatch from 'micromatch';
import type { Severity } from '../model';
import { lowerBound } from '../sorted';

export type PatternField = 'tracks' | 'origin' | 'informed_by';

export type PatternNoteKind = 'braces' | 'directory' | 'no-match' | 'chant-error' | 'outside' | 'empty' | 'too-complex';

/** Something the user should know about one pattern entry. */
export interface PatternNote {
  kind: PatternNoteKind;
  severity: Severity;
  message: string;
}

/** One pattern, compiled for matching paths relative to the project root. */
export interface CompiledPattern {
  /** The entry as written. */
  raw: string;
  /** After brace expansion (one item when there are no braces). */
  alternatives: string[];
  /** Notes that hold whatever files exist (braces, chant errors, outside the project). */
  notes: PatternNote[];
  /** Directories (root-relative, `''` = the root) under which matches can be; plus literal paths. */
  bases: string[];
  matches(relPath: string): boolean;
}

const MAX_PATTERN_LENGTH = 1000;
const MAX_WILDCARDS = 32;
/** Brace alternatives one entry may expand to: `{a,b}{c,d}…` multiplies, `{1..N}` counts N. */
export const MAX_ALTERNATIVES = 256;
const MAX_STARS_PER_COMPONENT = 2;

const MATCH_OPTIONS = { dot: true, nonegate: true, noextglob: true, nocase: false } as const;

const GLOB_CHARS = /[*?[]/;

/** Strips `./`, turns `\` into `/`, collapses `a/../b`, drops a trailing `/`. */
export function normalizePattern(raw: string): string {
  let p = raw.trim().replace(/\\/g, '/');
  const absolute = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  p = parts.join('/');
  return absolute ? '/' + p : p;
}

/** Escapes what micromatch would read as syntax that the `glob` crate treats literally. */
function toMicromatch(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '[') {
      // The glob crate: `[` `!`? then at least one member (a leading `]` is a member) up to `]`.
      const negated = glob[i + 1] === '!';
      const firstMember = i + (negated ? 2 : 1);
      const close = glob.indexOf(']', firstMember + 1);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      const members = glob.slice(firstMember, close).replace(/[\\^\]]/g, '\\$&');
      out += (negated ? '[^' : '[') + members + ']';
      i = close;
    } else if ('(){}|+@!'.includes(c)) {
      out += '\\' + c;
    } else {
      out += c;
    }
  }
  return out;
}

/** Why the `glob` crate (0.3) would reject the pattern, which makes `chant drift` exit with an error. */
export function chantGlobError(pattern: string): string | undefined {
  for (const part of pattern.split('/')) {
    if (part.includes('**') && part !== '**') return l10n.t('`**` must be a whole path component');
  }
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return l10n.t('an unclosed `[`');
      i = close;
    }
  }
  return undefined;
}

/** A root-relative pattern that climbs out of the root (`..` first, after normalising). */
function leavesRoot(p: string): boolean {
  return p === '..' || p.startsWith('../') || p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

/**
 * An upper bound of how many patterns brace expansion makes of `p` (saturating): a sequence
 * multiplies, `{a,b,c}` adds its items, `{x..y[..step]}` counts its range. Escaped characters
 * and unbalanced braces count as text.
 */
export function braceCount(p: string): number {
  let i = 0;
  const cap = Number.MAX_SAFE_INTEGER;
  const mul = (a: number, b: number) => (a === 0 || b === 0 ? 0 : a > cap / b ? cap : a * b);
  // A sequence up to `,` or `}` at this depth (or the end); `inner`: inside a group.
  const sequence = (inner: boolean): number => {
    let product = 1;
    while (i < p.length) {
      const c = p[i];
      if (c === '\\') {
        i += 2;
      } else if (inner && (c === ',' || c === '}')) {
        return product;
      } else if (c === '{') {
        const start = i;
        i++;
        const items: number[] = [];
        let closed = false;
        const itemStart = i;
        for (;;) {
          items.push(sequence(true));
          if (i >= p.length) break;
          if (p[i] === '}') {
            closed = true;
            i++;
            break;
          }
          i++; // ','
        }
        if (!closed) {
          i = start + 1; // an unclosed `{` is text
          continue;
        }
        if (items.length === 1) {
          // `{x..y}` is a range; `{x}` stays as written, but braces inside it still expand.
          const range = rangeSize(p.slice(itemStart, i - 1));
          product = mul(product, range ?? items[0]);
        } else {
          product = mul(product, items.reduce((a, b) => Math.min(cap, a + b), 0));
        }
      } else {
        i++;
      }
    }
    return product;
  };
  return sequence(false);
}

/** Items of `x..y` or `x..y..step` (numbers or single letters), undefined when it is no range. */
function rangeSize(body: string): number | undefined {
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  if (!m) return undefined;
  const value = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : s.charCodeAt(0));
  const span = Math.abs(value(m[2]) - value(m[1]));
  const step = Math.max(1, Math.abs(Number(m[3] ?? 1)) || 1);
  return Math.min(Number.MAX_SAFE_INTEGER, Math.floor(span / step) + 1);
}

function baseOf(glob: string): string {
  const first = glob.search(GLOB_CHARS);
  if (first < 0) return glob;
  const slash = glob.lastIndexOf('/', first);
  return slash < 0 ? '' : glob.slice(0, slash);
}

/**
 * Compiles one entry. `rootRelative` turns an absolute pattern into a root-relative one (or
 * undefined when it points outside the project).
 */
export function compilePattern(raw: string, rootRelative: (abs: string) => string | undefined = () => undefined): CompiledPattern {
  try {
    return compileChecked(raw, rootRelative);
  } catch (e) {
    // Whatever the glob library throws on stays with this one entry.
    return unchecked(raw, 'too-complex', l10n.t('Pattern not checked: {0}', e instanceof Error ? e.message : String(e)));
  }
}

function unchecked(raw: string, kind: PatternNoteKind, message: string, alternatives: string[] = []): CompiledPattern {
  return { raw, alternatives, notes: [{ kind, severity: 'warning', message }], bases: [], matches: () => false };
}

function compileChecked(raw: string, rootRelative: (abs: string) => string | undefined): CompiledPattern {
  const notes: PatternNote[] = [];
  // Patterns come from untrusted repositories: a huge or wildcard-heavy one would make the
  // compiled regular expression slow on every lookup. No real tracks entry comes near this.
  if (raw.length > MAX_PATTERN_LENGTH || (raw.match(/[*?[{]/g) ?? []).length > MAX_WILDCARDS) {
    return unchecked(raw, 'too-complex', l10n.t('Pattern too long or too complex to check.'));
  }
  // A NUL or line break is in no path git or the file system can report.
  if (/[\0\r\n]/.test(raw)) return unchecked(raw, 'too-complex', l10n.t('Pattern with a control character: it matches nothing.'));
  let p = normalizePattern(raw);
  if (p === '' || p === '/') {
    return unchecked(raw, 'empty', l10n.t('Empty pattern: it matches nothing.'));
  }
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) {
    const rel = rootRelative(p);
    if (rel === undefined || leavesRoot(rel)) {
      return unchecked(raw, 'outside', l10n.t('Absolute path outside this project: drift only checks files inside the repository.'), [p]);
    }
    p = rel;
  }
  if (leavesRoot(p)) {
    return unchecked(raw, 'outside', l10n.t('Path outside this project (`..`): drift only checks files inside the project, and nothing outside it is listed.'), [p]);
  }
  // Counted before anything is expanded: `{a,b}` ten times is a thousand patterns, `{1..9999999}`
  // ten million, each compiled and tested against every file.
  const count = braceCount(p);
  if (count > MAX_ALTERNATIVES) {
    return unchecked(raw, 'too-complex', l10n.t('Pattern expands to {0} alternatives (at most {1} are checked): not checked.', count >= Number.MAX_SAFE_INTEGER ? '∞' : String(count), MAX_ALTERNATIVES));
  }
  const expanded = micromatch.braces(p, { expand: true, rangeLimit: MAX_ALTERNATIVES });
  const alternatives = expanded.length > 0 ? [...new Set(expanded.map(normalizePattern))] : [p];
  // Each `*` in a path component is a loop over that component in the regular expression: three
  // or more in one (`a*a*a*b`) cost seconds on a long file name. Real entries have one or two.
  if (alternatives.some((alt) => alt.split('/').some((part) => part !== '**' && (part.match(/\*+/g) ?? []).length > MAX_STARS_PER_COMPONENT))) {
    return unchecked(raw, 'too-complex', l10n.t('Pattern with more than {0} `*` in one path component: not checked.', MAX_STARS_PER_COMPONENT));
  }
  if (alternatives.some(leavesRoot)) {
    return unchecked(raw, 'outside', l10n.t('Path outside this project (`..`): drift only checks files inside the project, and nothing outside it is listed.'), alternatives);
  }
  if (alternatives.length > 1 || alternatives[0] !== p) {
    notes.push({
      kind: 'braces', severity: 'warning',
      message: l10n.t('chant does not expand `{…}`: its own drift looks for a path spelled `{0}` and finds nothing. Checked here as: {1}.', p, alternatives.map((a) => `\`${a}\``).join(', ')),
    });
  }
  const error = chantGlobError(p);
  if (error) {
    notes.push({ kind: 'chant-error', severity: 'error', message: l10n.t('chant rejects this pattern ({0}): `chant drift` stops with an error on it.', error) });
  }
  const matchers: ((path: string) => boolean)[] = [];
  const bases: string[] = [];
  for (const alt of alternatives) {
    if (GLOB_CHARS.test(alt)) {
      const mm = toMicromatch(alt);
      // micromatch.matcher(mm)(path) is `path === mm || makeRe(mm).exec(path)` plus a result
      // object per call; the regular expressions are tested directly (this runs ~100k times in
      // a full check of 10k specs). A glob that names a directory covers everything below it.
      const file = micromatch.makeRe(mm, MATCH_OPTIONS);
      const below = micromatch.makeRe(mm + '/**', MATCH_OPTIONS);
      matchers.push((path) => path === mm || file.test(path) || below.test(path));
      bases.push(baseOf(alt));
    } else {
      const prefix = alt + '/';
      matchers.push((path) => path === alt || path.startsWith(prefix));
      bases.push(alt);
    }
  }
  return {
    raw, alternatives, notes, bases,
    matches: matchers.length === 1 ? matchers[0] : (path) => matchers.some((m) => m(path)),
  };
}

/**
 * Notes that depend on the files that exist now (`files`: sorted, root-relative): a literal
 * directory (chant ignores it) and a pattern that matches nothing.
 */
export function fileNotes(pattern: CompiledPattern, files: readonly string[]): PatternNote[] {
  if (pattern.alternatives.length === 0 || pattern.bases.length === 0) return [];
  const notes: PatternNote[] = [];
  let matched = false;
  for (let k = 0; k < pattern.alternatives.length; k++) {
    const alt = pattern.alternatives[k];
    const base = pattern.bases[k];
    if (!GLOB_CHARS.test(alt)) {
      const isFile = files[lowerBound(files, alt)] === alt;
      const first = files[lowerBound(files, alt + '/')];
      const isDir = first !== undefined && first.startsWith(alt + '/');
      if (isDir && !isFile) {
        notes.push({
          kind: 'directory', severity: 'info',
          message: l10n.t("`{0}` is a directory: chant's drift ignores directories (it only checks files). Checked here as every file below it.", alt),
        });
      }
      if (isFile || isDir) matched = true;
      continue;
    }
    if (matched) continue;
    const start = base === '' ? 0 : lowerBound(files, base + '/');
    for (let i = start; i < files.length; i++) {
      const f = files[i];
      if (base !== '' && !f.startsWith(base + '/')) break;
      if (pattern.matches(f)) {
        matched = true;
        break;
      }
    }
  }
  if (!matched) {
    notes.push({ kind: 'no-match', severity: 'warning', message: l10n.t('This pattern matches no file in the working tree.') });
  }
  return notes;
}

/**
 * Inverted index from paths to the owners of the patterns that match them, so a saved file
 * re-checks only the specs that track it. Patterns are filed under their base directory; a
 * lookup tries the path's ancestors only.
 */
export class PatternIndex<Owner> {
  private readonly byBase = new Map<string, { owner: Owner; pattern: CompiledPattern }[]>();

  add(owner: Owner, pattern: CompiledPattern): void {
    for (const base of new Set(pattern.bases)) {
      let list = this.byBase.get(base);
      if (!list) this.byBase.set(base, (list = []));
      list.push({ owner, pattern });
    }
  }

  /** Owners with a pattern matching `relPath` (root-relative). */
  lookup(relPath: string): Owner[] {
    const found = new Set<Owner>();
    const check = (key: string) => {
      for (const e of this.byBase.get(key) ?? []) if (!found.has(e.owner) && e.pattern.matches(relPath)) found.add(e.owner);
    };
    check('');
    let i = relPath.indexOf('/');
    while (i >= 0) {
      check(relPath.slice(0, i));
      i = relPath.indexOf('/', i + 1);
    }
    check(relPath);
    return [...found];
  }

  get size(): number {
    return this.byBase.size;
  }
}
