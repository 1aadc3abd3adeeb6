// Keeps drift findings current inside VS Code: a full check once the index is built, when HEAD or
// a branch ref moves (checkout, commit, pull), when settings or trust change; specs re-checked
// when their file changes; a saved or changed source file re-checks only the specs tracking it
// (the engine's inverted index). All work runs one batch at a time; nothing polls.
import * as vscode from 'vscode';
import { DriftEngine } from '../../core/drift/engine';
import { isDrifted, type DriftAck, type DriftFinding, type DriftSpecs, type DriftUpdate } from '../../core/drift/model';
import { driftSummary } from '../../core/drift/messages';
import { acknowledge, ackKey, currentAck, parseAckState, undoAcknowledge, type AckState } from '../../core/drift/acks';
import { ChangeBatcher } from '../../core/batcher';
import { SerialQueue } from '../../core/serialQueue';
import { yieldToEventLoop } from '../../core/eventLoop';
import { normalizePath } from '../../core/paths';
import type { Spec } from '../../core/model';
import type { FileChange } from '../../core/ports';
import { NodeGit } from '../../node/git';
import { inGitRepository } from '../../node/gitSafety';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import type { ChantContext, DriftQuery } from '../context';
import { Disposable, toDisposable } from '../disposable';
import { afterFirstRows, FIRST_DRIFT_CHECKED, markFirst } from '../firstMarks';

const ACK_STATE_KEY = 'chantSpecs.drift.acknowledgements';

export class DriftService extends Disposable implements DriftQuery {
  readonly git: NodeGit;
  readonly engine: DriftEngine;
  private readonly emitter = this._register(new vscode.EventEmitter<DriftUpdate>());
  /** Fires after each batch that changed at least one finding. */
  readonly onDidChange = this.emitter.event;
  private readonly repoWatchers = new Map<string, vscode.Disposable>();
  /** Drift work, one piece at a time (each logs its own failure with its label). */
  private readonly queue = new SerialQueue(() => undefined);
  private fullCheckQueued = false;
  private started = false;
  /** The first full check, once the index is built. */
  private readonly firstCheck: Promise<void>;
  private acks: AckState;
  private readonly fileBatcher: ChangeBatcher;
  private readonly headBatcher: ChangeBatcher;

  constructor(private readonly ctx: ChantContext) {
    super();
    this.git = new NodeGit({
      onCall: (args, ms, code) => ctx.logger.trace(`git ${args.slice(0, 4).join(' ')}${args.length > 4 ? ' …' : ''} (${ms} ms, exit ${code})`),
    });
    this.acks = parseAckState(ctx.extension.workspaceState.get(ACK_STATE_KEY));
    this.engine = new DriftEngine({ git: this.git, fs: nodeFileSystem }, {
      includeArchived: ctx.settings.get('driftIncludeArchived'),
      gitAllowed: vscode.workspace.isTrusted,
      acknowledgement: (spec) => currentAck(this.acks, ackKey(spec.root, spec.id)),
      logger: ctx.logger,
      yieldToEventLoop,
    });
    // The first check starts git once the index is built: its launcher starts while the index is read.
    if (vscode.workspace.isTrusted && (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'file' && inGitRepository(f.uri.fsPath))) this.git.warm();
    this.fileBatcher = new ChangeBatcher((changes) => this.onFilesChanged(changes), 150, 1000);
    this.headBatcher = new ChangeBatcher(() => this.checkAll('HEAD or a branch moved'), 300, 2000);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const onFile = (kind: FileChange['kind']) => (uri: vscode.Uri) => {
      if (uri.scheme !== 'file') return;
      const path = normalizePath(uri.fsPath);
      if (path.includes('/.git/') || path.includes('/.chant/')) return;
      this.fileBatcher.push({ kind, path });
    };
    this._registerAll(
      watcher,
      watcher.onDidChange(onFile('changed')),
      watcher.onDidCreate(onFile('created')),
      watcher.onDidDelete(onFile('deleted')),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.scheme === 'file') this.fileBatcher.push({ kind: 'changed', path: normalizePath(doc.uri.fsPath) });
      }),
      ctx.indexService.onDidChange((change) => {
        if (!this.started) return;
        if (change.projectsChanged) {
          void this.checkAll('projects changed');
        } else if (change.changed.length > 0 || change.removed.length > 0) {
          void this.run(`specs changed (${change.changed.length + change.removed.length})`, () =>
            this.engine.updateSpecs(this.specs(), [...change.changed, ...change.removed]));
        }
      }),
      ctx.settings.onDidChange((keys) => {
        if (keys.includes('driftIncludeArchived')) {
          this.engine.setOptions({ includeArchived: ctx.settings.get('driftIncludeArchived') });
          void this.checkAll('setting changed');
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.engine.setOptions({ gitAllowed: true });
        void this.checkAll('workspace trusted');
      }),
      toDisposable(() => this.fileBatcher.dispose()),
      toDisposable(() => this.headBatcher.dispose()),
      toDisposable(() => {
        for (const d of this.repoWatchers.values()) d.dispose();
        this.repoWatchers.clear();
      }),
      toDisposable(() => this.git.dispose()),
    );
    this.firstCheck = ctx.indexService.whenIndexed().then(async () => {
      // Not on the turn the index completes: the views react to it there. And not before the Spec
      // Explorer's first rows were drawn (afterFirstRows): the first check's git work and
      // findings held them up by a second or more at 10k specs.
      await yieldToEventLoop();
      await afterFirstRows();
      this.started = true;
      return this.checkAll('initial');
    }).finally(() => markFirst(FIRST_DRIFT_CHECKED)); // the first lint waits for it (see there)
  }

  /** Resolves when the first check ran and no drift work is queued or waiting in a batcher. */
  async whenIdle(): Promise<void> {
    await this.firstCheck;
    this.fileBatcher.fire();
    this.headBatcher.fire();
    await this.queue.whenIdle();
  }

  findings(): DriftFinding[] {
    return this.engine.findings();
  }

  finding(specPath: string): DriftFinding | undefined {
    return this.engine.finding(specPath);
  }

  drifted(): DriftFinding[] {
    return this.engine.findings().filter(isDrifted);
  }

  /** Short summary when the spec at `specPath` has drifted, e.g. `3 files (+57 −14)`. */
  summaryOf(specPath: string): string | undefined {
    const f = this.finding(specPath);
    return isDrifted(f) ? driftSummary(f!) : undefined;
  }

  notesOf(specPath: string): string[] {
    return this.finding(specPath)?.notes.map((n) => n.message) ?? [];
  }

  /** Full re-check (HEAD, status and file lists read again). */
  checkAll(reason: string): Promise<void> {
    if (this.fullCheckQueued) return this.queue.queued();
    this.fullCheckQueued = true;
    return this.run(`full check (${reason})`, async () => {
      this.fullCheckQueued = false;
      const update = await this.engine.checkAll(this.specs());
      this.watchRepositories();
      return update;
    });
  }

  /** Accepts the current state of a spec: drift is measured from HEAD (or now, outside git). */
  async acknowledge(spec: Spec): Promise<DriftAck> {
    const head = this.engine.repositoryOf(spec.root)?.head;
    const ack: DriftAck = { date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), ...(head ? { commit: head } : {}) };
    await this.setAcks(acknowledge(this.acks, ackKey(spec.root, spec.id), ack), spec);
    return ack;
  }

  /** Drops the latest acknowledgement; false when there was none. */
  async undoAcknowledge(spec: Spec): Promise<boolean> {
    const key = ackKey(spec.root, spec.id);
    if (!currentAck(this.acks, key)) return false;
    await this.setAcks(undoAcknowledge(this.acks, key), spec);
    return true;
  }

  acknowledgementOf(spec: Spec): DriftAck | undefined {
    return currentAck(this.acks, ackKey(spec.root, spec.id));
  }

  private async setAcks(next: AckState, spec: Spec): Promise<void> {
    this.acks = next;
    await this.ctx.extension.workspaceState.update(ACK_STATE_KEY, next);
    await this.run(`acknowledgement of ${spec.id}`, () => this.engine.updateSpecs(this.specs(), [spec.path]));
  }

  /** The spec index: drift reads the specs and which file wins for an ID from it. */
  private specs(): DriftSpecs {
    return this.ctx.indexService.index;
  }

  private onFilesChanged(changes: FileChange[]): void {
    if (!this.started || this.fullCheckQueued) return;
    const paths = changes.map((c) => c.path).filter((p) => this.engine.concerns(p));
    if (paths.length === 0) return;
    void this.run(`${paths.length} tracked file(s) changed`, () => this.engine.filesChanged(paths));
  }

  /** Watches HEAD, packed-refs and branch refs of every repository seen (checkout, commit, pull). */
  private watchRepositories(): void {
    if (this.isDisposed) return;
    const wanted = new Set<string>();
    for (const repo of this.engine.repositories()) for (const dir of new Set([repo.gitDir, repo.commonDir])) wanted.add(dir);
    for (const [dir, d] of this.repoWatchers) {
      if (!wanted.has(dir)) {
        d.dispose();
        this.repoWatchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (this.repoWatchers.has(dir)) continue;
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '{HEAD,packed-refs,refs/heads/**}'));
      const onRef = (uri: vscode.Uri) => this.headBatcher.push({ kind: 'changed', path: uri.fsPath });
      this.repoWatchers.set(dir, vscode.Disposable.from(w, w.onDidChange(onRef), w.onDidCreate(onRef), w.onDidDelete(onRef)));
    }
  }

  private run(label: string, work: () => Promise<DriftUpdate>): Promise<void> {
    return this.queue.run(async () => {
      try {
        const t0 = Date.now();
        const update = await work();
        this.ctx.logger.debug(`drift: ${label}: ${update.checked} checked, ${update.changed.length} changed, ${Date.now() - t0} ms, ${this.git.calls} git calls so far`);
        if (update.changed.length > 0) this.emitter.fire(update);
      } catch (e) {
        this.ctx.logger.error(`drift: ${label}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }
}
