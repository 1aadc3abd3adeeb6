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
// The scripts in tools/screenshots/ take the README's pictures; this one is for a quick look.
import fs from 'node:fs';
import path from 'node:path';
import { palette, pick, quickOpen } from '../screenshots/quickInput.mjs';
import { ROOT, shotArgs, withWorkbench } from '../screenshots/workbench.mjs';

const { opt, note } = shotArgs('screenshot', {
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
}, { outDir: false });

await withWorkbench({
  note,
  verbose: opt.verbose,
  folder: path.resolve(opt.workspace),
  viewport: { width: +opt.width, height: +opt.height },
  settings: opt.settings ? JSON.parse(fs.readFileSync(opt.settings, 'utf8')) : {},
  development: !opt.installed,
  extension: path.resolve(opt.extensionDevelopmentPath),
}, async ({ page, shot }) => {
  if (opt.theme) {
    // Through the theme picker, not a setting: with an extension under development the 1.100
    // workbench ignores workbench.colorTheme from Machine settings and stays on Light+.
    note(`theme ${opt.theme}`);
    await palette(page, 'Preferences: Color Theme');
    await pick(page, opt.theme);
  }
  for (const file of opt.open) {
    note(`open ${file}`);
    await quickOpen(page, file, path.basename(file));
  }
  for (const label of opt.command) {
    note(`command ${label}`);
    await palette(page, label);
  }
  if (opt['wait-text']) await page.getByText(opt['wait-text']).first().waitFor({ timeout: 30_000 });
  await shot(opt.out, 1000);
});
