// The FileSystem port over node's fs, for the extension host and the headless CLI.

import { promises as fsp } from 'node:fs';
import type { FileStat, FileSystem } from '../core/ports';

function toStat(s: import('node:fs').Stats): FileStat {
  return { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory(), isSymbolicLink: s.isSymbolicLink() };
}

export const nodeFileSystem: FileSystem = {
  readFile: async (path) => fsp.readFile(path),
  lstat: async (path) => fsp.lstat(path).then(toStat, () => undefined),
  stat: async (path) => fsp.stat(path).then(toStat, () => undefined),
  readDir: async (path) => fsp.readdir(path).catch(() => []),
  realPath: async (path) => fsp.realpath(path).then((p) => p.replace(/\\/g, '/'), () => undefined),
};
