// `origin:` and `informed_by:` entries that name a spec rather than a file: a spec ID
// (`2026-01-20-003-xyz`), or the path a spec had before it was archived
// (`.chant/specs/2026-01-20-003-xyz.md`, now under `.chant/archive/<date>/`). Drift checks
// that spec's file, wherever it is now.

import type { PatternField } from './patterns';
import type { Spec } from '../model';

/** Specs of one project by ID and by absolute path. */
export interface SpecFinder {
  byId(root: string, id: string): Spec | undefined;
  byPath(absPath: string): Spec | undefined;
}

const SPEC_PATH = /^(?:\.\/)?\.chant\/(?:specs|archive(?:\/[^/]+)?)\/([^/]+)\.md$/;

/**
 * The root-relative path of the spec an entry names, or undefined when the entry is an
 * ordinary file or pattern. `tracks:` entries are file patterns only.
 */
export function specEntryPath(field: PatternField, value: string, root: string, specs: SpecFinder): string | undefined {
  if (field === 'tracks') return undefined;
  const v = value.trim().replace(/\\/g, '/');
  if (v === '' || /[*?[{]/.test(v)) return undefined;
  const relOf = (s: Spec) => (s.path.startsWith(`${root}/`) ? s.path.slice(root.length + 1) : undefined);
  if (!v.includes('/')) {
    const spec = specs.byId(root, v) ?? (v.endsWith('.md') ? specs.byId(root, v.slice(0, -3)) : undefined);
    return spec ? relOf(spec) : undefined;
  }
  const m = SPEC_PATH.exec(v);
  if (!m || specs.byPath(`${root}/${v.replace(/^\.\//, '')}`)) return undefined; // the path still is a spec file
  const spec = specs.byId(root, m[1]);
  return spec ? relOf(spec) : undefined;
}
