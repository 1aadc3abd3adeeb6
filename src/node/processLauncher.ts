// Git processes started by a small long-lived node process instead of by the caller. Node's
// spawn() forks the calling process before git's exec, holding the caller's thread for a time
// that grows with the caller's resident memory: 4.5 ms from a 40 MB process, 11 ms at 190 MB,
// 17 ms at 500 MB (an extension host is often more), for each of the 5–10 processes of a drift
// check. The launcher (a bare node, ~40 MB) forks instead; the caller writes one line.
//
// Only for processes that write their output to a file (runToFile in git.ts): no output passes
// through the launcher, only the exit status and a bounded stderr. While it starts, after it
// stopped for being idle, or once it failed, the caller starts processes itself; a process the
// launcher lost (it died) is started again by the caller (git's reads have no side effects).
// The launcher starts with the first git process, or a little before git is known to run (the
// drift service in a trusted workspace inside a repository); never in an untrusted workspace. It
// ends when idle, when its caller exits (its standard input closes), or on dispose.

import { spawn, type ChildProcess } from 'node:child_process';

/** One process to start: stdout goes to `output`, an existing empty file the caller reads after. */
export interface LaunchRequest {
  file: string;
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string;
  output: string;
}

/** How a launched process ended: `error` is the errno code when it could not be started. */
export interface LaunchResult {
  code: number | null;
  signal: string | null;
  error?: string;
  message?: string;
  stderr: string;
}

/** The launcher died with this process running: the caller starts it again itself. */
export class LauncherLost extends Error {}

/** Stderr kept per process (git's messages are short; a hostile one is cut). */
const MAX_STDERR = 256 * 1024;
/** Without a request for this long, the launcher ends (the next one starts it again). */
const IDLE_MS = 30_000;
/** A launcher not ready after this long is given up for the session. */
const READY_MS = 10_000;

/** The first line of the launcher's program (tests find the process by it). */
export const LAUNCHER_MARK = '// chant-specs git process launcher';

// The launcher's program, run with `node -e` (no file to find next to whichever bundle runs):
// one JSON request per line in, one JSON result per line out, "ready" first.
const LAUNCHER_SOURCE = `${LAUNCHER_MARK}
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const MAX_STDERR = ${MAX_STDERR};
const reply = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
function start(m) {
  let fd;
  try { fd = fs.openSync(m.output, 'r+'); } catch (e) { reply({ id: m.id, code: null, signal: null, error: e.code || 'EIO', message: String(e.message), stderr: '' }); return; }
  let child;
  try {
    child = spawn(m.file, m.argv, { cwd: m.cwd, env: m.env, windowsHide: true, stdio: [m.input == null ? 'ignore' : 'pipe', fd, 'pipe'] });
  } catch (e) {
    fs.closeSync(fd);
    reply({ id: m.id, code: null, signal: null, error: e.code || 'EIO', message: String(e.message), stderr: '' });
    return;
  }
  fs.closeSync(fd);
  const err = [];
  let errBytes = 0;
  child.stderr.on('data', (b) => { if (errBytes < MAX_STDERR) { err.push(b); errBytes += b.length; } });
  let failed;
  child.on('error', (e) => { failed = e; });
  child.on('close', (code, signal) => reply({ id: m.id, code, signal, error: failed ? failed.code || 'EIO' : undefined, message: failed ? String(failed.message) : undefined, stderr: Buffer.concat(err).toString('utf8').slice(0, MAX_STDERR) }));
  if (m.input != null) { child.stdin.on('error', () => {}); child.stdin.end(m.input); }
}
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buffered += d;
  for (let nl = buffered.indexOf('\\n'); nl >= 0; nl = buffered.indexOf('\\n')) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    if (line) start(JSON.parse(line));
  }
});
process.stdin.on('end', () => process.exit(0));
reply({ ready: true });
`;

type Pending = { resolve: (r: LaunchResult) => void; reject: (e: unknown) => void };

export class ProcessLauncher {
  private child: ChildProcess | undefined;
  private ready = false;
  /** Failed once (could not start, died, or never became ready): callers start processes themselves. */
  private broken = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private buffered = '';
  private idleTimer: NodeJS.Timeout | undefined;
  private readyTimer: NodeJS.Timeout | undefined;
  /** A start is scheduled (see warm). */
  private starting = false;
  /** The launcher's process id while it runs (tests look at who started what). */
  pid: number | undefined;

  /** `execPath`: the node to run the launcher with (the running one; an extension host's runs as node). */
  constructor(private readonly execPath: string = process.execPath, private readonly idleMs = IDLE_MS) {}

  /**
   * Starts `request` through the launcher, or returns undefined when it cannot now (starting,
   * failed): the caller then starts the process itself. The first call starts the launcher.
   */
  launch(request: LaunchRequest): Promise<LaunchResult> | undefined {
    this.warm();
    if (this.broken || !this.ready || !this.child?.stdin?.writable) return undefined;
    const id = this.nextId++;
    const line = `${JSON.stringify({ id, ...request })}\n`;
    const done = new Promise<LaunchResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.busy();
    this.child.stdin.write(line);
    return done;
  }

  /** Whether requests go to the launcher now (else `launch` returns undefined). */
  get isReady(): boolean {
    return !this.broken && this.ready;
  }

  /** Starts the launcher ahead of the processes a caller is about to ask for (it takes ~50 ms to be ready). */
  warm(): void {
    if (this.broken || this.child || this.starting) return;
    // On a turn of its own: its fork holds the thread as long as the caller's next one does.
    this.starting = true;
    setImmediate(() => {
      this.starting = false;
      if (!this.broken && !this.child) this.start();
    });
  }

  /** Ends the launcher (processes it started run on; their results are lost: the callers start them again). */
  dispose(): void {
    this.broken = true;
    this.stop();
  }

  private start(): void {
    let child: ChildProcess;
    try {
      // As node (an extension host's executable is Electron), without the caller's node options
      // (an inspector flag would hold it), pipes only.
      const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
      delete env.NODE_OPTIONS;
      child = spawn(this.execPath, ['-e', LAUNCHER_SOURCE], { env, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    } catch {
      this.broken = true;
      return;
    }
    this.child = child;
    this.pid = child.pid;
    this.ready = false;
    this.buffered = '';
    child.on('error', () => this.lost(child));
    child.on('exit', () => this.lost(child));
    child.stdin?.on('error', () => this.lost(child));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => this.received(d));
    this.readyTimer = setTimeout(() => {
      if (!this.ready) this.lost(child);
    }, READY_MS);
    this.readyTimer.unref();
    this.release();
  }

  private received(data: string): void {
    this.buffered += data;
    for (let nl = this.buffered.indexOf('\n'); nl >= 0; nl = this.buffered.indexOf('\n')) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      let message: { ready?: boolean; id?: number } & LaunchResult;
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        continue;
      }
      if (message.ready) {
        this.ready = true;
        clearTimeout(this.readyTimer);
        this.idle(); // idle from now, not from its start (a slow start is no idleness)
        continue;
      }
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting) continue;
      this.pending.delete(message.id!);
      waiting.resolve({ code: message.code, signal: message.signal, error: message.error, message: message.message, stderr: message.stderr ?? '' });
      if (this.pending.size === 0) this.idle();
    }
  }

  /** The launcher ended or failed: what it was running is lost; unexpected ends turn it off. */
  private lost(child: ChildProcess): void {
    if (this.child !== child) return;
    const expected = this.pending.size === 0 && this.stopping;
    this.child = undefined;
    this.pid = undefined;
    this.ready = false;
    this.stopping = false;
    clearTimeout(this.idleTimer);
    clearTimeout(this.readyTimer);
    if (!expected) this.broken = true;
    for (const p of this.pending.values()) p.reject(new LauncherLost('the process launcher ended'));
    this.pending.clear();
    try { child.kill(); } catch { /* gone */ }
  }

  private stopping = false;

  /** Ends the launcher: its standard input closes, and it exits. */
  private stop(): void {
    const child = this.child;
    if (!child) return;
    this.stopping = true;
    clearTimeout(this.idleTimer);
    if (this.pending.size > 0) this.lost(child);
    else child.stdin?.end();
  }

  /** Requests running: the launcher keeps the caller's event loop alive (a CLI waits for it). */
  private busy(): void {
    clearTimeout(this.idleTimer);
    this.child?.ref();
    (this.child?.stdout as { ref?: () => void } | null)?.ref?.();
  }

  /** The launcher keeps nothing alive (starting, or idle). */
  private release(): void {
    this.child?.unref();
    (this.child?.stdout as { unref?: () => void } | null)?.unref?.();
    (this.child?.stdin as { unref?: () => void } | null)?.unref?.();
  }

  /** Nothing running: the launcher keeps nothing alive, and ends after a while. */
  private idle(): void {
    this.release();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs);
    this.idleTimer.unref();
  }
}

let shared: ProcessLauncher | undefined;

/** The process's one launcher (git adapters share it: it outlives a check, as the extension host does). */
export function sharedLauncher(): ProcessLauncher {
  shared ??= new ProcessLauncher();
  return shared;
}

/** Starts a process from this one, its stdout to `fd` (what callers do while the launcher cannot). */
export function launchHere(file: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv, input: string | undefined, fd: number): Promise<LaunchResult> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, argv, { cwd, env, windowsHide: true, stdio: [input === undefined ? 'ignore' : 'pipe', fd, 'pipe'] });
    } catch (e) {
      resolve({ code: null, signal: null, error: (e as NodeJS.ErrnoException).code ?? 'EIO', message: String((e as Error).message), stderr: '' });
      return;
    }
    const stderr: Buffer[] = [];
    child.stderr?.on('data', (b: Buffer) => stderr.push(b));
    let failed: NodeJS.ErrnoException | undefined;
    child.on('error', (e: NodeJS.ErrnoException) => { failed = e; });
    child.on('close', (code, signal) => resolve({ code, signal, error: failed ? failed.code ?? 'EIO' : undefined, message: failed?.message, stderr: Buffer.concat(stderr).toString() }));
    if (input !== undefined) {
      child.stdin?.on('error', () => undefined); // git may exit before reading it all (a bad revision)
      child.stdin?.end(input);
    }
  });
}
