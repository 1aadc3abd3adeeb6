// Composition root: logger → settings → index → features. Returns the public API.
import * as vscode from 'vscode';
import { Settings } from './vscode/settings';
import { IndexService } from './vscode/indexService';
import type { ChantApi } from './vscode/api';
import type { ChantContext } from './vscode/context';
import { registerExplorer } from './vscode/explorer/explorerFeature';
import { registerStatusBar } from './vscode/explorer/statusBar';
import { registerNewSpec } from './vscode/newSpec/newSpecFeature';
import { registerOnboarding } from './vscode/explorer/onboarding';
import { registerWork } from './vscode/work/workFeature';
import { registerLifecycle } from './vscode/lifecycle/lifecycleFeature';
import { registerSpecLanguage } from './vscode/language/languageFeature';
import { registerGraph } from './vscode/graph/graphPanel';
import { registerDependenciesView } from './vscode/explorer/dependenciesView';
import { registerDrift } from './vscode/drift/driftFeature';
import { configureL10n } from './vscode/l10n';
import { markActivationStart, registerPerformance } from './vscode/performance';

export function activate(extension: vscode.ExtensionContext): ChantApi {
  configureL10n();
  markActivationStart();
  const logger = vscode.window.createOutputChannel('Chant Specs', { log: true });
  const settings = new Settings();
  const indexService = new IndexService(logger, settings);
  extension.subscriptions.push(logger, settings, indexService);

  const initial = indexService.reindex();
  const api: ChantApi = {
    whenIndexed: async () => {
      await initial;
      await indexService.whenIdle();
    },
    specs: () => indexService.index.summaries(),
    onDidChangeSpecs: (listener) => indexService.onDidChange(() => listener()),
  };
  const ctx: ChantContext = { extension, indexService, settings, logger, api, services: {} };
  registerFeatures(ctx);
  return api;
}

/** Each feature registers itself and returns one Disposable. */
function registerFeatures(ctx: ChantContext): void {
  const features: ((ctx: ChantContext) => vscode.Disposable)[] = [
    registerWork, // first: it provides the runs and cli services others read
    registerLifecycle, // after work (tasks, runs), before the explorer (context keys)
    registerDrift, // early: it provides the drift service the explorer reads
    registerExplorer,
    registerStatusBar,
    registerNewSpec,
    registerOnboarding,
    registerSpecLanguage,
    registerGraph,
    registerDependenciesView,
    registerPerformance, // last: its registration time is the end of activation
  ];
  for (const register of features) ctx.extension.subscriptions.push(register(ctx));
}

export function deactivate(): void {}
