// How a run is launched in an integrated terminal, and how its exit code comes back.
//
// A terminal whose process is chant itself reports chant's exit code when it closes, but VS Code
// closes such a terminal the moment the process exits, taking chant's output with it. So on
// POSIX the terminal runs a constant `sh` script that runs the argv it is given ("$@": the
// arguments are never parsed as shell text), writes the exit code to a file we watch, and keeps
// the output on screen until the user presses Enter. On Windows the terminal runs chant itself
// and the code comes from the terminal's exit status.

import { watch, promises as fsp, mkdtempSync, rmSync, type FSWatcher } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunCommand } from '../core/runPlan';

export const EXIT_FILE_ENV = 'CHANT_SPECS_EXIT_FILE';

// `trap : INT`: Ctrl+C stops chant (handlers reset to default on exec) but not this script,
// which still reports the code. The code file is written whole, then renamed into place.
const KEEP_OPEN_SCRIPT = [
  'trap : INT',
  '"$@"',
  'code=$?',
  'printf \'%s\\n\' "$code" > "$CHANT_SPECS_EXIT_FILE.tmp" && mv -f "$CHANT_SPECS_EXIT_FILE.tmp" "$CHANT_SPECS_EXIT_FILE"',
  'if [ "$code" = 0 ]; then msg="chant finished"; else msg="chant exited with code $code"; fi',
  'printf \'\\n\\033[2m%s. Press Enter to close this terminal.\\033[0m\\n\' "$msg"',
  'read -r _ || true',
  'exit "$code"',
].join('\n');

/** What `vscode.window.createTerminal` needs to run `command` (apart from the name). */
export interface TerminalLaunch {
  shellPath: string;
  shellArgs: string[];
  cwd: string;
  env: Record<string, string>;
  /** Whether the exit code arrives through `exitFile` (else only from the terminal's exit status). */
  reportsThroughFile: boolean;
}

export function terminalLaunch(command: RunCommand, exitFile: string, platform: NodeJS.Platform = process.platform): TerminalLaunch {
  if (platform === 'win32') {
    return { shellPath: command.command, shellArgs: command.args, cwd: command.cwd, env: { ...command.env }, reportsThroughFile: false };
  }
  return {
    shellPath: '/bin/sh',
    // `sh -c SCRIPT NAME ARG...`: NAME becomes $0, the argv becomes "$@".
    shellArgs: ['-c', KEEP_OPEN_SCRIPT, 'chant-run', command.command, ...command.args],
    cwd: command.cwd,
    env: { ...command.env, [EXIT_FILE_ENV]: exitFile },
    reportsThroughFile: true,
  };
}

/**
 * A private temp folder of exit-code files, one per run, watched for changes. Calls `onExit`
 * once per file that appears with a code. A slow poll backs the watcher up (some file systems
 * drop events).
 */
export class ExitCodeFiles {
  /** Made at the first run: a session that runs nothing leaves nothing in the temporary folder. */
  private folder: string | undefined;
  private watcher: FSWatcher | undefined;
  private readonly pending = new Map<string, (code: number) => void>();
  private poll: ReturnType<typeof setInterval> | undefined;
  private counter = 0;

  /** The folder of this session's exit-code files (created on first use). */
  get dir(): string {
    if (!this.folder) {
      this.folder = mkdtempSync(path.join(os.tmpdir(), 'chant-specs-runs-'));
      try {
        this.watcher = watch(this.folder, () => void this.check());
      } catch {
        this.watcher = undefined;
      }
    }
    return this.folder;
  }

  /** A fresh file path for one run; `onExit` gets the code it reports. */
  allocate(onExit: (code: number) => void): string {
    const file = path.join(this.dir, `run-${++this.counter}.code`);
    this.pending.set(file, onExit);
    if (!this.poll) this.poll = setInterval(() => void this.check(), 2000);
    return file;
  }

  /** Stops waiting for a run's file (its terminal closed). */
  release(file: string): void {
    this.pending.delete(file);
    if (this.pending.size === 0 && this.poll) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
  }

  /** Reads the code now if the file is there (used when the terminal closes first). */
  async readNow(file: string): Promise<number | undefined> {
    try {
      const text = await fsp.readFile(file, 'utf8');
      const m = /^\s*(\d+)\s*$/.exec(text);
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  private async check(): Promise<void> {
    for (const [file, onExit] of [...this.pending]) {
      const code = await this.readNow(file);
      if (code === undefined || !this.pending.has(file)) continue;
      this.release(file);
      onExit(code);
    }
  }

  dispose(): void {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    this.pending.clear();
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }
}
