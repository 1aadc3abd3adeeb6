// `chant-specs graph --mermaid DIR [--focus ID] [--depth N] [--status S[,S…]]… [--hide-completed] [--hide-archived] [--files] [--json]`:
// the same graph and mermaid text the panel draws, for scripts, docs and CI.
import path from 'node:path';
import { buildGraph } from '../core/graph';
import { SPEC_STATUSES } from '../core/model';
import { localDate } from '../core/newSpec';
import { resolveSpecRef } from '../core/specRef';
import { describeBlockReason, type SpecIndex } from '../core/specIndex';
import { terminalJson, writeErr, writeOut } from './terminal';

export const GRAPH_USAGE = [
  '  graph --mermaid DIR [--focus ID] [--depth N] [--status S[,S…]]… [--hide-completed] [--hide-archived] [--files]',
  '                        the spec graph as mermaid flowchart text (--json: the graph model);',
  '                        --status shows specs with any of the statuses (ready: as chant list --ready)',
];

/** The words `--status` takes: chant's statuses, `ready` as chant reads it, and `invalid` (a spec chant cannot load). */
const GRAPH_STATUSES: readonly string[] = ['ready', ...SPEC_STATUSES.filter((s) => s !== 'ready'), 'invalid'];

interface GraphArgs {
  dir: string;
  focus?: string;
  depth?: number;
  statuses: string[];
  hideCompleted: boolean;
  hideArchived: boolean;
  files: boolean;
  json: boolean;
}

function parseGraphArgs(args: string[]): GraphArgs | string {
  const out: GraphArgs = { dir: '.', statuses: [], hideCompleted: false, hideArchived: false, files: false, json: false };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--focus' || a === '--depth' || a === '--status') {
      const value = args[++i];
      if (value === undefined) return `${a} needs a value`;
      if (a === '--focus') out.focus = value;
      else if (a === '--status') {
        for (const s of value.split(',').map((x) => x.trim().replace(/-/g, '_')).filter(Boolean)) {
          if (!GRAPH_STATUSES.includes(s)) return `unknown status ${s} (one of ${GRAPH_STATUSES.join(', ')})`;
          if (!out.statuses.includes(s)) out.statuses.push(s);
        }
      }
      else {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || n > 50) return '--depth must be a whole number from 0 to 50';
        out.depth = n;
      }
    } else if (a === '--hide-completed') out.hideCompleted = true;
    else if (a === '--hide-archived') out.hideArchived = true;
    else if (a === '--files') out.files = true;
    else if (a === '--json') out.json = true;
    else if (a === '--mermaid') continue;
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else rest.push(a);
  }
  if (rest.length > 1) return `one DIR expected, got ${rest.join(' ')}`;
  if (rest[0]) out.dir = rest[0];
  return out;
}

/** Runs the graph command over an index of DIR; returns the exit code. */
export async function graphCommand(args: string[], loadIndex: (dir: string) => Promise<SpecIndex>): Promise<number> {
  const parsed = parseGraphArgs(args);
  if (typeof parsed === 'string') {
    writeErr(`graph: ${parsed}\n${GRAPH_USAGE.join('\n')}\n`);
    return 2;
  }
  const index = await loadIndex(parsed.dir);
  const wanted = path.resolve(parsed.dir).replace(/\\/g, '/');
  const roots = index.projects().map((p) => p.root);
  if (roots.length === 0) {
    writeErr(`no Chant project under ${wanted}\n`);
    return 1;
  }
  // The project DIR names first, then the others in order.
  const ordered = roots.includes(wanted) ? [wanted, ...roots.filter((r) => r !== wanted)] : roots;
  let root = ordered[0];
  let focusId: string | undefined;
  if (parsed.focus !== undefined) {
    const found = resolveSpecRef(index, parsed.focus, ordered, localDate(new Date()));
    if (found.kind === 'missing') {
      writeErr(`no active spec matches ${parsed.focus}\n`);
      return 1;
    }
    if (found.kind === 'ambiguous') {
      writeErr(`${parsed.focus} is ambiguous: ${found.matches.join(', ')}\n`);
      return 1;
    }
    root = found.spec.root;
    focusId = found.spec.id;
  } else if (!roots.includes(wanted) && roots.length > 1) {
    writeErr(`note: ${roots.length} projects under ${wanted}; drawing ${root} (pass its folder to choose another)\n`);
  }
  const result = buildGraph(
    {
      specs: index.specsOf(root),
      relationsOf: (s) => index.relationsOf(s),
      describe: (rel) => rel.blockedBy.map(describeBlockReason),
    },
    {
      focus: focusId,
      depth: parsed.depth ?? 2,
      showFiles: parsed.files,
      filters: { statuses: parsed.statuses, hideCompleted: parsed.hideCompleted, hideArchived: parsed.hideArchived },
    },
  );
  for (const n of result.notices) writeErr(`note: ${n}\n`);
  for (const c of result.graph.cycles) writeErr(`note: dependency cycle: ${[...c, c[0]].join(' → ')}\n`);
  if (parsed.json) writeOut(terminalJson({ root, ...result }) + '\n');
  else writeOut(result.mermaid);
  return 0;
}
