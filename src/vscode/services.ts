// The services features share, built once before any feature (nothing depends on the order
// features register in): the chant CLI, run state, `chant` tasks, work plans, drift and the
// lifecycle facts. Each feature receives the ones it uses, typed and never optional.
import * as vscode from 'vscode';
import { NodeGit } from '../node/git';
import { sharedLauncher } from '../node/processLauncher';
import { MAX_SPEC_BYTES } from '../core/spec';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { nodeProcessProbe } from '../node/processProbe';
import type { ChantContext } from './context';
import { DriftService } from './drift/driftService';
import { LifecycleService } from './lifecycle/lifecycleService';
import { ChantCliService } from './work/chantCliService';
import { ChantTasks } from './work/chantTasks';
import { RunTracker } from './work/runTracker';
import { WorkPlanner } from './work/workPlanner';

export interface ChantServices {
  readonly cli: ChantCliService;
  readonly runs: RunTracker;
  readonly planner: WorkPlanner;
  /** `chant` tasks: how every chant process that works a spec is run. */
  readonly tasks: ChantTasks;
  readonly drift: DriftService;
  /** Which lifecycle actions chant accepts per spec (merge, approve…). */
  readonly lifecycle: LifecycleService;
}

/** Builds every service; each is owned by the extension context (disposed on deactivation). */
export function createServices(ctx: ChantContext): ChantServices {
  const own = <T extends vscode.Disposable>(d: T): T => {
    ctx.extension.subscriptions.push(d);
    return d;
  };
  const { indexService, settings, logger } = ctx;
  const cli = own(new ChantCliService(settings, logger));
  // The git adapters' process launcher ends with the extension (it ran only in a trusted workspace).
  own(new vscode.Disposable(() => sharedLauncher().dispose()));
  // chant shows an in-progress spec as its run branch holds it: read through git, when trusted.
  const git = own(new NodeGit({ onCall: (args, ms, code) => logger.trace(`git ${args.slice(0, 3).join(' ')} (${ms} ms, exit ${code})`) }));
  const runs = own(new RunTracker(indexService, nodeFileSystem, nodeProcessProbe, {
    trusted: () => vscode.workspace.isTrusted,
    // Bounded like every spec read: chant's size cap for spec files, and a timeout.
    read: (root, branch, file) => git.branchFile(root, branch, file, { maxBytes: MAX_SPEC_BYTES }),
    branches: (root) => git.branchNames(root),
    refsDir: async (root) => (await git.repoInfo(root))?.commonDir,
  }));
  const planner = new WorkPlanner(indexService, settings, runs);
  const tasks = own(new ChantTasks(indexService, cli, runs, logger, () => planner.runnable()));
  const drift = own(new DriftService(ctx));
  // Trust granted: the run branches can be read at last.
  own(vscode.workspace.onDidGrantWorkspaceTrust(() => void runs.readBranchCopies()));
  const lifecycle = own(new LifecycleService(ctx, runs, tasks));
  // Look the CLI up once at start (sets the `chantSpecs.cliAvailable` context key); never in an
  // untrusted workspace, where nothing is launched.
  if (vscode.workspace.isTrusted) void cli.status();
  void indexService.whenIndexed().then(() => Promise.all([runs.refresh(), runs.readBranchCopies()]));
  return { cli, runs, planner, tasks, drift, lifecycle };
}
