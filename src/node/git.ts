// The git port over the `git` executable: argument arrays only (never a shell), literal
// pathspecs, no optional locks (a background `git status` must never block the user's own git),
// and bounded argument lists. Counts its calls so tests and benchmarks can check the bounds.

import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, promises as fsp, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { DeltaCounting, FirstParentCommit, GitBlob, GitCommit, GitContentSettings, GitFileDelta, GitLineCounts, GitLogEntry, GitPort, GitRepoInfo, GitStatusEntry, TreeDiffOptions } from '../core/gitPort';
import { GitUnavailableError } from '../core/gitPort';
import { chantSubjectId, parseCommitChanges, parseCommitLines, parseCommitObject, parseLog, parseRawNumstat, parseStatus, parseTimestamps } from '../core/gitParse';
import { noAttributeFileFor } from './attributeFiles';
import { BatchCommandUnsupported, CatFileObjects, CheckAttrBatch, type CatFileMode, type GitObject, type ObjectInfo } from './gitBatch';
import { countedBlobPair } from '../core/drift/saveFastPath';
import { countDeltas, MAX_BLOB_COUNTED_HERE, needsOwnCounts, type GitRunner } from './blobPairCounts';
import { repositoryFilterOverrides, SAFE_GIT_CONFIG } from './gitSafety';
import { gitOnPath } from './pathLookup';
import { LauncherLost, launchHere, sharedLauncher, type LaunchResult, type ProcessLauncher } from './processLauncher';

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Keeps each command line well under every OS limit (Windows: 32k characters). */
const MAX_ARGS_CHARS = 24_000;
const MAX_BUFFER = 512 * 1024 * 1024;
/**
 * A first-parent walk's output beyond this is not read (drift diffs per baseline instead): the
 * parsed walk is held while HEAD stays, ~250,000 changes at this size.
 */
const MAX_WALK_BYTES = 32 * 1024 * 1024;
/** Commits larger than this (a very long message) are read by `git show`. */
const MAX_COMMIT_BYTES = 1024 * 1024;
/** From this many pairs, a tree diff's line counts are shared between pairs (three processes instead of one). */
const MIN_SHARED_COUNT_PAIRS = 8;

export interface NodeGitOptions {
  /** The git executable (default: git's absolute path on PATH, see gitOnPath). */
  gitPath?: string;
  /**
   * Called for each git invocation (argv without the executable), for logs; `run` is the
   * process exactly as started (the benchmark replays it).
   */
  onCall?: (args: string[], ms: number, code: number, run: GitRun) => void;
  /** Bytes of a first-parent walk's output read at most (default 32 MB). */
  maxWalkBytes?: number;
  /** Count each distinct blob pair of a many-pair tree diff once (default true; tests compare with false). */
  shareLineCounts?: boolean;
  /** Who starts the processes whose output goes to a file (default the shared launcher; false: this process). */
  launcher?: ProcessLauncher | false;
}

/** One git process as started: directory, full argv, standard input and environment. */
export interface GitRun {
  cwd: string;
  argv: string[];
  input?: string;
  env: NodeJS.ProcessEnv;
  /** The file git wrote its output to (removed once read), for commands with big outputs. */
  output?: string;
}

export class NodeGit implements GitPort {
  /** How many git processes this adapter started. */
  calls = 0;
  /** git's path once found (looked for again while it is not: git installed since). */
  private gitPath: string | undefined;
  /** Built once: reading process.env is slow, and it is the same for every git process. */
  private readonly env = gitEnv();
  /** Per mode, per repository: the long-lived `git cat-file` (see CatFileObjects). */
  private readonly objectBatches: Record<CatFileMode, Map<string, CatFileObjects>> = { command: new Map(), info: new Map(), contents: new Map() };
  /** False once git said it has no `cat-file --batch-command` (before 2.36): two processes then. */
  private batchCommand = true;
  private readonly attributeBatches = new Map<string, CheckAttrBatch>();
  /** Per working directory: the `-c` pairs that switch off the repository's own filters. */
  private readonly filterOverrides = new Map<string, string[] | undefined>();
  private readonly launcher: ProcessLauncher | undefined;

  constructor(private readonly options: NodeGitOptions = {}) {
    this.gitPath = options.gitPath;
    this.launcher = options.launcher === false ? undefined : options.launcher ?? sharedLauncher();
  }

  /** Starts the process launcher ahead of git work known to come (it takes ~50 ms to be ready). */
  warm(): void {
    this.launcher?.warm();
  }

  /** Stops the long-lived batch processes. */
  dispose(): void {
    for (const batches of Object.values(this.objectBatches)) {
      for (const b of batches.values()) b.dispose();
      batches.clear();
    }
    for (const b of this.attributeBatches.values()) b.dispose();
    this.attributeBatches.clear();
  }

  /** Finds git's path before the first process (gitOnPath: never a bare name, which spawn() may find in the repository). */
  private async findGit(): Promise<void> {
    this.gitPath ??= await gitOnPath(this.env.PATH ?? this.env.Path);
    if (this.gitPath === undefined) throw this.missing();
  }

  /** git's path, once findGit found it. */
  private executable(): string {
    if (this.gitPath === undefined) throw this.missing();
    return this.gitPath;
  }

  /** The repository's long-lived process in `batches`, made by `make` on first use (under the safety options). */
  private batchOf<B>(batches: Map<string, B>, repo: string, make: (git: string, config: string[]) => B): B {
    let batch = batches.get(repo);
    if (!batch) {
      batch = make(this.executable(), [...SAFE_GIT_CONFIG, ...this.safetyArgs(repo)]);
      batches.set(repo, batch);
    }
    return batch;
  }

  /** The repository's long-lived `git cat-file` in `mode`. */
  private catFile(repo: string, mode: CatFileMode): CatFileObjects {
    return this.batchOf(this.objectBatches[mode], repo, (git, config) => new CatFileObjects(git, repo, this.env, config, () => this.calls++, mode));
  }

  /** What git says of the object `name` names (see CatFileObjects.info). */
  private objectInfo(repo: string, name: string): Promise<ObjectInfo | undefined> {
    return this.askCatFile(repo, 'info', (batch) => batch.info(name));
  }

  /** The object `name` names with its bytes up to `maxBytes` (see CatFileObjects.object). */
  private objectContents(repo: string, name: string, maxBytes?: number): Promise<GitObject | undefined> {
    return this.askCatFile(repo, 'contents', (batch) => batch.object(name, maxBytes));
  }

  /** Asks the repository's `cat-file --batch-command`, or, where git has none (before 2.36), its `cat-file` in `older`. */
  private async askCatFile<T>(repo: string, older: CatFileMode, ask: (batch: CatFileObjects) => Promise<T>): Promise<T> {
    if (this.gitPath === undefined) await this.findGit();
    if (this.batchCommand) {
      try {
        return await ask(this.catFile(repo, 'command'));
      } catch (e) {
        if (!(e instanceof BatchCommandUnsupported)) throw e;
        this.batchCommand = false;
      }
    }
    return ask(this.catFile(repo, older));
  }

  /** The repository's long-lived `git check-attr` (see CheckAttrBatch). */
  private attributes(repo: string): CheckAttrBatch {
    return this.batchOf(this.attributeBatches, repo, (git, config) => new CheckAttrBatch(git, repo, this.env, config, () => this.calls++));
  }

  /**
   * Counts a process about to start; its full argv (paths unquoted, no colours, nothing the
   * repository configures run: see gitSafety.ts) and start time.
   */
  private start(cwd: string, args: string[]): { git: string; argv: string[]; t0: number } {
    const git = this.executable();
    const filters = this.safetyArgs(cwd);
    this.calls++;
    this.launcher?.warm(); // ready for the file-output processes that usually follow
    return { git, argv: ['-c', 'core.quotepath=off', '-c', 'color.ui=false', ...SAFE_GIT_CONFIG, ...filters, ...args], t0: Date.now() };
  }

  private safetyArgs(cwd: string): string[] {
    if (!this.filterOverrides.has(cwd)) this.filterOverrides.set(cwd, repositoryFilterOverrides(cwd));
    const filters = this.filterOverrides.get(cwd);
    if (!filters) throw new GitUnavailableError(l10n.t('the repository configures a filter that cannot be switched off; git is not run there'));
    return filters;
  }

  private missing(): GitUnavailableError {
    return new GitUnavailableError(l10n.t('git not found ({0})', this.gitPath ?? l10n.t('not on PATH')));
  }

  private async run(cwd: string, args: string[], input?: string, encoding: 'utf8' | 'buffer' = 'utf8', bounds: { maxBuffer?: number; timeout?: number } = {}): Promise<RunResult & { bytes?: Buffer }> {
    // Unbounded text: the same through a file, where the launcher can start it.
    if (encoding === 'utf8' && bounds.maxBuffer === undefined && bounds.timeout === undefined) return this.runToFile(cwd, args, input);
    if (this.gitPath === undefined) await this.findGit();
    return new Promise((resolve, reject) => {
      const { git, argv, t0 } = this.start(cwd, args);
      const child = execFile(git, argv, {
        cwd,
        maxBuffer: bounds.maxBuffer ?? MAX_BUFFER,
        ...(bounds.timeout ? { timeout: bounds.timeout, killSignal: 'SIGKILL' as const } : {}),
        encoding: encoding === 'buffer' ? 'buffer' : 'utf8',
        windowsHide: true,
        env: this.env,
      }, (error, stdout, stderr) => {
        // On a non-zero exit `error.code` is the exit status; on a spawn failure it is a string.
        const raw = (error as { code?: unknown } | null)?.code;
        const code = !error ? 0 : typeof raw === 'number' ? raw : -1;
        this.options.onCall?.(args, Date.now() - t0, code, { cwd, argv, input, env: this.env });
        if (error && isMissing(raw)) {
          reject(this.missing());
          return;
        }
        if (encoding === 'buffer') {
          resolve({ code, stdout: '', stderr: String(stderr), bytes: stdout as unknown as Buffer });
        } else {
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        }
      });
      if (input !== undefined) child.stdin?.end(input);
    });
  }

  /**
   * `run` for commands whose output can be megabytes (file lists, status, diffs, logs): git
   * writes it to a scratch file, read once it exits. Through a pipe, git stops at every 64 KB
   * until the extension host's event loop takes them, and in a busy host that loop comes round
   * every few milliseconds: a 2 MB file list then took ~0.5 s instead of ~30 ms.
   */
  private async runToFile(cwd: string, args: string[], input?: string, maxBytes = MAX_BUFFER, extraEnv?: NodeJS.ProcessEnv, direct = false): Promise<RunResult> {
    if (this.gitPath === undefined) await this.findGit();
    const { git, argv, t0 } = this.start(cwd, args);
    const file = scratchFile('output');
    const fd = openSync(file, 'wx', 0o600);
    const cleanUp = () => {
      try { closeSync(fd); } catch { /* closed already */ }
      rmSync(file, { force: true });
    };
    const env = extraEnv ? { ...this.env, ...extraEnv } : this.env;
    let ended: LaunchResult;
    try {
      // Started by the launcher when it runs (the thread is not held while git forks), else here.
      ended = await ((!direct && this.launcher?.launch({ file: git, argv, cwd, env, input, output: file })) || launchHere(git, argv, cwd, env, input, fd));
    } catch (e) {
      cleanUp();
      if (e instanceof LauncherLost) return this.runToFile(cwd, args, input, maxBytes, extraEnv, true);
      throw e;
    }
    const code = ended.error ? -1 : ended.code ?? -1;
    this.options.onCall?.(args, Date.now() - t0, code, { cwd, argv, input, env: this.env, output: file });
    try {
      if (ended.error) throw isMissing(ended.error) ? this.missing() : Object.assign(new Error(ended.message ?? ended.error), { code: ended.error });
      if (fstatSync(fd).size > maxBytes) throw new Error(`git ${args[0]}: output over ${maxBytes} bytes`);
      // One read of a file git just wrote (in the page cache): ~1 ms per megabyte. By name:
      // the descriptor's offset, shared with git, is at the end.
      return { code, stdout: readFileSync(file, 'utf8'), stderr: ended.stderr };
    } finally {
      cleanUp();
    }
  }

  async repoInfo(dir: string): Promise<GitRepoInfo | undefined> {
    // --git-dir/--git-common-dir may print paths relative to `dir` (older git has no --path-format).
    // One process: the last line is HEAD's SHA, or missing (exit 1) before the first commit.
    const r = await this.run(dir, ['rev-parse', '--show-toplevel', '--git-dir', '--git-common-dir', '--is-shallow-repository', '--verify', '-q', 'HEAD^{commit}']);
    if (r.code !== 0 && r.code !== 1) return undefined;
    const [root, gitDir, commonDir, shallow, head] = r.stdout.split('\n').map((s) => s.trim());
    // Nothing, or not a path, where the top level should be: a bare repository or inside .git.
    if (!root || !commonDir || !path.isAbsolute(root)) return undefined;
    return {
      root: toSlash(await spelledAs(dir, root)), gitDir: toSlash(path.resolve(dir, gitDir)), commonDir: toSlash(path.resolve(dir, commonDir)), shallow: shallow === 'true',
      head: r.code === 0 && head && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head) ? head : undefined,
    };
  }

  async resolveCommits(repo: string, revs: string[]): Promise<Map<string, GitCommit | undefined>> {
    const out = new Map<string, GitCommit | undefined>();
    const wanted = [...new Set(revs)].filter((r) => /^[0-9a-fA-F]{4,64}$/.test(r));
    for (const r of revs) out.set(r, undefined);
    if (wanted.length === 0) return out;
    // The commits themselves, read by the running cat-file: their dates and subjects are read
    // from them as `git show` prints them, which is asked only for those read differently here.
    const commits = (await Promise.all(wanted.map((r) => this.objectContents(repo, `${r}^{commit}`, MAX_COMMIT_BYTES)))).map((o) => (o?.type === 'commit' ? o : undefined));
    const details = new Map<string, GitCommit>();
    const unread = new Set<string>();
    for (const o of commits) {
      const c = o?.bytes && parseCommitObject(o.sha, o.bytes);
      if (c) details.set(c.sha, c);
      else if (o) unread.add(o.sha);
    }
    for (const chunk of chunkArgs([...unread])) {
      const show = await this.run(repo, ['show', '-s', '--no-notes', '--format=%H%x1f%cI%x1f%s', ...chunk]);
      for (const c of parseCommitLines(show.stdout)) details.set(c.sha, c);
    }
    wanted.forEach((r, k) => {
      const sha = commits[k]?.sha;
      out.set(r, sha ? details.get(sha) ?? { sha, date: '', subject: '' } : undefined);
    });
    return out;
  }

  async firstParentHistory(repo: string) {
    const r = await this.runToFile(repo, ['rev-list', '--first-parent', '--timestamp', 'HEAD']);
    return r.code === 0 ? parseTimestamps(r.stdout) : [];
  }

  async chantCommits(repo: string): Promise<GitCommit[]> {
    // A fixed-string search (whatever the user's grep.patternType), then the subject rule here.
    const r = await this.runToFile(repo, ['log', '--no-notes', '--fixed-strings', '--grep=chant(', '--format=%H%x1f%cI%x1f%s', 'HEAD']);
    if (r.code !== 0) return [];
    return parseCommitLines(r.stdout).filter((c) => chantSubjectId(c.subject) !== undefined);
  }

  async treeDiffs(repo: string, pairs: { from: string; to: string }[], options: TreeDiffOptions = {}): Promise<GitFileDelta[][]> {
    // Many pairs (a history's baselines): each distinct blob pair counted once, see blobPairCounts.ts.
    const countHere = options.numstat !== false && pairs.length >= MIN_SHARED_COUNT_PAIRS && this.options.shareLineCounts !== false;
    const diffs = await this.treeDiffsOf(repo, pairs, countHere ? { ...options, numstat: false } : options);
    if (!countHere) return diffs;
    const run: GitRunner = (args, o) => this.runToFile(repo, args, o?.input, MAX_BUFFER, o?.env);
    if (!needsOwnCounts(diffs.raw) && (await countDeltas(run, diffs.flat(), async (paths) => this.attributes(repo).diffUnset(paths)))) return diffs;
    return this.treeDiffsOf(repo, pairs, options); // submodules or diff attributes: git counts
  }

  private async treeDiffsOf(repo: string, pairs: { from: string; to: string }[], options: TreeDiffOptions): Promise<GitFileDelta[][] & { raw: string }> {
    if (pairs.length === 0) return Object.assign([], { raw: '' });
    // `diff-tree --stdin` takes "<commit> <parent>" and diffs parent → commit; `--always`
    // prints the header even for an empty diff, so outputs line up with inputs.
    const input = pairs.map((p) => `${p.to} ${p.from}`).join('\n') + '\n';
    const args = ['diff-tree', '--stdin', '--always', '-r', '-z', '--raw', '--no-abbrev'];
    if (options.numstat !== false) args.push('--numstat');
    args.push(options.renames === false ? '--no-renames' : '-M');
    if (options.filter) args.push(`--diff-filter=${options.filter}`);
    args.push('--no-textconv', '--no-ext-diff');
    if (options.paths) args.push('--', ...options.paths);
    const r = await this.runToFile(repo, args, input);
    if (r.code !== 0) throw new Error(`git diff-tree failed: ${r.stderr.trim()}`);
    const diffs = parseRawNumstat(r.stdout, true);
    return Object.assign(pairs.map((_, k) => diffs[k] ?? []), { raw: r.stdout });
  }

  async firstParentChanges(repo: string, since: string, to: string): Promise<FirstParentCommit[] | undefined> {
    if (![since, to].every((c) => /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(c))) return undefined;
    // --diff-merges=first-parent (git 2.31): a merge's changes as its first parent sees them.
    const r = await this.runToFile(repo, ['log', '--first-parent', '--diff-merges=first-parent', '-z', '-r', '--raw', '--no-renames', '--no-abbrev', '--no-notes', '--format=%x1e%H%x1f%P%x1f%cI%x1f%s', `${since}..${to}`], undefined, this.options.maxWalkBytes ?? MAX_WALK_BYTES)
      .catch(() => undefined); // output over the bound: the caller diffs per baseline instead
    return r?.code === 0 ? parseCommitChanges(r.stdout) : undefined;
  }

  async worktreeDiff(repo: string, from: string, paths: string[]): Promise<GitFileDelta[]> {
    const all: GitFileDelta[] = [];
    for (const chunk of chunkArgs(paths)) {
      const r = await this.runToFile(repo, ['diff', '-z', '--raw', '--numstat', '-M', '--no-textconv', '--no-ext-diff', '--ignore-submodules=dirty', revision(from), '--', ...chunk]);
      if (r.code !== 0) throw new Error(`git diff failed: ${r.stderr.trim()}`);
      all.push(...parseRawNumstat(r.stdout)[0]);
    }
    return all;
  }

  async status(repo: string, paths?: string[]): Promise<GitStatusEntry[]> {
    // Submodules: their commits are compared, their work trees not entered (a nested repository
    // would run its own configuration).
    const base = ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--ignore-submodules=dirty'];
    if (!paths) {
      const r = await this.runToFile(repo, base);
      if (r.code !== 0) throw new Error(`git status failed: ${r.stderr.trim()}`);
      return parseStatus(r.stdout);
    }
    const all: GitStatusEntry[] = [];
    for (const chunk of chunkArgs(paths)) {
      const r = await this.runToFile(repo, [...base, '--', ...chunk]);
      if (r.code !== 0) throw new Error(`git status failed: ${r.stderr.trim()}`);
      all.push(...parseStatus(r.stdout));
    }
    return all;
  }

  async listFiles(repo: string, paths?: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const chunk of paths ? chunkArgs(paths) : [undefined]) {
      const r = await this.runToFile(repo, ['ls-files', '-z', ...(chunk ? ['--', ...chunk] : [])]);
      if (r.code !== 0) continue;
      // Sorted output: a path in a merge conflict repeats right after itself (once per stage).
      let last = '';
      for (const f of r.stdout.split('\0')) {
        if (f !== '' && f !== last) out.push(f);
        last = f;
      }
    }
    return out;
  }

  /** The values of the configuration keys matching `pattern` (lower case names), as git resolves them. */
  private async configValues(root: string, pattern: string): Promise<Map<string, string>> {
    const r = await this.run(root, ['config', '-z', '--get-regexp', pattern]);
    // Exit 1: no such key is set anywhere. Scopes are listed system, global, local: the last wins.
    const config = new Map<string, string>();
    for (const entry of r.code === 0 ? r.stdout.split('\0') : []) {
      const cut = entry.indexOf('\n');
      if (cut > 0) config.set(entry.slice(0, cut), entry.slice(cut + 1));
      else if (entry !== '') config.set(entry, 'true'); // a bare key is boolean true
    }
    return config;
  }

  async contentSettings(info: GitRepoInfo): Promise<GitContentSettings> {
    const config = await this.configValues(info.root, '^(core\\.(autocrlf|attributesfile|bigfilethreshold)|diff\\.(algorithm|renamelimit)|attr\\.tree)$');
    const algorithm = config.get('diff.algorithm')?.toLowerCase() ?? 'default';
    const limit = config.get('diff.renamelimit');
    const attributesOutside = this.attributesOutside(info, config);
    return {
      convertsContent: attributesOutside || this.convertsLineEnds(config),
      attributesOutside,
      diffCounting: config.has('core.bigfilethreshold') ? 'git-only' : ['default', 'myers', 'minimal'].includes(algorithm) ? 'myers' : 'other',
      // Not a plain number (`1k`, a typo): NaN, which no limit check passes, so git decides.
      ...(limit !== undefined ? { renameLimit: /^\d+$/.test(limit.trim()) ? Number(limit.trim()) : Number.NaN } : {}),
    };
  }

  private convertsLineEnds(config: Map<string, string>): boolean {
    const autocrlf = config.get('core.autocrlf')?.toLowerCase();
    return autocrlf !== undefined && !['false', 'no', 'off', '0', ''].includes(autocrlf);
  }

  private attributesOutside(info: GitRepoInfo, config: Map<string, string>): boolean {
    if (config.get('core.attributesfile') || config.has('attr.tree') || this.env.GIT_ATTR_SOURCE) return true;
    const xdg = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
    const files = [path.join(info.commonDir, 'info', 'attributes'), path.join(xdg, 'git', 'attributes'), '/etc/gitattributes'];
    return files.some((f) => existsSync(f));
  }

  blobAt(repo: string, commit: string, file: string): Promise<GitBlob | undefined> {
    return this.readBlob(repo, `${commit}:${file}`);
  }

  blob(repo: string, sha: string): Promise<GitBlob | undefined> {
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) return Promise.resolve(undefined);
    return this.readBlob(repo, sha);
  }

  async blobSizes(repo: string, shas: string[]): Promise<Map<string, number>> {
    const wanted = [...new Set(shas)].filter((s) => /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(s));
    const out = new Map<string, number>();
    if (wanted.length === 0) return out;
    const infos = await Promise.all(wanted.map((sha) => this.objectInfo(repo, sha)));
    infos.forEach((o, k) => {
      if (o?.type === 'blob' && o.sha === wanted[k]) out.set(o.sha, o.size);
    });
    return out;
  }

  async countTreeDeltas(repo: string, deltas: GitFileDelta[], counting: DeltaCounting = {}): Promise<boolean> {
    if (deltas.some((d) => d.oldMode === '160000' || d.mode === '160000')) return false;
    const run: GitRunner = (args, o) => this.runToFile(repo, args, o?.input, MAX_BUFFER, o?.env);
    const algorithm = counting.algorithm;
    const here = algorithm && {
      sizes: (shas: string[]) => this.blobSizes(repo, shas),
      blob: async (sha: string) => (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha) ? (await this.readBlob(repo, sha, MAX_BLOB_COUNTED_HERE))?.bytes : undefined),
      count: (before: Uint8Array | undefined, after: Uint8Array | undefined) => countedBlobPair(before, after, algorithm),
    };
    return countDeltas(run, deltas, (paths) => this.diffUnset(repo, paths, counting.attributeFilesOnly === true), here);
  }

  /** Whether no `diff` attribute applies to any of `paths`; git is not asked when no attribute file can apply (see DeltaCounting). */
  private async diffUnset(repo: string, paths: string[], attributeFilesOnly: boolean): Promise<boolean> {
    const inIndex = async (file: string) => (await Promise.all([this.objectInfo(repo, `:0:${file}`), this.objectInfo(repo, `:2:${file}`)])).some((o) => o !== undefined);
    if (attributeFilesOnly && (await noAttributeFileFor(repo, paths, inIndex).catch(() => false))) return true;
    if (this.gitPath === undefined) await this.findGit();
    return this.attributes(repo).diffUnset(paths);
  }

  private async readBlob(repo: string, name: string, maxBytes?: number): Promise<GitBlob | undefined> {
    const o = await this.objectContents(repo, name, maxBytes);
    return o?.type === 'blob' && o.bytes ? { sha: o.sha, bytes: o.bytes } : undefined;
  }


  blobId(bytes: Uint8Array, format: 'sha1' | 'sha256'): string {
    return createHash(format).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  }

  async lineCounts(repo: string, from: GitBlob, absPath: string): Promise<GitLineCounts> {
    // The baseline in a file of its own for the diff, removed right after (nothing is left in the
    // temporary folder if the extension host is killed later).
    const old = scratchFile('blob');
    writeFileSync(old, from.bytes, { flag: 'wx', mode: 0o600 });
    let r: RunResult;
    try {
      // The same diff machinery (and diff settings) as `git diff BASE -- FILE`, without the index.
      r = await this.run(repo, ['diff', '--no-index', '--numstat', '-z', '--no-textconv', '--no-ext-diff', '--', old, absPath]);
    } finally {
      rmSync(old, { force: true });
    }
    if (r.code !== 0 && r.code !== 1) throw new Error(`git diff --no-index failed: ${r.stderr.trim()}`);
    const m = /^(-|\d+)\t(-|\d+)\t/.exec(r.stdout);
    if (!m) return { insertions: 0, deletions: 0, binary: false };
    return { insertions: m[1] === '-' ? 0 : Number(m[1]), deletions: m[2] === '-' ? 0 : Number(m[2]), binary: m[1] === '-' || m[2] === '-' };
  }

  async log(repo: string, from: string, to: string, paths: string[]): Promise<GitLogEntry[]> {
    const seen = new Map<string, GitLogEntry>();
    for (const chunk of chunkArgs(paths)) {
      const r = await this.runToFile(repo, ['log', '-z', '--no-notes', '--no-textconv', '--no-ext-diff', '--format=%x1e%H%x1f%cI%x1f%s', '--name-status', '-M', `${revision(from)}..${revision(to)}`, '--', ...chunk]);
      if (r.code !== 0) throw new Error(`git log failed: ${r.stderr.trim()}`);
      for (const e of parseLog(r.stdout)) {
        const prev = seen.get(e.sha);
        if (prev) prev.files.push(...e.files);
        else seen.set(e.sha, e);
      }
    }
    return [...seen.values()];
  }

  /**
   * The names of the repository's local branches (`refs/heads/` left off), loose and packed, in
   * one process; undefined when git cannot list them (then each read finds out for itself).
   * Bounded: a repository with more than 16 MB of branch names is not listed.
   */
  async branchNames(repo: string): Promise<Set<string> | undefined> {
    const r = await this.run(repo, ['for-each-ref', '--format=%(refname)', 'refs/heads/'], undefined, 'utf8', { maxBuffer: 16 * 1024 * 1024, timeout: 10_000 });
    if (r.code !== 0) return undefined;
    const names = new Set<string>();
    for (const line of r.stdout.split('\n')) if (line.startsWith('refs/heads/')) names.add(line.slice('refs/heads/'.length));
    return names;
  }

  /**
   * The bytes of `file` (repository-relative) at the tip of `branch` (a plain name, see
   * runBranchOf), or undefined: no such branch or file, more than `maxBytes`, or git took longer
   * than `timeoutMs` (killed). cat-file: no filter or textconv of the repository runs.
   */
  async branchFile(repo: string, branch: string, file: string, { maxBytes = 1024 * 1024, timeoutMs = 5000 } = {}): Promise<Uint8Array | undefined> {
    if (branch.startsWith('-') || branch.includes('..') || file.startsWith('/') || file.split('/').includes('..')) return undefined;
    const r = await this.run(repo, ['cat-file', 'blob', `refs/heads/${branch}:${file}`], undefined, 'buffer', { maxBuffer: maxBytes, timeout: timeoutMs });
    return r.code === 0 ? r.bytes : undefined;
  }

  async show(repo: string, commit: string, file: string): Promise<Uint8Array | undefined> {
    if (!/^[0-9a-fA-F]{4,64}$/.test(commit)) return undefined;
    // cat-file gives the stored bytes: no textconv or filters configured by the repository run.
    const r = await this.run(repo, ['cat-file', 'blob', `${commit}:${file}`], undefined, 'buffer');
    return r.code === 0 ? r.bytes : undefined;
  }
}

/** A revision given to git as an argument: never one git would read as an option (`--output=…`). */
function revision(rev: string): string {
  if (rev.startsWith('-') || /[\0-\x1f]/.test(rev)) throw new Error(`not a revision: ${JSON.stringify(rev)}`);
  return rev;
}

/** A spawn error code that means the executable cannot be run at all. */
function isMissing(code: unknown): boolean {
  return code === 'ENOENT' || code === 'EACCES';
}

/**
 * A new path in the temporary folder, for a file created with the `wx` flag: a random name, so
 * creating it exclusively never meets an existing file or a planted link.
 */
function scratchFile(kind: string): string {
  return path.join(os.tmpdir(), `chant-specs-${kind}-${randomBytes(8).toString('hex')}`);
}

function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_OPTIONAL_LOCKS: '0',
    GIT_LITERAL_PATHSPECS: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    LC_ALL: 'C',
  };
}

function toSlash(p: string): string {
  return path.resolve(p).replace(/\\/g, '/');
}

/** Splits paths into groups whose joined length stays under the command-line budget. */
function chunkArgs(items: string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const item of items) {
    if (current.length > 0 && size + item.length + 1 > MAX_ARGS_CHARS) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * git prints the top level by its real path; a project opened through a symbolic link reads its
 * specs under the link's path. The top level as `dir` spells it, so paths relative to it match.
 */
async function spelledAs(dir: string, realRoot: string): Promise<string> {
  const realDir = await fsp.realpath(dir).catch(() => undefined);
  if (realDir === undefined) return realRoot;
  const up = path.relative(realDir, path.resolve(realRoot));
  // Only when the top level is dir itself or one of its ancestors, as it is for a work tree.
  if (up !== '' && !up.split(path.sep).every((part) => part === '..')) return realRoot;
  return path.resolve(dir, up);
}
