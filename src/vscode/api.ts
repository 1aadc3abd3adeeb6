// The public API returned by activate(): for tests and other extensions.
import type { SpecSummary } from '../core/specIndex';
import type { ExplorerSnapshotItem } from './specTree';

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
}
