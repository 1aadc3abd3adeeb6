#!/usr/bin/env node
// The integration suites of integration.mjs, run through @vscode/test-electron's runTests().
//
//   node tools/vscode/test-electron.mjs [--offline] [--suite NAME]... [--version 1.100.3]
//
// Default: test-electron downloads desktop VS Code (--version, default the oldest version
// package.json supports) and runs it; on a Linux machine without a display, wrap it in xvfb-run.
// --offline: no download; runTests starts tools/vscode/code-web-tests instead, i.e. the same
// VS Code server + headless Chromium host that `npm test` uses.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './host.mjs';
import { suites, prepareSuite, TESTS_DIR } from './integration.mjs';

const { values: opt } = parseArgs({
  options: {
    offline: { type: 'boolean', default: false },
    suite: { type: 'string', multiple: true },
    version: { type: 'string', default: '1.100.3' },
  },
});

if (opt.offline) {
  // Idempotent, 0 s when the server is already installed.
  const setup = spawnSync('bash', [path.join(import.meta.dirname, 'setup-vscode-server.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) process.exit(2);
}

let worst = 0;
for (const suite of suites.filter((s) => !opt.suite || opt.suite.includes(s.name))) {
  if (suite.restricted) {
    // runTests() always passes --disable-workspace-trust, and the suite clicks through the page
    // (run-tests.mjs answers its UI requests): integration.mjs runs it.
    console.log(`\n=== test-electron suite ${suite.name}: skipped: needs Workspace Trust on, run it with integration.mjs ===`);
    continue;
  }
  console.log(`\n=== test-electron suite ${suite.name} (${opt.offline ? 'offline host' : `VS Code ${opt.version}`}) ===`);
  const { dir, env, dispose } = prepareSuite(suite);
  try {
    await runTests({
      ...(opt.offline ? { vscodeExecutablePath: path.join(import.meta.dirname, 'code-web-tests') } : { version: opt.version }),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(TESTS_DIR, 'index.js'),
      launchArgs: [dir, '--disable-extensions'], // only the extension under test
      extensionTestsEnv: env,
    });
  } catch (e) {
    console.error(`suite ${suite.name}: ${e.message}`);
    if (!opt.offline && typeof e.code !== 'number') console.error('(no VS Code download possible here? try --offline)');
    worst = Math.max(worst, typeof e.code === 'number' ? e.code : 1);
  } finally {
    dispose();
  }
}
process.exit(worst);
