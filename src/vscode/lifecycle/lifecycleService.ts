// Which lifecycle actions chant accepts per spec (merge, approve, reset…), from the spec, the
// unmerged `chant/*` branches git lists and the log files; re-read when the index changes and
// after every chant task. The lifecycle feature runs the actions; the tree and lenses read this.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { joinPath } from '../../core/paths';
import { SerialQueue } from '../../core/serialQueue';
import { lifecycleActions, unmergedSpecIds, type LifecycleAction } from '../../core/lifecycle';
import type { Spec } from '../../core/model';
import { gitOnPath } from '../../node/pathLookup';
import { nodeProcessRunner } from '../../node/processRunner';
import type { ChantContext, LifecycleQuery, RunQuery } from '../context';
import { Disposable, toDisposable } from '../disposable';
import { afterFirstRows } from '../firstMarks';
import type { ChantTasks } from '../work/chantTasks';

export class LifecycleService extends Disposable implements LifecycleQuery {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** Per project: spec IDs whose chant/ID branch is not merged into main; IDs with a log. */
  private readonly unmerged = new Map<string, Set<string>>();
  private readonly logs = new Map<string, Set<string>>();
  private readonly refreshing = new SerialQueue((e) => this.ctx.logger.warn(`lifecycle facts: ${e instanceof Error ? e.message : String(e)}`));
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: ChantContext, private readonly runs: RunQuery, tasks: ChantTasks) {
    super();
    this._registerAll(
      toDisposable(() => { if (this.timer) clearTimeout(this.timer); }),
      ctx.indexService.onDidChange(() => this.soon()),
      runs.onDidChange(() => this.changed.fire()),
      tasks.onDidEnd(() => void this.refresh()),
    );
    void ctx.indexService.whenIndexed().then(() => this.refresh());
  }

  /** `git` in a project (nothing in an untrusted workspace, or without git on PATH). */
  async git(root: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const git = vscode.workspace.isTrusted ? await gitOnPath(process.env.PATH ?? process.env.Path) : undefined;
    return git ? nodeProcessRunner.run(git, args, { cwd: root }) : { code: 1, stdout: '', stderr: '' };
  }

  /** Re-reads branches and logs of every project; resolves when done. */
  refresh(): Promise<void> {
    return this.refreshing.run(async () => {
      // Its git processes wait for the Spec Explorer's first rows (no wait once they are drawn).
      await afterFirstRows();
      for (const p of this.ctx.indexService.index.projects()) await this.readFacts(p.root);
      this.changed.fire();
    });
  }

  /** Resolves when the refresh under way (if any) is done. */
  settled(): Promise<void> {
    return this.refreshing.queued();
  }

  running(spec: Spec): boolean {
    return this.runs.stateOf(spec.root, spec.id) === 'running';
  }

  actionsOf(spec: Spec): LifecycleAction[] {
    return lifecycleActions(spec, this.facts(spec));
  }

  awaitingMerge(spec: Spec): boolean {
    return !spec.archived && spec.status === 'completed' && this.facts(spec).unmergedBranch;
  }

  private facts(spec: Spec) {
    return { unmergedBranch: this.unmerged.get(spec.root)?.has(spec.id) ?? false, hasLog: this.logs.get(spec.root)?.has(spec.id) ?? false, running: this.running(spec) };
  }

  private soon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 300);
  }

  private async readFacts(root: string): Promise<void> {
    const branches = await this.git(root, ['branch', '--list', 'chant/*', '--no-merged', 'main', '--format=%(refname:short)']);
    this.unmerged.set(root, branches.code === 0 ? unmergedSpecIds(branches.stdout) : new Set());
    let names: string[] = [];
    try {
      names = await fs.promises.readdir(joinPath(root, '.chant', 'logs'));
    } catch {
      names = [];
    }
    this.logs.set(root, new Set(names.filter((n) => n.endsWith('.log')).map((n) => n.slice(0, -4))));
  }
}
