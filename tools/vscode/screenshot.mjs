#!/usr/bin/env node
// PNG screenshot of the real VS Code workbench with a workspace and the extension loaded,
// after optional keyboard steps (as a user would do them).
//
//   node tools/vscode/screenshot.mjs [--workspace test/fixtures/ws-basic] [--out .vscode-test/screenshot.png]
//     [--open FILE]...            Ctrl+P quick open, first match, Enter
//     [--command "Palette label"]... F1, type the label, Enter once the first row matches
//     [--wait-text TEXT]          wait until TEXT is visible before the shot
//     [--theme "Default Dark Modern"]  picked in Preferences: Color Theme
//     [--settings FILE.json]          written as the server's Machine settings
//     [--width 1400] [--height 900] [--extensionDevelopmentPath DIR] [--verbose]
//     [--installed]   load the extension as installed (symlinked into the extensions dir) rather
//                     than under development: no "[Extension Development Host]" in the title.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startServer, launchBrowser, workbenchUrl } from './host.mjs';

const { values: opt } = parseArgs({
  options: {
    workspace: { type: 'string', default: path.join(ROOT, 'test/fixtures/ws-basic') },
    extensionDevelopmentPath: { type: 'string', default: ROOT },
    out: { type: 'string', default: path.join(ROOT, '.vscode-test/screenshot.png') },
    open: { type: 'string', multiple: true, default: [] },
    command: { type: 'string', multiple: true, default: [] },
    'wait-text': { type: 'string' },
    theme: { type: 'string' },
    settings: { type: 'string' },
    width: { type: 'string', default: '1400' },
    height: { type: 'string', default: '900' },
    installed: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const t0 = Date.now();
const note = (...a) => console.error(`[screenshot ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
const ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

// Type into the quick input, wait for the row whose label is `want` (else the first containing
// it), move to it with the arrow keys and press Enter. The best match is not always first:
// typing "Preferences: Color Theme" ranks "...Color Themes in Marketplace" above it.
async function pick(page, text, want) {
  await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(text, { delay: 10 });
  const handle = await page.waitForFunction(([sel, w]) => {
    const rows = [...document.querySelectorAll(sel)].map((r) => ({
      index: Number(r.getAttribute('data-index')),
      label: (r.getAttribute('aria-label') ?? '').toLowerCase(),
    }));
    const exact = rows.find((r) => r.label === w || r.label.startsWith(`${w},`));
    const hit = exact ?? rows.find((r) => r.label.includes(w));
    return hit ? { index: hit.index } : undefined; // an object: index 0 alone would read as "not yet"
  }, [ROWS, want.toLowerCase()], { timeout: 15_000 });
  const { index } = await handle.jsonValue();
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  const typed = await page.inputValue(QUICK_INPUT);
  await page.keyboard.press('Enter');
  // Accepted once the input closes or another picker replaces it (e.g. the theme list).
  await page.waitForFunction(([sel, v]) => {
    const input = document.querySelector(sel);
    return !input || !input.checkVisibility() || input.value !== v;
  }, [QUICK_INPUT, typed], { timeout: 15_000 });
}

const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never', // no toast about the repo around a fixture
  ...(opt.settings ? JSON.parse(fs.readFileSync(opt.settings, 'utf8')) : {}),
};
const ext = path.resolve(opt.extensionDevelopmentPath);
let server, browser, code = 0;
// The server has its own process group and would outlive us if we were killed (Ctrl+C, timeout).
for (const [signal, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.once(signal, async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    process.exit(128 + n);
  });
}
try {
  server = await startServer({
    settings,
    installed: opt.installed ? [ext] : [],
    devMode: !opt.installed,
    log: (l) => opt.verbose && console.error('[server]', l),
  });
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: +opt.width, height: +opt.height } });
  if (opt.verbose) page.on('console', (m) => console.error(`[browser:${m.type()}]`, m.text()));
  await page.goto(workbenchUrl({
    authority: server.authority,
    folder: path.resolve(opt.workspace),
    extensionDevelopmentPath: opt.installed ? [] : ext,
  }));
  // The explorer lists the folder once the workbench is connected to the server. The workbench
  // first paints with a cached default theme; the class vscode-theme-* appears once the theme
  // extensions and the Machine settings (--theme) are applied, a few seconds later.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await page.locator('.monaco-workbench[class*="vscode-theme-"]').waitFor({ timeout: 30_000 });
  note('workbench ready');
  if (opt.theme) {
    // Through the theme picker, not a setting: with an extension under development the 1.100
    // workbench ignores workbench.colorTheme from Machine settings and stays on Light+.
    note(`theme ${opt.theme}`);
    await page.keyboard.press('F1');
    await pick(page, 'Preferences: Color Theme', 'Preferences: Color Theme');
    await pick(page, opt.theme, opt.theme);
  }
  for (const file of opt.open) {
    note(`open ${file}`);
    await page.keyboard.press('Control+P');
    await pick(page, file, path.basename(file));
    await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: 15_000 });
  }
  for (const label of opt.command) {
    note(`command ${label}`);
    await page.keyboard.press('F1'); // the palette opens with '>' already typed
    await pick(page, label, label);
  }
  if (opt['wait-text']) await page.getByText(opt['wait-text']).first().waitFor({ timeout: 30_000 });
  // Let late painting (icons, tree twisties, fonts) finish; there is no event for "looks done".
  await page.waitForTimeout(1000);
  fs.mkdirSync(path.dirname(path.resolve(opt.out)), { recursive: true });
  await page.screenshot({ path: opt.out });
  note(`wrote ${opt.out}`);
} catch (e) {
  note(`error: ${e.stack || e.message}`);
  code = 1;
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
}
process.exit(code);
