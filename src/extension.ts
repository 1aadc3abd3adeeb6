// Composition root: logger → settings → index → services → features, then the public API,
// assembled here from the services and each feature's part. Features receive the services they
// use; none reaches another through shared state, so the order below matters only for
// `registerPerformance`, whose call marks the end of activation.
import * as vscode from 'vscode';
import { Settings } from './vscode/settings';
import { IndexService } from './vscode/indexService';
import type { ChantApi } from './vscode/api';
import type { ChantContext } from './vscode/context';
import { createServices } from './vscode/services';
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
  void indexService.start();

  const ctx: ChantContext = { extension, indexService, settings, logger };
  const services = createServices(ctx);
  const { drift, runs, cli } = services;
  const work = registerWork(ctx, services);
  const lifecycle = registerLifecycle(ctx, services);
  const driftFeature = registerDrift(ctx, services);
  const explorer = registerExplorer(ctx, services);
  const statusBar = registerStatusBar(ctx, services);
  const newSpec = registerNewSpec(ctx, services);
  const graph = registerGraph(ctx, services);
  const dependencies = registerDependenciesView(ctx);
  extension.subscriptions.push(
    work, lifecycle, driftFeature, explorer, statusBar, newSpec, graph, dependencies,
    registerOnboarding(ctx), registerSpecLanguage(ctx, services),
  );
  const performance = registerPerformance(ctx, services); // last: its call is the end of activation
  extension.subscriptions.push(performance);

  return {
    whenIndexed: () => indexService.whenIndexed(),
    specs: () => indexService.index.summaries(),
    onDidChangeSpecs: (listener) => indexService.onDidChange(() => listener()),
    runs: () => runs.list(),
    cliStatus: () => cli.status(),
    drift: (idOrPath) => drift.finding(idOrPath) ?? drift.findings().find((f) => f.specId === idOrPath),
    driftFindings: () => drift.findings(),
    whenDriftChecked: () => drift.whenIdle(),
    onDidChangeDrift: (listener) => drift.onDidChange(() => listener()),
    ...work.api, ...lifecycle.api, ...driftFeature.api, ...explorer.api, ...statusBar.api,
    ...newSpec.api, ...graph.api, ...dependencies.api, ...performance.api,
  };
}

export function deactivate(): void {}
