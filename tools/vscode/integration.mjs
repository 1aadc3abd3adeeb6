#!/usr/bin/env node
// Runs the integration tests (out/test/integration, built by `npm run build`) in the real VS Code
// host, once per suite below. A suite = a workspace to open + environment for the extension host.
//
//   node tools/vscode/integration.mjs [--suite NAME]... [--grep PATTERN] [--timeout SECONDS] [--list]
//
// Exit code: 0 when every suite passed, else the worst run-tests.mjs code (1 failed, 2 no result).
// Logs and a final screenshot of each suite go to .vscode-test/logs/<suite>/.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './host.mjs';

// Add a row to add a suite.
//   workspace  folder to open, relative to the repo root
//   env        extra environment for the extension host (the tests see it in process.env)
//   tests      files/folders under out/test/integration that belong to this suite; a suite
//              without `tests` runs every test file that no other suite claims, so none is skipped
//   copy       open a fresh temp copy, so tests may change files without touching the fixture
//   git        like copy, plus `git init` and one commit (the fixture itself holds no .git)
//   setup      a node script (repo-relative) run in the prepared folder after the git commit, to build
//              history the test needs (later commits, uncommitted edits)
//   restricted Workspace Trust stays on and the fresh data dirs trust nothing: Restricted Mode
//   spyProcesses `git` and `chant` first on PATH are wrappers that append each call (`git ARGS`) to
//              the file CHANT_TEST_PROCESS_LOG, then run the real one (chant: CHANT_BIN's, if found);
//              `.` comes before them, and the workspace holds a `git` that records `planted git ARGS`
//   needsChant the suite runs the real chant CLI (test/extras.ts findChant): its folder and the agent
//              double (test/agent-double/claude) go first on PATH, CHANT_BIN names it; without it the
//              suite prints one `skipped: …` line (a failure under CHANT_REQUIRE_EXTRAS=1)
const USER_AGENTS = {
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  windows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  linux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
};

export const suites = [
  { name: 'basic', workspace: 'test/fixtures/ws-basic', env: {} },
  { name: 'explorer', workspace: 'test/fixtures/ws-explorer', copy: true, tests: ['explorer.test.js', 'newSpec.test.js'], env: {} },
  // git: drift is measured from history, so nothing drifted and the CLI's text (no drift) matches.
  { name: 'graph', workspace: 'test/fixtures/ws-graph', git: true, tests: ['graph.test.js'], env: {} },
  // The real chant with the agent double; git: chant works specs in git worktrees and commits.
  // VSCODE_CLI=1: otherwise the server replaces PATH with the login shell's (resolveShellEnv).
  { name: 'work', workspace: 'test/fixtures/ws-work', git: true, needsChant: true, tests: ['work.test.js', 'newSpecCli.test.js', 'lifecycle.test.js', 'tasks.test.js'], env: { VSCODE_CLI: '1' } },
  // Restricted Mode: the drift fixture (a git repository with drift) opened untrusted, with every
  // git and chant call recorded; the tests grant trust halfway.
  { name: 'trust', workspace: 'test/fixtures/ws-drift', git: true, setup: 'test/fixtures/ws-drift-setup.mjs', restricted: true, spyProcesses: true, tests: ['trust.test.js'], env: { VSCODE_CLI: '1' } },
  // Drift: the fixture commit is the baseline; setup adds the later history that drifts. The real
  // chant (as in the work suite) receives Re-run.
  { name: 'drift', workspace: 'test/fixtures/ws-drift', git: true, needsChant: true, setup: 'test/fixtures/ws-drift-setup.mjs', tests: ['drift.test.js'], env: { VSCODE_CLI: '1' } },
  // Deliberately broken specs; copy: the quick-fix tests edit (and revert) them.
  { name: 'lint', workspace: 'test/fixtures/ws-lint', copy: true, tests: ['specLanguage.test.js'], env: {} },
  // Our key chords against the workbench's default keybindings of each platform: the web
  // workbench takes its platform from the browser's user agent.
  ...Object.entries(USER_AGENTS).map(([platform, userAgent]) => (
    { name: `keys-${platform}`, workspace: 'test/fixtures/ws-basic', tests: ['keybindings.test.js'], userAgent, env: { CHANT_TEST_PLATFORM: platform } })),
];

export const TESTS_DIR = path.join(ROOT, 'out/test/integration');

/** The CHANT_TEST_FILES value for a suite (see test/integration/index.ts). */
function selectedTests(suite) {
  if (suite.tests) return suite.tests;
  const claimed = suites.flatMap((s) => s.tests ?? []);
  const all = fs.readdirSync(TESTS_DIR, { recursive: true }).map(String).filter((f) => f.endsWith('.test.js'));
  return all.filter((f) => !claimed.some((c) => f === c || f.startsWith(c.replace(/\/?$/, '/'))));
}

/** The real chant CLI (test/extras.ts, built by `npm run build`), or undefined. */
function findChant() {
  const extras = path.join(ROOT, 'out/test/extras.js');
  return createRequire(import.meta.url)(extras).findChant();
}

/** PATH and CHANT_BIN for a suite that runs the real chant with the agent double. */
function chantEnv(chant) {
  const dirs = [path.join(ROOT, 'test/agent-double'), path.dirname(chant.bin)];
  return { PATH: [...dirs, process.env.PATH ?? ''].join(path.delimiter), CHANT_BIN: chant.bin };
}

/** The real executable `name` on PATH, or undefined. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Recording `git` and `chant` wrappers (see spyProcesses above), and a `git` planted at the top of
 * the workspace `dir` that records `planted git ARGS`, with `.` first on PATH: a bare `git` given
 * to spawn() in the workspace runs the planted one. Returns { env, dispose() }.
 */
function spyProcesses(dir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-spy-'));
  const bin = path.join(tmp, 'bin');
  const log = path.join(tmp, 'processes.log');
  fs.mkdirSync(bin);
  fs.writeFileSync(log, '');
  const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const real = { git: onPath('git'), chant: findChant()?.bin };
  for (const [name, target] of Object.entries(real)) {
    const run = target ? `exec ${quote(target)} "$@"` : 'echo "no real ' + name + ' here" >&2; exit 127';
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\nprintf '%s\\n' "${name} $*" >> ${quote(log)}\n${run}\n`, { mode: 0o755 });
  }
  const planted = path.join(dir, 'git');
  fs.writeFileSync(planted, `#!/bin/sh\nprintf '%s\\n' "planted git $*" >> ${quote(log)}\nexit 1\n`, { mode: 0o755 });
  return {
    env: { PATH: ['.', bin, process.env.PATH ?? ''].join(path.delimiter), CHANT_TEST_PROCESS_LOG: log },
    dispose: () => { fs.rmSync(tmp, { recursive: true, force: true }); fs.rmSync(planted, { force: true }); },
  };
}

/** Resolves the folder to open; returns { dir, env, dispose() }. */
export function prepareSuite(suite) {
  const fixture = path.join(ROOT, suite.workspace);
  if (!fs.existsSync(fixture)) throw new Error(`suite ${suite.name}: no workspace ${suite.workspace}`);
  const tests = selectedTests(suite);
  if (tests.length === 0) throw new Error(`suite ${suite.name}: no test files selected`);
  let dir = fixture;
  let dispose = () => {};
  if (suite.copy || suite.git) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `chant-ws-${suite.name}-`));
    dir = path.join(tmp, path.basename(fixture));
    fs.cpSync(fixture, dir, { recursive: true });
    dispose = () => fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (suite.needsChant) {
    // chant puts a spec's worktree at /tmp/chant-<project name>-<ID>, one place for every run on
    // the machine: a project name of its own keeps this run's worktrees apart from others'.
    const config = path.join(dir, '.chant/config.md');
    const unique = `${path.basename(dir)}-${path.basename(path.dirname(dir)).slice(-6).toLowerCase()}`;
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^([ \t]+name:[ \t]*).*$/m, `$1${unique}`));
  }
  if (suite.git) {
    // Fixed identity and dates: the repository must not depend on the machine's git config.
    const git = (...args) => execFileSync('git', ['-c', 'user.name=Chant Tests', '-c', 'user.email=tests@chant.invalid',
      '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir, stdio: 'ignore',
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
    });
    git('init', '-q', '-b', 'main');
    // chant commits (add, work, approve…) with the repository's identity; the machine may have none.
    for (const [k, v] of [['user.name', 'Chant Tests'], ['user.email', 'tests@chant.invalid'], ['commit.gpgsign', 'false']]) git('config', k, v);
    // What `chant init` configures: git merges spec files with `chant merge-driver` (found on PATH).
    if (suite.needsChant) git('config', 'merge.chant-spec.driver', 'chant merge-driver %O %A %B');
    git('add', '-A');
    git('commit', '-q', '-m', `fixture ${suite.workspace}`);
    const removeCopy = dispose;
    dispose = () => {
      // `chant work` without --no-watch leaves a `chant watch` running: stop the ones of this copy.
      for (const f of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(path.join('.chant', 'watch.pid')))) {
        const pid = Number(fs.readFileSync(path.join(dir, f), 'utf8').trim());
        if (Number.isInteger(pid) && pid > 0) try { process.kill(pid); } catch { /* already gone */ }
      }
      // Worktrees chant made for the runs (outside the copy) go with it.
      try {
        const list = execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: dir, encoding: 'utf8' });
        for (const m of list.matchAll(/^worktree (.+)$/gm)) if (path.resolve(m[1]) !== path.resolve(dir)) fs.rmSync(m[1], { recursive: true, force: true });
      } catch {
        // no repository left to ask
      }
      removeCopy();
    };
  }
  if (suite.setup) execFileSync(process.execPath, [path.join(ROOT, suite.setup)], { cwd: dir, stdio: 'inherit' });
  const chant = suite.needsChant ? findChant() : undefined;
  let spy = {};
  if (suite.spyProcesses) {
    const made = spyProcesses(dir);
    spy = made.env;
    const removeRest = dispose;
    dispose = () => { made.dispose(); removeRest(); };
  }
  const env = {
    ...suite.env,
    ...(chant ? chantEnv(chant) : {}),
    ...spy,
    CHANT_TEST_SUITE: suite.name,
    CHANT_TEST_WORKSPACE: dir,
    CHANT_TEST_FILES: tests.join(','),
  };
  return { dir, env, dispose };
}

function runSuite(suite, { grep, timeout }) {
  if (suite.needsChant && !findChant()) {
    if (process.env.CHANT_REQUIRE_EXTRAS === '1') {
      console.error(`suite ${suite.name} needs the real chant CLI (CHANT_REQUIRE_EXTRAS=1): set CHANT_BIN`);
      return Promise.resolve(1);
    }
    console.log('skipped: no chant CLI — set CHANT_BIN');
    return Promise.resolve(0);
  }
  const { dir, env, dispose } = prepareSuite(suite);
  if (grep) env.MOCHA_GREP = grep;
  const logDir = path.join(ROOT, '.vscode-test/logs', suite.name);
  fs.rmSync(logDir, { recursive: true, force: true });
  const args = [
    path.join(import.meta.dirname, 'run-tests.mjs'),
    '--extensionDevelopmentPath', ROOT,
    '--extensionTestsPath', path.join(TESTS_DIR, 'index.js'),
    '--workspace', dir,
    '--timeout', timeout,
    '--log-dir', logDir,
    '--screenshot-on-exit', path.join(logDir, 'final.png'),
    ...(suite.userAgent ? ['--user-agent', suite.userAgent] : []),
    ...(suite.restricted ? ['--workspace-trust'] : []),
    ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
  ];
  return new Promise((resolve) => {
    spawn(process.execPath, args, { stdio: 'inherit' }).on('exit', (code) => { dispose(); resolve(code ?? 2); });
  });
}

async function main() {
  const { values: opt } = parseArgs({
    options: {
      suite: { type: 'string', multiple: true },
      grep: { type: 'string' },
      timeout: { type: 'string', default: '600' },
      list: { type: 'boolean', default: false },
    },
  });
  if (!fs.existsSync(path.join(TESTS_DIR, 'index.js'))) {
    console.error(`${TESTS_DIR}/index.js missing: run npm run build first`);
    return 2;
  }
  const chosen = opt.suite ? suites.filter((s) => opt.suite.includes(s.name)) : suites;
  if (opt.list || chosen.length === 0) {
    for (const s of suites) console.log(`${s.name}\t${s.workspace}\t${selectedTests(s).join(' ')}`);
    return opt.list ? 0 : 2;
  }
  const results = [];
  for (const suite of chosen) {
    console.log(`\n=== integration suite ${suite.name} (${suite.workspace}) ===`);
    const t0 = Date.now();
    const code = await runSuite(suite, opt).catch((e) => (console.error(e.message), 2));
    results.push({ name: suite.name, code, secs: ((Date.now() - t0) / 1000).toFixed(1) });
  }
  const label = { 0: 'passed', 1: 'FAILED', 2: 'NO RESULT' };
  console.log('\nintegration suites:');
  for (const r of results) console.log(`  ${label[r.code] ?? `exit ${r.code}`}  ${r.name} (${r.secs}s)`);
  return Math.max(...results.map((r) => r.code));
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) process.exit(await main());
