// Finding Chant projects (folders holding `.chant/`) under the workspace folders, and listing a
// project's spec files: bounded walks that never follow a link out of the folder they list.

import { isInside, joinPath, normalizePath } from './paths';
import type { DirEntry, FileSystem } from './ports';

export interface DiscoveryOptions {
  /** How deep below each folder to look for `.chant/` (monorepos keep one per package). */
  maxDepth: number;
  /** Directory names never entered. */
  skip: Set<string>;
  /** Stop after visiting this many directories (huge trees). */
  maxDirectories: number;
}

export const DEFAULT_DISCOVERY: DiscoveryOptions = {
  maxDepth: 4,
  skip: new Set(['node_modules', '.git', 'dist', 'out', 'target', 'build', 'vendor', '.venv', 'venv', '__pycache__', '.vscode-test']),
  maxDirectories: 20000,
};

/** Every directory under `folder` (itself included) that holds a `.chant/` project. */
export async function discoverProjects(fs: FileSystem, folder: string, options: DiscoveryOptions = DEFAULT_DISCOVERY): Promise<string[]> {
  const found: string[] = [];
  const seenReal = new Set<string>();
  let visited = 0;
  let realFolder: string | undefined;
  // Breadth first, one level at a time: the level's folders are resolved and listed concurrently
  // (a big tree has hundreds of folders), then taken in order exactly as a queue would.
  // `real`: known without asking when the folder was reached through no symlink.
  let level: { dir: string; depth: number; real?: string }[] = [{ dir: normalizePath(folder), depth: 0 }];
  while (level.length > 0 && visited < options.maxDirectories) {
    const reals = await mapOrdered(level, 16, (q) => (q.real !== undefined ? Promise.resolve(q.real) : fs.realPath(q.dir)));
    const taken: number[] = [];
    // Links that lead out of the folder are not followed: a link to `/` lists nothing outside.
    if (realFolder === undefined) realFolder = reals[0] ?? '';
    for (let i = 0; i < level.length && visited < options.maxDirectories; i++) {
      const real = reals[i];
      if (!real || seenReal.has(real) || !isInside(realFolder, real)) continue; // symlink loops and aliases
      seenReal.add(real);
      visited++;
      taken.push(i);
    }
    const listings = await mapOrdered(taken, 16, (i) => listEntries(fs, level[i].dir));
    const next: typeof level = [];
    for (const [k, i] of taken.entries()) {
      const { dir, depth } = level[i];
      const real = reals[i]!;
      const entries = listings[k];
      if (entries.some((e) => e.name === '.chant')) {
        const inner = await fs.readDir(joinPath(dir, '.chant'));
        if (inner.includes('specs') || inner.includes('archive') || inner.includes('config.md')) found.push(dir);
      }
      if (depth >= options.maxDepth) continue;
      for (const { name, kind } of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (name.startsWith('.') || options.skip.has(name) || kind === 'file' || kind === 'other') continue;
        const child = joinPath(dir, name);
        // A big tree has tens of thousands of files: stat only what the listing cannot tell.
        if (kind === 'directory') next.push({ dir: child, depth: depth + 1, real: joinPath(real, name) });
        else if ((await fs.stat(child))?.isDirectory) next.push({ dir: child, depth: depth + 1 });
      }
    }
    level = next;
  }
  return found;
}

/**
 * Every `.md` file below `dir`, following no symlinked directory twice; ignores chant's temp files.
 * `within`: a real path no link may lead out of (links to files or folders outside are skipped).
 */
export async function listMarkdown(fs: FileSystem, dir: string, within?: string): Promise<string[]> {
  const out: string[] = [];
  const seenReal = new Set<string>();
  const inside = (real: string) => within === undefined || real === within || real.startsWith(within.endsWith('/') ? within : within + '/');
  // A link's target, when it stays inside `within`.
  const staysInside = async (p: string) => {
    if (within === undefined) return true;
    const real = await fs.realPath(p);
    return real === undefined || inside(real); // a broken link leads nowhere
  };
  // `knownReal`: a plain (not symlinked) folder's real path is its parent's plus its name.
  const walk = async (d: string, depth: number, knownReal?: string): Promise<void> => {
    if (depth > 16) return;
    const real = knownReal ?? (await fs.realPath(d));
    if (!real || seenReal.has(real) || !inside(real)) return;
    seenReal.add(real);
    for (const { name, kind } of await listEntries(fs, d)) {
      const p = joinPath(d, name);
      if (kind === 'file') {
        if (name.endsWith('.md')) out.push(p);
      } else if (kind === 'directory') {
        if (name.endsWith('.md') || !name.startsWith('.')) await walk(p, depth + 1, joinPath(real, name));
      } else if (kind === 'other') {
        continue;
      } else if (!(await staysInside(p))) {
        continue;
      } else if (name.endsWith('.md')) {
        const st = await fs.stat(p);
        if (st?.isFile) out.push(p);
        else if (!st && (await fs.lstat(p))?.isSymbolicLink) out.push(p); // broken or looping link: show it as an error
        else if (st?.isDirectory) await walk(p, depth + 1);
      } else if (!name.startsWith('.')) {
        const st = await fs.stat(p);
        if (st?.isDirectory) await walk(p, depth + 1);
      }
    }
  };
  await walk(dir, 0);
  return out;
}


/** Entries with their kind when the file system lists it; no kind: stat the entry to know. */
async function listEntries(fs: FileSystem, dir: string): Promise<{ name: string; kind?: DirEntry['kind'] }[]> {
  return fs.readDirEntries ? fs.readDirEntries(dir) : (await fs.readDir(dir)).map((name) => ({ name }));
}

/** `fn` over `items`, at most `limit` at a time; results in the items' order. */
async function mapOrdered<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

export async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
