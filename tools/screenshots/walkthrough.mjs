#!/usr/bin/env node
// The Get Started walkthrough's pictures (package.json contributes.walkthroughs), on the demo
// workspace in the real workbench with the extension installed and the chant CLI on PATH; a
// small window, so they read in the walkthrough's media pane:
//   media/walkthrough/explorer.png  the Spec Explorer by status beside a drifted spec
//   media/walkthrough/drift.png     a tracked source file that changed, with its drift lens
//   media/walkthrough/graph.png     the driver's graph: members .1–.3 side by side, .4 after them
//   media/walkthrough/language.png  a spec chant cannot load: the problem and its hover
// The "work" step's picture is taken by work-spec.mjs while a driver's first phase runs.
//
//   npm run build && node tools/screenshots/walkthrough.mjs [--chant BIN] [--out-dir media/walkthrough] [--verbose]
// --chant: the real chant CLI (default ../shared/tools/chant/chant); without it: "skipped: …".
import fs from 'node:fs';
import path from 'node:path';
import { makeDemoWorkspace } from '../demo/make-demo-workspace.mjs';
import { BROKEN_SPEC, DRIVER } from '../demo/specs.mjs';
import { openDriftedSpec, openTrackedFile } from './demoSteps.mjs';
import { graphFrame, settled } from './graphView.mjs';
import { goToLine, palette, quickOpen } from './quickInput.mjs';
import { chantEnv, chantOption, requireChant } from './realChant.mjs';
import { shotArgs, tempDir, WALKTHROUGH_DIR, WALKTHROUGH_VIEWPORT, withWorkbench } from './workbench.mjs';

const { opt, note } = shotArgs('walkthrough', { ...chantOption(), 'out-dir': { type: 'string', default: WALKTHROUGH_DIR } }, { outDir: false });
const chant = requireChant(opt.chant); // else "skipped: …" (without it the tree says the CLI is missing)
const out = (name) => path.join(opt['out-dir'], name);
const tmp = tempDir('walkthrough');
const ws = makeDemoWorkspace(path.join(tmp, 'demo-shop')).dir;

await withWorkbench({
  note,
  verbose: opt.verbose,
  folder: ws,
  viewport: WALKTHROUGH_VIEWPORT,
  env: chantEnv(chant),
  settings: { 'workbench.colorTheme': 'Default Dark Modern' },
}, async ({ page, shot }) => {
  // 1. Every spec in one tree: the groups by status beside a spec.
  await openDriftedSpec(page, 390);
  await shot(out('explorer.png'), 3000); // the grammar's colours come late on a busy machine

  // 2. Drift: a file the documentation spec tracks changed since it completed.
  await openTrackedFile(page);
  await shot(out('drift.png'), 1500);

  // 3. The driver's graph, given the whole editor area.
  await palette(page, 'Chant: Focus on Spec Explorer View');
  await quickOpen(page, `${DRIVER}.md`);
  await palette(page, 'Chant: Show Spec Graph');
  let frame = await graphFrame(page);
  await settled(frame, page, new RegExp(`around ${DRIVER}`));
  await palette(page, 'View: Single Column Editor Layout');
  await palette(page, 'View: Toggle Primary Side Bar Visibility'); // before the webview has the focus (and F1)
  await page.locator('.tab', { hasText: 'Spec Graph' }).first().click();
  frame = await graphFrame(page);
  await settled(frame, page, new RegExp(`around ${DRIVER}`));
  await frame.locator('#fit').click(); // the view it kept was fitted to the narrower panel
  await shot(out('graph.png'), 1500);
  await page.locator('.tab', { hasText: 'Spec Graph' }).first().locator('.codicon-close').click(); // the focus back in the workbench
  await palette(page, 'View: Close All Editors');
  await palette(page, 'View: Toggle Primary Side Bar Visibility');

  // 4. A spec chant cannot load: the problem where it is, its hover.
  await quickOpen(page, `${BROKEN_SPEC}.md`);
  await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  await goToLine(page, '3:10');
  await palette(page, 'Show or Focus Hover');
  await page.locator('.monaco-hover', { hasText: 'Unknown status' }).first().waitFor({ timeout: 15_000 });
  await shot(out('language.png'), 1000);
}, { cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) });
