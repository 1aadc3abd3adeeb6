#!/usr/bin/env node
// README screenshots of the spec language features: a broken spec from test/fixtures/ws-lint
// with its squiggles, the Problems panel and the hover on a `[[id]]` reference; and the
// workbench's token inspector on a status value (fails unless it shows our grammar's scope).
//
//   node tools/screenshots/spec-language.mjs [--out media/screenshots/spec-language.png]
//     [--scopes media/screenshots/spec-grammar-scopes.png] [--theme NAME]
//
// Uses the offline VS Code host of tools/vscode (run tools/vscode/setup-vscode-server.sh once)
// and works on a temporary copy of the fixture.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, launchBrowser, startServer, workbenchUrl } from '../vscode/host.mjs';

const { values: opt } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'media/screenshots/spec-language.png') },
    scopes: { type: 'string', default: path.join(ROOT, 'media/screenshots/spec-grammar-scopes.png') },
    theme: { type: 'string' },
    width: { type: 'string', default: '1400' },
    height: { type: 'string', default: '860' },
  },
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-shot-'));
const workspace = path.join(tmp, 'ws-lint');
fs.cpSync(path.join(ROOT, 'test/fixtures/ws-lint'), workspace, { recursive: true });

let server, browser, page, code = 0;
try {
  server = await startServer({
    settings: {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'editor.minimap.enabled': false,
      'files.autoSave': 'off',
    },
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: +opt.width, height: +opt.height } });
  await page.goto(workbenchUrl({ authority: server.authority, folder: workspace, extensionDevelopmentPath: ROOT }));
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await page.locator('.monaco-workbench[class*="vscode-theme-"]').waitFor({ timeout: 30_000 });

  // Type into the quick input, then move to the row labelled `want` (the best match is not always first).
  const pick = async (text, want = text) => {
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type(text, { delay: 10 });
    const handle = await page.waitForFunction((w) => {
      const rows = [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')]
        .map((r) => ({ index: Number(r.getAttribute('data-index')), label: (r.getAttribute('aria-label') ?? '').toLowerCase() }));
      const hit = rows.find((r) => r.label === w || r.label.startsWith(`${w},`)) ?? rows.find((r) => r.label.includes(w));
      return hit ? { index: hit.index } : undefined;
    }, want.toLowerCase(), { timeout: 15_000 });
    const { index } = await handle.jsonValue();
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    const typed = await page.inputValue('.quick-input-widget .quick-input-box input');
    await page.keyboard.press('Enter');
    // Accepted once the input closes or another picker replaces it (the theme list).
    await page.waitForFunction((v) => {
      const input = document.querySelector('.quick-input-widget .quick-input-box input');
      return !input || !input.checkVisibility() || input.value !== v;
    }, typed, { timeout: 15_000 });
  };
  const palette = async (label) => {
    await page.keyboard.press('F1');
    await pick(label);
  };
  if (opt.theme) {
    // Through the picker: the development host ignores workbench.colorTheme from settings.
    await palette('Preferences: Color Theme');
    await pick(opt.theme);
  }

  // Open the spec from the explorer, then put the cursor inside the [[id]] reference (Ctrl+G line:column).
  const row = (name) => page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).first();
  await row('.chant').click();
  await row('specs').click();
  await row('2026-02-01-002-bbb.md').dblclick();
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type('14:40', { delay: 10 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: 15_000 });
  // Lint Workspace activates the extension, lints every spec and focuses the Problems panel.
  await palette('Chant: Lint Workspace');
  await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 15_000 });
  // Back to the editor and show the hover at the cursor.
  await page.keyboard.press('Control+1');
  // The real workbench's own token inspector on a status value: proves the injection grammar is
  // loaded and wins over YAML there (not only in the unit test's tokenizer).
  await page.keyboard.press('Control+G');
  await page.keyboard.type('3:11', { delay: 10 });
  await page.keyboard.press('Enter');
  await palette('Developer: Inspect Editor Tokens and Scopes');
  await page.getByText('constant.language.status.pending.chant').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: opt.scopes });
  console.error(`wrote ${opt.scopes} (scope constant.language.status.pending.chant shown)`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  await page.keyboard.type('14:40', { delay: 10 });
  await page.keyboard.press('Enter');
  await palette('Show or Focus Hover');
  await page.getByText('Open spec').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(800);
  fs.mkdirSync(path.dirname(path.resolve(opt.out)), { recursive: true });
  await page.screenshot({ path: opt.out });
  console.error(`wrote ${opt.out}`);
} catch (e) {
  console.error(e.stack || e.message);
  await page?.screenshot({ path: `${opt.out}.failed.png` }).catch(() => {});
  code = 1;
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
