// What keeps our read-only git calls from running commands a repository configures for itself.
// A folder can arrive with its own `.git/config` (an archive, a shared drive): `core.fsmonitor`,
// clean/smudge filters, hooks and signature checks there are programs git would start for us.
// The keys that name a command are switched off on every call; filters are per driver name, so
// the names defined in the repository's own config files are looked up (no git process) and
// switched off one by one. Filters from the user's global or system config (git-lfs) stay.

import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `-c` pairs for every call: no fsmonitor hook, no hooks, no signature checks, no pager. */
export const SAFE_GIT_CONFIG: readonly string[] = [
  '-c', 'core.fsmonitor=false',
  '-c', `core.hooksPath=${os.devNull}`,
  '-c', 'log.showSignature=false',
  '-c', 'core.pager=cat',
  '-c', 'diff.external=',
];

const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_INCLUDES = 16;

/**
 * `-c filter.NAME.clean= …` for each filter driver defined in the config files of the repository
 * that holds `cwd` (its `config`, `config.worktree` and what they include); an empty command is
 * git's "no filter". Undefined when a name cannot be switched off on a command line (`=` in it):
 * the caller must not run git there.
 */
export function repositoryFilterOverrides(cwd: string): string[] | undefined {
  const dirs = gitDirsOf(cwd);
  if (!dirs) return [];
  const names = new Set<string>();
  const queue = [path.join(dirs.common, 'config'), path.join(dirs.gitDir, 'config.worktree')];
  const seen = new Set<string>();
  while (queue.length > 0 && seen.size < MAX_INCLUDES) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readSmall(file);
    if (text === undefined) continue;
    for (const name of filterNames(text)) names.add(name);
    // Included files can define filters too; every include counts, whatever its condition.
    for (const inc of includePaths(text)) queue.push(resolveInclude(inc, path.dirname(file)));
  }
  const out: string[] = [];
  for (const name of names) {
    if (/[=\0\n\r]/.test(name)) return undefined;
    for (const key of ['clean', 'smudge', 'process']) out.push('-c', `filter.${name}.${key}=`);
    out.push('-c', `filter.${name}.required=false`);
  }
  return out;
}

/** Filter driver names in one config file: `[filter "name"]` and the old `[filter.name]`. */
export function filterNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\[\s*filter\s+"((?:[^"\\\n]|\\.)*)"\s*\]/gi)) out.push(m[1].replace(/\\(.)/g, '$1'));
  for (const m of text.matchAll(/\[\s*filter\.([^\]\s]+)\s*\]/gi)) out.push(m[1].toLowerCase());
  return out;
}

/** `path = …` values inside `[include]` / `[includeIf "…"]` sections. */
function includePaths(text: string): string[] {
  const out: string[] = [];
  let inInclude = false;
  for (const line of text.split('\n')) {
    const section = /^\s*\[\s*([^\]\s"]+)/.exec(line);
    if (section) inInclude = /^include(if)?$/i.test(section[1]);
    const value = /(?:^|\]|\s)path\s*=\s*"?([^"\n;#]*)"?/i.exec(line);
    if (inInclude && value && value[1].trim()) out.push(value[1].trim());
  }
  return out;
}

function resolveInclude(p: string, from: string): string {
  if (p.startsWith('~/')) return path.join(os.homedir(), p.slice(2));
  return path.resolve(from, p);
}

function readSmall(file: string): string | undefined {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_CONFIG_BYTES) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether `dir` is inside a git repository's work tree (found as git finds it, without git). */
export const inGitRepository = (dir: string): boolean => gitDirsOf(dir) !== undefined;

/** The git directory and common directory of the repository holding `cwd`, found as git finds them. */
function gitDirsOf(cwd: string): { gitDir: string; common: string } | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const dotGit = path.join(dir, '.git');
    let st: import('node:fs').Stats | undefined;
    try {
      st = statSync(dotGit);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) return { gitDir: dotGit, common: dotGit };
    if (st?.isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readSmall(dotGit) ?? '');
      if (!m) return undefined;
      const gitDir = path.resolve(dir, m[1]);
      const common = readSmall(path.join(gitDir, 'commondir'))?.trim();
      return { gitDir, common: common ? path.resolve(gitDir, common) : gitDir };
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
