// What every screenshot script shares: its command line, a log line with the elapsed time, the
// real workbench (VS Code server + headless Chromium) started on a folder and always stopped, a
// picture of the failure when a step throws, and the exit code.
//
//   const { opt, note } = shotArgs('work-spec', { ...extra parseArgs options });
//   await withWorkbench({ note, verbose: opt.verbose, folder, settings, env, ... }, async ({ page, shot }) => {
//     ...
//     await shot(path.join(opt['out-dir'], 'x.png'));
//   }, { cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) });
//
// withWorkbench exits the process (0 done, 1 a step failed, 128+n on a signal).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startServer, launchBrowser, workbenchUrl } from '../vscode/host.mjs';

export { ROOT };

/** Settings every screenshot wants: no start page, tips, minimap or toasts about git or ports. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'editor.minimap.enabled': false,
  'git.openRepositoryInParentFolders': 'never', // no toast about the repository around a folder
  'remote.autoForwardPorts': false,
  'telemetry.telemetryLevel': 'off',
};

/** The Get Started walkthrough's pictures (walkthrough.mjs, work-spec.mjs) and their window:
 *  small, so that they still read in the walkthrough's media pane, which shows them scaled down. */
export const WALKTHROUGH_DIR = path.join(ROOT, 'media/walkthrough');
export const WALKTHROUGH_VIEWPORT = { width: 1000, height: 640 };

/**
 * Parses the command line: `--verbose`, `--help` (prints the script's opening comment and exits),
 * `--out-dir` (default media/screenshots; not with `outDir: false`), plus `options` (node:util
 * parseArgs options). Returns the values and `note`, a log line prefixed with the script's name
 * and the seconds since it started.
 */
export function shotArgs(name, options = {}, { outDir = true } = {}) {
  const { values: opt } = parseArgs({
    options: {
      ...(outDir ? { 'out-dir': { type: 'string', default: path.join(ROOT, 'media/screenshots') } } : {}),
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      ...options,
    },
  });
  if (opt.help) {
    const lines = fs.readFileSync(process.argv[1], 'utf8').split('\n').filter((l) => !l.startsWith('#!'));
    const end = lines.findIndex((l) => !l.startsWith('//'));
    console.log(lines.slice(0, end < 0 ? lines.length : end).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    process.exit(0);
  }
  const t0 = Date.now();
  const note = (...a) => console.error(`[${name} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  return { opt, note };
}

/** A fresh temporary folder for a script's workspace. */
export function tempDir(name) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `chant-shot-${name}-`));
}

/**
 * Starts the server and the browser, opens `folder` in the workbench and waits until it is ready
 * (the explorer lists the folder, the theme applied), runs `steps`, then always closes both and
 * runs `cleanup`. A step that throws is logged, the page at that moment saved as
 * `failed-<first picture's name or script>.png` in the system temp folder, and the exit code is 1.
 *  folder           the workspace (absolute path)
 *  settings         Machine settings on top of QUIET_SETTINGS
 *  env              the server's (and so the extension host's and terminals') environment
 *  viewport         default 1400×900
 *  development      load the extension under development (title "[Extension Development Host]");
 *                   default: as installed, like a user has it
 *  ready            what to wait for before the steps; default the explorer's first row
 */
export async function withWorkbench({ note, verbose = false, folder, settings = {}, env = {}, viewport = { width: 1400, height: 900 }, development = false, extension = ROOT, ready } = {}, steps, { cleanup } = {}) {
  let server, browser, page, last;
  let code = 0;
  const stop = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    try {
      cleanup?.();
    } catch (e) {
      note(`cleanup: ${e.message}`);
    }
  };
  // The server has its own process group and would outlive us if we were killed (Ctrl+C, timeout).
  for (const [signal, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
    process.once(signal, async () => {
      await stop();
      process.exit(128 + n);
    });
  }
  try {
    server = await startServer({
      env,
      settings: { ...QUIET_SETTINGS, ...settings },
      installed: development ? [] : [extension],
      devMode: development,
      log: (l) => verbose && console.error('[server]', l),
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport });
    if (verbose) page.on('console', (m) => console.error(`[browser:${m.type()}]`, m.text()));
    await page.goto(workbenchUrl({ authority: server.authority, folder, extensionDevelopmentPath: development ? extension : [] }));
    // The workbench first paints with a cached default theme; the class vscode-theme-* appears
    // once the theme extensions and the Machine settings are applied, a few seconds later.
    await (ready ? ready(page) : page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 }));
    await page.locator('.monaco-workbench[class*="vscode-theme-"]').waitFor({ timeout: 30_000 });
    note('workbench ready');
    /** Saves the page as `file` (folders created), after `settle` ms for late painting. */
    const shot = async (file, settle = 800) => {
      await page.waitForTimeout(settle); // icons, twisties, fonts: there is no event for "looks done"
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      await page.screenshot({ path: file });
      last = file;
      note(`wrote ${path.relative(process.cwd(), path.resolve(file))}`);
    };
    await steps({ page, server, shot });
  } catch (e) {
    note(`error: ${e.stack || e.message}`);
    const failed = path.join(os.tmpdir(), `failed-${last ? path.basename(last) : 'screenshot.png'}`);
    if (await page?.screenshot({ path: failed }).then(() => true, () => false)) note(`the page when it failed: ${failed} (after ${last ?? 'no picture'})`);
    code = 1;
  } finally {
    await stop();
  }
  process.exit(code);
}

/** Drags the sash at the side bar's right edge so the side bar is `width` px wide (long tree rows). */
export async function widenSideBar(page, width) {
  const box = await page.locator('.part.sidebar').first().boundingBox();
  if (!box) throw new Error('no side bar to widen');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(box.x + width + 400, y); // off the sash, which stays highlighted under the mouse
}
