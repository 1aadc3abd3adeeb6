#!/usr/bin/env node
// README screenshots of the spec language features: a broken spec from test/fixtures/ws-lint
// with its squiggles, the Problems panel and the hover on a `[[id]]` reference; and the
// workbench's token inspector on a status value (fails unless it shows our grammar's scope).
//
//   npm run build && node tools/screenshots/spec-language.mjs [--out media/screenshots/spec-language.png]
//     [--scopes media/screenshots/spec-grammar-scopes.png] [--theme NAME] [--verbose]
//
// Works on a temporary copy of the fixture.
import fs from 'node:fs';
import path from 'node:path';
import { goToLine, palette, quickOpen } from './quickInput.mjs';
import { ROOT, shotArgs, tempDir, withWorkbench } from './workbench.mjs';

const { opt, note } = shotArgs('spec-language', {
  out: { type: 'string', default: path.join(ROOT, 'media/screenshots/spec-language.png') },
  scopes: { type: 'string', default: path.join(ROOT, 'media/screenshots/spec-grammar-scopes.png') },
  theme: { type: 'string', default: 'Default Light Modern' },
  width: { type: 'string', default: '1400' },
  height: { type: 'string', default: '860' },
}, { outDir: false });

const tmp = tempDir('lint');
const workspace = path.join(tmp, 'ws-lint');
fs.cpSync(path.join(ROOT, 'test/fixtures/ws-lint'), workspace, { recursive: true });

await withWorkbench({
  note,
  verbose: opt.verbose,
  folder: workspace,
  viewport: { width: +opt.width, height: +opt.height },
  settings: { 'workbench.colorTheme': opt.theme, 'files.autoSave': 'off' },
}, async ({ page, shot }) => {
  // Open the spec, then put the cursor inside the [[id]] reference.
  await quickOpen(page, '2026-02-01-002-bbb.md');
  await goToLine(page, '14:40');
  // Lint Workspace activates the extension, lints every spec and focuses the Problems panel.
  await palette(page, 'Chant: Lint Workspace');
  await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Control+1'); // back to the editor
  // The real workbench's own token inspector on a status value: proves the injection grammar is
  // loaded and wins over YAML there (not only in the unit test's tokenizer).
  await goToLine(page, '3:11');
  await palette(page, 'Developer: Inspect Editor Tokens and Scopes');
  await page.getByText('constant.language.status.pending.chant').first().waitFor({ timeout: 15_000 });
  await shot(opt.scopes, 500);
  note('scope constant.language.status.pending.chant shown');
  await page.keyboard.press('Escape');
  // The hover at the reference.
  await goToLine(page, '14:40');
  await palette(page, 'Show or Focus Hover');
  await page.getByText('Open spec').first().waitFor({ timeout: 15_000 });
  await shot(opt.out);
}, { cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) });
