// The "Dependencies" view: what the selected spec depends on and what depends on it, its driver,
// members and implicit member order, and why it is blocked. The graph's accessible alternative:
// plain tree items a screen reader and the keyboard handle well. Follows the active editor.
import * as vscode from 'vscode';
import { orderPredecessors, shownStatus } from '../../core/graph';
import type { Spec } from '../../core/model';
import { shortId } from '../../core/ids';
import { describeBlockReason } from '../../core/specIndex';
import { Commands } from '../commands';
import type { DependencySnapshotItem } from '../api';
import type { ChantContext, Feature } from '../context';
import { DisposableStore } from '../disposable';
import { specFromArg } from '../specArgs';
import { showInformation } from '../notifications';

export const DEPENDENCIES_VIEW = 'chantSpecs.dependencies';

type Direction = 'dependsOn' | 'dependents' | 'members';

type DepNode =
  | { kind: 'section'; label: string; icon: string; items: DepNode[] }
  | { kind: 'spec'; spec: Spec; direction?: Direction; /** Paths above it, to stop at cycles. */ ancestors: string[]; cycle: boolean; specPath: string }
  | { kind: 'missing'; id: string; state: string }
  | { kind: 'reason'; text: string };

/** A plain picture of the tree for tests and the API. */

const STATUS_ICON: Record<string, [string, string?]> = {
  ready: ['play-circle', 'charts.green'],
  pending: ['circle-large-outline'],
  blocked: ['circle-slash', 'charts.orange'],
  in_progress: ['sync', 'charts.blue'],
  paused: ['debug-pause', 'charts.yellow'],
  completed: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  needs_attention: ['warning', 'list.warningForeground'],
  cancelled: ['close', 'disabledForeground'],
  invalid: ['warning', 'list.errorForeground'],
  archived: ['archive', 'disabledForeground'],
};

class DependenciesProvider implements vscode.TreeDataProvider<DepNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<DepNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** Path of the spec the view is about. */
  rootPath: string | undefined;

  constructor(private readonly ctx: ChantContext) {}

  private get index() {
    return this.ctx.indexService.index;
  }

  rootSpec(): Spec | undefined {
    return this.rootPath ? this.index.byPath(this.rootPath) : undefined;
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  /** The active spec with this ID in the same project, else the archived one. */
  private lookup(root: string, id: string): Spec | undefined {
    return this.index.byId(root, id);
  }

  private specNode(spec: Spec, direction: Direction | undefined, ancestors: string[]): DepNode {
    return { kind: 'spec', spec, direction, ancestors, cycle: ancestors.includes(spec.path), specPath: spec.path };
  }

  private related(spec: Spec, direction: Direction, ancestors: string[]): DepNode[] {
    const rel = this.index.relationsOf(spec);
    const next = [...ancestors, spec.path];
    const out: DepNode[] = [];
    const ids = direction === 'dependsOn' ? spec.dependsOn.map((d) => d.value) : direction === 'dependents' ? rel.dependents : rel.children;
    for (const id of ids) {
      const other = this.lookup(spec.root, id);
      if (other) out.push(this.specNode(other, direction, next));
      else out.push({ kind: 'missing', id, state: id.includes(':') ? vscode.l10n.t('cross-repo dependency') : vscode.l10n.t('not an active spec') });
    }
    return out;
  }

  getChildren(node?: DepNode): DepNode[] {
    if (!node) {
      const spec = this.rootSpec();
      if (!spec) return [];
      const rel = this.index.relationsOf(spec);
      const sections: DepNode[] = [];
      // `label` formats the section title with its item count (one whole, translatable string).
      const add = (label: (count: number) => string, icon: string, items: DepNode[]) => {
        if (items.length > 0) sections.push({ kind: 'section', label: label(items.length), icon, items });
      };
      add((n) => vscode.l10n.t('Depends on ({0})', n), 'arrow-left', this.related(spec, 'dependsOn', []));
      add((n) => vscode.l10n.t('Required by ({0})', n), 'arrow-right', this.related(spec, 'dependents', []));
      const driver = rel.parent ? this.lookup(spec.root, rel.parent) : undefined;
      if (driver) add((n) => vscode.l10n.t('Driver ({0})', n), 'type-hierarchy-super', [this.specNode(driver, undefined, [spec.path])]);
      add((n) => vscode.l10n.t('Members ({0})', n), 'type-hierarchy-sub', this.related(spec, 'members', []));
      const active = new Map(this.index.specsOf(spec.root).filter((s) => !s.archived).map((s) => [s.id, s] as const));
      add((n) => vscode.l10n.t('Waits for (member order) ({0})', n), 'list-ordered', orderPredecessors(spec, active).map((id) => this.specNode(active.get(id)!, undefined, [spec.path])));
      add((n) => vscode.l10n.t('Blocked because ({0})', n), 'circle-slash', rel.blockedBy.map((r) => ({ kind: 'reason', text: describeBlockReason(r) })));
      const extra = rel.workBlockedBy.filter((r) => r.kind !== 'dependency' || !rel.blockedBy.some((b) => b.kind === 'dependency' && b.id === r.id));
      add((n) => vscode.l10n.t('chant work would refuse because ({0})', n), 'debug-stop', extra.map((r) => ({ kind: 'reason', text: describeBlockReason(r) })));
      return sections;
    }
    if (node.kind === 'section') return node.items;
    if (node.kind === 'spec' && node.direction && !node.cycle) return this.related(node.spec, node.direction, node.ancestors);
    return [];
  }

  getTreeItem(node: DepNode): vscode.TreeItem {
    switch (node.kind) {
      case 'section': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.contextValue = 'dependencySection';
        return item;
      }
      case 'reason': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = node.text;
        return item;
      }
      case 'missing': {
        const item = new vscode.TreeItem(node.id, vscode.TreeItemCollapsibleState.None);
        item.description = node.state;
        item.iconPath = new vscode.ThemeIcon('question', new vscode.ThemeColor('list.errorForeground'));
        item.tooltip = vscode.l10n.t('{0}: {1}. It blocks every spec that depends on it.', node.id, node.state);
        return item;
      }
      case 'spec': {
        const spec = node.spec;
        const rel = this.index.relationsOf(spec);
        const status = spec.archived ? 'archived' : shownStatus(rel);
        const expandable = !!node.direction && !node.cycle && this.related(spec, node.direction, node.ancestors).length > 0;
        const item = new vscode.TreeItem(spec.title || spec.id, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = node.cycle
          ? vscode.l10n.t('{0} · {1} · cycle', shortId(spec.id), status.replace(/_/g, ' '))
          : `${shortId(spec.id)} · ${status.replace(/_/g, ' ')}`;
        const [icon, color] = STATUS_ICON[status] ?? ['circle-large-outline'];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        const lines = [spec.title ?? spec.id, `${spec.id} · ${spec.type}`, vscode.l10n.t('Status: {0}', status.replace(/_/g, ' '))];
        if (rel.blockedBy.length) lines.push(vscode.l10n.t('Blocked by: {0}', rel.blockedBy.map(describeBlockReason).join('; ')));
        if (node.cycle) lines.push(vscode.l10n.t('Already shown above: a dependency cycle.'));
        item.tooltip = lines.join('\n');
        item.accessibilityInformation = {
          label: node.cycle
            ? vscode.l10n.t('{0}, {1}, {2}, cycle', spec.title ?? spec.id, spec.id, status.replace(/_/g, ' '))
            : `${spec.title ?? spec.id}, ${spec.id}, ${status.replace(/_/g, ' ')}`,
        };
        item.resourceUri = vscode.Uri.file(spec.path);
        item.contextValue = `spec dependency type-${spec.type} status-${rel.status}${spec.archived ? ' archived' : ''}`;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Spec'), arguments: [vscode.Uri.file(spec.path), { preview: true }] };
        return item;
      }
    }
  }

  async snapshot(node?: DepNode, depth = 0): Promise<DependencySnapshotItem[]> {
    const out: DependencySnapshotItem[] = [];
    for (const child of this.getChildren(node)) {
      const item = this.getTreeItem(child);
      const snap: DependencySnapshotItem = {
        label: typeof item.label === 'string' ? item.label : item.label?.label ?? '',
        description: typeof item.description === 'string' ? item.description : undefined,
      };
      if (item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded && depth < 4) snap.children = await this.snapshot(child, depth + 1);
      out.push(snap);
    }
    return out;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export function registerDependenciesView(ctx: ChantContext): Feature<'dependencyTree'> {
  const disposables = new DisposableStore();
  const provider = disposables.add(new DependenciesProvider(ctx));
  const view = disposables.add(vscode.window.createTreeView(DEPENDENCIES_VIEW, { treeDataProvider: provider, showCollapseAll: true }));

  const describe = () => {
    const spec = provider.rootSpec();
    view.description = spec ? shortId(spec.id) : undefined;
    view.message = spec
      ? `${spec.title ?? spec.id} (${spec.id})`
      : vscode.l10n.t('Open a spec, or choose Show Dependencies on one, to see what it depends on and what depends on it.');
  };
  const setRoot = (spec: Spec | undefined) => {
    if (spec?.path === provider.rootPath) return;
    provider.rootPath = spec?.path;
    describe();
    provider.refresh();
  };
  const follow = (editor: vscode.TextEditor | undefined) => {
    if (!editor || editor.document.uri.scheme !== 'file') return;
    const spec = ctx.indexService.index.byPath(editor.document.uri.fsPath);
    if (spec) setRoot(spec);
  };
  describe();
  void ctx.indexService.whenIdle().then(() => follow(vscode.window.activeTextEditor));

  disposables.push(
    vscode.window.onDidChangeActiveTextEditor(follow),
    ctx.indexService.onDidChange(() => {
      if (provider.rootPath && !provider.rootSpec()) provider.rootPath = undefined;
      describe();
      provider.refresh();
    }),
    vscode.commands.registerCommand(Commands.showDependencies, async (arg?: unknown) => {
      await ctx.indexService.whenIdle();
      const spec = specFromArg(ctx.indexService.index, arg);
      if (!spec) {
        void showInformation(vscode.l10n.t('Open a spec or pick one in the Spec Explorer first.'));
        return;
      }
      setRoot(spec);
      await vscode.commands.executeCommand(`${DEPENDENCIES_VIEW}.focus`);
    }),
  );
  return Object.assign(disposables, {
    api: { dependencyTree: async () => ({ spec: provider.rootSpec()?.id, items: await provider.snapshot() }) },
  });
}
