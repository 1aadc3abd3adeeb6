// What every feature receives: the one index, settings, logger and the extension context. The
// services features share (runs, CLI, tasks, drift, lifecycle) are built before any feature in
// src/vscode/services.ts and passed to each feature as the interfaces below, never optional.
import type * as vscode from 'vscode';
import type { IndexService } from './indexService';
import type { Settings } from './settings';
import type { ChantApi } from './api';
import type { DriftFinding } from '../core/drift/model';
import type { LiveRun } from '../core/explorerModel';
import type { CliStatus } from '../core/cliStatus';
import type { LifecycleAction } from '../core/lifecycle';
import type { Spec } from '../core/model';

export interface ChantContext {
  readonly extension: vscode.ExtensionContext;
  readonly indexService: IndexService;
  readonly settings: Settings;
  readonly logger: vscode.LogOutputChannel;
}

/** A registered feature: what it owns (disposed with it) and its part of the public API. */
export interface Feature<K extends keyof ChantApi = never> extends vscode.Disposable {
  readonly api: Pick<ChantApi, K>;
}

/** Drift as other views need it (tree badge, hover, graph mark). */
export interface DriftQuery {
  /** Short summary when the spec at `specPath` has drifted, e.g. `3 files (+57 −14)`; undefined otherwise. */
  summaryOf(specPath: string): string | undefined;
  /** Every drifted spec's finding (the status bar counts and lists them). */
  drifted(): readonly DriftFinding[];
  /** The notes of the spec's drift finding (moves, renames, baseline, patterns matching nothing). */
  notesOf(specPath: string): string[];
  readonly onDidChange: vscode.Event<unknown>;
}

/** Run state as other views need it (tree icon). */
export interface RunQuery {
  /** `running` (live lock/pid or a terminal we started), `stale` (lock with a dead pid), or undefined. */
  stateOf(root: string, specId: string): 'running' | 'stale' | undefined;
  /** A run of ours: elapsed time and the criteria ticking in its worktree. */
  liveOf(root: string, specId: string): LiveRun | undefined;
  readonly onDidChange: vscode.Event<void>;
  /** Live runs of ours moved on (elapsed time, criteria): their spec paths. */
  readonly onDidTick: vscode.Event<readonly string[]>;
}

/** The chant CLI for features that launch it. */
export interface CliQuery {
  /** The lookup result: found and `chant --version` verified, missing, or another program. Cached. */
  status(): Promise<CliStatus>;
  /** The verified executable, or undefined after telling the user how to install or configure it. */
  require(action: string): Promise<string | undefined>;
}

/** Lifecycle facts and actions as other views need them (tree context keys, lenses). */
export interface LifecycleQuery {
  actionsOf(spec: Spec): LifecycleAction[];
  awaitingMerge(spec: Spec): boolean;
  readonly onDidChange: vscode.Event<void>;
}
