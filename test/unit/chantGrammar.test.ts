// The TextMate injection grammars (syntaxes/), tokenized by VS Code's own vscode-textmate with
// VS Code's markdown and YAML grammars from the VS Code server the integration tests use
// (tools/vscode/setup-vscode-server.sh). Checks the scopes we add, that code stays untouched,
// and that markdown's own scopes are unchanged everywhere else, over a rich sample and every
// real spec of the corpus.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { findVsCodeServer, markdownTokenizer, structuralDifferences, type Tokenize } from './support/textmate';
import { SAMPLE, checkSample } from './support/grammarSample';

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'syntaxes'))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
}

const ROOT = repoRoot();
const CORPUS = path.resolve(process.env.CHANT_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus'));

describe('chant injection grammars (tokenized with VS Code\'s own TextMate engine)', function () {
  this.timeout(120_000);
  let plain: Tokenize;
  let injected: Tokenize;

  before(async () => {
    const vscodeDir = findVsCodeServer(ROOT);
    assert.ok(vscodeDir, 'No VS Code server under .vscode-test/: run `bash tools/vscode/setup-vscode-server.sh` (the integration tests need it too).');
    plain = await markdownTokenizer(vscodeDir);
    injected = await markdownTokenizer(vscodeDir, ROOT);
  });

  it('marks statuses, types, IDs, [[id]] references and checkboxes, and leaves code alone', () => {
    checkSample(injected);
  });

  it('adds no scope without the injections (the assertions above can fail)', () => {
    assert.ok(plain(SAMPLE).every((t) => !t.scopes.some((s) => s.endsWith('.chant'))));
  });

  it('keeps every markdown and YAML scope of the sample', () => {
    assert.deepEqual(structuralDifferences(plain(SAMPLE), injected(SAMPLE)), []);
  });

  it('keeps every markdown and YAML scope of every real spec in the corpus', () => {
    assert.ok(fs.existsSync(CORPUS), `The spec corpus is missing at ${CORPUS} (../shared/corpus beside the repository; or set CHANT_CORPUS).`);
    const files = fs.readdirSync(CORPUS, { recursive: true }).map(String).filter((f) => f.endsWith('.md') && /\.chant[\\/](specs|archive)[\\/]/.test(f));
    assert.ok(files.length >= 846, `expected the corpus specs, found ${files.length}`);
    let marked = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
      const withUs = injected(text);
      if (withUs.some((t) => t.scopes.some((s) => s.endsWith('.chant')))) marked++;
      assert.deepEqual(structuralDifferences(plain(text), withUs), [], f);
    }
    assert.ok(marked > files.length / 2, `only ${marked} of ${files.length} specs got any chant scope`);
  });
});
