// Where the optional test inputs are found: the real chant CLI and the real spec corpus. Both sit
// beside the clone on the team's and CI's machines (../shared) and are absent on a bare clone.
// A suite that needs one and finds none prints one `skipped: …` line and does nothing; with
// CHANT_REQUIRE_EXTRAS=1 (set by .ci/run) a missing input fails the run instead.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root (tests run from out/test/**, sources from test/). */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

/** The folder beside the clone that holds the shared tools and corpus. */
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');

const VERSION_LINE = /^chant (\d+\.\d+\.\d+)\s*$/m;

/** Runs `bin --version`; the version when it answers `chant X.Y.Z`, else undefined. */
function chantVersion(bin: string): string | undefined {
  try {
    const out = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return VERSION_LINE.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface ChantCli {
  /** Absolute path of the executable. */
  bin: string;
  version: string;
}

let cachedChant: ChantCli | null | undefined;

/**
 * The real chant CLI for tests: `CHANT_BIN`, else a `chant` on PATH that answers `chant X.Y.Z`
 * (the project's stand-in answers differently and is never picked), else ../shared/tools/chant/chant.
 */
export function findChant(): ChantCli | undefined {
  if (cachedChant !== undefined) return cachedChant ?? undefined;
  const candidates = [process.env.CHANT_BIN, onPath('chant'), path.join(SHARED_DIR, 'tools/chant/chant')];
  cachedChant = null;
  for (const candidate of candidates) {
    if (!candidate) continue;
    const bin = path.resolve(candidate);
    const version = chantVersion(bin);
    if (version) {
      cachedChant = { bin, version };
      break;
    }
  }
  return cachedChant ?? undefined;
}

/** The real spec corpus: `CHANT_CORPUS`, else ../shared/corpus. */
export function findCorpus(): string | undefined {
  const dir = process.env.CHANT_CORPUS ?? path.join(SHARED_DIR, 'corpus');
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? path.resolve(dir) : undefined;
}

/** True when CI demands the optional inputs (a missing one is then a failure, not a skip). */
export function extrasRequired(): boolean {
  return process.env.CHANT_REQUIRE_EXTRAS === '1';
}

const announced = new Set<string>();

/**
 * Guards a mocha suite that needs an optional input. Call at the top of `describe`:
 * `const chant = needs('chant', findChant(), 'no chant CLI — set CHANT_BIN'); if (!chant) return;`
 * Prints `skipped: <why>` once per reason, or throws when CHANT_REQUIRE_EXTRAS=1.
 */
export function needs<T>(what: string, found: T | undefined, why: string): T | undefined {
  if (found !== undefined) return found;
  if (extrasRequired()) throw new Error(`${what} is required here (CHANT_REQUIRE_EXTRAS=1): ${why}`);
  if (!announced.has(why)) {
    announced.add(why);
    console.log(`skipped: ${why}`);
  }
  return undefined;
}

export const NO_CHANT = 'no chant CLI — set CHANT_BIN';
export const NO_CORPUS = 'no spec corpus — set CHANT_CORPUS';
