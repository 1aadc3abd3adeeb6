// Who names which ID: the reverse lookups lint and the editor features need (which specs name an
// ID in `depends_on` or `members`, which files extend an ID with `.N`), owned by the spec index
// and kept in step with it one batch at a time. Which file an ID stands for is the relations'
// decision (ProjectRelations); this file only reads it.

import { compareSpecIds, isMemberOf } from './ids';
import type { Spec } from './model';
import type { ProjectRelations, SpecRelations } from './relations';

/** What the lookup reads of the index. */
export interface LookupSource {
  all(): Spec[];
  byPath(path: string): Spec | undefined;
  relationsOf(spec: Spec): SpecRelations;
  projectRelations(root: string): ProjectRelations | undefined;
}

/** One index batch as the lookup sees it. */
export interface LookupChange {
  changed: string[];
  removed: string[];
  projectsChanged: boolean;
}

const key = (root: string, id: string) => `${root}\u0000${id}`;

export class SpecLookup {
  /** root+id → paths of specs whose depends_on or members name it. */
  private readonly referrers = new Map<string, Set<string>>();
  /** root+prefix → paths of specs whose ID extends it with `.` (prefix-members). */
  private readonly memberPaths = new Map<string, Set<string>>();
  /** What each path contributed, to undo it when the file changes. */
  private readonly contributed = new Map<string, { spec: Spec; refKeys: string[]; prefixKeys: string[] }>();
  private readonly cycleKeys = new Map<string, string>();

  /** `empty`: start with nothing (SpecLookup.build fills it in steps). */
  constructor(private readonly index: LookupSource, empty = false) {
    if (!empty) this.rebuild();
  }

  /**
   * A new lookup of the index, built `stepSize` specs at a time with `pause()` before each step
   * (10k specs in one go take ~50 ms, too long for an extension host's event loop). It reflects
   * the index as it was when the build started.
   */
  static async build(index: LookupSource, pause: () => Promise<void>, stepSize = 1000): Promise<SpecLookup> {
    const lookup = new SpecLookup(index, true);
    const specs = index.all();
    for (let from = 0; from < specs.length; from += stepSize) {
      await pause();
      for (const spec of specs.slice(from, from + stepSize)) {
        lookup.add(spec);
        lookup.cycleKeys.set(spec.path, cycleKey(index, spec));
      }
    }
    return lookup;
  }

  rebuild(): void {
    this.referrers.clear();
    this.memberPaths.clear();
    this.contributed.clear();
    this.cycleKeys.clear();
    for (const spec of this.index.all()) this.add(spec);
    for (const spec of this.index.all()) this.cycleKeys.set(spec.path, cycleKey(this.index, spec));
  }

  /**
   * Applies one index batch (after the index applied it) and returns the paths whose problems
   * may have changed: the files themselves, specs naming them, their drivers and members,
   * same-ID files, and specs whose cycle changed. `undefined` means "everything".
   */
  update(change: LookupChange): Set<string> | undefined {
    if (change.projectsChanged) {
      this.rebuild();
      return undefined;
    }
    const touched: { root: string; id: string }[] = [];
    const affected = new Set<string>();
    for (const path of [...change.removed, ...change.changed]) {
      const old = this.contributed.get(path);
      if (old) {
        this.remove(path);
        touched.push({ root: old.spec.root, id: old.spec.id });
      }
      const now = this.index.byPath(path);
      if (now) {
        this.add(now);
        touched.push({ root: now.root, id: now.id });
      }
      affected.add(path);
    }
    for (const { root, id } of touched) {
      for (const s of this.filesWithId(root, id)) affected.add(s.path);
      for (const p of this.referrers.get(key(root, id)) ?? []) affected.add(p);
      for (const p of this.memberPaths.get(key(root, id)) ?? []) affected.add(p);
      for (let cut = id.indexOf('.'); cut > 0; cut = id.indexOf('.', cut + 1)) {
        for (const s of this.filesWithId(root, id.slice(0, cut))) affected.add(s.path);
      }
    }
    // A new edge can close a cycle through specs that did not change; compare every spec's cycle.
    for (const spec of this.index.all()) {
      const k = cycleKey(this.index, spec);
      if (this.cycleKeys.get(spec.path) !== k) affected.add(spec.path);
      this.cycleKeys.set(spec.path, k);
    }
    for (const path of change.removed) this.cycleKeys.delete(path);
    return affected;
  }

  /** The file chant loads for `id` (active, first of duplicates), loadable or not. */
  active(root: string, id: string): Spec | undefined {
    return this.index.projectRelations(root)?.loadedFile(id);
  }

  /** The spec an ID points at for navigation: the active one, else an archived one. */
  resolve(root: string, id: string): Spec | undefined {
    const project = this.index.projectRelations(root);
    return project?.byId(id) ?? project?.filesWithId(id)[0];
  }

  /** Every file with this ID. */
  filesWithId(root: string, id: string): readonly Spec[] {
    return this.index.projectRelations(root)?.filesWithId(id) ?? [];
  }

  /** Paths of specs whose depends_on or members name `id`. */
  referrersOf(root: string, id: string): string[] {
    return [...(this.referrers.get(key(root, id)) ?? [])];
  }

  /**
   * Every file whose ID extends `id` with `.` (chant's prefix membership, at any depth), archived
   * ones included, in ID order then path order so the answer does not depend on batch order.
   */
  membersOf(root: string, id: string): Spec[] {
    const out: Spec[] = [];
    for (const path of this.memberPaths.get(key(root, id)) ?? []) {
      const spec = this.contributed.get(path)?.spec;
      if (spec && isMemberOf(spec.id, id)) out.push(spec);
    }
    return out.sort((a, b) => compareSpecIds(a.id, b.id) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Every ID in a project with its chosen file (active preferred). */
  idsOf(root: string): Spec[] {
    const project = this.index.projectRelations(root);
    if (!project) return [];
    const out: Spec[] = [];
    for (const id of project.ids()) {
      const chosen = project.loadedFile(id) ?? project.filesWithId(id)[0];
      if (chosen) out.push(chosen);
    }
    return out;
  }

  private add(spec: Spec): void {
    const refKeys = [...new Set([...spec.dependsOn, ...spec.members].map((d) => key(spec.root, d.value)))];
    for (const rk of refKeys) {
      let set = this.referrers.get(rk);
      if (!set) this.referrers.set(rk, (set = new Set()));
      set.add(spec.path);
    }
    const prefixKeys: string[] = [];
    for (let cut = spec.id.indexOf('.'); cut > 0; cut = spec.id.indexOf('.', cut + 1)) {
      const pk = key(spec.root, spec.id.slice(0, cut));
      prefixKeys.push(pk);
      let set = this.memberPaths.get(pk);
      if (!set) this.memberPaths.set(pk, (set = new Set()));
      set.add(spec.path);
    }
    this.contributed.set(spec.path, { spec, refKeys, prefixKeys });
  }

  private remove(path: string): void {
    const c = this.contributed.get(path);
    if (!c) return;
    this.contributed.delete(path);
    for (const rk of c.refKeys) {
      const set = this.referrers.get(rk);
      set?.delete(path);
      if (set?.size === 0) this.referrers.delete(rk);
    }
    for (const pk of c.prefixKeys) {
      const set = this.memberPaths.get(pk);
      set?.delete(path);
      if (set?.size === 0) this.memberPaths.delete(pk);
    }
  }
}

function cycleKey(index: LookupSource, spec: Spec): string {
  return index.relationsOf(spec).cycle?.join('\u0000') ?? '';
}
