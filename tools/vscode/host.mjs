// A real VS Code for tests and screenshots, offline: the VS Code server installed by
// setup-vscode-server.sh (Node extension host, terminals, file system) plus its web workbench
// in headless Chromium driven by playwright-core. Nothing is contacted but 127.0.0.1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where setup-vscode-server.sh put the server: { vscodeDir, node }. VSCODE_SERVER_INFO overrides. */
export function findServer() {
  const info = process.env.VSCODE_SERVER_INFO || path.join(ROOT, '.vscode-test/server-node20/ready.json');
  if (!fs.existsSync(info)) {
    throw new Error(`no VS Code server (${info} missing): run bash tools/vscode/setup-vscode-server.sh`);
  }
  const { vscodeDir, node } = JSON.parse(fs.readFileSync(info, 'utf8'));
  return { vscodeDir, node: node || process.execPath };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** `server-main.js --install-extension FILE` into the data dirs startServer then uses; the CLI
 *  unpacks the .vsix and exits (1 when the install failed). */
function installVsix({ vscodeDir, node, data, file, log }) {
  const proc = spawn(node, [
    path.join(vscodeDir, 'out/server-main.js'),
    '--accept-server-license-terms', '--disable-telemetry',
    '--server-data-dir', path.join(data, 'server'),
    '--user-data-dir', path.join(data, 'user'),
    '--extensions-dir', path.join(data, 'extensions'),
    '--install-extension', file,
  ], {
    cwd: vscodeDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_RUNTIME_DIR: path.join(data, 'run') },
  });
  let output = '';
  const onData = (buf) => {
    output += buf;
    for (const line of buf.toString().split('\n')) if (line.trim()) log(line);
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => code === 0
      ? resolve(output)
      : reject(new Error(`--install-extension ${file} failed (exit ${code}):\n${output.trim()}`)));
  });
}

/**
 * Starts the server with fresh data dirs; resolves when it listens.
 *  env:        extra environment; the extension host inherits it (that is how tests get settings).
 *  settings:   Machine settings. The web workbench keeps *user* settings in the browser, so these
 *              (read from the server) are the way to preset theme and the like.
 *  installed:  extension folders to register as installed (symlinked into the extensions dir).
 *  vsix:       .vsix files to install first, as a user does (`--install-extension`).
 *  devMode:    --enable-smoke-test-driver; without it the workbench ignores the `payload`
 *              URL parameter (extensionDevelopmentPath/extensionTestsPath).
 *  workspaceTrust: keep Workspace Trust on (default off: --disable-workspace-trust). The data dirs
 *              are fresh, so no folder is trusted: the workspace opens in Restricted Mode.
 */
export async function startServer({ env = {}, settings, installed = [], vsix = [], devMode = true, workspaceTrust = false, log = () => {} } = {}) {
  const { vscodeDir, node } = findServer();
  const port = await freePort();
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-vscode-'));
  for (const d of ['run', 'extensions', 'user/Machine']) fs.mkdirSync(path.join(data, d), { recursive: true, mode: 0o700 });
  if (settings) fs.writeFileSync(path.join(data, 'user/Machine/settings.json'), JSON.stringify(settings, null, 2));
  if (workspaceTrust) {
    // No "Do you trust the authors?" dialog at startup (an application setting: user settings,
    // which this server keeps in its data dir); the Restricted Mode banner still shows.
    fs.mkdirSync(path.join(data, 'user/User'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(data, 'user/User/settings.json'), JSON.stringify({
      'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never',
    }, null, 2));
  }
  for (const dir of installed) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    fs.symlinkSync(path.resolve(dir), path.join(data, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`));
  }
  for (const file of vsix) {
    try {
      await installVsix({ vscodeDir, node, data, file: path.resolve(file), log });
    } catch (e) {
      fs.rmSync(data, { recursive: true, force: true });
      throw e;
    }
  }
  const args = [
    path.join(vscodeDir, 'out/server-main.js'),
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms',
    '--disable-telemetry', '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(devMode ? ['--enable-smoke-test-driver'] : []),
    '--server-data-dir', path.join(data, 'server'),
    '--user-data-dir', path.join(data, 'user'),
    '--extensions-dir', path.join(data, 'extensions'),
  ];
  // detached = own process group, so stop() can take down the extension host, pty host and
  // terminal shells with it. EXTENSIONS_GALLERY={} turns off code-server's marketplace (no DNS);
  // XDG_RUNTIME_DIR keeps the vscode-ipc-*.sock files in our temp dir instead of /tmp.
  const proc = spawn(node, args, {
    cwd: vscodeDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_RUNTIME_DIR: path.join(data, 'run'), ...env },
  });
  let exited = false;
  const exit = new Promise((resolve) => proc.once('exit', () => { exited = true; resolve(); }));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('VS Code server did not start within 60s')), 60_000);
    const onData = (buf) => {
      const text = buf.toString();
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (/Extension host agent started|listening on/i.test(text)) { clearTimeout(timer); resolve(); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    exit.then(() => { clearTimeout(timer); reject(new Error(`VS Code server exited during startup (code ${proc.exitCode})`)); });
  });

  async function stop() {
    const group = (sig) => { try { process.kill(-proc.pid, sig); } catch { /* already gone */ } };
    group('SIGTERM');
    if (!exited) await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
    group('SIGKILL'); // whatever ignored SIGTERM (shells in terminals, say)
    fs.rmSync(data, { recursive: true, force: true });
  }
  return { port, authority: `127.0.0.1:${port}`, proc, stop, extensionsDir: path.join(data, 'extensions') };
}

/** Headless Chromium that cannot resolve any host but 127.0.0.1 and does no background traffic. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', // we usually run as root
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--no-first-run', '--disable-quic',
    ],
  });
}

/**
 * The workbench URL. Paths in `payload` must be vscode-remote URIs whose authority is exactly
 * the page's host:port, or the workbench does not map them to the server's file system.
 */
export function workbenchUrl({ authority, folder, extensionDevelopmentPath = [], extensionTestsPath }) {
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  for (const p of [].concat(extensionDevelopmentPath)) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams(folder ? { folder: path.resolve(folder) } : { ew: 'true' });
  query.set('payload', JSON.stringify(payload));
  return `http://${authority}/?${query}`;
}

/** Parses `--env K=V` values (repeatable) into an object. */
export function envPairs(list = []) {
  const env = {};
  for (const kv of list) {
    const i = kv.indexOf('=');
    if (i < 1) throw new Error(`--env expects KEY=VALUE, got "${kv}"`);
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}
