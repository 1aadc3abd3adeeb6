// Recognising the real `chant` CLI (lex00/chant) from its `--version` output. Another, unrelated
// program called `chant` exists, so a binary is trusted only when it answers like this one.
import * as l10n from '@vscode/l10n';

/** `chant --version` prints `chant X.Y.Z` (clap's default): the version, or undefined for anything else. */
export function parseChantVersion(output: string): string | undefined {
  const first = output.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  const m = /^chant (\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)$/.exec(first);
  return m ? m[1] : undefined;
}

/** The outcome of looking for the CLI. */
export type CliStatus =
  | { kind: 'ok'; path: string; version: string }
  | { kind: 'missing'; searched: string }
  | { kind: 'wrong'; path: string; output: string }
  | { kind: 'broken'; path: string; error: string }
  /** Not looked for: the workspace is not trusted, and no process runs until it is. */
  | { kind: 'untrusted' };

/** How to get the CLI (a function: translated when shown, not when the module loads). */
export function installHelp(): string {
  return l10n.t('Install chant (https://github.com/lex00/chant: `brew tap lex00/tap && brew install chant`, or a release binary on your PATH), or set `chantSpecs.cli.path`.');
}

/** One sentence for the user; reading specs keeps working either way. */
export function describeCliStatus(status: CliStatus): string {
  switch (status.kind) {
    case 'ok':
      return l10n.t('chant {0} at {1}', status.version, status.path);
    case 'missing':
      return l10n.t('The chant CLI was not found ({0}).', status.searched);
    case 'wrong':
      return l10n.t('{0} is not the Chant spec CLI (its --version printed {1}, expected "chant X.Y.Z").', status.path, JSON.stringify(status.output.trim().slice(0, 80)));
    case 'broken':
      return l10n.t('{0} could not be run: {1}', status.path, status.error);
    case 'untrusted':
      return l10n.t('The workspace is not trusted: chant is not run until you trust it.');
  }
}
