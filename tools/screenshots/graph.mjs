#!/usr/bin/env node
// README screenshots of the spec graph in the real workbench, on a copy of test/fixtures/ws-graph:
//   media/screenshots/graph-driver.png    the seed driver's neighbourhood (members, order, cycle-free)
//   media/screenshots/graph-statuses.png  the whole project narrowed to two statuses with the
//                                         toolbar's toggles (clicked in the webview like a user)
//
//   npm run build && node tools/screenshots/graph.mjs [--out-dir media/screenshots] [--verbose]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startServer, launchBrowser, workbenchUrl } from '../vscode/host.mjs';
import { palette, pick } from './quickInput.mjs';

const { values: opt } = parseArgs({
  options: {
    'out-dir': { type: 'string', default: path.join(ROOT, 'media/screenshots') },
    verbose: { type: 'boolean', default: false },
  },
});
const t0 = Date.now();
const note = (...a) => console.error(`[graph-shots ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const DRV = '2026-03-01-001-drv';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-shot-graph-'));
const ws = path.join(tmp, 'payments');
fs.cpSync(path.join(ROOT, 'test/fixtures/ws-graph'), ws, { recursive: true });
// The fixture's hostile title is a test case, not part of the story the pictures tell.
const xss = path.join(ws, '.chant/specs/2026-03-01-005-xss.md');
fs.writeFileSync(xss, fs.readFileSync(xss, 'utf8').replace(/^# .*$/m, '# Reconcile invoice totals nightly'));

/** The graph webview's document (nested inside the workbench's webview iframe). */
async function graphFrame(page) {
  for (let i = 0; i < 120; i++) {
    for (const f of page.frames()) {
      if (await f.locator('#statuses').count().catch(() => 0)) return f;
    }
    await page.waitForTimeout(500);
  }
  throw new Error('the graph webview did not appear');
}

/** Waits until the caption matches and the drawing settled (mermaid renders asynchronously). */
async function settled(frame, page, caption) {
  await frame.waitForFunction((re) => new RegExp(re).test(document.getElementById('caption')?.textContent ?? '') && document.querySelector('#canvas svg g.node'), caption.source, { timeout: 30_000 });
  await page.waitForTimeout(1500);
}

let server, browser, code = 0;
try {
  server = await startServer({
    settings: {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.colorTheme': 'Default Dark Modern',
      'git.openRepositoryInParentFolders': 'never',
      'editor.minimap.enabled': false,
    },
    installed: [ROOT],
    devMode: false,
    log: (l) => opt.verbose && console.error('[server]', l),
  });
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  if (opt.verbose) page.on('console', (m) => console.error(`[browser:${m.type()}]`, m.text()));
  await page.goto(workbenchUrl({ authority: server.authority, folder: ws }));
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await page.locator('.monaco-workbench[class*="vscode-theme-"]').waitFor({ timeout: 30_000 });
  note('workbench ready');

  await palette(page, 'Chant: Focus on Spec Explorer View');
  await page.getByText('Ship the payments overhaul').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+P');
  await pick(page, `${DRV}.md`, `${DRV}.md`);
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: 15_000 });
  await palette(page, 'Chant: Show Spec Graph');
  let frame = await graphFrame(page);
  await settled(frame, page, /hops around 2026-03-01-001-drv/);
  // The graph opens beside the spec; give it the whole editor area for the picture.
  await palette(page, 'View: Single Column Editor Layout');
  await page.locator('.tab', { hasText: 'Spec Graph' }).first().click();
  frame = await graphFrame(page);
  await settled(frame, page, /hops around 2026-03-01-001-drv/);
  await frame.locator('#fit').click(); // the view it kept was fitted to the narrower panel
  await page.waitForTimeout(800);
  fs.mkdirSync(opt['out-dir'], { recursive: true });
  await page.screenshot({ path: path.join(opt['out-dir'], 'graph-driver.png') });
  note('wrote graph-driver.png');

  // The whole project, then two statuses at once with the toggles.
  await frame.locator('#mode').click();
  await settled(frame, page, /whole project/);
  await frame.locator('#statuses button[data-status="blocked"]').click();
  await settled(frame, page, /status blocked ·/);
  await frame.locator('#statuses button[data-status="in_progress"]').click();
  await settled(frame, page, /status blocked, in progress/);
  await page.screenshot({ path: path.join(opt['out-dir'], 'graph-statuses.png') });
  note('wrote graph-statuses.png');
} catch (e) {
  note(`error: ${e.stack || e.message}`);
  code = 1;
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
