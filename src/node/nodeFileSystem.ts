// The FileSystem port over node's fs, for the extension host and the headless CLI.

import { promises as fsp } from 'node:fs';
import type { DirEntry, FileStat, FileSystem } from '../core/ports';

function toStat(s: import('node:fs').Stats): FileStat {
  return { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory(), isSymbolicLink: s.isSymbolicLink() };
}

export const nodeFileSystem: FileSystem = {
  readFile: async (path) => fsp.readFile(path),
  lstat: async (path) => fsp.lstat(path).then(toStat, () => undefined),
  stat: async (path) => fsp.stat(path).then(toStat, () => undefined),
  readDir: async (path) => fsp.readdir(path).catch(() => []),
  realPath: async (path) => fsp.realpath(path).then((p) => p.replace(/\\/g, '/'), () => undefined),
  readDirEntries: async (path) => fsp.readdir(path, { withFileTypes: true }).then(
    (entries) => entries.map((e): DirEntry => ({
      name: e.name, kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other',
    })),
    () => [],
  ),
  readFileUpTo: async (path, maxBytes) => {
    const handle = await fsp.open(path, 'r');
    try {
      const { size } = await handle.stat();
      return size > maxBytes ? { size } : { size, bytes: await handle.readFile() };
    } finally {
      await handle.close();
    }
  },
};
