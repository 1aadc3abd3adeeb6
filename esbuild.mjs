// Builds every bundle: the extension (node/cjs), the headless CLI, the graph webview
// (browser/iife, mermaid bundled in: no CDN) and the test files (mocha runs plain JS).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const testEntries = (dir) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .map((f) => path.join(dir, f))
    : [];

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
};

const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: true,
    entryPoints: { graph: 'src/webview/graph.ts' },
    outdir: 'dist/webview',
    logLevel: 'warning',
  },
  // Tests: each file its own bundle so mocha can load them individually.
  { ...node, sourcemap: true, minify: false, entryPoints: testEntries('test/unit'), outbase: 'test', outdir: 'out/test' },
  { ...node, sourcemap: true, minify: false, entryPoints: testEntries('test/integration'), outbase: 'test', outdir: 'out/test' },
  { ...node, sourcemap: true, minify: false, entryPoints: ['test/hostile/run.ts', 'test/hostile/worker.ts'], outbase: 'test', outdir: 'out/test' },
].filter((b) => {
  const entries = Array.isArray(b.entryPoints) ? b.entryPoints : Object.values(b.entryPoints);
  return entries.length > 0 && entries.every((e) => fs.existsSync(e));
});

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
