// The FileSystem port over node's fs, for the extension host and the headless CLI.

import { close, constants, fstat, open, promises as fsp, read } from 'node:fs';
import type { DirEntry, FileStat, FileSystem } from '../core/ports';

function toStat(s: import('node:fs').Stats): FileStat {
  return { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory(), isSymbolicLink: s.isSymbolicLink() };
}

/** The most `readFile` reads: callers with real needs stay far below (specs 16 MB, line counts 8 MB). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

export const nodeFileSystem: FileSystem = {
  // Through the same non-blocking open as readFileUpTo: a pipe or device named like a file is
  // refused, never waited on or read without end.
  readFile: async (path) => {
    const read = await readFileUpTo(path, MAX_READ_BYTES);
    if (read.notFile) throw new Error(`not a regular file: ${path}`);
    if (!read.bytes) throw new Error(`file larger than ${MAX_READ_BYTES} bytes: ${path}`);
    return read.bytes;
  },
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
  readFileUpTo: (path, maxBytes, options) => readFileUpTo(path, maxBytes, options?.noFollow, options?.from),
};

/**
 * open, fstat, read, close, through the callback API on a bare descriptor: for ten thousand small
 * specs the promise API's FileHandle objects cost more than the reads. Non-blocking open, so a
 * pipe named like a spec cannot hang it (regular files ignore the flag). `from`: reads from that
 * offset on (the rest of a log that grew), `maxBytes` counted from there.
 */
function readFileUpTo(path: string, maxBytes: number, noFollow = false, from = 0): Promise<{ size: number; bytes?: Uint8Array; notFile?: boolean }> {
  return new Promise((resolve, reject) => {
    open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (noFollow ? constants.O_NOFOLLOW ?? 0 : 0), (openError, fd) => {
      if (openError) return reject(openError);
      const finish = (error: Error | null, value?: { size: number; bytes?: Uint8Array; notFile?: boolean }) =>
        close(fd, () => (error ? reject(error) : resolve(value!)));
      fstat(fd, (statError, stat) => {
        if (statError) return finish(statError);
        if (!stat.isFile()) return finish(null, { size: stat.size, notFile: true });
        if (stat.size - from > maxBytes) return finish(null, { size: stat.size });
        if (from > 0 && stat.size > 0 && stat.size <= from) return finish(null, { size: stat.size, bytes: new Uint8Array(0) });
        // A size of 0 may also be a file that does not know its size: read until the end.
        const chunks: Buffer[] = [];
        let total = 0;
        let buffer = Buffer.allocUnsafe(stat.size > 0 ? stat.size - from : 64 * 1024);
        let length = 0;
        const next = (): void => {
          read(fd, buffer, length, buffer.length - length, from > 0 ? from + total + length : null, (readError, n) => {
            if (readError) return finish(readError);
            length += n;
            if (n > 0 && length < buffer.length) return next();
            if (n > 0 && stat.size === 0) {
              chunks.push(buffer);
              total += length;
              if (total > maxBytes) return finish(null, { size: from + total });
              buffer = Buffer.allocUnsafe(64 * 1024);
              length = 0;
              return next();
            }
            const bytes = chunks.length ? Buffer.concat([...chunks, buffer.subarray(0, length)]) : buffer.subarray(0, length);
            // An empty file (truncated below `from`) is one: a file that does not know its size ends where it was read.
            finish(null, { size: stat.size === 0 && bytes.length === 0 ? 0 : from + bytes.length, bytes });
          });
        };
        next();
      });
    });
  });
}
