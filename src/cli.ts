// Headless entry over the same core as the extension: reports as JSON for scripts and CI.
//   node dist/cli.js specs --json DIR

import { commands, usage } from './node/cliCommands';
import { writeErr } from './node/terminal';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) return usage();
  return command(rest);
}

// A reader that stops early (`… | head`) closes the pipe: that is the end of the output, not an
// error. Exit quietly, as the Unix tools do, instead of an unhandled EPIPE trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { writeErr(`error: ${e instanceof Error ? e.message : String(e)}\n`); process.exitCode = 2; },
);
