// The Spec Explorer: every spec of every project, grouped by status or by driver hierarchy,
// live from the index. Row content comes from core/explorerModel; this file is VS Code glue.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Spec } from '../../core/model';
import {
  LARGE_GROUP_SPECS, STATUS_GROUPS, describeRow, groupStartsCollapsed, matchesFilter, parseFilter, shownTitle, sortSpecs, statusGroupOf, tooltipMarkdown,
  type SpecFilter, type StatusGroupKey,
} from '../../core/explorerModel';
import { offersWork } from '../../core/runPlan';
import type { ChantProject } from '../../core/specIndex';
import { Commands } from '../commands';
import type { ExplorerSnapshotItem } from '../api';
import type { ChantContext, DriftQuery, LifecycleQuery, RunQuery } from '../context';
import { Disposable } from '../disposable';
import type { Grouping } from '../settings';
import { FIRST_ROWS_SETTLED, markFirst } from '../firstMarks';

/** How long the first lint and drift check leave the workbench to draw the first rows it took. */
const ROWS_SETTLE_MS = 300;

export const EXPLORER_VIEW = 'chantSpecs.explorer';
const STATUS_SCHEME = 'chant-spec-status';
const GROUPING_STATE_KEY = 'chantSpecs.explorer.grouping';
const HIDE_COMPLETED_STATE_KEY = 'chantSpecs.explorer.hideCompleted';

type Node =
  | { kind: 'loading' }
  | { kind: 'project'; project: ChantProject }
  | { kind: 'group'; root: string; key: StatusGroupKey | 'archived-h'; label: string; collapsed: boolean; specs: Spec[] }
  | { kind: 'spec'; spec: Spec; parentKey: string; /** For commands invoked from the context menu. */ specPath: string };

/** A plain, serialisable picture of the tree for tests and the API. */

const TYPE_ICONS: Record<string, string> = {
  code: 'code', task: 'checklist', driver: 'type-hierarchy', group: 'type-hierarchy',
  documentation: 'book', research: 'beaker',
};

/** Badge and icon colour per derived status; labels translated when shown. The badge is a file
 *  decoration without a colour: a decoration's colour would paint the whole title. No badge
 *  looks like a button (▶ sits beside the real Work button) or like a git letter (`A`). */
const STATUS_LOOK: Record<string, { badge?: string; color?: string; label: () => string }> = {
  ready: { badge: '●', color: 'charts.green', label: () => vscode.l10n.t('ready') },
  pending: { badge: '○', label: () => vscode.l10n.t('pending') },
  blocked: { badge: '⊘', color: 'charts.orange', label: () => vscode.l10n.t('blocked') },
  in_progress: { badge: '◐', color: 'charts.blue', label: () => vscode.l10n.t('in progress') },
  running: { badge: '◐', color: 'charts.blue', label: () => vscode.l10n.t('running') },
  stale: { badge: '?', color: 'charts.yellow', label: () => vscode.l10n.t('stale lock') },
  paused: { badge: '‖', color: 'charts.yellow', label: () => vscode.l10n.t('paused') },
  completed: { badge: '✓', color: 'testing.iconPassed', label: () => vscode.l10n.t('completed') },
  failed: { badge: '✗', color: 'testing.iconFailed', label: () => vscode.l10n.t('failed') },
  needs_attention: { badge: '!', color: 'list.warningForeground', label: () => vscode.l10n.t('needs attention') },
  cancelled: { badge: '–', color: 'disabledForeground', label: () => vscode.l10n.t('cancelled') },
  invalid: { badge: '⚠', color: 'list.errorForeground', label: () => vscode.l10n.t('not loadable by chant') },
  drifted: { badge: 'Δ', color: 'list.warningForeground', label: () => vscode.l10n.t('drifted') },
  archived: { color: 'disabledForeground', label: () => vscode.l10n.t('archived') },
};

export class SpecTreeProvider extends Disposable implements vscode.TreeDataProvider<Node>, vscode.FileDecorationProvider {
  private readonly changeTree = this._register(new vscode.EventEmitter<Node | Node[] | undefined>());
  /** The spec rows handed to VS Code since the last full refresh, by spec path (to redraw just them). */
  private readonly rowsByPath = new Map<string, Map<string, Node>>();
  readonly onDidChangeTreeData = this.changeTree.event;
  private readonly changeDecorations = this._register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeFileDecorations = this.changeDecorations.event;
  private filterQuery = '';
  private filter: SpecFilter | undefined;

  constructor(private readonly ctx: ChantContext, private readonly services: { drift: DriftQuery; runs: RunQuery; lifecycle: LifecycleQuery }) {
    super();
  }

  /** The view's own choice (title buttons) wins over the setting; it lives in workspace state, not in settings.json. */
  get grouping(): Grouping {
    const chosen = this.ctx.extension.workspaceState.get<Grouping>(GROUPING_STATE_KEY);
    return chosen === 'status' || chosen === 'hierarchy' ? chosen : this.ctx.settings.get('grouping');
  }

  async setGrouping(grouping: Grouping | undefined): Promise<void> {
    await this.ctx.extension.workspaceState.update(GROUPING_STATE_KEY, grouping);
    this.refresh();
  }

  /** Hierarchy view only: completed specs left out, unless they lead to unfinished members. */
  get hideCompleted(): boolean {
    return this.ctx.extension.workspaceState.get<boolean>(HIDE_COMPLETED_STATE_KEY) === true;
  }

  async setHideCompleted(hide: boolean): Promise<void> {
    await this.ctx.extension.workspaceState.update(HIDE_COMPLETED_STATE_KEY, hide || undefined);
    this.refresh();
  }

  get filterText(): string {
    return this.filterQuery;
  }

  setFilter(query: string): void {
    this.filterQuery = query.trim();
    this.filter = parseFilter(this.filterQuery);
    this.refresh();
  }

  refresh(): void {
    this.rowsByPath.clear();
    this.changeTree.fire(undefined);
    this.changeDecorations.fire(undefined);
  }

  /** Redraws only the rows of these specs (as VS Code knows them: the same node objects). */
  refreshRows(specPaths: readonly string[]): void {
    const rows = specPaths.flatMap((p) => [...(this.rowsByPath.get(p)?.values() ?? [])]);
    if (rows.length > 0) this.changeTree.fire(rows);
  }

  /** Remembers the spec rows given to VS Code, so refreshRows can name them. */
  private remember(nodes: Node[]): Node[] {
    for (const n of nodes) {
      if (n.kind !== 'spec') continue;
      let rows = this.rowsByPath.get(n.specPath);
      if (!rows) this.rowsByPath.set(n.specPath, (rows = new Map()));
      rows.set(n.parentKey, n); // one row per place, as the row's ID says (a newer node replaces it)
    }
    return nodes;
  }

  private rowsMarked = false;

  /**
   * Marks the first rows answered; then `explorer.rowsReceived` once the workbench has taken them
   * (a setContext goes after the rows on the same ordered channel, so its answer means they
   * arrived); then `explorer.rowsSettled` ROWS_SETTLE_MS later, which the first lint and drift
   * check wait for. The workbench draws the rows in a later frame: at 2,000 specs, the problems
   * and git processes that followed the rows at once held that frame up by about a second.
   */
  private markRows(): void {
    markFirst('explorer.rows');
    if (this.rowsMarked) return;
    this.rowsMarked = true;
    setTimeout(() => {
      void Promise.resolve(vscode.commands.executeCommand('setContext', 'chantSpecs.explorerRowsShown', true)).finally(() => {
        markFirst('explorer.rowsReceived');
        setTimeout(() => markFirst(FIRST_ROWS_SETTLED), ROWS_SETTLE_MS);
      });
    }, 0);
  }

  // --- tree ---

  getChildren(node?: Node): Node[] {
    return this.remember(this.childrenOf(node));
  }

  private childrenOf(node?: Node): Node[] {
    const index = this.ctx.indexService.index;
    if (!node) {
      const projects = index.projects();
      // While the first index builds: one row that says so (the welcome text waits for the result).
      if (projects.length === 0) {
        if (!this.ctx.indexService.busy) return [];
        markFirst('explorer.progressRow');
        return [{ kind: 'loading' }];
      }
      if (!this.ctx.indexService.busy) this.markRows();
      if (projects.length > 1) {
        const all = projects.map((project): Node => ({ kind: 'project', project }));
        // Under a filter, a project with nothing to show is left out rather than shown empty.
        return this.narrowed ? all.filter((p) => p.kind === 'project' && this.projectChildren(p.project.root).length > 0) : all;
      }
      return this.projectChildren(projects[0].root);
    }
    if (node.kind === 'loading') return [];
    if (node.kind === 'project') return this.projectChildren(node.project.root);
    if (node.kind === 'group') return node.specs.map((spec) => ({ kind: 'spec', spec, parentKey: node.key, specPath: spec.path }));
    if (this.grouping === 'hierarchy' && !node.spec.archived) return this.childSpecs(node.spec, node.parentKey);
    return [];
  }

  getParent(): undefined {
    return undefined;
  }

  /** Whether some specs are left out (a filter, or completed ones in the hierarchy). */
  private get narrowed(): boolean {
    return !!this.filter || (this.grouping === 'hierarchy' && this.hideCompleted);
  }

  private visible(spec: Spec): boolean {
    const rel = this.ctx.indexService.index.relationsOf(spec);
    if (rel.status === 'completed' && !spec.archived && this.grouping === 'hierarchy' && this.hideCompleted
      && !this.services.drift.summaryOf(spec.path)) return false;
    return matchesFilter(spec, rel.status, this.filter, rel.ready);
  }

  private projectChildren(root: string): Node[] {
    const index = this.ctx.indexService.index;
    const specs = sortSpecs(index.specsOf(root).filter((s) => !index.relationsOf(s).duplicateOf || s.archived));
    if (this.grouping === 'hierarchy') {
      const top: Node[] = [];
      const archived: Spec[] = [];
      for (const spec of specs) {
        if (spec.archived) {
          if (this.visible(spec)) archived.push(spec);
          continue;
        }
        if (index.relationsOf(spec).parent) continue;
        if (this.visible(spec) || this.hasVisibleDescendant(spec)) top.push({ kind: 'spec', spec, parentKey: 'h', specPath: spec.path });
      }
      if (archived.length) top.push({ kind: 'group', root, key: 'archived-h', label: vscode.l10n.t('Archived'), collapsed: true, specs: archived });
      return top;
    }
    const groups = new Map<StatusGroupKey, Spec[]>();
    const drift = this.services.drift;
    const runs = this.services.runs;
    for (const spec of specs) {
      if (!this.visible(spec)) continue;
      const key = statusGroupOf(index, spec, drift, runs);
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(spec);
    }
    return STATUS_GROUPS.filter((g) => groups.has(g.key)).map((g) => ({
      kind: 'group', root, key: g.key, label: g.label, collapsed: groupStartsCollapsed(g, groups.get(g.key)!.length), specs: groups.get(g.key)!,
    }));
  }

  private childSpecs(spec: Spec, parentKey: string): Node[] {
    const index = this.ctx.indexService.index;
    return index.relationsOf(spec).children
      .map((id) => index.byId(spec.root, id))
      .filter((s): s is Spec => !!s && (this.visible(s) || this.hasVisibleDescendant(s)))
      .map((s) => ({ kind: 'spec', spec: s, parentKey, specPath: s.path }));
  }

  private hasVisibleDescendant(spec: Spec): boolean {
    if (!this.narrowed) return false;
    const index = this.ctx.indexService.index;
    return index.relationsOf(spec).members.some((id) => {
      const m = index.byId(spec.root, id);
      return !!m && this.visible(m);
    });
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const index = this.ctx.indexService.index;
    if (node.kind === 'loading') {
      const item = new vscode.TreeItem(vscode.l10n.t('Reading specs…'), vscode.TreeItemCollapsibleState.None);
      item.id = 'loading';
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.contextValue = 'loading';
      return item;
    }
    if (node.kind === 'project') {
      const item = new vscode.TreeItem(node.project.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `project:${node.project.root}`;
      item.description = projectPlace(node.project.root);
      item.iconPath = new vscode.ThemeIcon('repo');
      item.contextValue = 'project';
      item.tooltip = node.project.root;
      return item;
    }
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, node.collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      // A group that grows past the large-group size gets a new ID, so VS Code applies its
      // collapsed start instead of the open state it kept from an earlier, smaller render
      // (the first rows come while the index is still filling in).
      item.id = `group:${node.root}:${node.key}:${this.grouping}${node.specs.length > LARGE_GROUP_SPECS ? ':large' : ''}`;
      item.description = String(node.specs.length);
      item.contextValue = `group.${node.key}`;
      item.iconPath = new vscode.ThemeIcon(groupIcon(node.key));
      if (node.key === 'ready') {
        item.tooltip = vscode.l10n.t('What `chant list --ready` lists: pending or failed specs whose dependencies are completed (a cancelled one blocks there), earlier members done, not awaiting approval. `chant work` may still refuse one (the row says why).');
      }
      return item;
    }
    const spec = node.spec;
    const rel = index.relationsOf(spec);
    const drift = this.services.drift;
    const runs = this.services.runs;
    const hasChildren = this.grouping === 'hierarchy' && !spec.archived && rel.children.length > 0
      && (!this.narrowed || this.childSpecs(spec, node.parentKey).length > 0);
    const title = shownTitle(index, spec) ?? spec.id;
    // Drivers start open, but not in a large project: VS Code would fetch every member first.
    const open = index.specCountOf(spec.root) <= LARGE_GROUP_SPECS;
    const item = new vscode.TreeItem(title, !hasChildren ? vscode.TreeItemCollapsibleState.None
      : open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `spec:${spec.path}:${node.parentKey}:${this.grouping}${open ? '' : ':large'}`; // as for groups: a new start when the project grows large
    item.description = describeRow(index, spec, drift, runs, this.grouping === 'status' && node.parentKey !== 'archived-h' ? node.parentKey as StatusGroupKey : undefined);
    // The tooltip (every dependency's status, problems…) is built on hover: resolveTreeItem.
    const look = this.lookOf(spec);
    item.iconPath = new vscode.ThemeIcon(rel.status === 'invalid' ? 'error' : TYPE_ICONS[spec.type] ?? 'file', look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.resourceUri = vscode.Uri.from({ scheme: STATUS_SCHEME, path: spec.path, query: this.lookKey(spec) });
    item.command = { command: Commands.openSpec, title: vscode.l10n.t('Open Spec'), arguments: [spec.path] };
    item.contextValue = contextValueOf(spec, rel, this.lookKey(spec), this.services.lifecycle);
    if (this.services.lifecycle.awaitingMerge(spec)) item.description = [vscode.l10n.t('awaiting merge'), item.description].filter(Boolean).join(' · ');
    item.accessibilityInformation = { label: `${title}, ${look.label()}, ${item.description}` };
    return item;
  }

  /** Builds a row's tooltip only when the user hovers it: thousands of rows never need one. */
  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (node.kind !== 'spec' || item.tooltip) return item;
    const tooltip = new vscode.MarkdownString(tooltipMarkdown(this.ctx.indexService.index, node.spec, this.services.drift, this.services.runs));
    tooltip.supportThemeIcons = false;
    item.tooltip = tooltip;
    return item;
  }

  private lookKey(spec: Spec): string {
    const index = this.ctx.indexService.index;
    const rel = index.relationsOf(spec);
    if (spec.archived) return rel.status === 'invalid' ? 'invalid' : this.services.drift.summaryOf(spec.path) ? 'drifted' : 'archived';
    const run = this.services.runs.stateOf(spec.root, spec.id);
    if (run) return run;
    if (rel.status === 'completed' && this.services.drift.summaryOf(spec.path)) return 'drifted';
    // A failed spec chant would retry keeps its failure colour; the description says "ready".
    if (rel.ready && rel.status !== 'failed') return 'ready';
    return rel.status;
  }

  private lookOf(spec: Spec) {
    return STATUS_LOOK[this.lookKey(spec)] ?? STATUS_LOOK.pending;
  }

  // --- decorations: a status badge and colour on each row ---

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== STATUS_SCHEME) return undefined;
    const look = STATUS_LOOK[uri.query];
    if (!look) return undefined;
    return new vscode.FileDecoration(look.badge, look.label());
  }

  /** The rendered tree as plain data (what a user sees), for tests and the API. */
  async snapshot(node?: Node, depth = 0): Promise<ExplorerSnapshotItem[]> {
    const out: ExplorerSnapshotItem[] = [];
    for (const child of this.childrenOf(node)) {
      const item = this.resolveTreeItem(this.getTreeItem(child), child);
      const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
      const snap: ExplorerSnapshotItem = {
        label,
        description: typeof item.description === 'string' ? item.description : undefined,
        tooltip: item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : typeof item.tooltip === 'string' ? item.tooltip : undefined,
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
        contextValue: item.contextValue,
        specPath: child.kind === 'spec' ? child.spec.path : undefined,
        collapsed: item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed,
      };
      const decoration = item.resourceUri && this.provideFileDecoration(item.resourceUri);
      if (decoration) {
        snap.badge = decoration.badge;
        snap.coloursTitle = decoration.color !== undefined;
      }
      if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None && depth < 8) snap.children = await this.snapshot(child, depth + 1);
      out.push(snap);
    }
    return out;
  }
}

/** Where a project lives, relative to its workspace folder: the folder's name for a project at a
 *  folder's root (never an absolute path), `name/sub/dir` in a multi-root workspace. */
function projectPlace(root: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root));
  if (!folder) return root;
  const rel = path.relative(folder.uri.fsPath, root).split(path.sep).join('/');
  if (!rel) return folder.name;
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}/${rel}` : rel;
}

function groupIcon(key: string): string {
  switch (key) {
    case 'ready': return 'play-circle';
    case 'in_progress': return 'sync';
    case 'blocked': return 'circle-slash';
    case 'pending': return 'circle-large-outline';
    case 'attention': return 'warning';
    case 'invalid': return 'error';
    case 'completed': return 'pass';
    case 'cancelled': return 'close';
    case 'drifted': return 'diff';
    default: return 'archive';
  }
}

function contextValueOf(spec: Spec, rel: ReturnType<ChantContext['indexService']['index']['relationsOf']>, look: string, lifecycle: LifecycleQuery): string {
  const flags = ['spec', `type-${spec.type}`, `status-${rel.status}`, look];
  // `can-merge`, `can-approve`…: the lifecycle actions chant accepts now (menus test these).
  for (const a of lifecycle.actionsOf(spec)) flags.push(`can-${a}`);
  if (lifecycle.awaitingMerge(spec)) flags.push('awaiting-merge');
  if (rel.members.length > 0 || spec.type === 'driver' || spec.type === 'group') flags.push('driver');
  if (rel.driver || rel.orphan) flags.push('member');
  if (spec.archived) flags.push('archived');
  if (rel.ready) flags.push('ready');
  if (!spec.archived && offersWork(rel.status, rel.memberProgress)) flags.push('workable');
  return flags.join(' ');
}
