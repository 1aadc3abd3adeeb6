// Long-lived git processes that answer questions written to their stdin, one per repository: a
// question costs a line instead of a new git process (which, in a 50,000-file repository, spends
// most of its time starting up, and in a large calling process holds its thread while it forks).
// Requests are answered in order; a process that dies fails what it owes and is started again on
// the next request. `cat-file` reads objects, `check-attr --stdin` answers attributes.

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

type BatchChild = ChildProcessByStdio<Writable, Readable, null>;

interface Owed {
  reject(error: Error): void;
}

/** The process, its start and end, and what it owes; subclasses parse the answers. */
abstract class GitBatch<P extends Owed> {
  protected child: BatchChild | undefined;
  protected readonly pending: P[] = [];

  constructor(
    private readonly gitPath: string,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    /** `-c` pairs placed before the command (what keeps the repository's own commands off). */
    private readonly config: readonly string[],
    private readonly onStart: () => void,
    /** The command and its options. */
    private readonly args: readonly string[],
  ) {}

  dispose(): void {
    const child = this.child;
    this.child = undefined;
    this.fail(new Error(`git ${this.args[0]} stopped`));
    child?.stdin.end();
    child?.kill();
  }

  /** Questions asked in this turn of the event loop, written together when it ends. */
  private unsent: string[] = [];

  /** Writes a question owing `request`; its answer resolves it. */
  protected ask(request: P, text: string): void {
    const child = this.started();
    if (this.pending.length === 0) this.hold(child, true);
    this.pending.push(request);
    // One write for the questions of a turn (thousands of blobs asked at once were as many writes).
    if (this.unsent.length === 0) queueMicrotask(() => this.flush());
    this.unsent.push(text);
  }

  private flush(): void {
    const text = this.unsent.join('');
    this.unsent = [];
    if (text !== '') this.child?.stdin.write(text);
  }

  /** Why the process ended, for what it owed. */
  protected exitError(code: number | null): Error {
    return new Error(`git ${this.args[0]} exited (${code})`);
  }

  /** New output: answer what it completes. */
  protected abstract received(chunk: Buffer): void;

  /** A new process: forget the old one's partial output. */
  protected abstract restarted(): void;

  /** After a request was answered: an idle process must not keep a command-line run alive. */
  protected answered(): void {
    if (this.pending.length === 0 && this.child) this.hold(this.child, false);
  }

  private started(): BatchChild {
    if (this.child) return this.child;
    this.onStart();
    const child = spawn(this.gitPath, [...this.config, ...this.args], { cwd: this.cwd, env: this.env, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    this.child = child;
    this.restarted();
    const gone = (error: Error) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.fail(error);
    };
    child.on('error', gone);
    child.on('exit', (code) => gone(this.exitError(code)));
    // A write to a process that has ended: what it owes fails with its exit.
    child.stdin.on('error', () => undefined);
    child.stdout.on('data', (chunk: Buffer) => this.received(chunk));
    this.hold(child, false);
    return child;
  }

  /** Keeps node running while answers are owed. */
  private hold(child: BatchChild, busy: boolean): void {
    const handles = [child, child.stdout, child.stdin] as { ref?: () => void; unref?: () => void }[];
    for (const h of handles) (busy ? h.ref : h.unref)?.call(h);
  }

  private fail(error: Error): void {
    this.unsent = []; // owed by the process that stopped: failed here
    for (const p of this.pending.splice(0)) p.reject(error);
  }
}

interface AttributeRequest extends Owed {
  /** Paths still owed, and whether all answered so far were unspecified. */
  owed: number;
  unset: boolean;
  resolve(unset: boolean): void;
}

/**
 * One `git check-attr --stdin -z diff` per repository, kept while questions come (drift over a
 * long history asked 24 times, one process each before). git flushes its answer after each path
 * when writing to a pipe. git reads the attribute files once per process, so the process ends
 * after IDLE_MS without a question: an edited `.gitattributes` is read by the next check.
 */
export class CheckAttrBatch extends GitBatch<AttributeRequest> {
  static readonly IDLE_MS = 1000;
  private text = '';
  private decoder = new TextDecoder();
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(gitPath: string, cwd: string, env: NodeJS.ProcessEnv, config: readonly string[], onStart: () => void) {
    super(gitPath, cwd, env, config, onStart, ['check-attr', '--stdin', '-z', 'diff']);
  }

  /** Whether no `diff` attribute applies to any of `paths` (all `unspecified`). */
  diffUnset(paths: readonly string[]): Promise<boolean> {
    if (paths.length === 0) return Promise.resolve(true);
    // NUL-separated: a path with a NUL cannot be asked for (git paths never hold one).
    if (paths.some((p) => p.includes('\0'))) return Promise.reject(new Error('path with a NUL byte'));
    clearTimeout(this.idle);
    return new Promise((resolve, reject) => this.ask({ owed: paths.length, unset: true, resolve, reject }, paths.join('\0') + '\0'));
  }

  override dispose(): void {
    clearTimeout(this.idle);
    super.dispose();
  }

  /** Whether a process is running (ended after IDLE_MS without a question). */
  get running(): boolean {
    return this.child !== undefined;
  }

  protected restarted(): void {
    this.text = '';
    this.decoder = new TextDecoder();
  }

  /** Takes each complete `<path> NUL diff NUL <value> NUL` answer, in the order asked. */
  protected received(chunk: Buffer): void {
    this.text += this.decoder.decode(chunk, { stream: true });
    let at = 0;
    for (;;) {
      const a = this.text.indexOf('\0', at);
      const b = a < 0 ? -1 : this.text.indexOf('\0', a + 1);
      const c = b < 0 ? -1 : this.text.indexOf('\0', b + 1);
      if (c < 0) break;
      const value = this.text.slice(b + 1, c);
      at = c + 1;
      const request = this.pending[0];
      if (!request) continue; // nothing owed (cannot happen): drop the answer
      if (value !== 'unspecified') request.unset = false;
      if (--request.owed > 0) continue;
      this.pending.shift();
      request.resolve(request.unset);
      this.answered();
      if (this.pending.length === 0) {
        this.idle = setTimeout(() => this.dispose(), CheckAttrBatch.IDLE_MS);
        this.idle.unref?.();
      }
    }
    this.text = this.text.slice(at);
  }
}

/** What `git cat-file` says of an object. */
export interface ObjectInfo {
  sha: string;
  type: string;
  size: number;
}

/** An object and its bytes (left out when over the bound asked). */
export interface GitObject extends ObjectInfo {
  bytes?: Uint8Array;
}

/**
 * How a `git cat-file` process is asked: `--batch-command` (git 2.36) answers both questions in
 * one process; before it, `--batch-check` answers ids, types and sizes and `--batch` contents.
 */
export type CatFileMode = 'command' | 'info' | 'contents';

const CAT_FILE_ARGS: Record<CatFileMode, string[]> = {
  command: ['cat-file', '--batch-command'],
  info: ['cat-file', '--batch-check'],
  contents: ['cat-file', '--batch'],
};

/** git older than 2.36: no `cat-file --batch-command` (ask the other two modes). */
export class BatchCommandUnsupported extends Error {}

interface ObjectRequest extends Owed {
  resolve(object: GitObject | undefined): void;
  contents: boolean;
  /** Larger contents are not held: their bytes are dropped as they come. */
  maxBytes: number;
}

/**
 * One long-lived `git cat-file` per repository (and mode): commits named by short SHAs, blobs'
 * sizes and contents, a path in the index, where each drift check once started a process or more.
 */
export class CatFileObjects extends GitBatch<ObjectRequest> {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes of an answer over its request's bound still to drop (its content and newline). */
  private skipping = 0;
  /** Whether this process ever answered (an unknown option ends it before any answer). */
  private answeredAny = false;

  constructor(gitPath: string, cwd: string, env: NodeJS.ProcessEnv, config: readonly string[], onStart: () => void, private readonly mode: CatFileMode) {
    super(gitPath, cwd, env, config, onStart, CAT_FILE_ARGS[mode]);
  }

  /** The id, type and size of the object `name` names; undefined when it is missing or ambiguous. */
  info(name: string): Promise<ObjectInfo | undefined> {
    if (this.mode === 'contents') return Promise.reject(new Error('cat-file --batch answers contents'));
    return this.request(name, false, 0);
  }

  /** The object `name` names with its bytes, left out when larger than `maxBytes` (never held in memory then). */
  object(name: string, maxBytes = Number.POSITIVE_INFINITY): Promise<GitObject | undefined> {
    if (this.mode === 'info') return Promise.reject(new Error('cat-file --batch-check answers no contents'));
    return this.request(name, true, maxBytes);
  }

  private request(name: string, contents: boolean, maxBytes: number): Promise<GitObject | undefined> {
    // The protocol is line based: a name with a line break cannot be asked for.
    if (/[\r\n]/.test(name)) return Promise.reject(new Error('object name with a line break'));
    const line = this.mode === 'command' ? `${contents ? 'contents' : 'info'} ${name}\n` : `${name}\n`;
    return new Promise((resolve, reject) => this.ask({ resolve, reject, contents, maxBytes }, line));
  }

  protected override exitError(code: number | null): Error {
    // 129: git's usage error, here an option it does not know.
    if (this.mode === 'command' && code === 129 && !this.answeredAny) return new BatchCommandUnsupported('git cat-file has no --batch-command');
    return super.exitError(code);
  }

  protected restarted(): void {
    this.chunks = [];
    this.buffered = 0;
    this.skipping = 0;
  }

  protected received(chunk: Buffer): void {
    this.answeredAny = true;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while ((this.pending.length > 0 || this.skipping > 0) && this.buffered > 0) {
      let data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      if (this.skipping > 0) {
        const dropped = Math.min(this.skipping, data.length);
        this.skipping -= dropped;
        data = data.subarray(dropped);
        this.chunks = data.length > 0 ? [data] : [];
        this.buffered = data.length;
        continue;
      }
      this.chunks = [data];
      const eol = data.indexOf(10);
      if (eol < 0) return;
      // "<sha> <type> <size>", or "<name> missing" / "<name> ambiguous" with no content.
      const m = /^([0-9a-f]{40}|[0-9a-f]{64}) (\S+) (\d+)$/.exec(data.toString('latin1', 0, eol));
      const request = this.pending[0];
      let consumed = eol + 1;
      let object: GitObject | undefined;
      if (m) {
        object = { sha: m[1], type: m[2], size: Number(m[3]) };
        if (request.contents && object.size > request.maxBytes) {
          this.skipping = object.size + 1;
        } else if (request.contents) {
          if (data.length < eol + 1 + object.size + 1) return; // content and its closing newline not all here yet
          // A view of the output, not a copy: node gives each read its own memory.
          object.bytes = data.subarray(eol + 1, eol + 1 + object.size);
          consumed += object.size + 1;
        }
      }
      const rest = data.subarray(consumed);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.pending.shift()!.resolve(object);
      this.answered();
    }
  }
}
