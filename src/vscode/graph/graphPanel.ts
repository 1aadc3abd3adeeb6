// The spec graph panel: a webview with the mermaid graph of one project, focused on a spec's
// neighbourhood or showing the whole project. It follows the active editor's spec unless pinned,
// re-renders once per index batch, opens specs on click, exports SVG and survives reloads.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Spec } from '../../core/model';
import { graphShape, MERMAID_LIMITS } from '../../core/graph';
import { PictureStore } from '../../node/pictureStore';
import {
  DEFAULT_VIEW_OPTIONS, GRAPH_VIEW_TYPE, parsePicture, parseWebviewMessage, sanitizeOptions,
  type GraphPicture, type GraphViewOptions, type HostMessage, type PersistedGraphState, type RenderedMessage, type RenderMessage, type WebviewMessage,
} from '../../webview/protocol';
import { parseTestReply, type StatusToggleState, type TestHostMessage, type TestWebviewMessage } from '../../webview/testProtocol';
import { Commands } from '../commands';
import type { GraphHandle, GraphRenderReport } from '../api';
import type { ChantContext, DriftQuery, Feature } from '../context';
import { DisposableStore } from '../disposable';
import type { ChantServices } from '../services';
import { buildGraphView, type GraphView } from './graphView';
import { graphHtml } from './graphHtml';
import { specFromArg } from '../specArgs';
import { showInformation, showWarning, showError } from '../notifications';



const REPLY_TIMEOUT_MS = 15_000;

const noTestChannel = () => new Error('this build has no test channel to the graph view');

function nonce(): string {
  return randomBytes(18).toString('base64');
}

class GraphPanel implements vscode.Disposable {
  private options: GraphViewOptions;
  private focusPath: string | undefined;
  private view: GraphView | undefined;
  private lastSent: RenderMessage | undefined;
  private lastSignature = '';
  /** Sequence of render messages (echoed in `rendered`). */
  private renderSeq = 0;
  /** Sequence of request messages (echoed in their replies). */
  private requestSeq = 0;
  private webviewReady = false;
  private dirty = false;
  private lastReport: GraphRenderReport | undefined;
  /** Each `ready` of the page: the render it had, and the last one posted by then. */
  private readonly pageLoads: { seen: number; posted: number }[] = [];
  private readonly renderWaiters: { minSeq: number; resolve: (r: GraphRenderReport) => void }[] = [];
  private readonly replies = new Map<number, (m: WebviewMessage | TestWebviewMessage) => void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  disposed = false;

  constructor(
    private readonly ctx: ChantContext, private readonly drift: DriftQuery, private readonly pictures: PictureStore<GraphPicture>,
    readonly panel: vscode.WebviewPanel, state?: PersistedGraphState,
  ) {
    this.options = state?.options ? sanitizeOptions(state.options) : { ...DEFAULT_VIEW_OPTIONS, depth: Math.max(1, ctx.settings.get('graphDepth')) };
    this.focusPath = typeof state?.focusPath === 'string' ? state.focusPath : undefined;
    const ext = ctx.extension.extensionUri;
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(ext, 'dist', 'webview'), vscode.Uri.joinPath(ext, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(ext, 'media', 'chant.svg');
    const webviewFile = (...parts: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'webview', ...parts)).toString();
    panel.webview.html = graphHtml({
      cspSource: panel.webview.cspSource,
      nonce: nonce(),
      scriptUri: webviewFile('graph.js'),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(ext, 'media', 'graph.css')).toString(),
      l10nBundle: vscode.l10n.bundle,
    });
    // VS Code holds what is posted until the page has loaded: the first render travels with the
    // page instead of after its `ready` (which then says whether it arrived).
    this.webviewReady = panel.visible;
    let wasVisible = panel.visible;
    this.disposables.push(
      this.disposeEmitter,
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        const shown = panel.visible && !wasVisible;
        wasVisible = panel.visible;
        // Shown again, the page loads anew (no retained context): it gets the graph as it loads.
        if (shown) {
          this.webviewReady = true;
          this.lastSignature = '';
          this.update(true, true);
        } else if (panel.visible && this.dirty) this.update(true);
      }),
      ctx.indexService.onDidChange(() => this.update(true)),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.followEditor(editor)),
      drift.onDidChange(() => this.update(true)),
    );
    this.updateTitle();
  }

  // -------------------------------------------------------------------------------------------
  // What to show

  private get index() {
    return this.ctx.indexService.index;
  }

  private focusSpec(): Spec | undefined {
    const s = this.focusPath ? this.index.byPath(this.focusPath) : undefined;
    return s && !s.archived ? s : undefined;
  }

  private projectRoot(): string | undefined {
    const focus = this.focusSpec();
    if (focus) return focus.root;
    const active = vscode.window.activeTextEditor?.document.uri.fsPath;
    const activeRoot = active ? this.index.rootOf(active) : undefined;
    return activeRoot ?? this.index.projects()[0]?.root;
  }

  /**
   * Focuses `spec` (keeps the current focus when undefined), switching to the neighbourhood view
   * when a spec is given. Returns the seq of the render that will show it.
   */
  focusOn(spec: Spec | undefined): number {
    if (spec) {
      this.focusPath = spec.path;
      this.options = { ...this.options, mode: 'focus' };
    }
    this.updateTitle();
    return this.update(false, true) ? this.renderSeq : this.renderSeq + 1;
  }

  private followEditor(editor: vscode.TextEditor | undefined): void {
    if (this.options.pinned || !editor || editor.document.uri.scheme !== 'file') return;
    const spec = this.index.byPath(editor.document.uri.fsPath);
    if (!spec || spec.archived || spec.path === this.focusPath) return;
    this.focusPath = spec.path;
    this.updateTitle();
    // In the whole-project view only the highlight moves, so the user's zoom stays.
    this.update(this.options.mode === 'project');
  }

  private updateTitle(): void {
    const focus = this.focusSpec();
    this.panel.title = focus ? vscode.l10n.t('Spec Graph: {0}', focus.id) : vscode.l10n.t('Spec Graph');
  }

  /**
   * Recomputes the graph and sends it when it changed (or when `force`); true when a render was
   * posted. Hidden panels catch up when shown.
   */
  update(keepView: boolean, force = false): boolean {
    if (this.disposed) return false;
    if (!this.panel.visible || !this.webviewReady) {
      this.dirty = true;
      return false;
    }
    this.dirty = false;
    const root = this.projectRoot();
    const focus = this.focusSpec();
    const t0 = Date.now();
    const view = root
      ? buildGraphView(this.index, {
        root,
        focusId: focus && focus.root === root ? focus.id : undefined,
        options: this.options,
        limits: MERMAID_LIMITS,
        driftOf: (s) => this.drift.summaryOf(s.path),
      })
      : undefined;
    const msg: RenderMessage = {
      type: 'render', seq: 0,
      mermaid: view?.result.mermaid ?? '',
      nodes: view?.nodes ?? [],
      edgeCount: view?.result.graph.edges.length ?? 0,
      shape: view ? graphShape(view.result.graph) : { ranks: 0, widest: 0 },
      cycles: view?.result.graph.cycles ?? [],
      notices: view?.result.notices ?? [],
      options: this.options,
      caption: view?.caption ?? vscode.l10n.t('No Chant project in this workspace.'),
      choices: view?.choices ?? { statuses: [], types: [], labels: [] },
      limits: MERMAID_LIMITS,
      keepView,
      focusPath: this.focusPath,
    };
    const signature = JSON.stringify({ ...msg, keepView: false });
    if (!force && signature === this.lastSignature) return false;
    this.lastSignature = signature;
    msg.seq = ++this.renderSeq;
    if (msg.nodes.length > 0) msg.pictures = this.pictures.cache.get(msg.mermaid);
    this.view = view;
    this.lastSent = msg;
    this.ctx.logger.debug(`graph: ${msg.caption} (${msg.mermaid.length} characters, built in ${Date.now() - t0} ms)`);
    for (const n of msg.notices) this.ctx.logger.info(`graph: ${n}`);
    this.post(msg);
    return true;
  }

  private post(msg: HostMessage | TestHostMessage): void {
    void this.panel.webview.postMessage(msg);
  }

  // -------------------------------------------------------------------------------------------
  // Messages from the webview

  private onMessage(raw: unknown): void {
    const msg = parseWebviewMessage(raw);
    const testReply = !msg && __CHANT_TEST_HOOKS__ ? parseTestReply(raw) : undefined;
    if (testReply) {
      this.answer(testReply);
      return;
    }
    if (!msg) {
      this.ctx.logger.warn('graph: ignored a malformed message from the webview');
      return;
    }
    switch (msg.type) {
      case 'ready':
        this.webviewReady = true;
        this.pageLoads.push({ seen: msg.seen, posted: this.lastSent?.seq ?? 0 });
        if (this.dirty || !this.lastSent) {
          this.lastSignature = '';
          this.update(!!this.lastSent, true);
        } else if (msg.seen < this.lastSent.seq) {
          // Not seen yet, or on its way (a busy page can ask first): the page keeps the first copy.
          this.post(this.lastSent);
        }
        break;
      case 'rendered':
        this.onRendered(msg);
        break;
      case 'open':
        void this.open(msg.nodeId);
        break;
      case 'focusNode': {
        const path = this.view?.paths.get(msg.nodeId);
        const spec = path ? this.index.byPath(path) : undefined;
        if (spec && !spec.archived) this.focusOn(spec);
        break;
      }
      case 'options': {
        const before = this.options;
        this.options = msg.options;
        const onlyPin = JSON.stringify({ ...before, pinned: false }) === JSON.stringify({ ...msg.options, pinned: false });
        this.update(onlyPin, true);
        break;
      }
      case 'exportRequest':
        void vscode.commands.executeCommand(Commands.exportGraphSvg);
        break;
      case 'svg':
        this.answer(msg);
        break;
    }
  }

  private answer(msg: { seq: number } & (WebviewMessage | TestWebviewMessage)): void {
    const reply = this.replies.get(msg.seq);
    this.replies.delete(msg.seq);
    reply?.(msg);
  }

  private onRendered({ picture, ...msg }: RenderedMessage): void {
    const sent = this.lastSent;
    // What the webview drew of the text last sent (a theme re-render keeps its seq), for next time.
    if (picture && sent && msg.seq === sent.seq && !msg.error) this.pictures.add(sent.mermaid, picture);
    const report: GraphRenderReport = {
      ...msg,
      caption: sent?.caption ?? '',
      notices: sent?.notices ?? [],
      cycles: sent?.cycles ?? [],
      graphNodes: sent?.nodes.length ?? 0,
      graphEdges: sent?.edgeCount ?? 0,
      focus: this.view?.result.graph.focus,
    };
    this.lastReport = report;
    if (msg.error) this.ctx.logger.error(`graph: mermaid could not draw the graph: ${msg.error}`);
    else {
      const t = msg.timings;
      const drawing = msg.reused ? `shown as drawn before, ${t.direction}` : `mermaid fetched by ${t.mermaidFetchedMs} ms and ready after ${t.mermaidMs} ms, its parse and layout ${t.layoutMs} ms, ${t.direction}`;
      this.ctx.logger.debug(`graph: drew ${msg.nodeCount} nodes (the webview's page loaded after ${t.pageMs} ms, its script ran after ${t.scriptMs} ms, its files fetched by ${t.fetchedMs} ms; the data arrived after ${t.receivedMs} ms; ${drawing}; drawn after ${t.drawnMs} ms)`);
    }
    for (const w of this.renderWaiters.splice(0)) {
      if (msg.seq >= w.minSeq) w.resolve(report);
      else this.renderWaiters.push(w);
    }
  }

  private async open(nodeId: string): Promise<void> {
    const path = this.view?.paths.get(nodeId);
    if (!path) return;
    const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(vscode.Uri.file(path), { viewColumn: column, preview: true });
  }

  // -------------------------------------------------------------------------------------------
  // Requests that wait for the webview

  private request<T extends WebviewMessage | TestWebviewMessage>(make: (seq: number) => HostMessage | TestHostMessage): Promise<T> {
    const seq = ++this.requestSeq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(seq);
        reject(new Error('the graph view did not answer'));
      }, REPLY_TIMEOUT_MS);
      this.replies.set(seq, (m) => {
        clearTimeout(timer);
        resolve(m as T);
      });
      this.post(make(seq));
    });
  }

  /** Resolves with the first render report whose seq is at least `minSeq`. */
  waitRender(minSeq: number, timeoutMs = REPLY_TIMEOUT_MS): Promise<GraphRenderReport> {
    if (this.lastReport && this.lastReport.seq >= minSeq) return Promise.resolve(this.lastReport);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no graph render reported within ${timeoutMs} ms`)), timeoutMs);
      this.renderWaiters.push({ minSeq, resolve: (r) => { clearTimeout(timer); resolve(r); } });
    });
  }

  /** The next render report of any kind (including theme re-renders, which reuse the seq). */
  nextRender(timeoutMs = REPLY_TIMEOUT_MS): Promise<GraphRenderReport> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no graph render reported within ${timeoutMs} ms`)), timeoutMs);
      this.renderWaiters.push({ minSeq: 0, resolve: (r) => { clearTimeout(timer); resolve(r); } });
    });
  }

  async exportSvg(): Promise<string> {
    const reply = await this.request<{ type: 'svg'; seq: number; svg: string }>((seq) => ({ type: 'exportSvg', seq }));
    return reply.svg;
  }

  // The test channel: only test builds of the webview answer it, and only their host code asks
  // (in the packaged extension each body below is compiled out, leaving the throw).

  async clickNode(specId: string): Promise<boolean> {
    if (__CHANT_TEST_HOOKS__) {
      const node = this.view?.result.graph.nodes.find((n) => n.kind === 'spec' && n.specId === specId);
      if (!node) return false;
      const reply = await this.request<{ type: 'test:clicked'; seq: number; found: boolean }>((seq) => ({ type: 'test:click', seq, target: { node: node.nodeId } }));
      return reply.found;
    }
    throw noTestChannel();
  }

  async clickStatusToggle(status: string | undefined): Promise<boolean> {
    if (__CHANT_TEST_HOOKS__) {
      const reply = await this.request<{ type: 'test:clicked'; seq: number; found: boolean }>((seq) => ({
        type: 'test:click', seq, target: status === undefined ? { anyStatus: true } : { statusToggle: status },
      }));
      return reply.found;
    }
    throw noTestChannel();
  }

  async statusToggles(): Promise<StatusToggleState[]> {
    if (__CHANT_TEST_HOOKS__) {
      const reply = await this.request<{ type: 'test:toolbar'; seq: number; statusToggles: StatusToggleState[] }>((seq) => ({ type: 'test:toolbar', seq }));
      return reply.statusToggles;
    }
    throw noTestChannel();
  }

  async setOptions(change: Partial<GraphViewOptions>): Promise<GraphRenderReport> {
    this.options = sanitizeOptions({ ...this.options, ...change });
    const posted = this.update(false, true);
    return this.waitRender(posted ? this.renderSeq : this.renderSeq + 1);
  }

  handle(): GraphHandle {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the handle reads live panel state
    const panel = this;
    return {
      get report() {
        if (!panel.lastReport) throw new Error('the graph has not rendered yet');
        return panel.lastReport;
      },
      get disposed() {
        return panel.disposed;
      },
      nextRender: (t) => panel.nextRender(t),
      mermaid: () => panel.lastSent?.mermaid ?? '',
      nodes: () => (panel.view?.result.graph.nodes ?? []).map((n) => ({ nodeId: n.nodeId, specId: n.specId, path: n.path, kind: n.kind })),
      clickNode: (id) => panel.clickNode(id),
      clickStatusToggle: (status) => panel.clickStatusToggle(status),
      statusToggles: () => panel.statusToggles(),
      setOptions: (c) => panel.setOptions(c),
      pageLoads: () => [...panel.pageLoads],
      exportSvg: async (file) => { await writeSvg(vscode.Uri.file(file), await panel.exportSvg()); },
    };
  }

  suggestedExportName(): string {
    const focus = this.focusSpec();
    return `spec-graph-${focus && this.options.mode === 'focus' ? focus.id : 'project'}.svg`;
  }

  exportRoot(): string | undefined {
    return this.projectRoot();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

/** The pictures' file in this workspace's extension storage (none without a local one). */
function picturesFile(ctx: ChantContext): string | undefined {
  const dir = ctx.extension.storageUri;
  return dir?.scheme === 'file' ? path.join(dir.fsPath, 'graph-pictures.json') : undefined;
}

/** Pictures are kept for one build of the webview's mermaid: the extension's version and that file's. */
function picturesVersion(ctx: ChantContext): string {
  const version = String((ctx.extension.extension.packageJSON as { version?: unknown }).version ?? '');
  try {
    const st = fs.statSync(path.join(ctx.extension.extensionUri.fsPath, 'dist', 'webview', 'mermaid.js'));
    return `${version}+${st.size}.${Math.round(st.mtimeMs)}`;
  } catch {
    return version;
  }
}

async function writeSvg(uri: vscode.Uri, svg: string): Promise<void> {
  if (!svg) throw new Error('nothing is drawn in the graph yet');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`));
}

export function registerGraph(ctx: ChantContext, { drift }: Pick<ChantServices, 'drift'>): Feature<'showGraph'> {
  let current: GraphPanel | undefined;
  const disposables = new DisposableStore();
  // Shared by the panels: a graph opened again shows the picture drawn before, also after a
  // window reload (kept in this workspace's extension storage).
  const pictures = new PictureStore<GraphPicture>(picturesFile(ctx), () => picturesVersion(ctx), parsePicture, (m) => ctx.logger.warn(m));

  const adopt = (panel: vscode.WebviewPanel, state?: PersistedGraphState): GraphPanel => {
    current?.dispose();
    const gp = new GraphPanel(ctx, drift, pictures, panel, state);
    current = gp;
    gp.onDidDispose(() => { if (current === gp) current = undefined; });
    void vscode.commands.executeCommand('setContext', 'chantSpecs.graphOpen', true);
    gp.onDidDispose(() => void vscode.commands.executeCommand('setContext', 'chantSpecs.graphOpen', false));
    return gp;
  };

  const show = async (arg?: unknown): Promise<{ panel: GraphPanel; seq: number }> => {
    await Promise.all([ctx.indexService.whenIdle(), pictures.load()]);
    const spec = specFromArg(ctx.indexService.index, arg);
    if (typeof arg === 'string' && !spec) void showWarning(vscode.l10n.t('No spec {0} in this workspace.', arg));
    if (current) {
      current.panel.reveal(undefined, true);
      return { panel: current, seq: current.focusOn(spec) };
    }
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, vscode.l10n.t('Spec Graph'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true, retainContextWhenHidden: false,
    });
    const gp = adopt(panel);
    return { panel: gp, seq: gp.focusOn(spec) };
  };

  const exportSvg = async (target?: unknown): Promise<void> => {
    const gp = current;
    if (!gp) {
      void showInformation(vscode.l10n.t('Open the spec graph first (Chant: Show Spec Graph).'));
      return;
    }
    try {
      const svg = await gp.exportSvg();
      let uri: vscode.Uri | undefined;
      if (typeof target === 'string' && target.toLowerCase().endsWith('.svg')) uri = vscode.Uri.file(target);
      else if (target instanceof vscode.Uri && target.path.toLowerCase().endsWith('.svg')) uri = target;
      else {
        const root = gp.exportRoot();
        uri = await vscode.window.showSaveDialog({
          title: vscode.l10n.t('Export Spec Graph'),
          defaultUri: root ? vscode.Uri.joinPath(vscode.Uri.file(root), gp.suggestedExportName()) : undefined,
          filters: { [vscode.l10n.t('SVG image')]: ['svg'] },
        });
      }
      if (!uri) return;
      await writeSvg(uri, svg);
      ctx.logger.info(`graph: exported ${uri.fsPath}`);
    } catch (e) {
      ctx.logger.error(e instanceof Error ? e : String(e));
      void showError(vscode.l10n.t('Could not export the spec graph.'), vscode.l10n.t('Show Log')).then((a) => { if (a) ctx.logger.show(); });
    }
  };

  const lensSelector: vscode.DocumentSelector = { scheme: 'file', pattern: '**/.chant/{specs,archive}/**/*.md' };
  const lenses: vscode.CodeLensProvider = {
    provideCodeLenses(document) {
      const spec = ctx.indexService.index.byPath(document.uri.fsPath);
      if (!spec || spec.archived) return [];
      const line = spec.titleRange?.start.line ?? 0;
      return [new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: vscode.l10n.t('$(type-hierarchy) Show graph'),
        tooltip: vscode.l10n.t('Show this spec\'s dependencies, members and order in the spec graph'),
        command: Commands.showGraph,
        arguments: [spec.path],
      })];
    },
  };

  disposables.push(
    vscode.commands.registerCommand(Commands.showGraph, async (arg?: unknown) => { await show(arg); }),
    vscode.commands.registerCommand(Commands.exportGraphSvg, exportSvg),
    vscode.languages.registerCodeLensProvider(lensSelector, lenses),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const s = state && typeof state === 'object' ? (state as Partial<PersistedGraphState>) : {};
        await Promise.all([ctx.indexService.whenIdle(), pictures.load()]);
        const gp = adopt(panel, { options: sanitizeOptions(s.options), focusPath: typeof s.focusPath === 'string' ? s.focusPath : undefined });
        gp.update(false, true);
      },
    }),
    { dispose: () => current?.dispose() },
    { dispose: () => void pictures.flush() },
  );

  return Object.assign(disposables, {
    api: {
      showGraph: async (target?: string): Promise<GraphHandle> => {
        const { panel, seq } = await show(target);
        await panel.waitRender(seq, 60_000);
        return panel.handle();
      },
    },
  });
}
