// What every feature receives: the one index, settings, logger and the extension context.
import type * as vscode from 'vscode';
import type { IndexService } from './indexService';
import type { Settings } from './settings';
import type { ChantApi } from './api';

export interface ChantContext {
  readonly extension: vscode.ExtensionContext;
  readonly indexService: IndexService;
  readonly settings: Settings;
  readonly logger: vscode.LogOutputChannel;
  /** The public API object; features add their members to it. */
  readonly api: ChantApi;
}
