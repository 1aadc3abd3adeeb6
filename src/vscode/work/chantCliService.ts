// Finds and verifies the chant CLI once (again when `chantSpecs.cli.path` changes), tells the
// user clearly when it is missing or is another program, and sets the `chantSpecs.cliAvailable`
// context key. Only launching needs it: reading specs works without it.
import * as vscode from 'vscode';
import { describeCliStatus, installHelp, type CliStatus } from '../../core/cliStatus';
import { GatedCliLookup } from '../../node/cliLookup';
import { locateChant } from '../../node/locateChant';
import type { Settings } from '../settings';
import type { CliQuery } from '../context';
import { Disposable } from '../disposable';
import { showError } from '../notifications';

export class ChantCliService extends Disposable implements CliQuery {
  private readonly lookup: GatedCliLookup;
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  /** Fires when the CLI should be looked up again (setting changed, workspace trusted). */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly settings: Settings, private readonly logger: vscode.LogOutputChannel) {
    super();
    // No process in an untrusted workspace, `chant --version` included.
    this.lookup = new GatedCliLookup(() => vscode.workspace.isTrusted, () => locateChant(this.settings.get('cliPath')).then((status) => {
      this.logger.info(`chant CLI: ${describeCliStatus(status)}`);
      void vscode.commands.executeCommand('setContext', 'chantSpecs.cliAvailable', status.kind === 'ok');
      return status;
    }));
    this._registerAll(
      settings.onDidChange((keys) => {
        if (!keys.includes('cliPath')) return;
        this.lookup.invalidate();
        this.emitter.fire();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.lookup.invalidate();
        this.emitter.fire();
      }),
    );
  }

  /** The lookup result (cached; `untrusted`, with nothing run, until the workspace is trusted). */
  status(): Promise<CliStatus> {
    return this.lookup.status();
  }

  /** Forgets the cached lookup (e.g. the binary vanished between runs). */
  invalidate(): void {
    this.lookup.invalidate();
  }

  /** The verified executable, or undefined after telling the user what is wrong and how to fix it. */
  async require(action: string): Promise<string | undefined> {
    const status = await this.status();
    if (status.kind === 'ok') return status.path;
    this.invalidate(); // look again next time: the user may install it meanwhile
    const message = vscode.l10n.t('Cannot {0}: {1} {2} Reading specs keeps working.', action, describeCliStatus(status), installHelp().replace(/`/g, ''));
    this.logger.warn(message);
    const openSettings = vscode.l10n.t('Open Settings');
    const installGuide = vscode.l10n.t('Install Guide');
    const showLog = vscode.l10n.t('Show Log');
    void showError(message, openSettings, installGuide, showLog).then((choice) => {
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'chantSpecs.cli.path');
      if (choice === installGuide) void vscode.env.openExternal(vscode.Uri.parse('https://github.com/lex00/chant#installation'));
      if (choice === showLog) this.logger.show();
    });
    return undefined;
  }
}
