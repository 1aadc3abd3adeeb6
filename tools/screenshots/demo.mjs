#!/usr/bin/env node
// README screenshots on the demo workspace (tools/demo/make-demo-workspace.mjs, "demo-shop"), in
// the real workbench with the extension installed and the chant CLI found on PATH:
//   media/screenshots/demo-workspace.png      the Spec Explorer by status beside the drifted
//                                             documentation spec
//   media/screenshots/drift-tracked-file.png  a changed file the spec tracks, with its drift lens
//   media/screenshots/drift-spec.png          the drifted spec: lens, warnings on its tracks
//                                             entries, the Problems panel
//   media/screenshots/drift-report.png        the drift report
//
//   npm run build && node tools/screenshots/demo.mjs [--out-dir media/screenshots] [--chant BIN] [--verbose]
// --chant: the chant CLI to put on PATH (default ../shared/tools/chant/chant when it exists, else
// none: the tree then says the CLI was not found).
import fs from 'node:fs';
import path from 'node:path';
import { makeDemoWorkspace } from '../demo/make-demo-workspace.mjs';
import { DOC_SPEC } from '../demo/specs.mjs';
import { openDriftedSpec, openTrackedFile } from './demoSteps.mjs';
import { palette, quickOpen } from './quickInput.mjs';
import { ROOT, shotArgs, tempDir, withWorkbench } from './workbench.mjs';

const sharedChant = path.resolve(ROOT, '../shared/tools/chant/chant');
const { opt, note } = shotArgs('demo', { chant: { type: 'string', default: fs.existsSync(sharedChant) ? sharedChant : '' } });
const out = (name) => path.join(opt['out-dir'], name);
const tmp = tempDir('demo');
const ws = makeDemoWorkspace(path.join(tmp, 'demo-shop')).dir;

await withWorkbench({
  note,
  verbose: opt.verbose,
  folder: ws,
  // VSCODE_CLI=1 keeps our PATH: otherwise the server takes the login shell's.
  env: opt.chant ? { PATH: `${path.dirname(path.resolve(opt.chant))}${path.delimiter}${process.env.PATH}`, VSCODE_CLI: '1' } : {},
  settings: { 'workbench.colorTheme': 'Default Light Modern' },
}, async ({ page, shot }) => {
  // The Spec Explorer beside the drifted documentation spec.
  await openDriftedSpec(page, 400);
  await shot(out('demo-workspace.png'), 3000); // the grammar's colours come late on a busy machine

  // A tracked file that changed since the spec completed: its lens.
  await openTrackedFile(page);
  await shot(out('drift-tracked-file.png'), 1500);

  // The spec: lens, warnings on its tracks entries, the Problems panel narrowed to it (its own
  // findings and the tracked files' notes that name it).
  await palette(page, 'Chant: Focus on Spec Explorer View');
  await quickOpen(page, `${DOC_SPEC}.md`);
  await palette(page, 'Problems: Focus on Problems View');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 15_000 });
  await page.locator('.markers-panel-action-filter input, .viewpane-filter input').first().fill(DOC_SPEC.slice(11));
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'tracks this file' }).first().waitFor({ timeout: 15_000 }).catch(() => note('no tracked-file note in Problems'));
  await page.keyboard.press('Control+1'); // back to the editor
  await shot(out('drift-spec.png'), 1500);

  // The report.
  await page.keyboard.press('Control+J'); // the panel away
  await palette(page, 'Chant: Show Drift Report');
  await page.frameLocator('iframe.webview.ready').frameLocator('iframe').getByText('Drift report').first().waitFor({ timeout: 30_000 });
  await shot(out('drift-report.png'), 1500);
}, { cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) });
