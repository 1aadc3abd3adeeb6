#!/usr/bin/env node
// `npm start`: builds the extension, creates the demo Chant workspace (a git repository, made
// fresh in a temporary folder) and opens it with the extension loaded:
// - in desktop VS Code (`code --extensionDevelopmentPath=<repo> <workspace>`) when a `code`
//   binary is on PATH;
// - otherwise in the offline VS Code server (installed by tools/vscode/setup-vscode-server.sh)
//   with the extension installed from this checkout; it prints the URL to open in a browser
//   and runs until Ctrl+C.
//
//   node tools/demo/start.mjs [--port N] [--dir DIR] [--no-open] [--web] [--verbose]
//     --port N     port of the VS Code server (default: a free one)
//     --dir DIR    use DIR as the workspace: reused when it already is a Chant workspace,
//                  created there when it is missing or empty (kept after exit)
//     --no-open    do not open a window or a browser; only print what to open
//     --web        use the VS Code server even when `code` is installed
//     --verbose    print the server's log
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findServer, ROOT } from '../vscode/host.mjs';
import { makeDemoWorkspace } from './make-demo-workspace.mjs';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string' },
    dir: { type: 'string' },
    'no-open': { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  process.stdout.write(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 16).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
  process.exit(0);
}
const say = (...a) => console.log('[start]', ...a);
const fail = (message) => {
  console.error(`[start] ${message}`);
  process.exit(1);
};

const port = opt.port === undefined ? undefined : Number(opt.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) fail(`--port expects a port number, got "${opt.port}"`);

// 1. Build.
say('building (node esbuild.mjs)');
if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) fail('build failed');

// 2. The workspace.
const workspace = prepareWorkspace();

// 3. Open it.
const code = opt.web ? undefined : findOnPath(process.platform === 'win32' ? ['code.cmd', 'code.exe'] : ['code']);
if (code) openInDesktop(code);
else await runWebHost();

function prepareWorkspace() {
  if (opt.dir) {
    const dir = path.resolve(opt.dir);
    if (fs.existsSync(path.join(dir, '.chant', 'config.md'))) {
      say(`reusing the Chant workspace ${dir}`);
      return { dir, temporary: undefined };
    }
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) fail(`${dir} is neither empty nor a Chant workspace`);
    say(`creating the demo workspace in ${dir}`);
    makeDemoWorkspace(dir);
    return { dir, temporary: undefined };
  }
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-demo-'));
  const dir = path.join(temporary, 'demo-shop');
  say(`creating the demo workspace in ${dir}`);
  makeDemoWorkspace(dir);
  return { dir, temporary };
}

function findOnPath(names) {
  for (const entry of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const file = path.join(entry || '.', name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // not there
      }
    }
  }
  return undefined;
}

function openInDesktop(codeBinary) {
  const args = [`--extensionDevelopmentPath=${ROOT}`, '--new-window', workspace.dir];
  if (opt['no-open']) {
    say('open it with:');
    console.log(`  ${[codeBinary, ...args].map(shellQuote).join(' ')}`);
    return;
  }
  say(`opening it in VS Code (${codeBinary}) with the extension from ${ROOT}`);
  // `code` hands the window to the running VS Code and returns; nothing to wait for.
  const result = spawnSync(codeBinary, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) fail(`${codeBinary} exited with ${result.status ?? result.signal}`);
  say(`workspace: ${workspace.dir}`);
}

function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

async function portIsFree(p) {
  return new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false));
    srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address();
      srv.close(() => resolve(p));
    });
  });
}

function ensureServer() {
  try {
    return findServer();
  } catch {
    say('installing the offline VS Code server (once; about a minute): bash tools/vscode/setup-vscode-server.sh');
    const result = spawnSync('bash', [path.join(ROOT, 'tools/vscode/setup-vscode-server.sh')], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) fail('setup-vscode-server.sh failed');
    return findServer();
  }
}

async function runWebHost() {
  const { vscodeDir, node } = ensureServer();
  const serverPort = port ?? (await freePort());
  if (!(await portIsFree(serverPort))) fail(`port ${serverPort} is in use; pick another with --port N`);

  // Fresh server state per run, removed on exit. The extension is installed as a user would
  // have it (a folder in the extensions dir, here a link to this checkout), so the workbench
  // shows it without any test-runner mode.
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-demo-vscode-'));
  for (const d of ['run', 'extensions', 'user/Machine']) fs.mkdirSync(path.join(data, d), { recursive: true, mode: 0o700 });
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.symlinkSync(ROOT, path.join(data, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  fs.writeFileSync(path.join(data, 'user/Machine/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
  }, null, 2));
  // A connection token: without it anyone on this machine who finds the port gets a shell.
  const token = crypto.randomBytes(24).toString('hex');
  const tokenFile = path.join(data, 'connection-token');
  fs.writeFileSync(tokenFile, token, { mode: 0o600 });
  const logFile = path.join(data, 'server.log');
  const log = fs.openSync(logFile, 'a');

  const server = spawn(node, [
    path.join(vscodeDir, 'out/server-main.js'),
    '--host', '127.0.0.1', '--port', String(serverPort),
    '--connection-token-file', tokenFile,
    '--accept-server-license-terms', '--disable-telemetry', '--disable-update-check',
    // The demo workspace was generated just now by this script.
    '--disable-workspace-trust',
    '--server-data-dir', path.join(data, 'server'),
    '--user-data-dir', path.join(data, 'user'),
    '--extensions-dir', path.join(data, 'extensions'),
  ], {
    cwd: vscodeDir,
    detached: true, // own process group: stopping it takes the extension host and pty host along
    stdio: ['ignore', 'pipe', 'pipe'],
    // EXTENSIONS_GALLERY={} turns the marketplace off (offline); XDG_RUNTIME_DIR keeps the
    // server's IPC sockets in our temp dir.
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_RUNTIME_DIR: path.join(data, 'run') },
  });
  let exited = false;
  const exit = new Promise((resolve) => server.once('exit', (codeOrNull, signal) => { exited = true; resolve(codeOrNull ?? signal); }));

  let stopping = false;
  async function shutdown(reason) {
    if (stopping) return;
    stopping = true;
    if (reason) say(reason);
    const group = (sig) => { try { process.kill(-server.pid, sig); } catch { /* already gone */ } };
    group('SIGTERM');
    if (!exited) await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
    group('SIGKILL'); // whatever ignored SIGTERM
    fs.closeSync(log);
    fs.rmSync(data, { recursive: true, force: true });
    if (workspace.temporary) {
      fs.rmSync(workspace.temporary, { recursive: true, force: true });
      say('stopped; the temporary workspace was removed (use --dir DIR to keep one)');
    } else {
      say(`stopped; the workspace stays in ${workspace.dir}`);
    }
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => shutdown(sig === 'SIGINT' ? 'stopping' : `${sig}: stopping`).then(() => process.exit(0)));
  }

  let ready = false;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the VS Code server did not start within 60 s')), 60_000);
    const onData = (buf) => {
      fs.writeSync(log, buf);
      if (opt.verbose) process.stderr.write(buf);
      if (!ready && /Extension host agent started|listening on/i.test(buf.toString())) {
        ready = true;
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    exit.then((how) => { clearTimeout(timer); reject(new Error(`the VS Code server exited during startup (${how})`)); });
  }).catch(async (e) => {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    await shutdown();
    fail(`${e.message}\n${tail}`);
  });

  const url = `http://127.0.0.1:${serverPort}/?${new URLSearchParams({ tkn: token, folder: workspace.dir })}`;
  say(`VS Code (server ${path.relative(ROOT, vscodeDir) || vscodeDir}) is running with the extension from ${ROOT}`);
  say(`workspace: ${workspace.dir}`);
  console.log(`\n  Open this URL in a browser:\n\n    ${url}\n`);
  say('press Ctrl+C to stop');
  if (!opt['no-open']) openBrowser(url);

  exit.then(async (how) => {
    if (stopping) return;
    await shutdown(`the VS Code server exited (${how}); its log was in ${logFile}`);
    process.exit(1);
  });
}

/** Opens the URL in the desktop browser when there is one to open (a display, an opener). */
function openBrowser(url) {
  let opener;
  if (process.platform === 'darwin') opener = 'open';
  else if (process.platform === 'linux' && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) opener = findOnPath(['xdg-open']);
  if (!opener) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}
