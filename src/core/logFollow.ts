// Following a log file that grows (chant's `.chant/logs/ID.log` while the spec runs) for a view
// that shows it: each update reads only the bytes added since the last one, recognises a file
// that was truncated or written anew (and shows it again from the start), and keeps what the view
// holds bounded (the last `maxBytes`, cut at a line, with the number of bytes left out).
// Pure: the reads come in through `ReadAt`; `projectFileReader` builds one over the FileSystem
// port that never reads outside the project.

import { isInside } from './paths';
import { realPathInside, type FileSystem } from './ports';

/** The most of a log a view holds; older output is left out (and said so). */
export const LOG_VIEW_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Bytes before the last offset read again with every update: when they differ, the file was
 * rewritten (not appended to) even if it grew past the old offset meanwhile.
 */
const CHECK_BYTES = 64;

/** What one read found. `size` is the file's size; `bytes` the bytes from `from`, absent when more than asked. */
export type LogReadResult =
  | { kind: 'missing' }
  | { kind: 'refused'; reason: 'outside' | 'not-file' }
  | { kind: 'read'; size: number; bytes?: Uint8Array };

/** Reads the file from byte `from`, at most `maxBytes` of it (else only its size). */
export type ReadAt = (from: number, maxBytes: number) => Promise<LogReadResult>;

/** What the view should do after an update. */
export type LogViewUpdate =
  /** No such file (yet, or any more). */
  | { kind: 'missing' }
  /** The path leads out of the project, or is not a regular file: nothing was read. */
  | { kind: 'refused'; reason: 'outside' | 'not-file' }
  /** Show `text` instead of everything shown so far; `skippedBytes` at the start of the file are left out. */
  | { kind: 'replace'; text: string; skippedBytes: number }
  /** Add `text` at the end. */
  | { kind: 'append'; text: string }
  /** Nothing new. */
  | { kind: 'unchanged' };

/** Follows one file: call `update` whenever it may have changed; reads are never concurrent if updates are awaited. */
export class LogTail {
  /** Bytes of the file consumed: shown, or held in `carry`. */
  private offset = 0;
  /** The last bytes before `offset`, as read. */
  private check = new Uint8Array(0);
  /** An incomplete UTF-8 sequence at the end of the last read, shown once the rest arrives. */
  private carry = new Uint8Array(0);
  /** Bytes the view holds since its last replace. */
  private shown = 0;
  /** What the view shows: nothing yet, a note, or the file. */
  private state: 'none' | 'missing' | 'refused' | 'file' = 'none';

  constructor(private readonly read: ReadAt, private readonly maxBytes = LOG_VIEW_MAX_BYTES) {}

  async update(): Promise<LogViewUpdate> {
    if (this.state !== 'file') return this.readTail();
    const from = this.offset - this.check.length;
    const r = await this.read(from, this.maxBytes + this.check.length);
    if (r.kind !== 'read') return this.note(r);
    // Smaller than what was read: truncated. More than the view may hold, or not what was there
    // before the offset: written anew, or grown past the cap. Either way, show its tail again.
    if (r.size < this.offset || !r.bytes || !startsWith(r.bytes, this.check)) return this.readTail();
    const added = r.bytes.subarray(this.check.length);
    if (added.length === 0) return { kind: 'unchanged' };
    if (this.shown + added.length > this.maxBytes) return this.readTail();
    const text = this.take(added);
    this.shown += added.length;
    return text ? { kind: 'append', text } : { kind: 'unchanged' };
  }

  /** Reads the last `maxBytes` of the file, from the first line that starts in them. */
  private async readTail(): Promise<LogViewUpdate> {
    let r = await this.read(0, this.maxBytes);
    let from = 0;
    // The file grows between the reads: a few tries, then it is shown at the next update.
    for (let tries = 0; r.kind === 'read' && !r.bytes && tries < 3; tries++) {
      from = Math.max(0, r.size - this.maxBytes);
      r = await this.read(from, this.maxBytes);
    }
    if (r.kind !== 'read') return this.note(r);
    if (!r.bytes) return { kind: 'unchanged' };
    let bytes = r.bytes;
    if (from > 0) {
      // Cut in the middle of a line (or a character): start at the next line.
      const nl = bytes.indexOf(0x0a);
      const cut = nl >= 0 ? nl + 1 : bytes.length;
      from += cut;
      bytes = bytes.subarray(cut);
    }
    this.state = 'file';
    this.offset = from;
    this.check = new Uint8Array(0);
    this.carry = new Uint8Array(0);
    this.shown = bytes.length;
    return { kind: 'replace', text: this.take(bytes), skippedBytes: from };
  }

  /** Consumes `bytes` (the next ones after `offset`) and returns the text they complete. */
  private take(bytes: Uint8Array): string {
    const all = this.carry.length ? concat(this.carry, bytes) : bytes;
    const complete = completeUtf8Length(all);
    this.carry = all.slice(complete);
    this.offset += bytes.length;
    this.check = concat(this.check, bytes.subarray(Math.max(0, bytes.length - CHECK_BYTES))).slice(-CHECK_BYTES);
    return new TextDecoder().decode(all.subarray(0, complete));
  }

  private note(r: Exclude<LogReadResult, { kind: 'read' }>): LogViewUpdate {
    const same = r.kind === this.state;
    this.state = r.kind;
    this.offset = 0;
    this.check = new Uint8Array(0);
    this.carry = new Uint8Array(0);
    this.shown = 0;
    return same ? { kind: 'unchanged' } : r;
  }
}

/**
 * How many bytes of `bytes` end on a whole UTF-8 character: a sequence cut at the end (up to
 * three bytes) is held back. Invalid bytes count as whole (the decoder shows them as U+FFFD).
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const need = b >= 0xf0 && b <= 0xf7 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/**
 * A `ReadAt` for a file of a project: the path is resolved (every symlink on the way) and read
 * only when it stays inside `root`; then through the port's bounded, non-blocking read with no
 * symlink followed, so a pipe or device named like the file is never waited on.
 */
export function projectFileReader(fs: Pick<FileSystem, 'lstat' | 'realPath' | 'readFileUpTo'>, root: string, path: string): ReadAt {
  return async (from, maxBytes) => {
    if (!isInside(root, path) || !fs.readFileUpTo) return { kind: 'refused', reason: 'outside' };
    const real = await realPathInside(fs, path, root);
    if (!real) return (await fs.lstat(path)) ? { kind: 'refused', reason: 'outside' } : { kind: 'missing' };
    try {
      const r = await fs.readFileUpTo(real, maxBytes, { noFollow: true, from });
      return r.notFile ? { kind: 'refused', reason: 'not-file' } : { kind: 'read', size: r.size, bytes: r.bytes };
    } catch {
      // Removed (or swapped for a link) between the two steps.
      return { kind: 'missing' };
    }
  };
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
