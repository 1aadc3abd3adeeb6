// One chant process for a task's terminal: an argv array (never a shell line), its output streamed
// to the terminal as it comes and kept (the tail) so the extension can read chant's reason when it
// stops, and its exit code. Same on every OS: no shell script, no exit-code file.

import { spawn } from 'node:child_process';
import path from 'node:path';
import type { RunCommand } from '../core/runPlan';

/** How much of the output is kept for reading chant's reason (its refusals are short). */
export const KEPT_OUTPUT = 64 * 1024;

export interface ChantProcess {
  /** Sends a signal (Ctrl+C in the terminal: SIGINT; closing it: SIGTERM). */
  kill(signal: NodeJS.Signals): void;
  /** Text typed in the terminal, passed to chant's standard input. */
  write(text: string): void;
  /** The exit code (a signal counts as 128 + its number, as shells report it) and the output's tail. */
  readonly exited: Promise<{ code: number; output: string }>;
}

/**
 * The environment chant runs with: ours, plus `extra`, with the folder of the chant executable
 * first on PATH. chant configures git to call `chant merge-driver` (by name) for spec files, so a
 * merge started from the extension needs that name to resolve to the same chant.
 */
export function chantEnv(executable: string, extra: Record<string, string>, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  Object.assign(env, extra);
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const dir = path.dirname(executable);
  const parts = (env[key] ?? '').split(path.delimiter).filter(Boolean);
  if (path.isAbsolute(executable) && parts[0] !== dir) env[key] = [dir, ...parts.filter((p) => p !== dir)].join(path.delimiter);
  return env;
}

/** Starts `command` (program + args in `cwd`); `onOutput` receives stdout and stderr as they arrive. */
export function startChantProcess(command: RunCommand, onOutput: (text: string) => void): ChantProcess {
  const child = spawn(command.command, command.args, {
    cwd: command.cwd,
    env: chantEnv(command.command, command.env),
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  // The kept output (what refusals are read from) takes whole lines from each stream: chunks of
  // stdout and stderr arrive interleaved, and an `Error: ` from one stream could otherwise end up
  // in front of a line of the other.
  let tail = '';
  const partial = { out: '', err: '' };
  const take = (stream: 'out' | 'err') => (chunk: Buffer | string) => {
    const text = chunk.toString();
    const joined = partial[stream] + text;
    const cut = joined.lastIndexOf('\n') + 1;
    partial[stream] = joined.slice(cut).slice(-KEPT_OUTPUT);
    if (cut > 0) tail = (tail + joined.slice(0, cut)).slice(-KEPT_OUTPUT);
    onOutput(text);
  };
  const kept = () => {
    for (const stream of ['out', 'err'] as const) if (partial[stream]) tail = (tail + partial[stream] + '\n').slice(-KEPT_OUTPUT);
    partial.out = partial.err = '';
    return tail;
  };
  child.stdout.on('data', take('out'));
  child.stderr.on('data', take('err'));
  child.stdin.on('error', () => undefined); // chant closed its input: typing is then ignored
  const exited = new Promise<{ code: number; output: string }>((resolve) => {
    child.on('error', (e) => {
      take('err')(`${e.message}\n`);
      resolve({ code: 127, output: kept() });
    });
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal ? 128 + signalNumber(signal) : 1), output: kept() });
    });
  });
  return {
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    write: (text) => {
      if (child.stdin.writable) child.stdin.write(text);
    },
    exited,
  };
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Partial<Record<NodeJS.Signals, number>>)[signal] ?? 1;
}
