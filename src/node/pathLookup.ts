// Programs are looked up on PATH here, never by spawn(): for a bare name, spawn() also tries
// PATH's relative and empty entries against the folder the program starts in (and on Windows
// that folder first, whatever PATH holds), so a repository that ships an executable called
// `git` would have it run. Only absolute entries count here. Asynchronous: a PATH folder on a
// slow or unreachable mount must not hold the extension host's thread.
import { promises as fsp, constants as fsConstants } from 'node:fs';
import path from 'node:path';

/** The first executable file called `name` in an absolute entry of `pathVar` (PATHEXT extensions on Windows). */
export async function findOnPath(name: string, pathVar: string | undefined, platform: NodeJS.Platform = process.platform, pathExt = process.env.PATHEXT): Promise<string | undefined> {
  const dirs = (pathVar ?? '').split(platform === 'win32' ? ';' : ':').filter((d) => d.length > 0 && path.isAbsolute(d));
  const names = platform === 'win32'
    ? (pathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean).map((e) => name + e.toLowerCase()).concat(name)
    : [name];
  for (const dir of dirs) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (await isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

/** A regular file this process may execute (any file on Windows, where extensions decide). */
export async function isExecutableFile(p: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  try {
    if (!(await fsp.stat(p)).isFile()) return false;
    if (platform !== 'win32') await fsp.access(p, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * git's absolute path from PATH's absolute entries: what every git process of the extension
 * runs. On Windows only `git.exe` or `git.com`, which spawn() starts without a shell. Looked
 * for once per PATH; not found is not kept (git may be installed later).
 */
export function gitOnPath(pathVar: string | undefined): Promise<string | undefined> {
  if (foundGit && foundGit.pathVar === pathVar) return foundGit.git;
  const git = findOnPath('git', pathVar, process.platform, '.EXE;.COM');
  const entry = { pathVar, git };
  foundGit = entry;
  void git.then((found) => { if (found === undefined && foundGit === entry) foundGit = undefined; });
  return git;
}

/** The last PATH git was looked for on, and the answer. */
let foundGit: { pathVar: string | undefined; git: Promise<string | undefined> } | undefined;
