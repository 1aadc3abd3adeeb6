// Recognising the real `chant` CLI (lex00/chant) from its `--version` output. Another, unrelated
// program called `chant` exists, so a binary is trusted only when it answers like this one.

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
  | { kind: 'broken'; path: string; error: string };

export const INSTALL_HELP = 'Install chant (https://github.com/lex00/chant: `brew tap lex00/tap && brew install chant`, or a release binary on your PATH), or set `chantSpecs.cli.path`.';

/** One sentence for the user; reading specs keeps working either way. */
export function describeCliStatus(status: CliStatus): string {
  switch (status.kind) {
    case 'ok':
      return `chant ${status.version} at ${status.path}`;
    case 'missing':
      return `The chant CLI was not found (${status.searched}).`;
    case 'wrong':
      return `${status.path} is not the Chant spec CLI (its --version printed ${JSON.stringify(status.output.trim().slice(0, 80))}, expected "chant X.Y.Z").`;
    case 'broken':
      return `${status.path} could not be run: ${status.error}`;
  }
}
