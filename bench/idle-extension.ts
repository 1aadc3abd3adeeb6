// The host stall's floor in the benchmark: an extension with Chant Specs' manifest that does no
// work. It takes the same measurement as the extension (src/vscode/performance.ts, from the start
// of activate()) over the time the real extension took to index in the same run (CHANT_IDLE_MS),
// so its longest stall is what VS Code and the machine impose on any extension host meanwhile:
// built-in extensions activating in the same host, the workbench, VS Code's file watcher and the
// git extension's processes competing for the CPU.
import * as vscode from 'vscode';
import type { ChantApi } from '../src/vscode/api';
import type { ChantContext } from '../src/vscode/context';
import type { ChantServices } from '../src/vscode/services';
import { markActivationStart, registerPerformance } from '../src/vscode/performance';

export function activate(extension: vscode.ExtensionContext): ChantApi {
  markActivationStart();
  const span = Number(process.env.CHANT_IDLE_MS ?? 2000);
  const indexed = new Promise<void>((resolve) => setTimeout(resolve, span));
  // registerPerformance reads only these members of the context and of drift.
  const noIndex = { all: () => [], projects: () => [], watchedDirectories: () => [] };
  const ctx = { extension, logger: { info() {} }, indexService: { index: noIndex, whenIndexed: () => indexed } } as unknown as ChantContext;
  const drift = { whenIdle: () => indexed } as unknown as ChantServices['drift'];
  const performance = registerPerformance(ctx, { drift });
  extension.subscriptions.push(performance);
  // The probe (bench/host-probe.ts) asks only these of the API.
  const api: Pick<ChantApi, 'whenIndexed' | 'specs' | 'onDidChangeSpecs' | 'performance'> = {
    whenIndexed: () => indexed,
    specs: () => [],
    onDidChangeSpecs: () => ({ dispose() {} }),
    ...performance.api,
  };
  return api as ChantApi;
}

export function deactivate(): void {}
