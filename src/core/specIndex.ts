// The incremental spec index: every spec of every Chant project under some folders, kept up to
// date from file-change batches, with one change event per batch. All views read from here.

import * as l10n from '@vscode/l10n';
import type { SpecProblem, Spec, DerivedStatus, SpecType, CriteriaCount } from './model';
import type { FileChange, FileSystem, Logger } from './ports';
import { readSmallText, silentLogger } from './ports';
import { MAX_SPEC_BYTES, parseSpecFile, specIdFromPath } from './spec';
import { DEFAULT_LINT_CONFIG, parseProjectConfig, type LintConfig } from './projectConfig';
import { ProjectRelations, type SpecRelations } from './relations';
import { describeBlockReason } from './derivedStatus';
import { SpecLookup } from './specLookup';
import { compareSpecIds } from './ids';
import { yieldToEventLoop } from './eventLoop';
import { isInside, joinPath, normalizePath, relativePath } from './paths';
import { BranchCopies, type BranchCopyInput } from './branchCopies';
import { DEFAULT_DISCOVERY, discoverProjects, listMarkdown, mapLimit, type DiscoveryOptions } from './projectDiscovery';

/** One Chant project: a directory holding `.chant/`. */
export interface ChantProject {
  /** Absolute path of the directory that holds `.chant/` (chant's working directory). */
  root: string;
  /** Display name: `project.name` from config, else the folder name. */
  name: string;
}

/** What the public API and the headless CLI report for one spec. */
export interface SpecSummary {
  id: string;
  root: string;
  path: string;
  title: string;
  type: SpecType;
  rawStatus: string;
  status: DerivedStatus;
  ready: boolean;
  driver: string | null;
  members: string[];
  dependsOn: string[];
  blockedBy: string[];
  workBlockedBy: string[];
  criteria: CriteriaCount;
  archived: boolean;
  problems: { message: string; severity: string; code: string; line: number; column: number }[];
}

export interface IndexChange {
  /** Paths of specs added or changed in this batch. */
  changed: string[];
  /** Paths of specs removed in this batch. */
  removed: string[];
  /** Projects were added or removed. */
  projectsChanged: boolean;
  /** Other files under `.chant/` that changed (locks, pids, logs, config). */
  other: FileChange[];
  /** Specs whose run-branch copy came, changed or went (setBranchCopies): their relations and their dependents' may differ; their files did not. */
  branchCopies: string[];
  /** Specs whose cross-spec problems may have changed (see SpecLookup.update); absent: all. */
  affected?: Set<string>;
}

type Listener = (change: IndexChange) => void;

export class SpecIndex {
  private readonly projectsByRoot = new Map<string, ChantProject>();
  private readonly specsByPath = new Map<string, Spec>();
  private readonly specsByRoot = new Map<string, Set<string>>();
  /** Relations per project root, updated incrementally batch by batch. */
  private readonly relations = new Map<string, ProjectRelations>();
  /** Rebuilds of the relations under way, from the first spec listed before them (see `scanById`). */
  private recomputing = 0;
  private specLookup: SpecLookup | undefined;
  /** Lint settings per project root, from its `.chant/config.md` (read with the project's name). */
  private readonly lintConfigs = new Map<string, LintConfig>();
  private readonly listeners = new Set<Listener>();
  /** Run-branch copies of in-progress specs (branchCopies.ts decides which copy chant loads). */
  private readonly branchCopies = new BranchCopies();
  private folders: string[] = [];
  private readonly logger: Logger;

  constructor(
    private readonly fs: FileSystem,
    options: { logger?: Logger; discovery?: Partial<DiscoveryOptions> } = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.discovery = { ...DEFAULT_DISCOVERY, ...options.discovery };
  }

  private readonly discovery: DiscoveryOptions;

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Finds every project under `folders` and indexes all their specs (replaces previous state). */
  async setFolders(folders: string[]): Promise<void> {
    this.folders = folders.map(normalizePath);
    const roots: string[] = [];
    for (const folder of this.folders) roots.push(...(await discoverProjects(this.fs, folder, this.discovery)));
    const wanted = new Set(roots);
    const removed: string[] = [];
    for (const root of [...this.projectsByRoot.keys()]) {
      if (!wanted.has(root)) removed.push(...this.dropProject(root));
    }
    const changed: string[] = [];
    this.recomputing++;
    try {
      for (const root of roots) {
        const paths = await this.loadProject(root);
        changed.push(...paths);
      }
      await this.recompute();
    } finally {
      this.recomputing--;
    }
    this.emit({ changed, removed, projectsChanged: true, other: [], branchCopies: [] });
  }

  /** Re-runs discovery over the same folders (a `.chant` folder appeared or vanished). */
  async rediscover(): Promise<void> {
    await this.setFolders(this.folders);
  }

  /** A project's lint settings from its `.chant/config.md` (chant's defaults without one). */
  lintConfigOf(root: string): LintConfig {
    return this.lintConfigs.get(root) ?? DEFAULT_LINT_CONFIG;
  }

  /** The directories a watcher needs: each project's `.chant/`. */
  watchedDirectories(): string[] {
    return [...this.projectsByRoot.keys()].map((r) => joinPath(r, '.chant'));
  }

  /** Applies one coalesced batch of file changes; fires one event. */
  async applyChanges(changes: FileChange[]): Promise<IndexChange> {
    const changed: string[] = [];
    const removed: string[] = [];
    const other: FileChange[] = [];
    let rediscover = false;
    const latest = new Map<string, FileChange>();
    for (const c of changes) latest.set(normalizePath(c.path), { ...c, path: normalizePath(c.path) });
    // Read the changed specs concurrently (a branch switch brings hundreds), then apply in order.
    const read = new Map<string, Spec | undefined>();
    await mapLimit([...latest.values()].filter((c) => this.classify(c.path) === 'spec'), 64, async (c) => {
      if (c.kind !== 'deleted' && this.fs.readFileUpTo) {
        // One open says whether it is a readable file and reads it; anything unusual (missing,
        // a link, no permission) takes the stat path below, as before.
        const direct = await this.fs.readFileUpTo(c.path, MAX_SPEC_BYTES, { noFollow: true }).catch(() => undefined);
        if (direct) {
          read.set(c.path, direct.notFile ? undefined : await this.parseFile(this.rootOf(c.path)!, c.path, undefined, direct));
          return;
        }
      }
      if (c.kind !== 'deleted' && !(await this.staysInProject(c.path))) {
        read.set(c.path, undefined); // a link out of the project: not indexed, as a full scan skips it
        return;
      }
      const stat = c.kind === 'deleted' ? undefined : await this.fs.stat(c.path);
      // A broken or looping link stays listed as an unreadable spec, as a full scan lists it.
      const deadLink = !stat && c.kind !== 'deleted' && (await this.fs.lstat(c.path))?.isSymbolicLink === true;
      read.set(c.path, !deadLink && (!stat || !stat.isFile) ? undefined : await this.parseFile(this.rootOf(c.path)!, c.path));
    });
    for (const c of latest.values()) {
      const where = this.classify(c.path);
      if (where === 'spec') {
        const spec = read.get(c.path);
        if (!spec) {
          if (this.removeSpec(c.path)) removed.push(c.path);
        } else {
          this.storeSpec(spec);
          changed.push(c.path);
        }
      } else if (where === 'other') {
        other.push(c);
        if (c.path.endsWith('/.chant/config.md') || c.path.endsWith('/.chant')) rediscover = true;
      } else if (/\/\.chant(\/(specs|archive|config\.md))?$/.test(c.path)) {
        rediscover = true;
      }
      if (where !== 'spec' && c.kind === 'deleted' && this.rootOf(c.path)) {
        // A folder went away (specs/ itself or one below it): watchers may report only the folder.
        for (const p of [...this.specsByPath.keys()]) {
          if (p.startsWith(c.path + '/') && this.removeSpec(p)) removed.push(p);
        }
      }
    }
    if (rediscover) {
      const before = new Set(this.projectsByRoot.keys());
      // The specs just stored are listed from now on; the relations know them after recompute.
      this.recomputing++;
      try {
        await this.setFoldersQuiet();
        await this.recompute();
      } finally {
        this.recomputing--;
      }
      const after = new Set(this.projectsByRoot.keys());
      const projectsChanged = before.size !== after.size || [...before].some((r) => !after.has(r));
      const change = { changed: [...this.specsByPath.keys()], removed, projectsChanged, other, branchCopies: [] };
      this.emit(change);
      return change;
    }
    if (changed.length > 0 || removed.length > 0) this.updateRelations([...changed, ...removed]);
    const change: IndexChange = { changed, removed, projectsChanged: false, other, branchCopies: [] };
    if (this.specLookup && (changed.length > 0 || removed.length > 0)) change.affected = this.specLookup.update(change);
    if (changed.length > 0 || removed.length > 0 || other.length > 0) this.emit(change);
    return change;
  }

  /** Whether `path` (a link, or below one) resolves inside its project; true when it resolves nowhere. */
  private async staysInProject(path: string): Promise<boolean> {
    const root = this.rootOf(path);
    const [real, realRoot] = await Promise.all([this.fs.realPath(path), root ? this.fs.realPath(root) : undefined]);
    return real === undefined || realRoot === undefined || isInside(realRoot, real);
  }

  private async setFoldersQuiet(): Promise<void> {
    const roots: string[] = [];
    for (const folder of this.folders) roots.push(...(await discoverProjects(this.fs, folder, this.discovery)));
    const wanted = new Set(roots);
    for (const root of [...this.projectsByRoot.keys()]) if (!wanted.has(root)) this.dropProject(root);
    for (const root of roots) if (!this.projectsByRoot.has(root)) await this.loadProject(root);
    for (const root of roots) await this.readProjectConfig(root);
  }

  projects(): ChantProject[] {
    return [...this.projectsByRoot.values()].sort((a, b) => (a.root < b.root ? -1 : 1));
  }

  all(): Spec[] {
    return [...this.specsByPath.values()];
  }

  specsOf(root: string): Spec[] {
    const paths = this.specsByRoot.get(root);
    return paths ? [...paths].map((p) => this.specsByPath.get(p)!).filter(Boolean) : [];
  }

  /** How many specs `root` holds (archived ones included), without building the list. */
  specCountOf(root: string): number {
    return this.specsByRoot.get(root)?.size ?? 0;
  }

  byPath(path: string): Spec | undefined {
    return this.specsByPath.get(normalizePath(path));
  }

  /** The spec chant would use for `id` in `root` (active first, then archived): its working-tree file. */
  byId(root: string, id: string): Spec | undefined {
    const spec = this.relations.get(root)?.byId(id) ?? (this.recomputing > 0 ? this.scanById(root, id) : undefined);
    return spec && (this.specsByPath.get(spec.path) ?? spec);
  }

  /**
   * `byId` while the relations are rebuilt (`recompute`, in slices): the specs are already the
   * new ones, the relations' ID map not yet, and a spec added meanwhile is listed but would not
   * resolve by its ID (Work Spec by ID did nothing). Active before archived, as chant picks.
   */
  private scanById(root: string, id: string): Spec | undefined {
    let archived: Spec | undefined;
    for (const s of this.specsOf(root)) {
      if (s.id !== id) continue;
      if (!s.archived) return s;
      archived ??= s;
    }
    return archived;
  }

  /**
   * The run-branch copy chant loads instead of `spec`'s working-tree file (lifecycle.ts
   * `chantLoadedCopy`), if any: its status, title, criteria and dependencies are what chant shows,
   * and what the relations (readiness of its dependents included) are computed from. Lint and
   * everything positional keep reading the working tree, as `chant lint` does.
   */
  branchCopyOf(spec: Spec): Spec | undefined {
    const loaded = this.branchCopies.loaded(spec);
    return loaded === spec ? undefined : loaded;
  }

  /**
   * Sets what the run branches of in-progress specs hold (an entry without bytes: nothing there),
   * read by the caller through git; parsed with the same size cap as spec files. Recomputes the
   * relations that can differ and fires one change event when what chant loads changed.
   */
  setBranchCopies(entries: BranchCopyInput[]): IndexChange | undefined {
    const changed: string[] = [];
    for (const e of entries) {
      const onDisk = this.specsByPath.get(normalizePath(e.path));
      if (onDisk && this.branchCopies.set(onDisk, e.bytes)) changed.push(onDisk.path);
    }
    if (changed.length === 0) return undefined;
    this.updateRelations(changed);
    const change: IndexChange = { changed: [], removed: [], projectsChanged: false, other: [], branchCopies: changed };
    this.emit(change);
    return change;
  }

  relationsOf(spec: Spec): SpecRelations {
    return this.relations.get(spec.root)?.get(spec.path) ?? {
      status: spec.loadable ? spec.status : 'invalid', ready: false, listBlocked: false, listBlockedBy: [], listReadyWithGroups: false, blockedBy: [], workBlockedBy: [], children: [],
      members: [], dependents: [], orphan: false,
    };
  }

  /** The project a path belongs to (longest matching root). */
  rootOf(path: string): string | undefined {
    const p = normalizePath(path);
    let best: string | undefined;
    for (const root of this.projectsByRoot.keys()) {
      if ((p === root || p.startsWith(root + '/')) && (!best || root.length > best.length)) best = root;
    }
    return best;
  }

  summaries(): SpecSummary[] {
    return this.all()
      .sort((a, b) => (a.root !== b.root ? (a.root < b.root ? -1 : 1) : compareSpecIds(a.id, b.id) || (a.path < b.path ? -1 : 1)))
      .map((s) => this.summary(s));
  }

  summary(s: Spec): SpecSummary {
    const rel = this.relationsOf(s);
    return {
      id: s.id,
      root: s.root,
      path: s.path,
      title: s.title ?? s.id,
      type: s.type,
      rawStatus: s.rawStatus,
      status: rel.status,
      ready: rel.ready,
      driver: rel.driver ?? null,
      members: rel.members,
      dependsOn: s.dependsOn.map((d) => d.value),
      blockedBy: rel.blockedBy.map(describeBlockReason),
      workBlockedBy: rel.workBlockedBy.map(describeBlockReason),
      criteria: s.criteria,
      archived: s.archived,
      problems: this.problemsOf(s).map((p) => ({
        message: p.message, severity: p.severity, code: p.code, line: p.range.start.line + 1, column: p.range.start.character + 1,
      })),
    };
  }

  /** Per-file problems plus the index's cross-spec findings that matter for loading (duplicates, orphans). */
  problemsOf(s: Spec): SpecProblem[] {
    const rel = this.relationsOf(s);
    const extra: SpecProblem[] = [];
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (rel.duplicateOf) {
      extra.push({ code: 'duplicate-id', severity: 'warning', range: top, message: l10n.t('Another file has the same ID `{0}` ({1}); chant uses only one of them.', s.id, relativePath(s.root, rel.duplicateOf)) });
    }
    if (rel.orphan) {
      extra.push({ code: 'orphan', severity: 'warning', range: top, message: l10n.t('Member of driver `{0}`, which does not exist: chant only warns about orphans, `chant cancel` refuses them and driver auto-completion ignores them.', s.id.slice(0, s.id.indexOf('.'))) });
    }
    return extra.length ? [...s.problems, ...extra] : s.problems;
  }

  private emit(change: IndexChange): void {
    for (const l of [...this.listeners]) {
      try {
        l(change);
      } catch (e) {
        this.logger.error(e instanceof Error ? e : String(e));
      }
    }
  }

  /**
   * Who names which ID (lint, completion, navigation): built on first use, then kept in step
   * with every batch, whose change event then says which specs it affected.
   */
  get lookup(): SpecLookup {
    this.specLookup ??= new SpecLookup(this);
    return this.specLookup;
  }

  projectRelations(root: string): ProjectRelations | undefined {
    return this.relations.get(root);
  }

  /** Rebuilds every project's relations, letting the event loop run between slices (see ProjectRelations.build). */
  private async recompute(): Promise<void> {
    const next = new Map<string, ProjectRelations>();
    this.recomputing++;
    try {
      for (const root of this.projectsByRoot.keys()) next.set(root, await ProjectRelations.build(this.specsOf(root).map((s) => this.branchCopies.loaded(s)), yieldToEventLoop));
      // The change event's listeners (every view) then start on a turn of their own.
      await yieldToEventLoop();
    } finally {
      this.recomputing--;
    }
    this.relations.clear();
    for (const [root, project] of next) this.relations.set(root, project);
    // The lookup, if anyone uses it, again from the new relations (in slices too).
    if (this.specLookup) this.specLookup = await SpecLookup.build(this, yieldToEventLoop);
  }

  /** Recomputes only what the changed or removed spec paths can affect, project by project. */
  private updateRelations(paths: string[]): void {
    const byRoot = new Map<string, { path: string; spec?: Spec }[]>();
    for (const path of paths) {
      const onDisk = this.specsByPath.get(path);
      const spec = onDisk && this.branchCopies.loaded(onDisk);
      const root = spec?.root ?? this.rootOf(path);
      if (root === undefined) continue;
      let list = byRoot.get(root);
      if (!list) byRoot.set(root, (list = []));
      list.push({ path, spec });
    }
    for (const [root, changes] of byRoot) {
      const project = this.relations.get(root);
      if (project) project.update(changes);
      else this.relations.set(root, new ProjectRelations(this.specsOf(root).map((s) => this.branchCopies.loaded(s))));
    }
  }

  private classify(path: string): 'spec' | 'other' | undefined {
    const root = this.rootOf(path);
    if (!root) return undefined;
    const rel = path.slice(root.length + 1);
    if (!rel.startsWith('.chant/')) return undefined;
    if ((rel.startsWith('.chant/specs/') || rel.startsWith('.chant/archive/')) && rel.endsWith('.md')) return 'spec';
    if (rel.startsWith('.chant/specs/') || rel.startsWith('.chant/archive/')) return undefined;
    return 'other';
  }

  /** `reload`: the project is read again at once, so its run-branch copies stay (no flicker). */
  private dropProject(root: string, reload = false): string[] {
    const removed = [...(this.specsByRoot.get(root) ?? [])];
    for (const p of removed) {
      this.specsByPath.delete(p);
      if (!reload) this.branchCopies.delete(p);
    }
    this.specsByRoot.delete(root);
    this.projectsByRoot.delete(root);
    this.lintConfigs.delete(root);
    return removed;
  }

  private async loadProject(root: string): Promise<string[]> {
    this.dropProject(root, true);
    this.projectsByRoot.set(root, { root, name: baseName(root) });
    this.specsByRoot.set(root, new Set());
    await this.readProjectConfig(root);
    const files: { path: string; archived: boolean }[] = [];
    // Links that leave the project are not followed: a spec folder linked to `/` is no project.
    const within = await this.fs.realPath(root);
    for (const [dir, archived] of [['specs', false], ['archive', true]] as const) {
      for (const path of await listMarkdown(this.fs, joinPath(root, '.chant', dir), within)) files.push({ path, archived });
    }
    await mapLimit(files, 64, (f) => this.readSpec(root, f.path, f.archived));
    return files.map((f) => f.path);
  }

  /** Reads `.chant/config.md` once for the project's name and lint settings. */
  private async readProjectConfig(root: string): Promise<void> {
    const project = this.projectsByRoot.get(root);
    if (!project) return;
    const text = await readSmallText(this.fs, joinPath(root, '.chant', 'config.md'), { within: root });
    const config = text !== undefined ? parseProjectConfig(text) : undefined;
    project.name = config?.name ?? baseName(root);
    if (config) this.lintConfigs.set(root, config.lint);
    else this.lintConfigs.delete(root);
  }

  private async readSpec(root: string, path: string, archived?: boolean): Promise<void> {
    this.storeSpec(await this.parseFile(root, path, archived));
  }

  private storeSpec(spec: Spec): void {
    this.specsByPath.set(spec.path, spec);
    this.specsByRoot.get(spec.root)?.add(spec.path);
  }

  /** Reads and parses one spec file; a file that cannot be read becomes an unreadable spec. */
  private async parseFile(root: string, path: string, archived?: boolean, alreadyRead?: { size: number; bytes?: Uint8Array; notFile?: boolean }): Promise<Spec> {
    const isArchived = archived ?? path.startsWith(joinPath(root, '.chant', 'archive') + '/');
    let spec: Spec;
    try {
      if (alreadyRead || this.fs.readFileUpTo) {
        // One open for size and bytes: indexing ten thousand specs is mostly this call.
        const read = alreadyRead ?? (await this.fs.readFileUpTo!(path, MAX_SPEC_BYTES));
        if (read.notFile) throw new Error('not a regular file');
        const { size, bytes } = read;
        spec = parseSpecFile(bytes ? { path, root, archived: isArchived, bytes } : { path, root, archived: isArchived, size });
      } else {
        const stat = await this.fs.stat(path);
        if (stat && stat.size > MAX_SPEC_BYTES) {
          spec = parseSpecFile({ path, root, archived: isArchived, size: stat.size });
        } else {
          spec = parseSpecFile({ path, root, archived: isArchived, bytes: await this.fs.readFile(path) });
        }
      }
    } catch (e) {
      this.logger.warn(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
      spec = parseSpecFile({ path, root, archived: isArchived, bytes: new Uint8Array() });
      spec.loadable = false;
      spec.problems = [{ code: 'unreadable', severity: 'error', message: l10n.t('Cannot read the file: {0}', e instanceof Error ? e.message : String(e)), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    }
    return spec;
  }

  private removeSpec(path: string): boolean {
    const spec = this.specsByPath.get(path);
    if (!spec) return false;
    this.specsByPath.delete(path);
    this.branchCopies.delete(path);
    this.specsByRoot.get(spec.root)?.delete(path);
    return true;
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

export { specIdFromPath, describeBlockReason, type BranchCopyInput };
