// The copy of mermaid's configuration that the graph's bundle of mermaid uses for getConfig()
// (esbuild.mjs, fastConfigCopy) against mermaid's own copy, run from mermaid's installed code:
// the same keys in the same order, the same values, and the same objects shared with the source.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyConfig } from '../../src/webview/mermaidConfigCopy';

interface MermaidConfigModule {
  assignWithDepth_default(dst: object, src: object): Record<string, unknown>;
  setSiteConfig(config: object): unknown;
  getConfig(): Record<string, unknown>;
}

/** mermaid's module whose getConfig() the bundle replaces (found by its text, as the build finds it). */
async function mermaidConfigModule(): Promise<MermaidConfigModule> {
  const dir = path.join(process.cwd(), 'node_modules', 'mermaid', 'dist', 'chunks', 'mermaid.core');
  const file = fs.readdirSync(dir).map((f) => path.join(dir, f))
    .find((f) => f.endsWith('.mjs') && fs.readFileSync(f, 'utf8').includes('return assignWithDepth_default({}, currentConfig);'));
  assert.ok(file, `mermaid's getConfig in ${dir}`);
  return (await import(pathToFileURL(file).href)) as MermaidConfigModule;
}

/** Every path to an object in `value`, to the depth mermaid's copy reaches and one past it. */
function objectPaths(value: unknown, depth = 4, at = ''): string[] {
  if (typeof value !== 'object' || value === null || depth === 0) return [];
  return Object.keys(value).flatMap((k) => {
    const child = (value as Record<string, unknown>)[k];
    return typeof child === 'object' && child !== null ? [`${at}/${k}`, ...objectPaths(child, depth - 1, `${at}/${k}`)] : [];
  });
}

const get = (root: unknown, p: string): unknown => p.split('/').slice(1).reduce((o, k) => (o as Record<string, unknown>)[k], root);

/** Equal to mermaid's copy: the same JSON (values and key order), the same value kinds, and the same objects shared with `source`. */
function assertSameCopy(mermaid: MermaidConfigModule, source: Record<string, unknown>, what: string): void {
  const expected = mermaid.assignWithDepth_default({}, source);
  const actual = copyConfig(source);
  assert.deepStrictEqual(actual, expected, what);
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), `${what}: key order`);
  const paths = objectPaths(expected);
  assert.deepEqual(objectPaths(actual), paths, `${what}: the same objects`);
  for (const p of paths) {
    let inSource: unknown;
    try {
      inSource = get(source, p);
    } catch {
      inSource = undefined;
    }
    assert.equal(get(actual, p) === inSource, get(expected, p) === inSource, `${what}: ${p} shared with the source as mermaid shares it`);
  }
}

describe("mermaid's configuration copy in the graph's bundle", () => {
  let mermaid: MermaidConfigModule;

  before(async function () {
    this.timeout(30_000);
    mermaid = await mermaidConfigModule();
  });

  it("copies mermaid's whole configuration as mermaid does, with the graph's settings", () => {
    mermaid.setSiteConfig({
      startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true, maxTextSize: 50_000, maxEdges: 500, theme: 'base', darkMode: true,
      fontFamily: 'sans-serif', themeVariables: { darkMode: true, background: '#1e1e1e', primaryColor: '#252526', fontSize: '13px' },
      flowchart: { useMaxWidth: false, htmlLabels: true, nodeSpacing: 28, rankSpacing: 48, padding: 10 },
    });
    const current = mermaid.getConfig();
    assert.ok(Object.keys(current).length > 30 && typeof current.flowchart === 'object', 'the whole configuration, every diagram type');
    assertSameCopy(mermaid, current, 'the configuration');
  });

  it('keeps mermaid\'s rules for nulls, arrays, depth, functions and own "__proto__" keys', () => {
    const fn = () => 1;
    const deep = { shared: true };
    const source = {
      gone: null, none: undefined, n: 1, s: 'x', fn, list: [1, 1, deep, deep, 'a'],
      one: { gone: null, n: 2, list: [3, 3], two: { three: { deep }, gone: null, n: 3 } },
      constructor: { toString: 'own' }, toString: 'own too',
      ...(JSON.parse('{"__proto__": {"polluted": true}, "o": {"__proto__": {"p": 1}, "q": {"__proto__": 2}}, "p": {"__proto__": 7, "r": 1}}') as object),
    };
    assertSameCopy(mermaid, source, 'edge cases');
    const copy = copyConfig(source);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was changed');
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    // Changing the copy above mermaid's depth leaves the source as it was.
    (copy.one as Record<string, unknown>).n = 9;
    ((copy.one as Record<string, unknown>).two as Record<string, unknown>).n = 9;
    assert.equal(source.one.n, 2);
    assert.equal(source.one.two.n, 3);
  });
});
