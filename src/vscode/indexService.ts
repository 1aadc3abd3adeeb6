// Owns the spec index inside VS Code: indexes the workspace folders, watches each project's
// `.chant/` folder, re-discovers projects when folders change, and tells everyone once per batch.
import * as vscode from 'vscode';
import { SpecIndex, type BranchCopyInput, type IndexChange } from '../core/specIndex';
import type { FileChange, FileWatcher } from '../core/ports';
import { SerialQueue } from '../core/serialQueue';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { createIndexWatcher } from '../node/indexWatcher';
import type { Settings } from './settings';
import { Disposable, toDisposable } from './disposable';

export class IndexService extends Disposable {
  readonly index: SpecIndex;
  private readonly emitter = this._register(new vscode.EventEmitter<IndexChange>());
  /** One event per applied batch (after the index is updated). */
  readonly onDidChange = this.emitter.event;
  /** One watch per project's `.chant/`, so a project coming or going leaves the others' watches alone. */
  private readonly watchHandles = new Map<string, { dispose(): void }>();
  private watchedOnce = false;
  private readonly watcher: FileWatcher;
  /** Serialises index work so batches apply in order. */
  private readonly queue: SerialQueue;
  /** The first full index (started by `start`). */
  private initial: Promise<void> = Promise.resolve();

  constructor(private readonly logger: vscode.LogOutputChannel, settings: Settings) {
    super();
    this.index = new SpecIndex(nodeFileSystem, {
      logger, discovery: { maxDepth: settings.get('discoveryDepth') },
    });
    this.queue = new SerialQueue((e) => logger.error(e instanceof Error ? e : String(e)), () => this.updateWatcher());
    this.watcher = createIndexWatcher((e) => logger.warn(`file watcher: ${e instanceof Error ? e.message : String(e)}`));
    this._registerAll(
      this.index.onDidChange((change) => this.emitter.fire(change)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reindex()),
      // A new project anywhere in the workspace: VS Code's own workspace watcher already runs,
      // so this glob costs nothing extra.
      watchGlob('**/.chant/{config.md,specs}', () => this.enqueue(() => this.index.rediscover())),
      settings.onDidChange((keys) => { if (keys.includes('discoveryDepth')) this.reindex(); }),
      toDisposable(() => {
        for (const h of this.watchHandles.values()) h.dispose();
        this.watchHandles.clear();
      }),
    );
  }

  /** Builds the first index of every workspace folder, in the background. */
  start(): Promise<void> {
    this.initial = this.reindex();
    return this.initial;
  }

  /** Resolves when the first index is built and no file batch is pending. */
  async whenIndexed(): Promise<void> {
    await this.initial;
    await this.whenIdle();
  }

  /** Full (re)index of every workspace folder, in the background. */
  reindex(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    return this.enqueue(async () => {
      const t0 = Date.now();
      await this.index.setFolders(folders);
      this.logger.info(`indexed ${this.index.all().length} specs in ${this.index.projects().length} project(s) in ${Date.now() - t0} ms`);
    });
  }

  /** Applies file changes now (used by the watcher and by tests through commands). */
  apply(changes: FileChange[]): Promise<void> {
    return this.enqueue(async () => { await this.index.applyChanges(changes); });
  }

  /**
   * What the run branches of in-progress specs hold (read through git by the run tracker, only in
   * a trusted workspace), applied in order with the file batches.
   */
  setBranchCopies(entries: BranchCopyInput[]): Promise<void> {
    return this.enqueue(async () => { this.index.setBranchCopies(entries); });
  }

  /** Resolves when no indexing work is queued or running. */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  get busy(): boolean {
    return this.queue.busy;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    return this.queue.run(work);
  }

  private updateWatcher(): void {
    if (this.isDisposed) return;
    const dirs = new Set(this.index.watchedDirectories());
    for (const [dir, handle] of this.watchHandles) {
      if (dirs.has(dir)) continue;
      handle.dispose();
      this.watchHandles.delete(dir);
    }
    for (const dir of dirs) {
      if (this.watchHandles.has(dir)) continue;
      // A project found after the first index was read before it was watched: what was written
      // in between (chant init, then chant add) is reported once the watch is in place.
      this.watchHandles.set(dir, this.watcher.watch([dir], (changes) => void this.apply(changes), { announce: this.watchedOnce }));
    }
    this.watchedOnce = true;
  }
}

function watchGlob(glob: string, onEvent: () => void): vscode.Disposable {
  const w = vscode.workspace.createFileSystemWatcher(glob);
  return vscode.Disposable.from(w, w.onDidCreate(onEvent), w.onDidDelete(onEvent));
}
