// Show Log: a spec's `.chant/logs/ID.log` in an output channel of its own ("Chant log: ID"),
// reused when shown again. It shows the file as it is and follows it while chant writes it: the
// index's watcher of `.chant/` (one folder watch, already running) reports each write, and only
// the bytes added since the last read are read (src/core/logFollow.ts: truncation and rewrites
// show the file again, the channel keeps the last 2 MB). No file yet: the channel says so and
// shows it once chant writes it. Reading a file starts no process, so this works in Restricted
// Mode and without the chant CLI.
import * as vscode from 'vscode';
import { specLogPath } from '../../core/lifecycle';
import { LOG_VIEW_MAX_BYTES, LogTail, projectFileReader, type LogViewUpdate } from '../../core/logFollow';
import type { Spec } from '../../core/model';
import { dirName, normalizePath, relativePath } from '../../core/paths';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import type { ChantContext } from '../context';
import { Disposable, toDisposable } from '../disposable';

/** Log channels kept at most: showing one more disposes the one shown longest ago. */
const MAX_CHANNELS = 8;

/** One spec's log in its channel. */
class SpecLogChannel extends Disposable {
  private readonly channel: vscode.OutputChannel;
  private readonly tail: LogTail;
  private reading: Promise<void> | undefined;
  private dirty = false;

  constructor(readonly path: string, private readonly root: string, name: string, private readonly logger: vscode.LogOutputChannel) {
    super();
    this.channel = this._register(vscode.window.createOutputChannel(name));
    this.tail = new LogTail(projectFileReader(nodeFileSystem, root, path));
  }

  show(): void {
    this.channel.show(true);
  }

  /** Reads what changed since the last read; calls meanwhile make one more read. Resolves when the channel shows what was there at the call. */
  refresh(): Promise<void> {
    this.dirty = true;
    this.reading ??= (async () => {
      try {
        while (this.dirty && !this.isDisposed) {
          this.dirty = false;
          this.render(await this.tail.update());
        }
      } catch (e) {
        this.logger.warn(`log view ${this.path}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.reading = undefined;
      }
    })();
    return this.reading;
  }

  private render(update: LogViewUpdate): void {
    if (this.isDisposed) return;
    const file = relativePath(this.root, this.path);
    switch (update.kind) {
      case 'missing':
        this.channel.replace(vscode.l10n.t('{0} does not exist yet. It shows here as soon as chant writes it (chant work starts it).', file) + '\n');
        return;
      case 'refused':
        this.channel.replace((update.reason === 'outside'
          ? vscode.l10n.t('Not shown: {0} leads outside the project.', file)
          : vscode.l10n.t('Not shown: {0} is not a regular file.', file)) + '\n');
        return;
      case 'replace': {
        const note = update.skippedBytes > 0
          ? vscode.l10n.t('[The first {0} of {1} are not shown: this view keeps the last {2}. Open the file to read all of it.]', megabytes(update.skippedBytes), file, megabytes(LOG_VIEW_MAX_BYTES)) + '\n'
          : '';
        this.channel.replace(note + update.text);
        return;
      }
      case 'append':
        this.channel.append(update.text);
        return;
      case 'unchanged':
        return;
    }
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The log channels of the specs shown, followed until they are disposed (with the extension). */
export class SpecLogViews extends Disposable {
  /** By log path, in the order last shown (the first is the oldest). */
  private readonly channels = new Map<string, SpecLogChannel>();

  constructor(private readonly ctx: ChantContext) {
    super();
    this._registerAll(
      ctx.indexService.onDidChange((change) => {
        if (this.channels.size === 0) return;
        const touched = new Set(change.other.map((c) => normalizePath(c.path)));
        for (const c of this.channels.values()) {
          // The file, or its folder (created or removed as a whole).
          if (change.projectsChanged || touched.has(c.path) || touched.has(dirName(c.path))) void c.refresh();
        }
      }),
      toDisposable(() => {
        for (const c of this.channels.values()) c.dispose();
        this.channels.clear();
      }),
    );
  }

  /** Shows the spec's log channel (made on first use) and resolves once it shows the file as it is now. */
  async show(spec: Spec): Promise<boolean> {
    const path = specLogPath(spec.root, spec.id);
    if (!path || this.isDisposed) return false;
    const key = normalizePath(path);
    let channel = this.channels.get(key);
    if (channel) {
      this.channels.delete(key);
    } else {
      const projects = this.ctx.indexService.index.projects();
      const project = projects.length > 1 ? projects.find((p) => p.root === spec.root)?.name : undefined;
      const name = project ? vscode.l10n.t('Chant log: {0} ({1})', spec.id, project) : vscode.l10n.t('Chant log: {0}', spec.id);
      channel = new SpecLogChannel(key, spec.root, name, this.ctx.logger);
      for (const [oldest, c] of this.channels) {
        if (this.channels.size < MAX_CHANNELS) break;
        this.channels.delete(oldest);
        c.dispose();
      }
    }
    this.channels.set(key, channel);
    channel.show();
    await channel.refresh();
    return true;
  }
}
