// `chant-specs drift [--json] [--fail-on-drift] [--include-archived] DIR`: the drift report
// headless, for scripts and CI. chant's own `chant drift` exits 0 whatever it finds; this exits 1
// with --fail-on-drift when any spec drifted (directly or through a member).

import type { SpecIndex } from '../core/specIndex';
import { DriftEngine } from '../core/drift/engine';
import { isDrifted } from '../core/drift/model';
import { driftJson, driftText } from '../core/drift/report';
import { nodeFileSystem } from './nodeFileSystem';
import { NodeGit } from './git';
import { terminalJson, writeOut } from './terminal';

export const DRIFT_USAGE = [
  '  drift [--json] [--fail-on-drift] [--include-archived] DIR',
  '                        tracked files changed since their specs completed (git; mtime outside git)',
];

export async function driftCommand(args: string[], loadIndex: (dir: string) => Promise<SpecIndex>): Promise<number> {
  const [dir = '.'] = args.filter((a) => !a.startsWith('--'));
  const index = await loadIndex(dir);
  const git = new NodeGit();
  const engine = new DriftEngine({ git, fs: nodeFileSystem }, { includeArchived: args.includes('--include-archived') });
  try {
    await engine.checkAll(index);
  } finally {
    git.dispose();
  }
  const findings = engine.findings();
  writeOut(args.includes('--json') ? terminalJson(driftJson(findings)) + '\n' : driftText(findings));
  return args.includes('--fail-on-drift') && findings.some(isDrifted) ? 1 : 0;
}
