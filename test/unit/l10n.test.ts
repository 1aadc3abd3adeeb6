// Localisation: the manifest's %placeholders% and package.nls.json match exactly, the runtime
// bundle (l10n/bundle.l10n.json, `npm run l10n`) holds exactly the messages the sources pass to
// `l10n.t` / `vscode.l10n.t`, every such message is a literal the exporter can see, and the pure
// core really translates through the bundle the extension configures (HTML builders escaping it).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import type * as TS from 'typescript';
import { describeCliStatus } from '../../src/core/cliStatus';
import { STATUS_GROUPS } from '../../src/core/explorerModel';
import { driftReportHtml } from '../../src/vscode/drift/reportHtml';

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.nls.json')) && fs.existsSync(path.join(dir, 'src'))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
}

const ROOT = repoRoot();
// Loaded at run time (not bundled into this test): the compiler finds the calls exactly.
const ts = createRequire(path.join(ROOT, 'package.json'))('typescript') as typeof TS;
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every `l10n.t(…)` and `vscode.l10n.t(…)` call in src: its message, or why the exporter cannot read it. */
function messageCalls(): { where: string; message?: string; problem?: string }[] {
  const out: { where: string; message?: string; problem?: string }[] = [];
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: TS.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 't') {
        const target = node.expression.expression.getText(source);
        if (target === 'l10n' || target === 'vscode.l10n') {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          const where = `${path.relative(ROOT, file)}:${line + 1}`;
          const first = node.arguments[0];
          if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) out.push({ where, message: first.text });
          else out.push({ where, problem: `${first?.getText(source) ?? '(nothing)'} is not a string literal` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

describe('localisation', () => {
  describe('package.json and package.nls.json', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const nls = readJson('package.nls.json') as Record<string, string>;
    const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));

    it('every %placeholder% in package.json has its English text', () => {
      assert.ok(used.size > 50, `only ${used.size} placeholders found`);
      const missing = [...used].filter((k) => typeof nls[k] !== 'string' || nls[k].length === 0);
      assert.deepEqual(missing, []);
    });

    it('package.nls.json has no key package.json does not use', () => {
      assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
    });

    it('the user-facing manifest fields are all placeholders', () => {
      const pkg = JSON.parse(manifest) as { displayName: string; description: string; contributes: Record<string, unknown> };
      const literal: string[] = [];
      const check = (where: string, value: unknown) => {
        if (typeof value === 'string' && !/^%[^%]+%$/.test(value)) literal.push(`${where}: ${value}`);
      };
      check('displayName', pkg.displayName);
      check('description', pkg.description);
      const walk = (node: unknown, where: string) => {
        if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${where}[${i}]`));
        if (!node || typeof node !== 'object') return;
        for (const [k, v] of Object.entries(node)) {
          if (['title', 'name', 'contextualTitle', 'category', 'contents', 'description', 'markdownDescription', 'altText'].includes(k)) check(`${where}.${k}`, v);
          else if (k === 'enumDescriptions' && Array.isArray(v)) v.forEach((d, i) => check(`${where}.${k}[${i}]`, d));
          else walk(v, `${where}.${k}`);
        }
      };
      walk(pkg.contributes, 'contributes');
      assert.deepEqual(literal, []);
    });

    it('translations (package.nls.<lang>.json) only translate known keys', () => {
      for (const file of fs.readdirSync(ROOT).filter((f) => /^package\.nls\.[\w-]+\.json$/.test(f))) {
        const extra = Object.keys(readJson(file) as object).filter((k) => !(k in nls));
        assert.deepEqual(extra, [], file);
      }
    });
  });

  describe('l10n/bundle.l10n.json', () => {
    const calls = messageCalls();
    const bundle = readJson('l10n/bundle.l10n.json') as Record<string, string>;

    it('every message is a string literal the exporter can read', () => {
      assert.ok(calls.length > 300, `only ${calls.length} l10n.t calls found`);
      assert.deepEqual(calls.filter((c) => c.problem).map((c) => `${c.where}: ${c.problem}`), []);
    });

    it('holds every message of src, and nothing else (npm run l10n regenerates it)', () => {
      const messages = new Set(calls.map((c) => c.message!));
      const missing = [...messages].filter((m) => !(m in bundle));
      assert.deepEqual(missing, [], 'messages not in the bundle: run npm run l10n');
      assert.deepEqual(Object.keys(bundle).filter((k) => !messages.has(k)), [], 'bundle keys no source uses: run npm run l10n');
      for (const [k, v] of Object.entries(bundle)) assert.equal(v, k, 'the English bundle maps each message to itself');
    });

    it('translations (bundle.l10n.<lang>.json) only translate known messages', () => {
      for (const file of fs.readdirSync(path.join(ROOT, 'l10n')).filter((f) => /^bundle\.l10n\.[\w-]+\.json$/.test(f))) {
        const extra = Object.keys(readJson(path.join('l10n', file)) as object).filter((k) => !(k in bundle));
        assert.deepEqual(extra, [], file);
      }
    });
  });

  describe('the core translates through the configured bundle', () => {
    afterEach(() => l10n.config({ contents: {} }));

    it('returns the English text without a bundle', () => {
      assert.equal(STATUS_GROUPS.find((g) => g.key === 'ready')?.label, 'Ready');
      assert.equal(describeCliStatus({ kind: 'missing', searched: 'not on PATH' }), 'The chant CLI was not found (not on PATH).');
    });

    it('uses the bundle once configured, with arguments in their places', () => {
      l10n.config({ contents: { Ready: 'Prêt', 'The chant CLI was not found ({0}).': 'CLI chant introuvable ({0}).' } });
      assert.equal(STATUS_GROUPS.find((g) => g.key === 'ready')?.label, 'Prêt');
      assert.equal(describeCliStatus({ kind: 'missing', searched: 'not on PATH' }), 'CLI chant introuvable (not on PATH).');
    });

    it('escapes translated text in the drift report page', () => {
      l10n.config({ contents: { 'Drift report': '<img src=x onerror=alert(1)>' } });
      const html = driftReportHtml([], { nonce: 'n', cspSource: 'x' });
      assert.ok(html.includes('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>'), html.slice(0, 2000));
    });
  });
});
