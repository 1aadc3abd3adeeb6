// The host stall's floor in the benchmark: an extension with Chant Specs' manifest that does no
// work. It takes the same measurement as the extension (src/vscode/performance.ts, from the start
// of activate()) over the time the real extension took to index in the same run (CHANT_IDLE_MS),
// so its longest stall is what VS Code and the machine impose on any extension host meanwhile:
// built-in extensions activating in the same host, the workbench, VS Code's file watcher and the
// git extension's processes competing for the CPU.
import * as vscode from 'vscode';
import type { ChantApi } from '../src/vscode/api';
import type { ChantContext } from '../src/vscode/context';
import { markActivationStart, registerPerformance } from '../src/vscode/performance';

export function activate(extension: vscode.ExtensionContext): ChantApi {
  markActivationStart();
  const span = Number(process.env.CHANT_IDLE_MS ?? 2000);
  const indexed = new Promise<void>((resolve) => setTimeout(resolve, span));
  const api: ChantApi = {
    whenIndexed: () => indexed,
    specs: () => [],
    onDidChangeSpecs: () => ({ dispose() {} }),
  };
  // registerPerformance reads only these members of the context.
  const noIndex = { all: () => [], projects: () => [], watchedDirectories: () => [] };
  const ctx = { extension, api, logger: { info() {} }, indexService: { index: noIndex } } as unknown as ChantContext;
  extension.subscriptions.push(registerPerformance(ctx));
  return api;
}

export function deactivate(): void {}
