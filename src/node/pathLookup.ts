// Programs are looked up on PATH here, never by spawn(): for a bare name, spawn() also tries
// PATH's relative and empty entries against the folder the program starts in (and on Windows
// that folder first, whatever PATH holds), so a repository that ships an executable called
// `git` would have it run. Only absolute entries count here.
import { accessSync, statSync, constants as fsConstants } from 'node:fs';
import path from 'node:path';

/** The first executable file called `name` in an absolute entry of `pathVar` (PATHEXT extensions on Windows). */
export function findOnPath(name: string, pathVar: string | undefined, platform: NodeJS.Platform = process.platform, pathExt = process.env.PATHEXT): string | undefined {
  const dirs = (pathVar ?? '').split(platform === 'win32' ? ';' : ':').filter((d) => d.length > 0 && path.isAbsolute(d));
  const names = platform === 'win32'
    ? (pathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean).map((e) => name + e.toLowerCase()).concat(name)
    : [name];
  for (const dir of dirs) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

/** A regular file this process may execute (any file on Windows, where extensions decide). */
export function isExecutableFile(p: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    if (platform !== 'win32') accessSync(p, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * git's absolute path from PATH's absolute entries: what every git process of the extension
 * runs. On Windows only `git.exe` or `git.com`, which spawn() starts without a shell.
 */
export function gitOnPath(pathVar: string | undefined): string | undefined {
  if (foundGit && foundGit.pathVar === pathVar) return foundGit.git;
  const git = findOnPath('git', pathVar, process.platform, '.EXE;.COM');
  // Not found is not kept: git may be installed later.
  if (git !== undefined) foundGit = { pathVar, git };
  return git;
}

/** The last PATH git was found on, and where. */
let foundGit: { pathVar: string | undefined; git: string } | undefined;
