#!/usr/bin/env node
// Packaging test: builds the .vsix exactly as `npm run package` does, checks what is inside, then
// installs it into a clean VS Code server (`--install-extension`, no development mode), opens the
// demo workspace and waits for the installed extension to list its specs in the Spec Explorer.
//
//   node tools/vscode/package-test.mjs [--verbose]
//
// Exit code 0 when every check passed. The .vsix, the server log and a screenshot of the
// workbench (installed.png) go to .vscode-test/logs/package/.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { ROOT, launchBrowser, startServer, workbenchUrl } from './host.mjs';

const { values: opt } = parseArgs({
  options: { verbose: { type: 'boolean', default: false } },
});

// The webview bundles mermaid's flowchart (about 0.9 MB minified, 0.25 MB in the zip) and the
// README's screenshots weigh about 3 MB; anything near this bound means something that should
// not ship did.
const MAX_VSIX_BYTES = 6 * 1024 * 1024;

/** What may ship, relative to the package's extension/ folder (vsce lower-cases readme/changelog
 *  and adds .txt to LICENSE). Kept apart from .vscodeignore on purpose: this checks that file. */
const ALLOWED = [
  /^package\.json$/,
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^readme\.md$/,
  /^changelog\.md$/,
  /^LICENSE\.txt$/,
  /^dist\/(extension|cli)\.js$/,
  /^dist\/webview\/[^/]+\.(js|css)$/,
  /^ThirdPartyNotices\.txt$/,
  /^media\/[^/]+$/,
  /^media\/screenshots\/[^/]+\.png$/,
  /^media\/walkthrough\/.+$/,
  /^syntaxes\/[^/]+\.json$/,
];
const FORBIDDEN = [/(^|\/)node_modules\//, /^src\//, /^test\//, /^out\//, /^tools\//, /\.map$/, /\.ts$/];

const LOG_DIR = path.join(ROOT, '.vscode-test/logs/package');
const t0 = Date.now();
const note = (...a) => console.error(`[package-test ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const failures = [];
const check = (ok, message) => {
  console.log(`  ${ok ? '✔' : '✘'} ${message}`);
  if (!ok) failures.push(message);
  return ok;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// ── 1. Build the .vsix ─────────────────────────────────────────────────────────────────────────

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
fs.rmSync(LOG_DIR, { recursive: true, force: true });
fs.mkdirSync(LOG_DIR, { recursive: true });
const vsixPath = path.join(LOG_DIR, `${pkg.name}-${pkg.version}.vsix`);

function pack() {
  note('npm run package');
  const run = spawnSync('npm', ['run', 'package', '--', '--out', vsixPath], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = `${run.stdout}\n${run.stderr}`;
  fs.writeFileSync(path.join(LOG_DIR, 'vsce.log'), output);
  if (opt.verbose) console.error(output);
  return { packaging: run, packagingOutput: output };
}
const packagedBundle = () => readZip(vsixPath).entries.find((e) => e.name === 'extension/dist/extension.js')?.read().toString('utf8') ?? '';

// A build or `npm run watch` writing dist/ while vsce packs it either breaks the zip ("unexpected
// number of bytes") or ships a development bundle (checked below). Packaging again, at most
// three times in all, tells that race apart from a real fault, which fails every time.
let packaging, packagingOutput;
for (let attempt = 1; ; attempt++) {
  ({ packaging, packagingOutput } = pack());
  const raced = packaging.status === 0
    ? packagedBundle().includes('sourceMappingURL')
    : /unexpected number of bytes/.test(packagingOutput);
  if (!raced || attempt === 3) break;
  note('dist/ changed while packaging (another build or watch running?); packaging again');
}
console.log('packaging');
if (!check(packaging.status === 0 && fs.existsSync(vsixPath), `npm run package exits 0 and writes ${path.relative(ROOT, vsixPath)}`)) {
  console.error(packagingOutput);
  process.exit(1);
}
// npm's complaint about this machine's ~/.npmrc (`Unknown user config "nodedir"`) is not the
// project's; every other warning is.
const warnings = packagingOutput.split('\n')
  .filter((l) => /warn/i.test(l) && !/^npm warn Unknown (user|env|project) config/i.test(l.trim()));
check(warnings.length === 0, `no packaging warnings${warnings.length ? `:\n      ${warnings.join('\n      ')}` : ''}`);

// ── 2. What is inside ──────────────────────────────────────────────────────────────────────────

/** Entries of a zip file from its central directory: { name, size, compressedSize, read() }. */
function readZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const read = () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressedSize);
      return method === 0 ? data : zlib.inflateRawSync(data);
    };
    entries.push({ name, size, compressedSize, read });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, bytes: buf.length };
}

const { entries, bytes } = readZip(vsixPath);
const files = new Map(entries.filter((e) => e.name.startsWith('extension/'))
  .map((e) => [e.name.slice('extension/'.length), e]));
console.log(`\n${path.basename(vsixPath)}: ${kb(bytes)} (${entries.length} entries, ${kb(entries.reduce((s, e) => s + e.size, 0))} unpacked)`);
for (const e of entries) console.log(`    ${e.name.padEnd(62)} ${kb(e.size).padStart(10)}`);
console.log('contents');
check(bytes <= MAX_VSIX_BYTES, `size ${kb(bytes)} ≤ ${kb(MAX_VSIX_BYTES)}`);
check(entries.some((e) => e.name === 'extension.vsixmanifest') && entries.some((e) => e.name === '[Content_Types].xml'),
  'has extension.vsixmanifest and [Content_Types].xml');
const outside = entries.filter((e) => !e.name.startsWith('extension/') && !['extension.vsixmanifest', '[Content_Types].xml'].includes(e.name));
check(outside.length === 0, `nothing outside extension/${outside.length ? `: ${outside.map((e) => e.name).join(', ')}` : ''}`);
const forbidden = [...files.keys()].filter((f) => FORBIDDEN.some((re) => re.test(f)));
check(forbidden.length === 0, `no node_modules, sources, tests, tools or source maps${forbidden.length ? `: ${forbidden.join(', ')}` : ''}`);
const unlisted = [...files.keys()].filter((f) => !ALLOWED.some((re) => re.test(f)));
check(unlisted.length === 0, `only whitelisted files${unlisted.length ? `; not whitelisted: ${unlisted.join(', ')}` : ''}`);

const required = ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'dist/extension.js', 'dist/cli.js'];
if (fs.existsSync(path.join(ROOT, 'src/webview/graph.ts'))) required.push('dist/webview/graph.js');
for (const f of required) check(files.has(f), `ships ${f}`);

/** Every file the manifest points at (main, icon, view and command icons, grammars, walkthrough
 *  media…) must be in the package, or the installed extension shows holes. */
function referencedFiles(manifest) {
  const refs = new Set();
  const add = (v) => {
    if (typeof v === 'string' && v && !v.startsWith('$(') && !/^[a-z][\w+.-]*:/i.test(v)) refs.add(path.posix.normalize(v.replace(/^\.\//, '')));
  };
  for (const key of ['main', 'browser', 'icon']) add(manifest[key]);
  const walk = (node) => {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (['icon', 'path', 'image', 'markdown', 'svg', 'light', 'dark'].includes(key)) add(value);
      walk(value);
    }
  };
  walk(manifest.contributes);
  return [...refs].sort();
}
const shippedManifest = JSON.parse(files.get('package.json').read().toString('utf8'));
const missingRefs = referencedFiles(shippedManifest).filter((f) => !files.has(f));
check(missingRefs.length === 0, `every file package.json refers to is packaged${missingRefs.length ? `; missing: ${missingRefs.join(', ')}` : ''}`);

// README images ship in the package with relative links, so the README renders inside an
// installed extension (no network): each image is a relative path to a packaged file.
const readme = files.get('readme.md')?.read().toString('utf8') ?? '';
const images = [...readme.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g), ...readme.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]);
const badImages = images.filter((src) => /^[a-z]+:/i.test(src) || !files.has(decodeURIComponent(src).replace(/^\.\//, '')));
check(images.length > 0 && badImages.length === 0, `README's ${images.length} image(s) are packaged, by relative links${badImages.length ? `; not: ${badImages.join(', ')}` : ''}`);
const unusedShots = [...files.keys()].filter((f) => f.startsWith('media/screenshots/') && !images.includes(f));
check(unusedShots.length === 0, `no screenshot ships that the README does not show${unusedShots.length ? `; unused: ${unusedShots.join(', ')}` : ''}`);

const iconEntry = files.get(shippedManifest.icon ?? '');
if (check(Boolean(iconEntry), `icon ${shippedManifest.icon} packaged`)) {
  const png = iconEntry.read();
  const isPng = png.subarray(1, 4).toString('latin1') === 'PNG';
  check(isPng && png.readUInt32BE(16) === 128 && png.readUInt32BE(20) === 128, 'icon is a 128×128 PNG');
}
const bundle = files.get('dist/extension.js')?.read().toString('utf8') ?? '';
check(bundle.length > 0 && !bundle.includes('sourceMappingURL'), 'dist/extension.js is the production build (no source map reference)');
check(!/require\(["'](chokidar|gray-matter|yaml|micromatch|mermaid)["']\)/.test(bundle), 'runtime dependencies are bundled, not required');
// The graph webview's test channel (src/webview/testProtocol.ts) is compiled into test builds only.
const withTestChannel = [...files].filter(([f, e]) => /^dist\/.+\.js$/.test(f) && /["']test:(click|clicked|toolbar)["']/.test(e.read().toString('utf8'))).map(([f]) => f);
check(withTestChannel.length === 0, `no test-only messages in the shipped bundles${withTestChannel.length ? `; in: ${withTestChannel.join(', ')}` : ''}`);

// engines.vscode is the oldest VS Code the extension claims; the API types must not be newer.
const engineMin = shippedManifest.engines?.vscode?.replace(/^[\^~>=\s]+/, '') ?? '';
const typesVersion = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@types/vscode/package.json'), 'utf8')).version;
const cmp = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};
check(cmp(typesVersion, engineMin) <= 0, `@types/vscode ${typesVersion} not newer than engines.vscode ${shippedManifest.engines?.vscode}`);

// ── 3. Install it into a clean VS Code and use it ──────────────────────────────────────────────

/** The workspace to open: the demo workspace when its generator is there, else a copy of ws-basic. */
function makeWorkspace(tmp) {
  const demo = path.join(ROOT, 'tools/demo/make-demo-workspace.mjs');
  if (fs.existsSync(demo)) {
    const out = execFileSync(process.execPath, [demo, path.join(tmp, 'demo-shop')], { cwd: ROOT, encoding: 'utf8' });
    return out.trim().split('\n').pop().trim();
  }
  const dir = path.join(tmp, 'ws-basic');
  fs.cpSync(path.join(ROOT, 'test/fixtures/ws-basic'), dir, { recursive: true });
  return dir;
}

/** F1, type the command's label, Enter on the row with exactly that label. */
async function runCommand(page, label) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(label, { delay: 10 });
  const rows = '.quick-input-widget .quick-input-list .monaco-list-row';
  try {
    const found = await page.waitForFunction(([sel, want]) => {
      const row = [...document.querySelectorAll(sel)].find((r) => r.querySelector('.label-name')?.textContent?.trim() === want);
      return row ? { index: row.getAttribute('data-index') } : undefined; // an object: index "0" is a hit
    }, [rows, label], { timeout: 10_000 });
    const { index } = await found.jsonValue();
    await page.locator(`${rows}[data-index="${index}"]`).click();
  } catch (e) {
    await page.keyboard.press('Escape');
    throw e;
  }
}

if (failures.length === 0) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-package-'));
  const serverLog = fs.createWriteStream(path.join(LOG_DIR, 'server.log'));
  let server, browser;
  console.log('installed into a clean VS Code');
  try {
    const workspace = makeWorkspace(tmp);
    // The specs the installed extension should list, from the packaged headless CLI run on its
    // own (no node_modules next to it): the ready ones sit in the expanded "Ready" group.
    note('install and start the server');
    server = await startServer({
      vsix: [vsixPath],
      devMode: false,
      settings: { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'git.openRepositoryInParentFolders': 'never' },
      log: (l) => { serverLog.write(`${l}\n`); if (opt.verbose) console.error('[server]', l); },
    });
    const installedDir = path.join(server.extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
    check(fs.existsSync(path.join(installedDir, 'dist/extension.js')) && !fs.lstatSync(installedDir).isSymbolicLink(),
      `--install-extension unpacked it to ${path.basename(installedDir)}/`);
    const listed = JSON.parse(execFileSync(process.execPath, [path.join(installedDir, 'dist/cli.js'), 'specs', '--json', workspace], { encoding: 'utf8' })).specs;
    const ready = listed.filter((s) => s.ready && !s.archived).map((s) => s.title);
    check(ready.length > 0, `the packaged CLI reads the workspace on its own: ${listed.length} specs, ${ready.length} ready`);

    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl({ authority: server.authority, folder: workspace }));
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    note('workbench ready');
    // The view container is a static contribution: once its icon shows, the installed
    // extension's manifest has been read and its commands can be found in the palette.
    await page.locator('.activitybar [aria-label^="Chant"]').first().waitFor({ timeout: 30_000 });
    check(!(await page.title()).includes('Extension Development Host'), 'runs as an installed extension, not under development');
    const focus = 'Chant: Focus on Spec Explorer View';
    try {
      await runCommand(page, focus);
    } catch {
      note(`"${focus}" not listed yet; once more`);
      await runCommand(page, focus);
    }
    const rows = page.locator('.part.sidebar .monaco-list-row');
    const want = new Set(ready);
    const deadline = Date.now() + 30_000;
    let seen = '';
    while (Date.now() < deadline && !seen) {
      const texts = await rows.evaluateAll((els) => els.map((el) => el.querySelector('.label-name')?.textContent?.trim() ?? ''));
      seen = texts.find((t) => want.has(t)) ?? '';
      if (!seen) await page.waitForTimeout(250);
    }
    check(Boolean(seen), `the Spec Explorer lists a ready spec: "${seen || ready[0]}"`);
    await page.waitForTimeout(500); // late painting (icons, badges); there is no "looks done" event
    await page.screenshot({ path: path.join(LOG_DIR, 'installed.png') });
    note(`wrote ${path.relative(ROOT, path.join(LOG_DIR, 'installed.png'))}`);
  } catch (e) {
    check(false, `installed extension: ${e.stack || e.message}`);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    serverLog.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

console.log(failures.length ? `\n${failures.length} packaging check(s) failed` : '\npackaging: all checks passed');
process.exit(failures.length ? 1 : 0);
