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
    // open, fstat, read, close: what readFile does, with the size check in between (and without
    // FileHandle.readFile's second fstat, which costs as much as the read for small specs).
    const handle = await fsp.open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { size };
      if (size === 0) {
        const bytes = await handle.readFile(); // empty, or a file that does not know its size
        return bytes.length > maxBytes ? { size: bytes.length } : { size: bytes.length, bytes };
      }
      const buffer = Buffer.allocUnsafe(size);
      let length = 0;
      while (length < size) {
        const { bytesRead } = await handle.read(buffer, length, size - length, length);
        if (bytesRead === 0) break; // it shrank meanwhile
        length += bytesRead;
      }
      return { size: length, bytes: buffer.subarray(0, length) };
    } finally {
      await handle.close();
    }
  },
};
