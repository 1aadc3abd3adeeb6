// The manifest's when-clauses against the code: every context key of ours that a view, welcome
// text, menu or key binding depends on is set somewhere in src/ (a key never set is always
// false, which silently hides or shows what depends on it); and the Spec Explorer shows its
// "Starting…" text only until the extension has registered the view.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/** The checkout (tests run from a bundle under out/). */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src'))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
}

const root = repoRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { views: Record<string, { id: string }[]>; viewsWelcome: { view: string; contents: string; when?: string }[] };
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('the manifest and the context keys the code sets', () => {
  const code = sources(path.join(root, 'src')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const set = new Set([...code.matchAll(/'setContext',\s*'(chantSpecs\.[\w.]+)'/g)].map((m) => m[1]));
  const viewIds = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));

  it('every chantSpecs.* key in a when-clause is set by the extension', () => {
    const clauses = [...JSON.stringify(manifest.contributes).matchAll(/"(?:when|enablement)":"([^"]*)"/g)].map((m) => m[1]);
    const used = new Set(clauses.flatMap((c) => [...c.matchAll(/chantSpecs\.[\w.]+/g)].map((m) => m[0])).filter((k) => !viewIds.has(k)));
    assert.ok(used.size >= 8, [...used].join(', '));
    assert.deepEqual([...used].filter((k) => !set.has(k)), []);
  });

  it('the Spec Explorer says it is starting until the extension registers it, then never again', () => {
    const starting = manifest.contributes.viewsWelcome.filter((w) => w.view === 'chantSpecs.explorer' && w.contents === '%viewsWelcome.explorer.starting%');
    assert.equal(starting.length, 1);
    assert.equal(starting[0].when, '!chantSpecs.started');
    const feature = fs.readFileSync(path.join(root, 'src/vscode/explorer/explorerFeature.ts'), 'utf8');
    const created = feature.indexOf('createTreeView(EXPLORER_VIEW');
    const started = feature.indexOf("'setContext', 'chantSpecs.started', true");
    assert.ok(created > 0 && started > created, 'set once the view has its data provider');
    assert.equal([...code.matchAll(/'chantSpecs\.started'/g)].length, 1, 'set in one place, never reset');
    // No other welcome text of the view can show before it (their keys are unset until then).
    for (const w of manifest.contributes.viewsWelcome.filter((x) => x.view === 'chantSpecs.explorer' && x !== starting[0])) {
      assert.match(w.when ?? '', /chantSpecs\.projectCount (==|>) 0/, w.contents);
    }
  });
});
