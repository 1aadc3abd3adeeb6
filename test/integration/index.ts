// Entry point that VS Code loads as extensionTestsPath (bundled to out/test/integration/index.js,
// CommonJS). It runs every out/test/integration/**/*.test.js with mocha's bdd UI.
// Env knobs (set per suite by tools/vscode/integration.mjs, or by hand):
//   CHANT_TEST_FILES  comma-separated paths relative to out/test/integration (files or folders);
//                     only those run. Default: all.
//   MOCHA_GREP        only tests whose full title matches this pattern.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type MochaClass from 'mocha';

// mocha@11 is loaded from node_modules at run time instead of being bundled: bundling pulls in
// its parallel-mode worker files (esbuild warns) and half a megabyte of code.
const Mocha = createRequire(__filename)('mocha') as typeof MochaClass;

function testFiles(root: string): string[] {
  const only = (process.env.CHANT_TEST_FILES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const wanted = (rel: string) =>
    only.length === 0 || only.some((o) => rel === o || rel.startsWith(o.replace(/\/?$/, '/')) || rel === `${o}.test.js`);
  return fs
    .readdirSync(root, { recursive: true })
    .map(String)
    .filter((rel) => rel.endsWith('.test.js') && wanted(rel))
    .sort()
    .map((rel) => path.join(root, rel));
}

export function run(): Promise<void> {
  // A generous per-test timeout: a cold extension host indexing a workspace can take seconds.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, grep: process.env.MOCHA_GREP });
  const files = testFiles(__dirname);
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files selected under ${__dirname}`));
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
