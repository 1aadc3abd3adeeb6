// Headless entry over the same core as the extension: reports as JSON for scripts and CI.
//   node dist/cli.js specs --json DIR

import path from 'node:path';
import { SpecIndex } from './core/specIndex';
import { nodeFileSystem } from './node/nodeFileSystem';
import { DRIFT_USAGE, driftCommand } from './node/driftCli';

type Command = (args: string[]) => Promise<number>;

function usage(): number {
  process.stderr.write([
    'usage: chant-specs <command> [options] DIR',
    '  specs --json DIR      every spec of every Chant project under DIR',
    ...DRIFT_USAGE,
    '',
  ].join('\n'));
  return 2;
}

async function loadIndex(dir: string): Promise<SpecIndex> {
  const index = new SpecIndex(nodeFileSystem);
  await index.setFolders([path.resolve(dir).replace(/\\/g, '/')]);
  return index;
}

function positional(args: string[]): string[] {
  return args.filter((a) => !a.startsWith('--'));
}

export const commands: Record<string, Command> = {
  async specs(args) {
    const [dir = '.'] = positional(args);
    const index = await loadIndex(dir);
    process.stdout.write(JSON.stringify({ specs: index.summaries() }, null, 2) + '\n');
    return 0;
  },
  drift: (args) => driftCommand(args, loadIndex),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) return usage();
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`); process.exitCode = 2; },
);
