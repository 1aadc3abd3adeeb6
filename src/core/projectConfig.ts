// A project's `.chant/config.md`, parsed once: the project name and the parts that change what
// lint reports. The spec index reads it (and reads it again when it changes); everything else
// asks the index.

import { parseDocument } from 'yaml';
import { yamlNestsTooDeep } from './spec';

/** chant's `lint.thresholds` (src/config/defaults.rs). */
export interface LintThresholds {
  complexityCriteria: number;
  complexityFiles: number;
  complexityWords: number;
  simpleCriteria: number;
  simpleFiles: number;
  simpleWords: number;
}

/** The parts of a project's `.chant/config.md` that change what lint reports. */
export interface LintConfig {
  thresholds: LintThresholds;
  /**
   * chant's `lint.disable`. chant 0.23.2 reads one name from it, `complexity_words` (the
   * description-length check); every other entry, rule names included, changes nothing.
   * Without the key the list is `[complexity_words]`; a list given replaces it (`[]` turns the check on).
   */
  disabled: Set<string>;
  /** chant's `enterprise.required`: frontmatter fields every spec must have. */
  required: string[];
}

export const DEFAULT_LINT_CONFIG: LintConfig = {
  thresholds: { complexityCriteria: 10, complexityFiles: 5, complexityWords: 150, simpleCriteria: 1, simpleFiles: 1, simpleWords: 3 },
  disabled: new Set(['complexity_words']),
  required: [],
};

/** What the extension reads from a project's `.chant/config.md`. */
export interface ProjectConfig {
  /** `project.name`, when it is a non-empty string. */
  name?: string;
  lint: LintConfig;
}

/**
 * Parses a config.md text once (its YAML frontmatter, split as chant splits it). A config chant
 * could not read gives no name and the default lint settings.
 */
export function parseProjectConfig(configText: string): ProjectConfig {
  const trimmed = configText.trim();
  if (!trimmed.startsWith('---')) return { lint: DEFAULT_LINT_CONFIG };
  const end = trimmed.indexOf('---', 3);
  if (end < 0) return { lint: DEFAULT_LINT_CONFIG };
  const yaml = trimmed.slice(3, end);
  // Deeply nested YAML overflows the parser's stack (a crash, not an exception): refuse it first.
  if (yamlNestsTooDeep(yaml)) return { lint: DEFAULT_LINT_CONFIG };
  let data: unknown;
  let clean = false;
  try {
    const doc = parseDocument(yaml, { schema: 'core' });
    clean = doc.errors.length === 0;
    data = doc.toJS();
  } catch {
    return { lint: DEFAULT_LINT_CONFIG }; // e.g. too many aliases
  }
  const name = clean ? projectNameFrom(data) : undefined;
  return name !== undefined ? { name, lint: lintConfigFrom(data) } : { lint: lintConfigFrom(data) };
}

/**
 * Reads the lint settings from a config.md text the way chant does. A value of the wrong type
 * anywhere under `lint:` (a bare string for `disable`, a negative or non-integer threshold)
 * makes chant fall back to its defaults for all of them, and so do we.
 */
export function parseLintConfig(configText: string): LintConfig {
  return parseProjectConfig(configText).lint;
}

function projectNameFrom(data: unknown): string | undefined {
  const project = data && typeof data === 'object' ? (data as Record<string, unknown>).project : undefined;
  const name = project && typeof project === 'object' ? (project as Record<string, unknown>).name : undefined;
  return typeof name === 'string' && name.trim() ? name.trim() : undefined;
}

function lintConfigFrom(data: unknown): LintConfig {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  const obj = (v: unknown): Record<string, unknown> => (isObj(v) ? v : {});
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const lint = obj(obj(data).lint);
  if (lint.thresholds != null && !isObj(lint.thresholds)) return DEFAULT_LINT_CONFIG;
  const t = obj(lint.thresholds);
  const d = DEFAULT_LINT_CONFIG.thresholds;
  let valid = true;
  const num = (v: unknown, fallback: number) => {
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    valid = false;
    return fallback;
  };
  const thresholds = {
    complexityCriteria: num(t.complexity_criteria, d.complexityCriteria),
    complexityFiles: num(t.complexity_files, d.complexityFiles),
    complexityWords: num(t.complexity_words, d.complexityWords),
    simpleCriteria: num(t.simple_criteria, d.simpleCriteria),
    simpleFiles: num(t.simple_files, d.simpleFiles),
    simpleWords: num(t.simple_words, d.simpleWords),
  };
  let disabled = DEFAULT_LINT_CONFIG.disabled;
  if ('disable' in lint) {
    const list = lint.disable;
    if (list === null) disabled = new Set();
    else if (Array.isArray(list) && list.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) disabled = new Set(list.map(String));
    else valid = false;
  }
  if (!valid) return DEFAULT_LINT_CONFIG;
  return { thresholds, disabled, required: strings(obj(obj(data).enterprise).required) };
}

