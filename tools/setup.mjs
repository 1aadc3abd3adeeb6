#!/usr/bin/env node
// First-use set-up for `npm start`, `npm test`, `npm run bench` and `npm run screenshot` (their
// `pre` scripts run it). Node built-ins only: it runs before any dependency is installed.
//
//   node tools/setup.mjs [--vscode-server]
//
// 1. Node 20 or later and git, or one line that says what is missing.
// 2. The npm dependencies: `npm ci` into ./node_modules when it is missing or older than
//    package-lock.json (npm writes node_modules/.package-lock.json at the end of every install).
// 3. With --vscode-server: tools/vscode/setup-vscode-server.sh (apt packages and the VS Code
//    server under .vscode-test/, cached by a key).
// Idempotent; prints nothing when everything is already in place.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => console.error(`[setup] ${line}`);
const fail = (line) => {
  say(line);
  process.exit(1);
};

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) fail(`Node ${process.versions.node} is too old: this project needs Node 20 or later.`);
if (spawnSync('git', ['--version'], { stdio: 'ignore' }).status !== 0) {
  fail('git is missing: install git (the demo workspace and the drift tests are git repositories).');
}

/** Why node_modules needs an install, or undefined when it is up to date. */
function staleDependencies() {
  const lock = path.join(ROOT, 'package-lock.json');
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(installed)) return 'node_modules is missing';
  if (fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs) return 'package-lock.json is newer than node_modules';
  return undefined;
}

const stale = staleDependencies();
if (stale) {
  const t0 = Date.now();
  say(`${stale}: installing the npm dependencies into ${path.join(ROOT, 'node_modules')} (npm ci; a minute or two)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) fail(`npm ci failed (exit ${result.status ?? result.signal})`);
  say(`npm dependencies installed in ${Math.round((Date.now() - t0) / 1000)} s`);
}

if (process.argv.includes('--vscode-server')) {
  // The script announces what it installs; its "cached" line is dropped to keep a ready machine quiet.
  const child = spawn('bash', [path.join(ROOT, 'tools/vscode/setup-vscode-server.sh')], { cwd: ROOT, stdio: ['inherit', 'inherit', 'pipe'] });
  let pending = '';
  const forward = (text) => {
    for (const line of text.split('\n')) if (!/^\[setup-vscode-server\] cached: /.test(line)) process.stderr.write(`${line}\n`);
  };
  child.stderr.on('data', (buf) => {
    const lines = (pending + buf.toString()).split('\n');
    pending = lines.pop() ?? '';
    if (lines.length > 0) forward(lines.join('\n'));
  });
  const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? signal)));
  if (pending) forward(pending);
  if (code !== 0) fail(`tools/vscode/setup-vscode-server.sh failed (exit ${code})`);
}
