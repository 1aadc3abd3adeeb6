// The drift report in a webview panel: one panel, re-rendered when findings change, a fresh nonce
// each render, no local or remote resources, and messages validated before acting on them.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { anchorOf, driftReportHtml, parseReportMessage, type DriftReportMessage } from './reportHtml';
import type { DriftService } from './driftService';
import { Disposable, toDisposable } from '../disposable';

export class DriftReportPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private pendingReveal: string | undefined;
  private ready = false;

  constructor(
    private readonly service: DriftService,
    private readonly onMessage: (message: Exclude<DriftReportMessage, { action: 'ready' }>) => void,
  ) {
    super();
    this._registerAll(service.onDidChange(() => this.render()), toDisposable(() => this.panel?.dispose()));
  }

  get visible(): boolean {
    return !!this.panel;
  }

  /** Opens (or focuses) the report, scrolled to one spec when given. */
  show(specPath?: string): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('chantSpecs.driftReport', vscode.l10n.t('Chant Drift Report'), vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      const panel = this.panel;
      // The panel's own listeners go with it (not kept until the feature goes).
      const listeners = [panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseReportMessage(raw);
        if (!message) return;
        if (message.action === 'ready') {
          this.ready = true;
          this.flushReveal();
          return;
        }
        this.onMessage(message);
      })];
      listeners.push(panel.onDidDispose(() => {
        for (const l of listeners) l.dispose();
        this.panel = undefined;
        this.ready = false;
      }));
      this.render();
    } else {
      this.panel.reveal();
    }
    if (specPath) {
      this.pendingReveal = anchorOf(specPath);
      this.flushReveal();
    }
  }

  private flushReveal(): void {
    if (!this.panel || !this.ready || !this.pendingReveal) return;
    void this.panel.webview.postMessage({ type: 'reveal', anchor: this.pendingReveal });
    this.pendingReveal = undefined;
  }

  private render(): void {
    if (!this.panel) return;
    this.ready = false;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = driftReportHtml(this.service.findings(), { nonce, cspSource: this.panel.webview.cspSource });
  }
}
