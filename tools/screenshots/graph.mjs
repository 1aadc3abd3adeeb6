#!/usr/bin/env node
// README screenshots of the spec graph in the real workbench, on a copy of test/fixtures/ws-graph:
//   media/screenshots/graph-driver.png    the seed driver's neighbourhood (members, order, cycle-free)
//   media/screenshots/graph-statuses.png  the whole project narrowed to two statuses with the
//                                         toolbar's toggles (clicked in the webview like a user)
//
//   npm run build && node tools/screenshots/graph.mjs [--out-dir media/screenshots] [--verbose]
import fs from 'node:fs';
import path from 'node:path';
import { graphFrame, settled } from './graphView.mjs';
import { palette, quickOpen } from './quickInput.mjs';
import { ROOT, shotArgs, tempDir, withWorkbench } from './workbench.mjs';

const { opt, note } = shotArgs('graph-shots');
const DRV = '2026-03-01-001-drv';

const tmp = tempDir('graph');
const ws = path.join(tmp, 'payments');
fs.cpSync(path.join(ROOT, 'test/fixtures/ws-graph'), ws, { recursive: true });
// The fixture's hostile title is a test case, not part of the story the pictures tell.
const xss = path.join(ws, '.chant/specs/2026-03-01-005-xss.md');
fs.writeFileSync(xss, fs.readFileSync(xss, 'utf8').replace(/^# .*$/m, '# Reconcile invoice totals nightly'));

await withWorkbench({
  note,
  verbose: opt.verbose,
  folder: ws,
  settings: { 'workbench.colorTheme': 'Default Dark Modern' },
}, async ({ page, shot }) => {
  await palette(page, 'Chant: Focus on Spec Explorer View');
  await page.getByText('Ship the payments overhaul').first().waitFor({ timeout: 30_000 });
  await quickOpen(page, `${DRV}.md`);
  await palette(page, 'Chant: Show Spec Graph');
  let frame = await graphFrame(page);
  await settled(frame, page, /hops around 2026-03-01-001-drv/);
  // The graph opens beside the spec; give it the whole editor area for the picture.
  await palette(page, 'View: Single Column Editor Layout');
  await page.locator('.tab', { hasText: 'Spec Graph' }).first().click();
  frame = await graphFrame(page);
  await settled(frame, page, /hops around 2026-03-01-001-drv/);
  await frame.locator('#fit').click(); // the view it kept was fitted to the narrower panel
  await shot(path.join(opt['out-dir'], 'graph-driver.png'));

  // The whole project, then two statuses at once with the toggles.
  await frame.locator('#mode').click();
  await settled(frame, page, /whole project/);
  await frame.locator('#statuses button[data-status="blocked"]').click();
  await settled(frame, page, /status blocked ·/);
  await frame.locator('#statuses button[data-status="in_progress"]').click();
  await settled(frame, page, /status blocked, in progress/);
  await shot(path.join(opt['out-dir'], 'graph-statuses.png'), 0);
}, { cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) });
