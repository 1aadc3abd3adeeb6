// Builds every bundle: the extension (node/cjs), the headless CLI, the graph webview
// (browser/esm with split chunks, mermaid bundled in: no CDN) and the test files (mocha runs plain
// JS). Then writes ThirdPartyNotices.txt from what the shipped bundles contain.
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

const builds = [
  { ...node, metafile: true, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, metafile: true, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The graph webview as an ES module with code splitting: mermaid loads each diagram type with a
  // dynamic import, so the flowchart's chunks load and the other diagram types (and their layout
  // libraries) stay on disk. metafile: third-party notices come from what is bundled.
  {
    bundle: true,
    platform: 'browser',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'es2022',
    sourcemap: !production,
    minify: true,
    metafile: true,
    define,
    entryPoints: { graph: 'src/webview/graph.ts' },
    outdir: 'dist/webview',
    logLevel: 'warning',
  },
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

// Chunk names carry a content hash: clear the old ones, or every build would add a set.
fs.rmSync('dist/webview/chunks', { recursive: true, force: true });

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  writeNotices(results.filter((r) => r.metafile).map((r) => r.metafile));
  const webview = results.find((r) => r.metafile && Object.keys(r.metafile.outputs).some((o) => o.endsWith('dist/webview/graph.js')));
  if (webview) writePreloads(webview.metafile);
}

/**
 * dist/webview/preload.json: the chunks a flowchart needs (the entry's static imports, mermaid's
 * flowchart diagram and its dagre layout, each with its static imports), which the webview's
 * HTML names as module preloads. Found on their own, they load one wave after another (the
 * entry, then what it imports, then the diagram when the first text is parsed, then the layout
 * when it is drawn); named up front they load at once. Paths relative to dist/webview/.
 */
function writePreloads(metafile) {
  const outputs = metafile.outputs;
  const keys = Object.keys(outputs).filter((k) => k.endsWith('.js'));
  const closure = (start, into) => {
    if (!start || into.has(start)) return into;
    into.add(start);
    for (const i of outputs[start].imports) if (i.kind === 'import-statement') closure(i.path, into);
    return into;
  };
  const entry = keys.find((k) => k.endsWith('dist/webview/graph.js'));
  const all = new Set();
  closure(entry, all);
  for (const lazy of [/\/flowDiagram-[^/]*\.js$/, /\/dagre-[^/]*\.js$/]) {
    const found = keys.find((k) => lazy.test(k));
    if (!found) throw new Error(`esbuild: no chunk matches ${lazy} (mermaid's chunk names changed): update writePreloads`);
    closure(found, all);
  }
  all.delete(entry);
  const list = [...all].map((k) => path.relative('dist/webview', k).split(path.sep).join('/')).sort();
  fs.writeFileSync('dist/webview/preload.json', JSON.stringify(list) + '\n');
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
