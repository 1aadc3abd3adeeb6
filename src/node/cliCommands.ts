// The headless CLI's commands over the same core as the extension (src/cli.ts parses argv and
// runs one): reports as JSON for scripts and CI, text for people.

import path from 'node:path';
import { SpecIndex } from '../core/specIndex';
import { readBranchCopies } from '../core/branchCopies';
import { MAX_SPEC_BYTES } from '../core/spec';
import { NodeGit } from './git';
import { nodeFileSystem } from './nodeFileSystem';
import { lintReport } from '../core/lint';
import { lintPolicyFrom } from '../core/lintPolicy';
import { describePlan, planJson, planWork } from '../core/runPlan';
import { GRAPH_USAGE, graphCommand } from './graphCli';
import { DRIFT_USAGE, driftCommand } from './driftCli';
import { terminalJson, writeErr, writeOut } from './terminal';

export type Command = (args: string[]) => Promise<number>;


export function usage(): number {
  writeErr([
    'usage: chant-specs <command> [options] DIR',
    '  specs --json DIR      every spec of every Chant project under DIR',
    '  lint [--json] [--strict] DIR',
    '                        every problem of every spec (exit 1 when there are errors; archived specs',
    '                        only inform unless --strict)',
    '  plan [--json] [--chain] DIR ID',
    '                        what working spec ID runs: phases of `chant work` argv (exit 1 if refused)',
    ...GRAPH_USAGE,
    ...DRIFT_USAGE,
    '',
  ].join('\n'));
  return 2;
}

export async function loadIndex(dir: string): Promise<SpecIndex> {
  const index = new SpecIndex(nodeFileSystem);
  await index.setFolders([path.resolve(dir).replace(/\\/g, '/')]);
  // chant loads an in-progress spec from its run branch (statuses, readiness of its dependents):
  // the reports do too, one bounded git read per in-progress spec whose run branch exists.
  const git = new NodeGit();
  try {
    index.setBranchCopies(await readBranchCopies(index.all(), (root, branch, file) => git.branchFile(root, branch, file, { maxBytes: MAX_SPEC_BYTES }), (root) => git.branchNames(root)));
  } finally {
    git.dispose();
  }
  return index;
}

function positional(args: string[]): string[] {
  return args.filter((a) => !a.startsWith('--'));
}

/** The commands over `loadIndex` (a caller running several over one folder can load it once). */
export function makeCommands(loadIndex: (dir: string) => Promise<SpecIndex>): Record<string, Command> {
  return {
    async specs(args) {
      const [dir = '.'] = positional(args);
      const index = await loadIndex(dir);
      writeOut(terminalJson({ specs: index.summaries() }) + '\n');
      return 0;
    },
    async lint(args) {
      const [dir = '.'] = positional(args);
      const index = await loadIndex(dir);
      // Archived specs' problems are information (chant never loads them) unless --strict.
      const problems = lintReport(index, (root) => index.lintConfigOf(root), lintPolicyFrom({}, args.includes('--strict')));
      if (args.includes('--json')) {
        writeOut(terminalJson({ problems }) + '\n');
      } else {
        for (const p of problems) writeOut(`${p.path}:${p.line}:${p.column}: ${p.severity} [${p.source === 'chant' ? p.code : `${p.source}: ${p.code}`}] ${p.message}\n`);
      }
      return problems.some((p) => p.severity === 'error') ? 1 : 0;
    },
    drift: (args) => driftCommand(args, loadIndex),
    async plan(args) {
      const [dir, id] = positional(args);
      if (!dir || !id) return usage();
      const index = await loadIndex(dir);
      const wanted = path.resolve(dir).replace(/\\/g, '/');
      // The project DIR names, else every project under DIR that has the ID.
      const roots = index.projects().map((p) => p.root).filter((r) => index.byId(r, id) && !index.byId(r, id)!.archived);
      const root = roots.includes(wanted) ? wanted : roots.length === 1 ? roots[0] : undefined;
      if (!root) {
        writeErr(roots.length ? `${id} is in several projects (${roots.join(', ')}): pass the project folder.\n` : `no active spec ${id} under ${wanted}\n`);
        return 1;
      }
      const result = planWork(index, root, id, { mode: args.includes('--chain') ? 'chain' : 'phases' });
      if (!result.ok) {
        writeErr(`${result.error}\n`);
        return 1;
      }
      if (args.includes('--json')) {
        writeOut(terminalJson(planJson(result.plan)) + '\n');
      } else {
        for (const line of describePlan(result.plan)) writeOut(`${line}\n`);
        for (const step of result.plan.phases.flat()) writeOut(`  ${step.argv.join(' ')}\n`);
        for (const s of result.plan.skipped) writeOut(`skipped ${s.id}: ${s.reason}\n`);
        for (const w of result.plan.warnings) writeOut(`note: ${w}\n`);
      }
      return 0;
    },
    graph: (args) => graphCommand(args, loadIndex),
  };
}

export const commands = makeCommands(loadIndex);
