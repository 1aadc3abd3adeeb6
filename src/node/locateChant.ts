// Finds and verifies the `chant` executable: the configured path, else a PATH lookup, then
// `chant --version` must answer like the real CLI (an unrelated `chant` binary exists).

import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { parseChantVersion, type CliStatus } from '../core/cliStatus';
import { findOnPath, isExecutableFile } from './pathLookup';

/** Expands a leading `~` of a configured path. */
export function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** Runs `exe --version` (no shell) and checks that it is chant. */
export function verifyChant(exe: string, timeoutMs = 5000): Promise<CliStatus> {
  return new Promise((resolve) => {
    execFile(exe, ['--version'], { timeout: timeoutMs, windowsHide: true, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const output = `${stdout}`.trim() || `${stderr}`.trim();
      const version = parseChantVersion(`${stdout}`);
      if (version) return resolve({ kind: 'ok', path: exe, version });
      if (error && !output) return resolve({ kind: 'broken', path: exe, error: error.message });
      resolve({ kind: 'wrong', path: exe, output });
    });
  });
}

/** Looks for chant: `configured` (a path; empty = search PATH), then verifies it. */
export async function locateChant(configured: string, env: NodeJS.ProcessEnv = process.env): Promise<CliStatus> {
  const wanted = configured.trim();
  if (wanted) {
    const exe = path.resolve(expandHome(wanted));
    if (!(await isExecutableFile(exe))) return { kind: 'missing', searched: l10n.t('chantSpecs.cli.path = {0} is not an executable file', wanted) };
    return verifyChant(exe);
  }
  const found = await findOnPath('chant', env.PATH ?? env.Path);
  if (!found) return { kind: 'missing', searched: l10n.t('not on PATH') };
  return verifyChant(found);
}
