// The drift engine: which files tracked by a completed spec (`tracks:`, `origin:`,
// `informed_by:`) changed since the spec completed, measured with git, not file times.
//
// The engine keeps the findings and joins the parts: per project root it finds the repository
// (a snapshot of it, ./snapshot.ts) or falls back to file times (./mtimeCheck.ts); it plans each
// spec (entries compiled, ./plan.ts), has the git check (./gitCheck.ts) measure the plans, rolls
// drifted members up into their drivers and keeps an inverted index of tracked files, so a save
// re-checks only the specs tracking the saved file (through ./saveFastPath.ts). Baselines:
// ./baseline.ts. A full check makes new snapshots (HEAD, status and file lists read again).
// Drift never writes anything.

import * as l10n from '@vscode/l10n';
import type { Spec } from '../model';
import type { FileSystem, Logger } from '../ports';
import { silentLogger } from '../ports';
import type { GitPort, GitRepoInfo } from '../gitPort';
import { GitUnavailableError } from '../gitPort';
import { compareSpecIds, isMemberOf } from '../ids';
import { normalizePath } from '../paths';
import { compilePattern, PatternIndex, type CompiledPattern, type PatternField } from './patterns';
import { specEntryNote, type DriftNote } from './notes';
import { specEntryPath } from './entries';
import {
  DEFAULT_MAX_COUNT_BYTES, isDriftCandidate, relativeTo,
  type DriftFileChange, type DriftFinding, type DriftOptions, type DriftSpecs, type DriftUpdate,
} from './model';
import { failure, FIELDS, makeFinding, type Plan } from './plan';
import { isAttributesFile, RepoSnapshot } from './snapshot';
import { refreshPaths, type FastPathPorts } from './saveFastPath';
import { checkGit, type GitCheckContext } from './gitCheck';
import { checkMtime, type MtimeCheckContext } from './mtimeCheck';

type ProjectMode =
  | { kind: 'git'; repo: RepoSnapshot }
  | { kind: 'mtime'; label: string }
  | { kind: 'unknown'; reason: string };

export class DriftEngine {
  /** Which file chant uses for an ID: the spec index's answer, never a map of drift's own. */
  private index: DriftSpecs | undefined;
  /** The specs of the last check (what the findings and the inverted index were made from). */
  private specs: Spec[] = [];
  private specsByPath = new Map<string, Spec>();
  /** Each spec's place in `specs`: a few re-checked specs keep the order of a full check. */
  private specPositions = new Map<string, number>();
  private readonly findingsByPath = new Map<string, DriftFinding>();
  private readonly projects = new Map<string, ProjectMode>();
  private readonly repos = new Map<string, RepoSnapshot>();
  private readonly indexes = new Map<string, PatternIndex<string>>();
  private readonly compiled = new Map<string, CompiledPattern>();
  /** Source file → the drifted findings listing it (what the tracked-file lens shows). */
  private bySource = new Map<string, SourceEntry[]>();
  /** Spec path → the finding whose files are in bySource and its entries there, in file order. */
  private inBySource = new Map<string, InBySource>();
  private readonly logger: Logger;

  constructor(
    private readonly ports: { git: GitPort; fs: FileSystem },
    private options: DriftOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  setOptions(options: Partial<DriftOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** Checks every spec from scratch: HEAD, status and file lists are read again. */
  async checkAll(specs: DriftSpecs): Promise<DriftUpdate> {
    this.projects.clear();
    this.repos.clear();
    this.setSpecs(specs);
    const before = this.signatures();
    this.findingsByPath.clear();
    const targets = this.specs.filter((s) => isDriftCandidate(s, this.options.includeArchived));
    const t0 = Date.now();
    await this.pause();
    await this.evaluate(targets);
    await this.pause();
    this.rebuildIndexes();
    this.logger.debug(`drift: checked ${targets.length} specs in ${this.repos.size} repositories in ${Date.now() - t0} ms`);
    return this.finish(before, targets.length);
  }

  /** The set of specs changed (an index batch): re-checks `changedPaths` with cached git state. */
  async updateSpecs(specs: DriftSpecs, changedPaths: Iterable<string>): Promise<DriftUpdate> {
    this.setSpecs(specs);
    const before = this.signatures();
    const present = new Set(this.specs.map((s) => s.path));
    const changed = new Set([...changedPaths].map(normalizePath));
    for (const path of [...this.findingsByPath.keys()]) {
      if (!present.has(path) || changed.has(path)) this.findingsByPath.delete(path);
    }
    const targets = this.specs.filter((s) => changed.has(s.path) && isDriftCandidate(s, this.options.includeArchived));
    await this.evaluate(targets);
    this.rebuildIndexes();
    return this.finish(before, targets.length);
  }

  private setSpecs(specs: DriftSpecs): void {
    this.index = specs;
    this.specs = [...specs.all()];
    this.specsByPath = new Map(this.specs.map((s) => [s.path, s]));
    this.specPositions = new Map(this.specs.map((s, k) => [s.path, k]));
  }

  /** The spec chant uses for `id` (active, else archived): what an `origin:` entry naming an ID means. */
  private anyById(root: string, id: string): Spec | undefined {
    return this.index?.byId(root, id);
  }

  /** The spec chant uses for `id` among those drift checks (archived ones only with includeArchived). */
  private checkedById(root: string, id: string): Spec | undefined {
    const s = this.index?.byId(root, id);
    return s && (!s.archived || this.options.includeArchived) ? s : undefined;
  }

  /** A driver's prefix-members (chant's membership by file name; archived ones when checked), for its baseline. */
  private membersOf(spec: Spec): Spec[] {
    const members = this.index?.lookup.membersOf(spec.root, spec.id) ?? [];
    return members.filter((m) => !m.archived || this.options.includeArchived);
  }

  /** The pattern drift checks for one entry, with a note when the entry names a spec. */
  private entry(spec: Spec, field: PatternField, value: string): { compiled: CompiledPattern; note?: DriftNote } {
    const specPath = specEntryPath(field, value, spec.root, {
      byId: (root, id) => this.anyById(root, id),
      byPath: (abs) => this.specsByPath.get(abs),
    });
    if (specPath === undefined) return { compiled: this.compile(spec.root, value) };
    return { compiled: this.compile(spec.root, specPath), note: specEntryNote(field, value, specPath) };
  }

  /** Files changed on disk (a save, a create, a delete): re-checks only the specs tracking them. */
  async filesChanged(absPaths: readonly string[]): Promise<DriftUpdate> {
    const affected = new Set<string>();
    const byRepo = new Map<RepoSnapshot, string[]>();
    for (const raw of absPaths) {
      const abs = normalizePath(raw);
      if (isAttributesFile(abs)) for (const repo of this.repos.values()) repo.attributesChanged(abs);
      const specs = this.specsTracking(abs);
      if (specs.length === 0) continue;
      for (const s of specs) affected.add(s);
      for (const spec of specs) {
        const root = this.specsByPath.get(spec)?.root;
        const mode = root !== undefined ? this.projects.get(root) : undefined;
        if (mode?.kind === 'git') {
          const list = byRepo.get(mode.repo) ?? [];
          if (!list.includes(abs)) list.push(abs);
          byRepo.set(mode.repo, list);
        }
      }
    }
    if (affected.size === 0) return { changed: [], checked: 0 };
    // Only the specs re-checked and the drivers they roll up into can change: compare just those.
    const scope = this.withDrivers(affected);
    const before = this.signatures(scope);
    for (const [repo, paths] of byRepo) await refreshPaths(this.fastPathPorts(), repo, paths);
    const targets = [...affected].map((p) => this.specsByPath.get(p)).filter((s) => s !== undefined)
      .sort((a, b) => this.specPositions.get(a.path)! - this.specPositions.get(b.path)!);
    for (const s of targets) this.findingsByPath.delete(s.path);
    try {
      await this.evaluate(targets);
    } finally {
      for (const repo of byRepo.keys()) repo.workBlobs.clear();
    }
    return this.finish(before, targets.length, scope);
  }

  /** `specPaths` and the paths of the drivers each rolls up into. */
  private withDrivers(specPaths: Set<string>): Set<string> {
    const out = new Set(specPaths);
    for (const path of specPaths) {
      const s = this.specsByPath.get(path);
      if (!s) continue;
      for (let cut = s.id.indexOf('.'); cut > 0; cut = s.id.indexOf('.', cut + 1)) {
        const driverId = s.id.slice(0, cut);
        const driver = isMemberOf(s.id, driverId) ? this.checkedById(s.root, driverId) : undefined;
        if (driver) out.add(driver.path);
      }
    }
    return out;
  }

  /** Whether a change to this file can change findings: specs track it, or it is a `.gitattributes`. */
  concerns(absPath: string): boolean {
    return isAttributesFile(normalizePath(absPath)) || this.specsTracking(absPath).length > 0;
  }

  /** Spec paths whose patterns match `absPath` (the inverted index). */
  specsTracking(absPath: string): string[] {
    const abs = normalizePath(absPath);
    const out = new Set<string>();
    for (const [root, index] of this.indexes) {
      const rel = relativeTo(root, abs);
      if (rel === undefined) continue;
      for (const s of index.lookup(rel)) out.add(s);
    }
    return [...out];
  }

  findings(): DriftFinding[] {
    return [...this.findingsByPath.values()].sort(compareFindings);
  }

  finding(specPath: string): DriftFinding | undefined {
    return this.findingsByPath.get(normalizePath(specPath));
  }

  /** Drifted specs that track this file, with the file's change. */
  changesForFile(absPath: string): { finding: DriftFinding; file: DriftFileChange }[] {
    const list = this.bySource.get(normalizePath(absPath)) ?? [];
    // Copies: the entries are updated in place when a save re-checks their spec.
    return list.map((e) => ({ finding: e.finding, file: e.file })).sort((a, b) => compareFindings(a.finding, b.finding));
  }

  /** Repositories seen by the last checks (to watch their HEAD and refs). */
  repositories(): GitRepoInfo[] {
    return [...this.repos.values()].map((r) => r.info);
  }

  /** The repository top level for a project root, when it is in git. */
  repositoryOf(root: string): GitRepoInfo | undefined {
    const mode = this.projects.get(normalizePath(root));
    return mode?.kind === 'git' ? mode.repo.info : undefined;
  }

  // ---- evaluation ----------------------------------------------------------------------------

  private async evaluate(targets: Spec[]): Promise<void> {
    const byRoot = new Map<string, Spec[]>();
    for (const s of targets) {
      const list = byRoot.get(s.root) ?? [];
      list.push(s);
      byRoot.set(s.root, list);
    }
    const work: { root: string; mode: ProjectMode; plans: Plan[] }[] = [];
    for (const [root, specs] of byRoot) {
      const mode = await this.projectMode(root);
      const plans: Plan[] = [];
      for (let k = 0; k < specs.length; k += PLAN_STEP) {
        // Compiling patterns costs ~30 ms per thousand specs: a few hundred per turn.
        if (k > 0) await this.pause();
        for (const s of specs.slice(k, k + PLAN_STEP)) plans.push(this.plan(s));
      }
      work.push({ root, mode, plans });
    }
    // What each repository's status must cover, asked for before any of it is awaited.
    for (const { root, mode, plans } of work) if (mode.kind === 'git') mode.repo.widenScope(root, plans);
    for (const { root, mode, plans } of work) {
      const failed = plans.filter((p) => p.reason !== undefined && p.patterns.length === 0);
      for (const p of failed) this.store(makeFinding(p, 'unknown', [], p.reason));
      const ok = failed.length > 0 ? plans.filter((p) => !failed.includes(p)) : plans;
      if (mode.kind === 'unknown') {
        for (const p of ok) this.store(makeFinding(p, 'unknown', [], mode.reason));
        continue;
      }
      const run = (group: Plan[]) => (mode.kind === 'git' ? checkGit(this.gitCheckContext(), root, mode.repo, group) : checkMtime(this.mtimeCheckContext(), root, mode.label, group));
      try {
        await run(ok);
      } catch (e) {
        if (e instanceof GitUnavailableError) throw e;
        // Something in one spec broke the batch: each spec alone, so only that one is unknown.
        this.logger.warn(`drift: a check of ${ok.length} specs failed (${failure(e)}); checking them one by one`);
        for (const p of ok) {
          try {
            p.notes = p.notes.filter((n) => n.kind === 'spec-entry');
            await run([p]);
          } catch (err) {
            p.baseline = undefined;
            this.store(makeFinding(p, 'unknown', [], l10n.t('drift could not be measured: {0}', failure(err))));
          }
        }
      }
    }
  }

  private plan(spec: Spec): Plan {
    const patterns: Plan['patterns'] = [];
    const notes: DriftNote[] = [];
    try {
      for (const { field, key } of FIELDS) {
        spec[key].forEach((v, index) => {
          const { compiled, note } = this.entry(spec, field, v.value);
          if (note) notes.push(note);
          patterns.push({ field, index, value: v.value, range: v.range, compiled });
        });
      }
    } catch (e) {
      // One spec's bad entry is that spec's finding; the others are checked as usual.
      return { spec, patterns: [], notes: [], reason: failure(e) };
    }
    return { spec, patterns, ack: this.options.acknowledgement?.(spec), notes };
  }

  private compile(root: string, raw: string): CompiledPattern {
    const key = `${root}\0${raw}`;
    let c = this.compiled.get(key);
    if (!c) {
      c = compilePattern(raw, (abs) => relativeTo(root, normalizePath(abs)));
      this.compiled.set(key, c);
    }
    return c;
  }

  private async projectMode(root: string): Promise<ProjectMode> {
    const cached = this.projects.get(root);
    if (cached) return cached;
    let mode: ProjectMode;
    if (this.options.gitAllowed === false) {
      mode = { kind: 'unknown', reason: l10n.t('git is not run in an untrusted workspace') };
    } else {
      try {
        const info = await this.ports.git.repoInfo(root);
        if (!info) {
          mode = { kind: 'mtime', label: l10n.t('not a git repository: file modification times compared with completed_at') };
        } else if (!info.head) {
          mode = { kind: 'unknown', reason: l10n.t('the repository has no commits yet') };
        } else {
          mode = { kind: 'git', repo: this.snapshot(info) };
        }
      } catch (e) {
        if (!(e instanceof GitUnavailableError)) throw e;
        mode = { kind: 'mtime', label: l10n.t('{0}: file modification times compared with completed_at', e.message) };
      }
    }
    this.projects.set(root, mode);
    return mode;
  }

  /** The repository's snapshot, made at once; `widenScope` starts reading its work tree. */
  private snapshot(info: GitRepoInfo): RepoSnapshot {
    const existing = this.repos.get(info.root);
    if (existing) return existing;
    const repo = new RepoSnapshot(info, { ...this.ports, pause: () => this.pause() });
    this.repos.set(info.root, repo);
    return repo;
  }

  private fastPathPorts(): FastPathPorts {
    return { ...this.ports, logger: this.logger, maxCountBytes: this.options.maxCountBytes ?? DEFAULT_MAX_COUNT_BYTES };
  }

  private gitCheckContext(): GitCheckContext {
    return { ...this.fastPathPorts(), pause: () => this.pause(), membersOf: (spec) => this.membersOf(spec), store: (f) => this.store(f) };
  }

  private mtimeCheckContext(): MtimeCheckContext {
    return { fs: this.ports.fs, maxWalkEntries: this.options.maxWalkEntries ?? 200_000, store: (f) => this.store(f) };
  }

  private async pause(): Promise<void> {
    await this.options.yieldToEventLoop?.();
  }

  private store(f: DriftFinding): void {
    this.findingsByPath.set(f.specPath, f);
  }

  // ---- roll-up and indexes -------------------------------------------------------------------

  /** Drivers roll up: a driver is drifted when any member is (chant's prefix membership). */
  private rollUp(): void {
    for (const [path, f] of [...this.findingsByPath]) {
      if (f.state === 'none') this.findingsByPath.delete(path);
      else f.driftedMembers = [];
    }
    for (const f of [...this.findingsByPath.values()]) {
      if (f.state !== 'drifted') continue;
      let cut = f.specId.indexOf('.');
      while (cut > 0) {
        const driverId = f.specId.slice(0, cut);
        const driver = isMemberOf(f.specId, driverId) ? this.checkedById(f.root, driverId) : undefined;
        if (driver) {
          let df = this.findingsByPath.get(driver.path);
          if (!df) {
            df = {
              specId: driver.id, specPath: driver.path, root: driver.root, type: driver.type, title: driver.title,
              status: driver.rawStatus, completedAt: driver.completedAt, state: 'none', files: [], insertions: 0, deletions: 0,
              patterns: [], driftedMembers: [], notes: [],
            };
            this.findingsByPath.set(driver.path, df);
          }
          if (!df.driftedMembers.includes(f.specId)) df.driftedMembers.push(f.specId);
        }
        cut = f.specId.indexOf('.', cut + 1);
      }
    }
    for (const f of this.findingsByPath.values()) f.driftedMembers.sort(compareSpecIds);
  }

  private rebuildIndexes(): void {
    this.indexes.clear();
    for (const s of this.specs) {
      if (!isDriftCandidate(s, this.options.includeArchived)) continue;
      let index = this.indexes.get(s.root);
      if (!index) this.indexes.set(s.root, (index = new PatternIndex<string>()));
      for (const { field, key } of FIELDS) {
        for (const v of s[key]) {
          try {
            index.add(s.path, this.entry(s, field, v.value).compiled);
          } catch {
            // reported by the spec's finding
          }
        }
      }
    }
  }

  /**
   * Keeps bySource in step with the findings: all of them after a full check, else only the
   * specs in `scope` (a save re-checks a few specs; at 10k specs / 200k files the findings list
   * ~370k drifted files, which a rebuild walked on every save).
   */
  private updateBySource(scope?: Set<string>): void {
    if (!scope) {
      this.bySource = new Map();
      this.inBySource = new Map();
    }
    // Findings leaving: each source file's list is filtered once for all of them (27 specs
    // tracking the same 488 files made one filter per spec and file, 27 times over).
    const leaving = new Set<DriftFinding>();
    const entering: [string, DriftFinding][] = [];
    for (const path of scope ?? this.findingsByPath.keys()) {
      const had = this.inBySource.get(path);
      const found = this.findingsByPath.get(path);
      const now = found?.state === 'drifted' ? found : undefined;
      if (had?.finding === now) continue;
      // Drifted before and now (a save changed counts, or a file came or went): entries move over.
      if (had && now) {
        mergeEntries(had, now, this.bySource);
        continue;
      }
      if (had) {
        leaving.add(had.finding);
        this.inBySource.delete(path);
      }
      if (now) entering.push([path, now]);
    }
    const touched = new Set<string>();
    for (const old of leaving) for (const file of old.files) touched.add(file.absPath);
    for (const abs of touched) {
      const list = this.bySource.get(abs)?.filter((e) => !leaving.has(e.finding));
      if (list?.length) this.bySource.set(abs, list);
      else this.bySource.delete(abs);
    }
    for (const [path, now] of entering) {
      const entries = now.files.map((file) => ({ finding: now, file }));
      for (const e of entries) {
        const list = this.bySource.get(e.file.absPath);
        if (list) list.push(e);
        else this.bySource.set(e.file.absPath, [e]);
      }
      this.inBySource.set(path, { finding: now, entries });
    }
  }

  private signatures(scope?: Set<string>): Map<string, Signature> {
    const out = new Map<string, Signature>();
    for (const [p, f] of this.findingsByPath) if (!scope || scope.has(p)) out.set(p, signature(f));
    return out;
  }

  private finish(before: Map<string, Signature>, checked: number, scope?: Set<string>): DriftUpdate {
    this.rollUp();
    this.updateBySource(scope);
    const changed: string[] = [];
    for (const [p, f] of this.findingsByPath) {
      if (scope && !scope.has(p)) continue;
      // New findings (all of them on a first check) changed without comparing signatures.
      const previous = before.get(p);
      if (previous === undefined || !sameSignature(previous, signature(f))) changed.push(p);
    }
    for (const p of before.keys()) if (!this.findingsByPath.has(p)) changed.push(p);
    return { changed, checked };
  }
}

/** One-shot drift over a set of specs (headless CLI, benchmarks). */
export async function computeDrift(specs: DriftSpecs, ports: { git: GitPort; fs: FileSystem }, options: DriftOptions = {}): Promise<DriftFinding[]> {
  const engine = new DriftEngine(ports, options);
  await engine.checkAll(specs);
  return engine.findings();
}

/**
 * What a change of a finding is judged by: its fields as text, and its files (a stored
 * finding's files array does not change, so it is kept as it is and compared entry by entry).
 */
interface Signature {
  text: string;
  files: readonly DriftFileChange[];
}

function signature(f: DriftFinding): Signature {
  return {
    text: JSON.stringify([
      f.state, f.reason, f.baseline?.commit, f.baseline?.date, f.driftedMembers,
      f.patterns.map((p) => p.notes.map((n) => n.kind)), f.acknowledged?.commit, f.acknowledged?.date, f.notes.map((n) => n.message),
    ]),
    files: f.files,
  };
}

function sameSignature(a: Signature, b: Signature): boolean {
  if (a.text !== b.text || a.files.length !== b.files.length) return false;
  if (a.files === b.files) return true;
  return a.files.every((x, k) => {
    const y = b.files[k];
    return x.path === y.path && x.change === y.change && x.insertions === y.insertions && x.deletions === y.deletions
      && x.uncommitted === y.uncommitted && x.commits.length === y.commits.length;
  });
}

/** One drifted spec's change of one source file, as the tracked-file lens lists it. */
interface SourceEntry {
  finding: DriftFinding;
  file: DriftFileChange;
}

interface InBySource {
  finding: DriftFinding;
  entries: SourceEntry[];
}

/**
 * Moves `had`'s entries in `bySource` over to `now`, a later finding of the same spec: one pass
 * over both lists in file order (makeFinding sorts them), an entry kept and updated for a file in
 * both, removed from its file's list or added to it for a file in one. A save at 10k specs made
 * 27 findings of 488 files each leave and enter again for the one file that came or went.
 */
function mergeEntries(had: InBySource, now: DriftFinding, bySource: Map<string, SourceEntry[]>): void {
  const old = had.entries;
  const files = now.files;
  const entries: SourceEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length || j < files.length) {
    const e = old[i];
    const f = files[j];
    if (e && f && e.file.absPath === f.absPath) {
      e.finding = now;
      e.file = f;
      entries.push(e);
      i++;
      j++;
    } else if (f && (!e || f.path < e.file.path)) {
      const added = { finding: now, file: f };
      const list = bySource.get(f.absPath);
      if (list) list.push(added);
      else bySource.set(f.absPath, [added]);
      entries.push(added);
      j++;
    } else {
      const list = bySource.get(e.file.absPath);
      const at = list ? list.indexOf(e) : -1;
      if (at >= 0) list!.splice(at, 1);
      if (list && list.length === 0) bySource.delete(e.file.absPath);
      i++;
    }
  }
  had.finding = now;
  had.entries = entries;
}

function compareFindings(a: DriftFinding, b: DriftFinding): number {
  if (a.root !== b.root) return a.root < b.root ? -1 : 1;
  return compareSpecIds(a.specId, b.specId) || (a.specPath < b.specPath ? -1 : a.specPath > b.specPath ? 1 : 0);
}


/** Specs whose patterns are compiled per turn of the event loop. */
const PLAN_STEP = 250;
