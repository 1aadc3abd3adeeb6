#!/usr/bin/env node
// README screenshots of a first start, in the real workbench with the extension installed, on a
// folder without a Chant project (a new temporary folder holding one README):
//   media/screenshots/welcome-no-project.png  the Spec Explorer's welcome view
//   media/screenshots/walkthrough.png         Chant: Get Started, the walkthrough
//
//   npm run build && node tools/screenshots/welcome.mjs [--out-dir media/screenshots] [--verbose]
import fs from 'node:fs';
import path from 'node:path';
import { palette } from './quickInput.mjs';
import { shotArgs, tempDir, widenSideBar, withWorkbench } from './workbench.mjs';

const { opt, note } = shotArgs('welcome');
const out = (name) => path.join(opt['out-dir'], name);
const tmp = tempDir('welcome');
const ws = path.join(tmp, 'my-service');
fs.mkdirSync(ws);
fs.writeFileSync(path.join(ws, 'README.md'), '# my-service\n\nA service without Chant specs yet.\n');

await withWorkbench({
  note,
  verbose: opt.verbose,
  folder: ws,
  settings: { 'workbench.colorTheme': 'Default Light Modern' },
}, async ({ page, shot }) => {
  await palette(page, 'Chant: Focus on Spec Explorer View');
  await page.getByText('No Chant project found').first().waitFor({ timeout: 60_000 });
  await widenSideBar(page, 360);
  await shot(out('welcome-no-project.png'), 1500);

  await palette(page, 'Chant: Get Started');
  await page.getByText('Get started with Chant').first().waitFor({ timeout: 30_000 });
  await palette(page, 'View: Toggle Primary Side Bar Visibility'); // the walkthrough's full width
  await shot(out('walkthrough.png'), 2500);
}, { cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) });
