// The I/O the core needs, as small interfaces. Adapters implement them with node's fs, git
// and VS Code; tests implement them in memory. The core never imports fs, vscode or child_process.

export interface FileStat {
  size: number;
  mtimeMs: number;
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
}

export interface FileSystem {
  /** Reads a file's bytes; rejects if missing or not a regular file (a pipe, a device: never waited on). */
  readFile(path: string): Promise<Uint8Array>;
  /** Stat without following the final symlink; undefined if missing. */
  lstat(path: string): Promise<FileStat | undefined>;
  /** Stat following symlinks; undefined if missing or a broken/looping link. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Directory entries (names only); empty if missing or not a directory. */
  readDir(path: string): Promise<string[]>;
  /** Resolves symlinks; undefined when it cannot (loops, missing). */
  realPath(path: string): Promise<string | undefined>;
  /**
   * Directory entries with their kind, as the listing itself reports it (no stat per entry);
   * empty if missing. Optional: without it the core stats each entry.
   */
  readDirEntries?(path: string): Promise<DirEntry[]>;
  /**
   * The file's bytes, or only its size when it is larger than `maxBytes` (one open, no separate
   * stat); `notFile` (nothing read) when the path is a folder, device or pipe. Rejects if missing.
   * Optional: without it the core stats, then reads. `noFollow`: rejects when the path itself
   * is a symbolic link (nothing read through it). `from`: the bytes from that offset on (the rest
   * of a file that grows), `maxBytes` counted from there; `size` is still the whole file's.
   */
  readFileUpTo?(path: string, maxBytes: number, options?: { noFollow?: boolean; from?: number }): Promise<{ size: number; bytes?: Uint8Array; notFile?: boolean }>;
}

/** Config files are small: a bigger one is read as absent. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * A small text file through the port, or undefined when it is missing, not a regular file (a
 * pipe or device named like a config is never opened), larger than `maxBytes`, or a link out of
 * `within`.
 */
export async function readSmallText(fs: FileSystem, path: string, options: { maxBytes?: number; within?: string } = {}): Promise<string | undefined> {
  const maxBytes = options.maxBytes ?? MAX_CONFIG_BYTES;
  try {
    // A link that leads out of `within` (the project) is not followed.
    if (options.within !== undefined && (await fs.lstat(path))?.isSymbolicLink && !(await realPathInside(fs, path, options.within))) return undefined;
    // Asked first, so a link to a device or pipe is not even opened.
    const st = await fs.stat(path);
    if (!st?.isFile || st.size > maxBytes) return undefined;
    if (fs.readFileUpTo) {
      const read = await fs.readFileUpTo(path, maxBytes);
      return read.bytes && !read.notFile ? new TextDecoder().decode(read.bytes) : undefined;
    }
    return new TextDecoder().decode(await fs.readFile(path));
  } catch {
    return undefined;
  }
}

/**
 * Where `path` really is (every symlink on the way resolved) when that is inside `within` (resolved
 * too); undefined when it leads out, or does not resolve (missing, a dangling or looping link).
 */
export async function realPathInside(fs: Pick<FileSystem, 'realPath'>, path: string, within: string): Promise<string | undefined> {
  const [real, realWithin] = await Promise.all([fs.realPath(path), fs.realPath(within)]);
  if (!real || !realWithin) return undefined;
  return real === realWithin || real.startsWith(realWithin.endsWith('/') ? realWithin : realWithin + '/') ? real : undefined;
}

/** A directory entry; `symlink` entries are not followed (stat them to know what they point at). */
export interface DirEntry {
  name: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
}

export type FileChangeKind = 'created' | 'changed' | 'deleted';

export interface FileChange {
  kind: FileChangeKind;
  path: string;
}

export interface Disposable {
  dispose(): void;
}

/** A watcher over a few directories; batches are delivered already coalesced. */
export interface FileWatcher {
  /**
   * `announce`: once each folder is watched, report the files already in it as created. A folder
   * watched after it was read (a project that appeared) would otherwise miss what was written
   * between the read and the watch.
   */
  watch(paths: string[], onChanges: (changes: FileChange[]) => void, options?: { announce?: boolean }): Disposable;
}

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Result of running a process to completion. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with an argument array (never a shell line). */
export interface ProcessRunner {
  run(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; input?: string; maxBuffer?: number }): Promise<ProcessResult>;
}

export interface Clock {
  now(): number;
}
