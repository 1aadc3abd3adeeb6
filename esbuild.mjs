// Builds every bundle: the extension (node/cjs), the headless CLI, the graph webview
// (browser/esm: its code, and mermaid's flowchart and nothing else of it in a second file, no CDN) and the test files
// (mocha runs plain JS). Then writes ThirdPartyNotices.txt from what the shipped bundles contain.
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

// Test-only code (the graph webview's test channel) is compiled into development and test builds
// and left out of the packaged one (src/buildFlags.d.ts).
const define = { __CHANT_TEST_HOOKS__: String(!production) };

const node = {
  define,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
};

const webview = {
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  sourcemap: !production,
  minify: !process.env.NO_MINIFY,
  metafile: true,
  define,
  outdir: 'dist/webview',
  logLevel: 'warning',
};

const builds = [
  { ...node, metafile: true, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, metafile: true, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The graph webview: its own code, and mermaid's flowchart as a second ES module that the
  // first imports when it has to draw (a picture this session already drew is shown without it;
  // see flowchartOnly). metafile: third-party notices come from what is bundled.
  { ...webview, entryPoints: { graph: 'src/webview/graph.ts' } },
  { ...webview, plugins: [flowchartOnly(), fastConfigCopy()], entryPoints: { mermaid: 'src/webview/mermaidFlowchart.ts' } },
  // Tests: each file its own bundle so mocha can load them individually.
  { ...node, sourcemap: true, minify: false, entryPoints: testEntries('test/unit'), outbase: 'test', outdir: 'out/test' },
  { ...node, sourcemap: true, minify: false, entryPoints: testEntries('test/integration'), outbase: 'test', outdir: 'out/test' },
  // The lookup of the real chant CLI, also for the integration harness (tools/vscode/integration.mjs).
  { ...node, sourcemap: true, minify: false, entryPoints: ['test/extras.ts'], outbase: 'test', outdir: 'out/test' },
  { ...node, sourcemap: true, minify: false, entryPoints: ['test/hostile/run.ts', 'test/hostile/worker.ts'], outbase: 'test', outdir: 'out/test' },
].filter((b) => {
  const entries = Array.isArray(b.entryPoints) ? b.entryPoints : Object.values(b.entryPoints);
  return entries.length > 0 && entries.every((e) => fs.existsSync(e));
});

// Left by builds that split the webview into chunks.
fs.rmSync('dist/webview/chunks', { recursive: true, force: true });
fs.rmSync('dist/webview/preload.json', { force: true });

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  writeNotices(results.filter((r) => r.metafile).map((r) => r.metafile));
}

/**
 * The graph only ever draws flowcharts (its text comes from src/core/graphMermaid.ts). mermaid
 * loads each diagram type, each layout and KaTeX with a dynamic import; split into chunks, a
 * flowchart took 29 files, which a webview fetches one after another (0.6-0.7 s in the benchmark's
 * workbench). This keeps the flowchart diagram and its dagre layout in mermaid's one bundle and
 * replaces every other dynamic import inside mermaid with a module that fails when loaded: drawing
 * anything but a flowchart reports an error instead of fetching code. The build fails when the
 * flowchart or dagre module is not found (mermaid renamed its chunks).
 */
function flowchartOnly() {
  const kept = [/\/flowDiagram-[^/]*\.mjs$/, /\/dagre-[^/]*\.mjs$/];
  return {
    name: 'flowchart-only',
    setup(build) {
      const found = new Set();
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import' || !/[\\/]node_modules[\\/]mermaid[\\/]/.test(args.importer)) return undefined;
        const keep = kept.find((k) => k.test(args.path));
        if (keep) {
          found.add(keep);
          return undefined;
        }
        return { path: args.path, namespace: 'not-bundled' };
      });
      build.onLoad({ filter: /.*/, namespace: 'not-bundled' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`The graph view draws flowcharts only (${path.basename(args.path)} is not bundled).`)});`,
        loader: 'js',
      }));
      build.onEnd((result) => {
        if (result.errors.length > 0) return;
        const missing = kept.filter((k) => !found.has(k));
        if (missing.length > 0) throw new Error(`esbuild: mermaid no longer imports ${missing.join(', ')}: update flowchartOnly in esbuild.mjs`);
      });
    },
  };
}

/**
 * mermaid's getConfig() copies its whole configuration for each of its thousands of callers in a
 * render, with a property definition per key: 1.9 s of a 4.8 s render of 435 nodes. In the
 * graph's bundle it returns the same copy made by src/webview/mermaidConfigCopy.ts (checked
 * against mermaid's own by test/unit/mermaidConfigCopy.test.ts). The build fails when mermaid's
 * getConfig is no longer found as written here.
 */
function fastConfigCopy() {
  const original = 'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");';
  const copier = path.resolve('src/webview/mermaidConfigCopy.ts');
  return {
    name: 'fast-config-copy',
    setup(build) {
      let patched = 0;
      build.onLoad({ filter: /[\\/]node_modules[\\/]mermaid[\\/]dist[\\/].*\.mjs$/ }, async (args) => {
        const text = await fs.promises.readFile(args.path, 'utf8');
        if (!text.includes(original)) return undefined;
        patched++;
        const replaced = text.replace(original, 'var getConfig = () => __chantCopyConfig(currentConfig);');
        return { contents: `import { copyConfig as __chantCopyConfig } from ${JSON.stringify(copier)};\n${replaced}`, loader: 'js', resolveDir: path.dirname(args.path) };
      });
      build.onEnd((result) => {
        if (result.errors.length === 0 && patched !== 1) throw new Error(`esbuild: mermaid's getConfig found in ${patched} files instead of 1: update fastConfigCopy in esbuild.mjs`);
      });
    },
  };
}

/**
 * ThirdPartyNotices.txt: every npm package whose code is in a shipped bundle (from esbuild's
 * metafiles, so a dependency that is not bundled is not listed), with its licence text. Written
 * only when it changes.
 */
function writeNotices(metafiles) {
  const packages = new Map();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.split(path.sep).join('/'));
      if (!m) continue;
      // The innermost node_modules names the package (nested copies are packages of their own).
      const at = input.lastIndexOf(`node_modules/${m[1]}/`);
      const dir = input.slice(0, at + `node_modules/${m[1]}`.length);
      if (!packages.has(dir)) packages.set(dir, m[1]);
    }
  }
  const entries = [];
  for (const [dir, name] of packages) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licenceFile = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    const text = licenceFile ? fs.readFileSync(path.join(dir, licenceFile), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    entries.push({ key: `${name}@${pkg.version}`, licence: typeof pkg.license === 'string' ? pkg.license : 'see below', text });
  }
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const unique = entries.filter((e, i) => i === 0 || e.key !== entries[i - 1].key);
  const out = [
    'Third-party notices for Chant Specs for VS Code',
    '',
    'The extension bundles code from the npm packages below (generated from the build by esbuild.mjs).',
    '',
    ...unique.map((e) => `- ${e.key} (${e.licence})`),
    '',
    ...unique.flatMap((e) => ['='.repeat(78), `${e.key}`, '='.repeat(78), '', e.text, '']),
  ].join('\n');
  const file = 'ThirdPartyNotices.txt';
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== out) fs.writeFileSync(file, out);
}
