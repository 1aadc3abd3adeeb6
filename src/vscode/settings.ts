// One typed reader for every `chantSpecs.*` setting, with defaults, and a change event
// filtered to our section. Features read settings only through this.
import * as vscode from 'vscode';

export const SECTION = 'chantSpecs';

export type Grouping = 'status' | 'hierarchy';
export type DriftSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type ProblemsScope = 'openFiles' | 'activeSpecs' | 'everything';

export interface SettingsSnapshot {
  /** Path to the `chant` executable; empty means find it on PATH. */
  cliPath: string;
  /** Extra arguments appended to `chant work` (e.g. `--no-watch`). */
  workArgs: string[];
  /** How the Spec Explorer groups specs. */
  grouping: Grouping;
  /** Severity of drift diagnostics on tracked source files. */
  driftSourceSeverity: DriftSeverity;
  /** Whether archived specs take part in drift. */
  driftIncludeArchived: boolean;
  /** Most member terminals run at once when working a driver. */
  maxParallelTerminals: number;
  /** Default neighbourhood depth of the graph. */
  graphDepth: number;
  /** How deep below each workspace folder to look for `.chant/` projects. */
  discoveryDepth: number;
  /** The extension's own lint checks by code: `off`, a severity, or `default` (see lintPolicy.ts). */
  lintOwnChecks: Record<string, unknown>;
  /** Which specs' problems go to the Problems panel. */
  problemsScope: ProblemsScope;
}

const DEFAULTS: SettingsSnapshot = {
  cliPath: '',
  workArgs: [],
  grouping: 'status',
  driftSourceSeverity: 'information',
  driftIncludeArchived: false,
  maxParallelTerminals: 4,
  graphDepth: 2,
  discoveryDepth: 4,
  lintOwnChecks: {},
  problemsScope: 'activeSpecs',
};

const KEYS: Record<keyof SettingsSnapshot, string> = {
  cliPath: 'cli.path',
  workArgs: 'work.extraArgs',
  grouping: 'explorer.grouping',
  driftSourceSeverity: 'drift.sourceFileSeverity',
  driftIncludeArchived: 'drift.includeArchived',
  maxParallelTerminals: 'work.maxParallelTerminals',
  graphDepth: 'graph.depth',
  discoveryDepth: 'discovery.maxDepth',
  lintOwnChecks: 'lint.ownChecks',
  problemsScope: 'problems.scope',
};

export class Settings implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<(keyof SettingsSnapshot)[]>();
  /** Fires with the changed setting names when any `chantSpecs.*` setting changes. */
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  /**
   * Values read without a scope, until our section changes: getConfiguration builds a merged
   * view of every settings layer on each call, and the Spec Explorer reads the grouping once
   * per row (about 20 ms for the first rows of 2,000 specs).
   */
  private readonly unscoped = new Map<keyof SettingsSnapshot, unknown>();

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.unscoped.clear();
      const changed = (Object.keys(KEYS) as (keyof SettingsSnapshot)[]).filter((k) => e.affectsConfiguration(`${SECTION}.${KEYS[k]}`));
      this.emitter.fire(changed);
    });
  }

  get<K extends keyof SettingsSnapshot>(key: K, scope?: vscode.ConfigurationScope): SettingsSnapshot[K] {
    if (scope === undefined && this.unscoped.has(key)) return this.unscoped.get(key) as SettingsSnapshot[K];
    const value = normalize(key, vscode.workspace.getConfiguration(SECTION, scope).get<SettingsSnapshot[K]>(KEYS[key]));
    if (scope === undefined) this.unscoped.set(key, value);
    return value;
  }

  /** Writes a setting (workspace scope unless given). */
  async set<K extends keyof SettingsSnapshot>(key: K, value: SettingsSnapshot[K], target = vscode.ConfigurationTarget.Workspace): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(KEYS[key], value, target);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

function normalize<K extends keyof SettingsSnapshot>(key: K, value: unknown): SettingsSnapshot[K] {
  const d = DEFAULTS[key];
  if (value === undefined || value === null) return d;
  if (Array.isArray(d)) return (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : d) as SettingsSnapshot[K];
  if (typeof d === 'number') {
    const n = Number(value);
    return (Number.isFinite(n) && n >= 0 ? Math.floor(n) : d) as SettingsSnapshot[K];
  }
  if (key === 'problemsScope') return (['openFiles', 'activeSpecs', 'everything'].includes(String(value)) ? value : d) as SettingsSnapshot[K];
  if (typeof d === 'object') return (value && typeof value === 'object' && !Array.isArray(value) ? value : d) as SettingsSnapshot[K];
  return (typeof value === typeof d ? value : d) as SettingsSnapshot[K];
}
