// What every feature receives: the one index, settings, logger and the extension context,
// plus the small query services features offer each other (set during registration).
import type * as vscode from 'vscode';
import type { IndexService } from './indexService';
import type { Settings } from './settings';
import type { ChantApi } from './api';

/** Drift as other views need it (tree badge, hover, graph mark). Provided by the drift feature. */
export interface DriftQuery {
  /** Short summary when the spec at `specPath` has drifted, e.g. `3 files (+57 −14)`; undefined otherwise. */
  summaryOf(specPath: string): string | undefined;
  /** Every drifted spec's finding (the status bar counts and lists them). */
  drifted(): readonly import('../core/drift/model').DriftFinding[];
  /** The notes of the spec's drift finding (moves, renames, baseline, patterns matching nothing). */
  notesOf?(specPath: string): string[];
  readonly onDidChange: vscode.Event<void>;
}

/** Run state as other views need it (tree icon). Provided by the work feature. */
export interface RunQuery {
  /** `running` (live lock/pid or a terminal we started), `stale` (lock with a dead pid), or undefined. */
  stateOf(root: string, specId: string): 'running' | 'stale' | undefined;
  /** A run of ours: elapsed time and the criteria ticking in its worktree. */
  liveOf?(root: string, specId: string): import('../core/explorerModel').LiveRun | undefined;
  /** An in-progress spec as chant shows it: its run branch's copy, read through git when trusted. */
  branchCopyOf?(specPath: string): import('../core/lifecycle').BranchCopy | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/** The chant CLI for features that launch it. Provided by the work feature. */
export interface CliQuery {
  /** The lookup result: found and `chant --version` verified, missing, or another program. Cached. */
  status(): Promise<import('../core/cliStatus').CliStatus>;
  /** The verified executable, or undefined after telling the user how to install or configure it. */
  require(action: string): Promise<string | undefined>;
}

export interface ChantServices {
  drift?: DriftQuery;
  runs?: RunQuery;
  cli?: CliQuery;
  /** `chant` tasks: how every chant process that works a spec is run. Provided by the work feature. */
  tasks?: import('./work/chantTasks').ChantTasks;
  /** Which lifecycle actions chant accepts per spec (merge, approve…). Provided by the lifecycle feature. */
  lifecycle?: import('./lifecycle/lifecycleFeature').LifecycleQuery;
}

export interface ChantContext {
  readonly extension: vscode.ExtensionContext;
  readonly indexService: IndexService;
  readonly settings: Settings;
  readonly logger: vscode.LogOutputChannel;
  /** The public API object; features add their members to it. */
  readonly api: ChantApi;
  /** Cross-feature queries; a feature sets its entry in its register function. */
  readonly services: ChantServices;
}
