#!/usr/bin/env node
// README screenshots of "Chant: Work Spec" on the seed driver, in the real workbench, with the
// stand-in chant (test/stand-in/chant) on PATH holding each member until we open its gate:
//   media/screenshots/work-pick.png    the Work Spec pick list (ready first, reasons for the rest)
//   media/screenshots/work-phases.png  phase 1 running: three member terminals, tree icons
//   media/screenshots/work-done.png    the driver complete, with the end-of-run notification
//
//   npm run build && node tools/screenshots/work-spec.mjs [--out-dir media/screenshots] [--verbose]
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
const note = (...a) => console.error(`[work-spec ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const DRV = '2026-01-15-001-drv';

// A fresh copy of the fixture: the stand-in writes statuses, locks and logs into it.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-shot-work-'));
const ws = path.join(tmp, 'checkout-service');
fs.cpSync(path.join(ROOT, 'test/fixtures/ws-work'), ws, { recursive: true });
fs.rmSync(path.join(ws, '.chant/specs/x;touch PWNED;.md')); // a test case, not part of the story
const gate = path.join(tmp, 'gate');
fs.mkdirSync(gate);
const open = (id) => fs.writeFileSync(path.join(gate, id), '0');


let server, browser, code = 0;
try {
  server = await startServer({
    env: {
      // VSCODE_CLI=1 keeps our PATH: otherwise the server takes the login shell's.
      PATH: `${path.join(ROOT, 'test/stand-in')}${path.delimiter}${process.env.PATH}`,
      VSCODE_CLI: '1',
      CHANT_STANDIN_GATE: gate,
    },
    settings: {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.colorTheme': 'Default Dark Modern',
      'git.openRepositoryInParentFolders': 'never',
      'terminal.integrated.tabs.enabled': true,
      'terminal.integrated.tabs.hideCondition': 'never',
      'chantSpecs.explorer.grouping': 'hierarchy',
      'remote.autoForwardPorts': false,
      'terminal.integrated.tabs.location': 'right',
    },
    installed: [ROOT],
    devMode: false,
    log: (l) => opt.verbose && console.error('[server]', l),
  });
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  if (opt.verbose) page.on('console', (m) => console.error(`[browser:${m.type()}]`, m.text()));
  await page.goto(workbenchUrl({ authority: server.authority, folder: ws }));
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await page.locator('.monaco-workbench[class*="vscode-theme-"]').waitFor({ timeout: 30_000 });
  note('workbench ready');

  await palette(page, 'Chant: Focus on Spec Explorer View');
  await page.getByText('Checkout flow (week 3 driver)').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+P');
  await pick(page, `${DRV}.md`, `${DRV}.md`);
  await page.getByText('▶ Work').first().waitFor({ timeout: 30_000 });

  // The pick list.
  await page.keyboard.press('F1');
  await pick(page, 'Chant: Work Spec', 'Chant: Work Spec');
  await page.getByText('Ready to work').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(800);
  fs.mkdirSync(opt['out-dir'], { recursive: true });
  await page.screenshot({ path: path.join(opt['out-dir'], 'work-pick.png') });
  note('wrote work-pick.png');

  // Pick the driver; the plan dialog; run the phases.
  await page.keyboard.type('checkout flow', { delay: 10 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Run Phases' }).click({ timeout: 15_000 });
  for (const n of [1, 2, 3]) await page.getByText(`001-drv.${n} · chant work`).first().waitFor({ timeout: 30_000 });
  // Wider terminal tabs, so the member IDs show: drag the sash left of the tab list.
  const tabs = await page.locator('.tabs-list-container').first().boundingBox().catch(() => null);
  if (tabs) {
    await page.mouse.move(tabs.x - 1, tabs.y + 40);
    await page.mouse.down();
    await page.mouse.move(tabs.x - 160, tabs.y + 40, { steps: 8 });
    await page.mouse.up();
  }
  // Members in the tree: expand the driver.
  await page.locator('.monaco-list-row', { hasText: 'Checkout flow (week 3 driver)' }).first().click();
  await page.keyboard.press('ArrowRight');
  open(`${DRV}.1`); // one member done, two still running
  await page.getByText('001-drv.1 · chant work').first().click();
  // Terminal text is drawn on a canvas: no DOM text to wait for; the tree follows file events.
  await page.waitForTimeout(3000);
  await page.screenshot({ path: path.join(opt['out-dir'], 'work-phases.png') });
  note('wrote work-phases.png');

  open(`${DRV}.2`);
  open(`${DRV}.3`);
  await page.getByText('001-drv.4 · chant work').first().waitFor({ timeout: 30_000 });
  open(`${DRV}.4`);
  await page.getByText('All 4 members succeeded').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(2500);
  await page.screenshot({ path: path.join(opt['out-dir'], 'work-done.png') });
  note('wrote work-done.png');
} catch (e) {
  note(`error: ${e.stack || e.message}`);
  code = 1;
} finally {
  for (const n of [1, 2, 3, 4]) open(`${DRV}.${n}`); // release any stand-in still waiting
  await browser?.close().catch(() => {});
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
