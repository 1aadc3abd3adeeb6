// The public API returned by activate(): for tests and other extensions.
import type { SpecSummary } from '../core/specIndex';
import type { ExplorerSnapshotItem } from './explorer/specTree';
import type { PlanResult } from '../core/runPlan';
import type { CliStatus } from '../core/cliStatus';
import type { RunInfo } from './work/runTracker';
import type { WorkOptions, WorkStart } from './work/workFeature';
import type { GraphHandle } from './graph/graphPanel';
import type { DependencySnapshotItem } from './explorer/dependenciesView';
import type { DriftFinding } from '../core/drift/model';
import type { RerunPlan, RerunResult } from '../core/drift/rerun';
import type { PerformanceReport } from './performance';

export interface ChantApi {
  /** Resolves when the initial index is built and no file batch is pending. */
  whenIndexed(): Promise<void>;
  /** Every spec of every project, as the headless `specs --json` reports them. */
  specs(): SpecSummary[];
  /** Subscribes to index updates (one call per applied batch). */
  onDidChangeSpecs(listener: () => void): { dispose(): void };
  /** The Spec Explorer as the user sees it (labels, descriptions, icons, tooltips), recursively. */
  explorerSnapshot?(): Promise<ExplorerSnapshotItem[]>;
  /** The text of the Chant status bar summary, when shown. */
  statusBarText?(): string | undefined;
  /** New Spec in the project at `root` (runs `chant add` when the CLI is there); resolves to the new file's path. */
  newSpec?(root: string, description: string): Promise<string | undefined>;
  /** Initialize Project: `chant init --name NAME` in `folder`; resolves with chant's exit code. */
  initProject?(folder: string, name: string): Promise<number | undefined>;
  /** Add Member to the spec at `driverPath`; resolves to the new `ID.N.md` path. */
  addMember?(driverPath: string, description: string): Promise<string | undefined>;
  /** What working a spec (path or ID) would run: `chant work` argv per phase, skipped members, or why not. */
  plan?(target: string, options?: { mode?: 'phases' | 'chain' }): PlanResult;
  /** Specs running now (our terminals, live chant locks/pids) or with a stale lock. */
  runs?(): RunInfo[];
  /** Works a spec as `Chant: Work Spec` does; resolves once launched (undefined if refused), `finished` at the end. */
  work?(target: string, options?: WorkOptions): Promise<WorkStart | undefined>;
  /** The chant CLI lookup (`chant --version` verified). */
  cliStatus?(): Promise<CliStatus>;
  /** Opens the spec graph (focused on a spec ID or path when given); resolves once the webview reports its render. */
  showGraph?(target?: string): Promise<GraphHandle>;
  /** The Dependencies view as the user sees it: the spec it is about and its sections. */
  dependencyTree?(): Promise<{ spec?: string; items: DependencySnapshotItem[] }>;
  /** The drift finding of a spec (ID or path): drifted, clean, unknown, or a driver's roll-up; undefined when not checked. */
  drift?(id: string): DriftFinding | undefined;
  /** Every drift finding. */
  driftFindings?(): DriftFinding[];
  /** Resolves when the first drift check ran and no drift work is queued. */
  whenDriftChecked?(): Promise<void>;
  /** Subscribes to drift changes (one call per batch that changed a finding). */
  onDidChangeDrift?(listener: () => void): { dispose(): void };
  /** The command line Re-run would launch for a spec (ID or path), or why it refuses. */
  driftRerunPlan?(id: string): RerunResult;
  /** Whether the drift report panel is open. */
  driftReportOpen?(): boolean;
  /** Re-runs a drifted spec as the command does (asks first unless `confirm: false`); `finished` resolves with chant's exit code. */
  driftRerun?(id: string, options?: { confirm?: boolean }): Promise<{ plan: RerunPlan; finished: Promise<number | undefined> } | undefined>;
  /** Lifecycle actions through chant: which apply to a spec now, and running one (no dialogs; `by`/`reason` answer its questions). */
  lifecycle?: {
    actions(id: string): import('../core/lifecycle').LifecycleAction[];
    run(action: import('../core/lifecycle').LifecycleAction, id: string, input?: { by?: string; reason?: string; force?: boolean }): Promise<number | undefined>;
    /** Re-reads branches and logs; resolves when done. */
    refreshed(): Promise<void>;
    /** The files the last Review Changes showed. */
    lastReview(): string[];
  };
  /** The extension's own cost: activation and first-index times, event-loop stall, memory, watches. */
  performance?(): PerformanceReport;
}
