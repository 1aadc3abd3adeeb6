// Run state for every spec: chant's own markers (lock/pid files with a live or dead PID) plus the
// terminals this extension started. Re-reads a project's markers when the index reports a change
// under `.chant/.locks` or `.chant/pids`, and re-checks PIDs while something runs (a killed chant
// leaves its lock behind without any file event).
import * as vscode from 'vscode';
import { isRunMarkerPath, markerState, readRunMarkers, type ProcessProbe, type RunMarker, type RunState } from '../../core/runState';
import { readSmallText, type FileSystem } from '../../core/ports';
import { SerialQueue } from '../../core/serialQueue';
import type { IndexService } from '../indexService';
import type { RunQuery } from '../context';
import type { RunInfo } from '../api';
import { Disposable, toDisposable } from '../disposable';
import { afterFirstRows } from '../firstMarks';
import { ChangeBatcher } from '../../core/batcher';
import type { LiveRun } from '../../core/explorerModel';
import { MAX_SPEC_BYTES, parseSpecText } from '../../core/spec';
import { worktreeSpecPath } from '../../core/lifecycle';
import type { Spec } from '../../core/model';
import { readBranchCopies, type BranchFileReader, type BranchLister } from '../../core/branchCopies';

/** Reads a file at a branch's tip (NodeGit.branchFile); only called in a trusted workspace. */
export interface BranchReader {
  trusted(): boolean;
  read: BranchFileReader;
  /** The repository's local branches: only the specs whose run branch exists are read. */
  branches?: BranchLister;
  /** The directory holding a project's repository branch refs (git's common dir), if it is in git. */
  refsDir(root: string): Promise<string | undefined>;
}


const key = (root: string, id: string) => `${root}\u0000${id}`;

export class RunTracker extends Disposable implements RunQuery {
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.emitter.event;
  private readonly tickEmitter = this._register(new vscode.EventEmitter<readonly string[]>());
  /** Every 2 s while runs of ours are live: their spec paths (elapsed time and live criteria moved). */
  readonly onDidTick = this.tickEmitter.event;
  private readonly markers = new Map<string, Map<string, RunMarker>>();
  private readonly states = new Map<string, RunState>();
  private readonly terminals = new Map<string, { root: string; id: string; startedAt: number; criteria?: { checked: number; total: number } }>();
  private liveTimer: ReturnType<typeof setInterval> | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  /** Reads of the markers, one at a time; a vanished folder reads as no markers next time. */
  private readonly refreshing = new SerialQueue(() => undefined);
  /** Paths whose run-branch copy was handed to the index (to tell it when one goes). */
  private readonly withBranchCopy = new Set<string>();
  private branchReads: Promise<void> = Promise.resolve();
  /** Per project root, the refs directory watched for branches moving (undefined: not in git). */
  private readonly refsDirs = new Map<string, string | undefined>();
  private readonly refWatchers = new Map<string, vscode.Disposable>();
  /** A branch moved (an agent's commit, a merge, a reset, a deletion): the copies are read again. */
  private readonly refsMoved = new ChangeBatcher(() => void this.readBranchCopies(), 300, 2000);

  constructor(private readonly indexService: IndexService, private readonly fs: FileSystem, private readonly probe: ProcessProbe, private readonly branches?: BranchReader) {
    super();
    this._register(toDisposable(() => {
      this.refsMoved.dispose();
      for (const w of this.refWatchers.values()) w.dispose();
      this.refWatchers.clear();
    }));
    this._register(indexService.onDidChange((change) => {
      // A spec file changed, or chant's markers did (a run started or ended, its branch moved on).
      if (change.projectsChanged || change.other.length > 0) void this.readBranchCopies();
      else if (change.changed.length > 0 || change.removed.length > 0) void this.readBranchCopies([...change.changed, ...change.removed]);
      const roots = new Set<string>();
      if (change.projectsChanged) for (const p of indexService.index.projects()) roots.add(p.root);
      for (const c of change.other) {
        if (!isRunMarkerPath(c.path)) continue;
        const root = indexService.index.rootOf(c.path);
        if (root) roots.add(root);
      }
      if (change.projectsChanged) for (const r of [...this.markers.keys()]) if (!indexService.index.projects().some((p) => p.root === r)) this.markers.delete(r);
      if (roots.size > 0) void this.refresh([...roots]);
    }));
  }

  /**
   * Re-reads the run-branch copies of the in-progress specs at `paths` (every spec when omitted)
   * through git, one bounded `cat-file` per in-progress spec, and hands them to the index, which
   * decides what chant loads (SpecIndex.setBranchCopies) and tells every view. Nothing is read in
   * an untrusted workspace: there the working-tree files stand.
   */
  readBranchCopies(paths?: string[]): Promise<void> {
    const index = this.indexService.index;
    this.branchReads = this.branchReads.then(async () => {
      if (!this.branches?.trusted()) return;
      // Its git processes wait for the Spec Explorer's first rows (no wait once they are drawn).
      await afterFirstRows();
      if (!paths) await this.watchRefs();
      const specs = (paths ? paths.map((p) => index.byPath(p)) : index.all()).filter((s): s is Spec => !!s);
      const entries = await readBranchCopies(specs, (root, branch, file) => this.branches!.read(root, branch, file), this.branches.branches);
      // Specs no longer in progress (or gone): chant reads their working-tree file again.
      const seen = new Set(entries.map((e) => e.path));
      for (const p of paths ?? [...this.withBranchCopy]) if (!seen.has(p) && this.withBranchCopy.has(p)) entries.push({ path: p });
      for (const e of entries) {
        if (e.bytes) this.withBranchCopy.add(e.path);
        else this.withBranchCopy.delete(e.path);
      }
      if (entries.length > 0) await this.indexService.setBranchCopies(entries);
    }).catch(() => undefined);
    return this.branchReads;
  }

  /**
   * Watches the branch refs (loose and packed) of every project's repository: a run branch can
   * move with no chant process here to poll (a commit on it, a run from elsewhere, a merge).
   */
  private async watchRefs(): Promise<void> {
    const roots = this.indexService.index.projects().map((p) => p.root);
    for (const root of roots) if (!this.refsDirs.has(root)) this.refsDirs.set(root, await this.branches!.refsDir(root).catch(() => undefined));
    const wanted = new Set(roots.map((r) => this.refsDirs.get(r)).filter((d): d is string => !!d));
    for (const [dir, w] of this.refWatchers) {
      if (wanted.has(dir)) continue;
      w.dispose();
      this.refWatchers.delete(dir);
    }
    for (const dir of wanted) {
      if (this.refWatchers.has(dir) || this.isDisposed) continue;
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '{packed-refs,refs/heads/**}'));
      const moved = (uri: vscode.Uri) => this.refsMoved.push({ kind: 'changed', path: uri.fsPath });
      this.refWatchers.set(dir, vscode.Disposable.from(w, w.onDidChange(moved), w.onDidCreate(moved), w.onDidDelete(moved)));
    }
  }

  /** Reads the markers of `roots` (all projects when omitted). */
  refresh(roots?: string[]): Promise<void> {
    const wanted = roots ?? this.indexService.index.projects().map((p) => p.root);
    return this.refreshing.run(async () => {
      for (const root of wanted) this.markers.set(root, await readRunMarkers(this.fs, root));
      this.recompute();
    });
  }

  stateOf(root: string, specId: string): RunState | undefined {
    return this.states.get(key(root, specId));
  }

  isRunning(root: string, specId: string): boolean {
    return this.stateOf(root, specId) === 'running';
  }

  /** A terminal of ours started working a spec. */
  startedTerminal(root: string, id: string): void {
    this.terminals.set(key(root, id), { root, id, startedAt: Date.now() });
    if (!this.liveTimer) this.liveTimer = setInterval(() => void this.readLive(), 2000);
    this.recompute();
  }

  /** How long a run of ours has run and the criteria of the spec in its worktree. */
  liveOf(root: string, id: string): LiveRun | undefined {
    const t = this.terminals.get(key(root, id));
    if (!t) return undefined;
    return t.criteria ? { elapsedMs: Date.now() - t.startedAt, criteria: t.criteria } : { elapsedMs: Date.now() - t.startedAt };
  }

  /**
   * Every 2 s while runs of ours are live: the spec's copy in its worktree
   * (`/tmp/chant-<project>-<ID>`, where the agent ticks criteria), and a tick naming those specs
   * so that only their rows are drawn again: a whole-tree refresh every 2 s threw away the
   * command of a row being clicked ("command not found") and redrew every badge.
   */
  private async readLive(): Promise<void> {
    if (this.terminals.size === 0) {
      if (this.liveTimer) clearInterval(this.liveTimer);
      this.liveTimer = undefined;
      return;
    }
    const names = new Map(this.indexService.index.projects().map((p) => [p.root, p.name]));
    for (const t of this.terminals.values()) {
      const name = names.get(t.root);
      const path = name ? worktreeSpecPath(name, t.id) : undefined;
      if (!path) continue;
      // A small regular file only: the folder is in /tmp, where anyone can put a pipe or a link to a device.
      const text = await readSmallText(this.fs, path, { maxBytes: MAX_SPEC_BYTES });
      if (text === undefined) continue; // no worktree (yet): the spec on main stands
      const spec = parseSpecText({ path, root: t.root, archived: false }, text);
      t.criteria = spec.criteria.total > 0 ? { checked: spec.criteria.checked, total: spec.criteria.total } : undefined;
    }
    // The agent's commits move the run branch on: what chant shows follows.
    const livePaths = [...this.terminals.values()].map((t) => this.indexService.index.byId(t.root, t.id)?.path).filter((p): p is string => !!p);
    await this.readBranchCopies(livePaths);
    this.tickEmitter.fire(livePaths);
  }

  /** That terminal's chant exited (the terminal itself may stay open to show the output). */
  endedTerminal(root: string, id: string): void {
    this.terminals.delete(key(root, id));
    this.recompute();
  }

  list(): RunInfo[] {
    const out: RunInfo[] = [];
    for (const t of this.terminals.values()) out.push({ root: t.root, id: t.id, state: 'running', source: 'terminal' });
    for (const [root, markers] of this.markers) {
      for (const m of markers.values()) {
        if (this.terminals.has(key(root, m.id))) continue;
        const state = markerState(m, this.probe);
        if (state) out.push({ root, id: m.id, state, source: 'marker', pid: m.lockPid ?? m.agentPid });
      }
    }
    return out.sort((a, b) => (a.root + a.id < b.root + b.id ? -1 : 1));
  }

  private recompute(): void {
    const next = new Map<string, RunState>();
    let anyMarkerRunning = false;
    for (const [root, markers] of this.markers) {
      for (const m of markers.values()) {
        const state = markerState(m, this.probe);
        if (state) next.set(key(root, m.id), state);
        if (state === 'running') anyMarkerRunning = true;
      }
    }
    for (const k of this.terminals.keys()) next.set(k, 'running');
    // Watch PIDs only while a marker claims a live process.
    // A run in another terminal commits on its branch without a file event here: what chant
    // shows of it is read again on the same beat.
    if (anyMarkerRunning && !this.poll) {
      this.poll = setInterval(() => {
        this.recompute();
        void this.readBranchCopies(this.list().filter((r) => r.state === 'running').map((r) => this.indexService.index.byId(r.root, r.id)?.path).filter((p): p is string => !!p));
      }, 3000);
    }
    if (!anyMarkerRunning && this.poll) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
    const changed = next.size !== this.states.size || [...next].some(([k, v]) => this.states.get(k) !== v);
    this.states.clear();
    for (const [k, v] of next) this.states.set(k, v);
    if (changed) this.emitter.fire();
  }

  override dispose(): void {
    if (this.poll) clearInterval(this.poll);
    if (this.liveTimer) clearInterval(this.liveTimer);
    super.dispose();
  }
}
