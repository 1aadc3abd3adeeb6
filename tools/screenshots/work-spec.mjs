#!/usr/bin/env node
// README screenshots of "Chant: Work Spec" on the seed driver, in the real workbench, with the
// stand-in chant (test/stand-in/chant) on PATH holding each member until we open its gate:
//   media/screenshots/work-pick.png    the Work Spec pick list (ready first, reasons for the rest)
//   media/screenshots/work-phases.png  phase 1 running: three member tasks, tree icons
//   media/screenshots/work-done.png    the driver complete, with the end-of-run notification
//
//   npm run build && node tools/screenshots/work-spec.mjs [--out-dir media/screenshots] [--verbose]
import fs from 'node:fs';
import path from 'node:path';
import { palette, pick, quickOpen } from './quickInput.mjs';
import { ROOT, shotArgs, tempDir, widenSideBar, withWorkbench } from './workbench.mjs';

const { opt, note } = shotArgs('work-spec');
const DRV = '2026-01-15-001-drv';
const out = (name) => path.join(opt['out-dir'], name);

// A fresh copy of the fixture: the stand-in writes statuses, locks and logs into it.
const tmp = tempDir('work');
const ws = path.join(tmp, 'checkout-service');
fs.cpSync(path.join(ROOT, 'test/fixtures/ws-work'), ws, { recursive: true });
fs.rmSync(path.join(ws, '.chant/specs/x;touch PWNED;.md')); // a test case, not part of the story
const gate = path.join(tmp, 'gate');
fs.mkdirSync(gate);
const open = (id) => fs.writeFileSync(path.join(gate, id), '0');
/** A run's task in the terminal panel's tab list (tasks are named `work <short ID>`). */
const taskTab = (page, n) => page.locator('.terminal-tabs-entry', { hasText: `work 001-drv.${n}` }).first();

await withWorkbench({
  note,
  verbose: opt.verbose,
  folder: ws,
  viewport: { width: 1500, height: 900 },
  env: {
    // VSCODE_CLI=1 keeps our PATH: otherwise the server takes the login shell's.
    PATH: `${path.join(ROOT, 'test/stand-in')}${path.delimiter}${process.env.PATH}`,
    VSCODE_CLI: '1',
    CHANT_STANDIN_GATE: gate,
  },
  settings: {
    'workbench.colorTheme': 'Default Dark Modern',
    'terminal.integrated.tabs.enabled': true,
    'terminal.integrated.tabs.hideCondition': 'never',
    'terminal.integrated.tabs.location': 'right',
    'chantSpecs.explorer.grouping': 'hierarchy',
  },
}, async ({ page, shot }) => {
  await palette(page, 'Chant: Focus on Spec Explorer View');
  await page.getByText('Checkout flow (week 3 driver)').first().waitFor({ timeout: 30_000 });
  await quickOpen(page, `${DRV}.md`);
  await page.getByText('▶ Work').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(2000); // the tree's badges and the editor paint late on a busy machine

  // The pick list.
  await palette(page, 'Chant: Work Spec');
  await page.getByText('Ready to work').first().waitFor({ timeout: 15_000 });
  await shot(out('work-pick.png'), 2000);

  // Pick the driver; the plan dialog; run the phases. (The side bar is widened only now: the pick
  // list's shot came out with a blank editor and no tree badges right after the drag.)
  await page.keyboard.type('checkout flow', { delay: 10 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Run Phases' }).click({ timeout: 15_000 });
  await widenSideBar(page, 430); // members' progress and status, not cut off
  for (const n of [1, 2, 3]) await taskTab(page, n).waitFor({ timeout: 30_000 });
  // Wider terminal tabs, so the member IDs show: drag the sash left of the tab list.
  const tabs = await page.locator('.tabs-list-container').first().boundingBox().catch(() => null);
  if (tabs) {
    await page.mouse.move(tabs.x - 1, tabs.y + 40);
    await page.mouse.down();
    await page.mouse.move(tabs.x - 160, tabs.y + 40, { steps: 8 });
    await page.mouse.up();
  }
  // The hierarchy shows the driver's members expanded. (No click on a tree row while runs are
  // live: the tree refreshes every 2 s for their elapsed time, see the CHANGELOG.)
  open(`${DRV}.1`); // one member done, two still running
  await page.locator('.monaco-list-row', { hasText: 'Cart model' }).filter({ hasText: '1/1' }).first().waitFor({ timeout: 30_000 });
  await taskTab(page, 1).click();
  // Terminal text is drawn on a canvas: no DOM text to wait for; the tree follows file events.
  await shot(out('work-phases.png'), 3000);

  open(`${DRV}.2`);
  open(`${DRV}.3`);
  await taskTab(page, 4).waitFor({ timeout: 30_000 });
  open(`${DRV}.4`);
  await page.getByText('All 4 members succeeded').first().waitFor({ timeout: 30_000 });
  await shot(out('work-done.png'), 2500);
}, {
  cleanup: () => {
    for (const n of [1, 2, 3, 4]) open(`${DRV}.${n}`); // release any stand-in still waiting
    fs.rmSync(tmp, { recursive: true, force: true });
  },
});
