#!/usr/bin/env node
// Rasterises tools/icon/icon.svg to media/icon.png (the 128×128 Marketplace / Extensions view
// icon) with the headless Chromium the tests use. Run after editing the SVG:
//   node tools/icon/render-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, ROOT } from '../vscode/host.mjs';

const SIZE = 128;
const svg = fs.readFileSync(path.join(import.meta.dirname, 'icon.svg'), 'utf8');
const out = path.join(ROOT, 'media/icon.png');
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`wrote ${path.relative(ROOT, out)} (${fs.statSync(out).size} bytes)`);
} finally {
  await browser.close();
}
