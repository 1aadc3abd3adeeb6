// Just enough of the `vscode` module for the Spec Explorer's tree provider to run in plain node,
// so the benchmark times the real getChildren/getTreeItem code without a workbench. Bundled in
// place of `vscode` (esbuild alias) for bench/core-bench.ts only.

export class EventEmitter<T> {
  private readonly listeners = new Set<(e: T) => void>();
  readonly event = (listener: (e: T) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export enum TreeItemCollapsibleState { None = 0, Collapsed = 1, Expanded = 2 }

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  resourceUri?: unknown;
  command?: unknown;
  contextValue?: string;
  accessibilityInformation?: unknown;
  constructor(public label: string, public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None) {}
}

export class ThemeIcon {
  constructor(public id: string, public color?: ThemeColor) {}
}

export class ThemeColor {
  constructor(public id: string) {}
}

export class MarkdownString {
  supportThemeIcons = false;
  constructor(public value = '') {}
}

export class FileDecoration {
  constructor(public badge?: string, public tooltip?: string, public color?: ThemeColor) {}
}

export const Uri = {
  from: (parts: { scheme: string; path: string; query?: string }) => ({ ...parts, fsPath: parts.path }),
  file: (path: string) => ({ scheme: 'file', path, fsPath: path }),
};

export const workspace = {
  asRelativePath: (path: string) => path,
};

export const commands = {
  executeCommand: async (): Promise<undefined> => undefined,
};

export const l10n = {
  t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m)),
};

export class Disposable {
  constructor(private readonly onDispose: () => void) {}
  dispose(): void {
    this.onDispose();
  }
}
