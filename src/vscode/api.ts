// The public API returned by activate(): for tests and other extensions. Its types are defined
// here (features import them from this file); it depends only on core types and the webview
// protocol. The object itself is assembled in one place, the composition root (src/extension.ts).
import type { SpecSummary } from '../core/specIndex';
import type { PlanResult, RunPlan } from '../core/runPlan';
import type { CliStatus } from '../core/cliStatus';
import type { RunState } from '../core/runState';
import type { ChantRefusal } from '../core/chantOutput';
import type { DriftFinding } from '../core/drift/model';
import type { RerunPlan, RerunResult } from '../core/drift/rerun';
import type { LifecycleAction } from '../core/lifecycle';
import type { GraphViewOptions, RenderedMessage } from '../webview/protocol';
import type { StatusToggleState } from '../webview/testProtocol';

export interface ChantApi {
  /** Resolves when the initial index is built and no file batch is pending. */
  whenIndexed(): Promise<void>;
  /** Every spec of every project, as the headless `specs --json` reports them. */
  specs(): SpecSummary[];
  /** Subscribes to index updates (one call per applied batch). */
  onDidChangeSpecs(listener: () => void): { dispose(): void };
  /** The Spec Explorer as the user sees it (labels, descriptions, icons, tooltips), recursively. */
  explorerSnapshot(): Promise<ExplorerSnapshotItem[]>;
  /** The text of the Chant status bar summary, when shown. */
  statusBarText(): string | undefined;
  /** The status bar item's hover (markdown), once the first rows were drawn. */
  statusBarTooltip?(): string | undefined;
  /** New Spec in the project at `root` (runs `chant add` when the CLI is there); resolves to the new file's path. */
  newSpec(root: string, description: string): Promise<string | undefined>;
  /** Initialize Project: `chant init --name NAME` in `folder`; resolves with chant's exit code. */
  initProject(folder: string, name: string): Promise<number | undefined>;
  /** Add Member to the spec at `driverPath`; resolves to the new `ID.N.md` path. */
  addMember(driverPath: string, description: string): Promise<string | undefined>;
  /** What working a spec (path or ID) would run: `chant work` argv per phase, skipped members, or why not. */
  plan(target: string, options?: { mode?: 'phases' | 'chain' }): PlanResult;
  /** Specs running now (our terminals, live chant locks/pids) or with a stale lock. */
  runs(): RunInfo[];
  /** Works a spec as `Chant: Work Spec` does; resolves once launched (undefined if refused), `finished` at the end. */
  work(target: string, options?: WorkOptions): Promise<WorkStart | undefined>;
  /** The chant CLI lookup (`chant --version` verified). */
  cliStatus(): Promise<CliStatus>;
  /** Opens the spec graph (focused on a spec ID or path when given); resolves once the webview reports its render. */
  showGraph(target?: string): Promise<GraphHandle>;
  /** The Dependencies view as the user sees it: the spec it is about and its sections. */
  dependencyTree(): Promise<{ spec?: string; items: DependencySnapshotItem[] }>;
  /** The drift finding of a spec (ID or path): drifted, clean, unknown, or a driver's roll-up; undefined when not checked. */
  drift(id: string): DriftFinding | undefined;
  /** Every drift finding. */
  driftFindings(): DriftFinding[];
  /** Resolves when the first drift check ran and no drift work is queued. */
  whenDriftChecked(): Promise<void>;
  /** Subscribes to drift changes (one call per batch that changed a finding). */
  onDidChangeDrift(listener: () => void): { dispose(): void };
  /** The command line Re-run would launch for a spec (ID or path), or why it refuses. */
  driftRerunPlan(id: string): RerunResult;
  /** Whether the drift report panel is open. */
  driftReportOpen(): boolean;
  /** Re-runs a drifted spec as the command does (asks first unless `confirm: false`); `finished` resolves with chant's exit code. */
  driftRerun(id: string, options?: { confirm?: boolean }): Promise<{ plan: RerunPlan; finished: Promise<number | undefined> } | undefined>;
  /** Lifecycle actions through chant: which apply to a spec now, and running one (no dialogs; `by`/`reason` answer its questions). */
  lifecycle: LifecycleApi;
  /** The extension's own cost: activation and first-index times, event-loop stall, memory, watches. */
  performance(): PerformanceReport;
}

export interface LifecycleApi {
  actions(id: string): LifecycleAction[];
  run(action: LifecycleAction, id: string, input?: { by?: string; reason?: string; force?: boolean }): Promise<number | undefined>;
  /** Re-reads branches and logs; resolves when done. */
  refreshed(): Promise<void>;
  /** The files the last Review Changes showed. */
  lastReview(): string[];
}

/** One row of `explorerSnapshot()`: what the Spec Explorer shows. */
export interface ExplorerSnapshotItem {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  contextValue?: string;
  /** The status badge beside the title, and whether the decoration colours the title. */
  badge?: string;
  coloursTitle?: boolean;
  specPath?: string;
  collapsed?: boolean;
  children?: ExplorerSnapshotItem[];
}

/** One row of `dependencyTree()`. */
export interface DependencySnapshotItem {
  label: string;
  description?: string;
  children?: DependencySnapshotItem[];
}

/** One entry of `runs()`. */
export interface RunInfo {
  root: string;
  id: string;
  state: RunState;
  /** `terminal`: started by this extension; `marker`: chant's lock/pid files say so. */
  source: 'terminal' | 'marker';
  pid?: number;
}

/** Options a scripted caller (tests, other extensions) may pass after the target. */
export interface WorkOptions {
  /** `phases` (default) or `chain` for a driver. */
  mode?: 'phases' | 'chain';
  /** `false` skips the plan confirmation (dialogs cannot be answered in tests). */
  confirm?: boolean;
  /** Flags for this run only, e.g. the `--skip-criteria` chant offered after refusing (the user chose it). */
  flags?: string[];
}

/** A launched run: its plan, and the outcome once every terminal reported. */
export interface WorkStart {
  plan: RunPlan;
  finished: Promise<WorkOutcome>;
}

/** How one `chant work` ended: `code` undefined when it never started. */
export interface StepResult {
  id: string;
  code: number | undefined;
  note?: string;
  /** chant's reason when it refused or failed, and the option it names that proceeds. */
  refusal?: ChantRefusal;
  /** chant's output (the tail), for messages. */
  output?: string;
  /** The arguments chant ran with (after the program). */
  args?: string[];
}

export interface WorkOutcome {
  plan: RunPlan;
  ok: boolean;
  /** Steps in the order they ended. */
  results: StepResult[];
  /** The first step that did not exit 0. */
  failed?: StepResult;
  /** Steps never started because of the failure. */
  notStarted: string[];
}

/** What the webview reported after drawing, with what the host asked it to draw. */
export interface GraphRenderReport extends Omit<RenderedMessage, 'picture'> {
  caption: string;
  notices: string[];
  cycles: string[][];
  /** Nodes in the graph the host sent (the webview's `nodeCount` is what it found in the SVG). */
  graphNodes: number;
  graphEdges: number;
  focus?: string;
}

/** A handle on the open graph panel, for tests and other extensions. */
export interface GraphHandle {
  /** The latest render report. */
  readonly report: GraphRenderReport;
  /** Resolves with the next render the webview reports (live update, theme switch, options). */
  nextRender(timeoutMs?: number): Promise<GraphRenderReport>;
  /** The mermaid text last sent to the webview. */
  mermaid(): string;
  /** The drawn nodes: mermaid ID, spec ID and spec path (spec nodes only). */
  nodes(): { nodeId: string; specId: string; path?: string; kind: string }[];
  /**
   * Asks the webview to click the rendered node of `specId` through its own click handler; false
   * when not drawn. Test builds only (the packaged webview has no test channel): rejects otherwise.
   */
  clickNode(specId: string): Promise<boolean>;
  /** Clicks the toolbar's toggle for `status` (`undefined`: "Any status") as a user would; false when not shown. Test builds only. */
  clickStatusToggle(status: string | undefined): Promise<boolean>;
  /** The status toggles as the webview's toolbar shows them. Test builds only. */
  statusToggles(): Promise<StatusToggleState[]>;
  /** Changes the panel's options as the toolbar does and resolves with the resulting render. */
  setOptions(change: Partial<GraphViewOptions>): Promise<GraphRenderReport>;
  /** Writes the rendered SVG to `file`. */
  exportSvg(file: string): Promise<void>;
  /** Each time the page said it was ready: the seq of the render it already had (0: none) and of the last one posted by then. */
  pageLoads(): { seen: number; posted: number }[];
  readonly disposed: boolean;
}

export interface PerformanceReport {
  /** Time inside activate() (this feature is registered last). */
  activateMs: number;
  /** From the start of activate() until the first index was built; undefined while indexing. */
  indexMs?: number;
  /** Longest event-loop delay from the start of activate() until the first index was built. */
  maxStallMs?: number;
  /** From the start of activate() until the first drift check was done; undefined before. */
  driftMs?: number;
  specs: number;
  projects: number;
  /** The `.chant/` folders the index watches. */
  watchedRoots: string[];
  memory: NodeJS.MemoryUsage;
  /** inotify watches held by the extension host process (Linux only). */
  inotifyWatches?: number;
  /** Wall-clock ms (Date.now() scale) when activate() started, and of the first index. */
  activationStartedAt: number;
  indexReadyAt?: number;
  /** Wall-clock ms of the first time each mark was reached (see markFirst). */
  marks: Record<string, number>;
}
