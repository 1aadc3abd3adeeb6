// The ProcessRunner port over child_process.execFile: an argv array, never a shell line.
import { execFile } from 'node:child_process';
import type { ProcessRunner } from '../core/ports';

export const nodeProcessRunner: ProcessRunner = {
  run(command, args, options) {
    return new Promise((resolve) => {
      const child = execFile(command, args, {
        cwd: options.cwd,
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024,
        windowsHide: true,
      }, (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && !stderr ? error.message : '') });
      });
      if (options.input !== undefined) child.stdin?.end(options.input);
      else child.stdin?.end();
    });
  },
};
