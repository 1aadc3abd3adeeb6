// Which spec an ID a user typed names (full or short, as chant's `resolve_spec` reads it), over
// the projects of an index. Every command, task and CLI that takes a spec ID resolves it here.
import { resolveShortId } from './ids';
import type { Spec } from './model';

/** What the resolution reads of the index. */
export interface SpecRefSource {
  specsOf(root: string): Spec[];
  /** The file chant uses for `id` in `root` (the active one, else an archived one). */
  byId(root: string, id: string): Spec | undefined;
}

export type SpecRefResult =
  | { kind: 'found'; spec: Spec }
  | { kind: 'ambiguous'; root: string; matches: string[] }
  | { kind: 'missing' };

/**
 * The spec `ref` names in the projects `roots` (in the order given: the likeliest first). An exact
 * ID in any of them wins; else chant's short-ID rules (`resolveShortId`: unique suffix, today's
 * sequence, unique substring) among each project's loadable active specs, as chant sees them; the
 * first project where `ref` matches anything decides, and several matches there are ambiguous.
 * `today`: the local date (`YYYY-MM-DD`) for chant's rule on 3-character sequences.
 */
export function resolveSpecRef(source: SpecRefSource, ref: string, roots: readonly string[], today: string): SpecRefResult {
  for (const root of roots) {
    const exact = source.byId(root, ref);
    if (exact) return { kind: 'found', spec: exact };
  }
  for (const root of roots) {
    const ids = source.specsOf(root).filter((s) => !s.archived && s.loadable).map((s) => s.id);
    const res = resolveShortId(ref, ids, today);
    if (res.kind === 'ambiguous') return { kind: 'ambiguous', root, matches: res.matches };
    const spec = res.kind === 'found' ? source.byId(root, res.id) : undefined;
    if (spec) return { kind: 'found', spec };
  }
  return { kind: 'missing' };
}
