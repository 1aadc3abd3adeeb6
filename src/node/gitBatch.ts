// One long-lived `git cat-file --batch` per repository: a blob costs a line written to its stdin
// instead of a new git process (which, in a 50,000-file repository, spends most of its time
// starting up). Requests are answered in order; a process that dies fails what it owes and is
// started again on the next request.

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { GitBlob } from '../core/gitPort';

interface Pending {
  resolve(blob: GitBlob | undefined): void;
  reject(error: Error): void;
}

export class CatFileBatch {
  private child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly pending: Pending[] = [];

  constructor(
    private readonly gitPath: string,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    /** `-c` pairs placed before `cat-file` (what keeps the repository's own commands off). */
    private readonly config: readonly string[],
    private readonly onStart: () => void,
  ) {}

  /** The blob named `<rev>:<path>` (or any object name); undefined when missing or not a blob. */
  read(name: string): Promise<GitBlob | undefined> {
    // The protocol is line based: a name with a line break cannot be asked for.
    if (/[\r\n]/.test(name)) return Promise.reject(new Error('object name with a line break'));
    return new Promise((resolve, reject) => {
      const child = this.started();
      if (this.pending.length === 0) this.hold(child, true);
      this.pending.push({ resolve, reject });
      child.stdin.write(`${name}\n`);
    });
  }

  dispose(): void {
    const child = this.child;
    this.child = undefined;
    this.fail(new Error('git cat-file stopped'));
    child?.stdin.end();
    child?.kill();
  }

  private started(): ChildProcessByStdio<Writable, Readable, null> {
    if (this.child) return this.child;
    this.onStart();
    const child = spawn(this.gitPath, [...this.config, 'cat-file', '--batch'], { cwd: this.cwd, env: this.env, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    this.child = child;
    this.chunks = [];
    this.buffered = 0;
    const gone = (error: Error) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.fail(error);
    };
    child.on('error', gone);
    child.on('exit', (code) => gone(new Error(`git cat-file exited (${code})`)));
    child.stdin.on('error', gone);
    child.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.drain();
    });
    this.hold(child, false);
    return child;
  }

  /** Keeps node running while answers are owed; an idle batch process must not keep a command-line run alive. */
  private hold(child: ChildProcessByStdio<Writable, Readable, null>, busy: boolean): void {
    const handles = [child, child.stdout, child.stdin] as { ref?: () => void; unref?: () => void }[];
    for (const h of handles) (busy ? h.ref : h.unref)?.call(h);
  }

  private fail(error: Error): void {
    for (const p of this.pending.splice(0)) p.reject(error);
  }

  /** Answers as many requests as the bytes received so far complete. */
  private drain(): void {
    while (this.pending.length > 0 && this.buffered > 0) {
      const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks = [data];
      const eol = data.indexOf(10);
      if (eol < 0) return;
      const header = data.subarray(0, eol).toString('utf8');
      // "<sha> <type> <size>", or "<name> missing" / "<name> ambiguous" with no content.
      const m = /^([0-9a-f]{40}|[0-9a-f]{64}) (\S+) (\d+)$/.exec(header);
      let consumed = eol + 1;
      let blob: GitBlob | undefined;
      if (m) {
        const size = Number(m[3]);
        if (data.length < eol + 1 + size + 1) return; // content and its closing newline not all here yet
        if (m[2] === 'blob') blob = { sha: m[1], bytes: Buffer.from(data.subarray(eol + 1, eol + 1 + size)) };
        consumed += size + 1;
      }
      const rest = data.subarray(consumed);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.pending.shift()!.resolve(blob);
      if (this.pending.length === 0 && this.child) this.hold(this.child, false);
    }
  }
}

/**
 * One `git check-attr --stdin -z diff` per repository, kept while questions come: whether a
 * `diff` attribute applies to paths costs lines written to its stdin instead of a new git process
 * per tree diff (drift over a long history asked 24 times, each start holding up the calling
 * thread while a large process forked). git flushes its answer after each path when writing to a
 * pipe. git reads the attribute files once per process, so the process ends after IDLE_MS without
 * a question: an edited `.gitattributes` is read by the next check.
 */
export class CheckAttrBatch {
  static readonly IDLE_MS = 1000;
  private child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  private idle: ReturnType<typeof setTimeout> | undefined;
  private text = '';
  /** Per request, how many paths are still owed and whether all so far were unspecified. */
  private readonly pending: { owed: number; unset: boolean; resolve(unset: boolean): void; reject(error: Error): void }[] = [];

  constructor(
    private readonly gitPath: string,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly config: readonly string[],
    private readonly onStart: () => void,
  ) {}

  /** Whether no `diff` attribute applies to any of `paths` (all `unspecified`). */
  diffUnset(paths: readonly string[]): Promise<boolean> {
    if (paths.length === 0) return Promise.resolve(true);
    // NUL-separated: a path with a NUL cannot be asked for (git paths never hold one).
    if (paths.some((p) => p.includes('\0'))) return Promise.reject(new Error('path with a NUL byte'));
    return new Promise((resolve, reject) => {
      clearTimeout(this.idle);
      const child = this.started();
      if (this.pending.length === 0) this.hold(child, true);
      this.pending.push({ owed: paths.length, unset: true, resolve, reject });
      child.stdin.write(paths.join('\0') + '\0');
    });
  }

  dispose(): void {
    clearTimeout(this.idle);
    const child = this.child;
    this.child = undefined;
    this.fail(new Error('git check-attr stopped'));
    child?.stdin.end();
    child?.kill();
  }

  /** Whether a process is running (ended after IDLE_MS without a question). */
  get running(): boolean {
    return this.child !== undefined;
  }

  private started(): ChildProcessByStdio<Writable, Readable, null> {
    if (this.child) return this.child;
    this.onStart();
    const child = spawn(this.gitPath, [...this.config, 'check-attr', '--stdin', '-z', 'diff'], { cwd: this.cwd, env: this.env, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    this.child = child;
    this.text = '';
    const gone = (error: Error) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.fail(error);
    };
    child.on('error', gone);
    child.on('exit', (code) => gone(new Error(`git check-attr exited (${code})`)));
    child.stdin.on('error', gone);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      this.text += chunk;
      this.drain();
    });
    this.hold(child, false);
    return child;
  }

  /** Keeps node running while answers are owed; an idle batch process must not keep a command-line run alive. */
  private hold(child: ChildProcessByStdio<Writable, Readable, null>, busy: boolean): void {
    const handles = [child, child.stdout, child.stdin] as { ref?: () => void; unref?: () => void }[];
    for (const h of handles) (busy ? h.ref : h.unref)?.call(h);
  }

  private fail(error: Error): void {
    for (const p of this.pending.splice(0)) p.reject(error);
  }

  /** Takes each complete `<path> NUL diff NUL <value> NUL` answer, in the order asked. */
  private drain(): void {
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
      if (--request.owed === 0) {
        this.pending.shift();
        request.resolve(request.unset);
        if (this.pending.length === 0 && this.child) {
          this.hold(this.child, false);
          this.idle = setTimeout(() => this.dispose(), CheckAttrBatch.IDLE_MS);
          this.idle.unref?.();
        }
      }
    }
    this.text = this.text.slice(at);
  }
}
