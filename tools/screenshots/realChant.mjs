// The real chant CLI and the agent double (test/agent-double/claude) for the screenshot scripts
// that run specs (lifecycle.mjs, work-spec.mjs).
//
//   const { opt } = shotArgs('x', chantOption());
//   const bin = requireChant(opt.chant);          // or "skipped: …" and exit 0
//   withWorkbench({ env: chantEnv(bin), ... }, steps, { cleanup: () => removeChantWorktrees(ws) });
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './workbench.mjs';

/** The `--chant BIN` option; default the chant CLI beside the checkout (../shared/tools/chant/chant). */
export function chantOption() {
  return { chant: { type: 'string', default: path.resolve(ROOT, '../shared/tools/chant/chant') } };
}

/**
 * `bin` as an absolute path when it is the chant CLI (`--version` prints `chant X.Y.Z`); otherwise
 * prints one line `skipped: <why>` and exits 0: the pictures are left as they are.
 */
export function requireChant(bin) {
  const abs = path.resolve(bin);
  let version = '';
  try {
    version = execFileSync(abs, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    // missing or not runnable: said below
  }
  if (!/^chant \d+\.\d+\.\d+/.test(version)) {
    console.log(`skipped: no chant CLI at ${abs} (--chant BIN)`);
    process.exit(0);
  }
  return abs;
}

/** The workbench server's environment: the agent double and chant first on PATH. */
export function chantEnv(bin) {
  return {
    PATH: [path.join(ROOT, 'test/agent-double'), path.dirname(bin), process.env.PATH].join(path.delimiter),
    VSCODE_CLI: '1', // keeps our PATH: otherwise the server takes the login shell's
  };
}

/** Removes the git worktrees chant made for the project at `ws` (outside it: /tmp/chant-<project>-<ID>). */
export function removeChantWorktrees(ws) {
  try {
    const list = execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: ws, encoding: 'utf8' });
    const project = path.basename(ws);
    for (const line of list.split('\n')) {
      const wt = line.startsWith('worktree ') ? line.slice(9) : '';
      if (wt && path.resolve(wt) !== path.resolve(ws) && path.basename(wt).includes(`${project}-`)) fs.rmSync(wt, { recursive: true, force: true });
    }
  } catch {
    // no repository left
  }
}
