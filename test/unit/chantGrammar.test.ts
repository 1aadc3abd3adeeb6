// The TextMate injection grammars (syntaxes/), tokenized by VS Code's own vscode-textmate with
// VS Code's markdown and YAML grammars from the VS Code server the integration tests use
// (tools/vscode/setup-vscode-server.sh). Checks the scopes we add, that code stays untouched,
// and that markdown's own scopes are unchanged everywhere else, over a rich sample, every spec of
// the generated messy corpus and (an extra suite) every real spec of the shared corpus.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findCorpus, needs, NO_CORPUS, REPO_ROOT } from '../extras';
import { writeMessyCorpus } from './support/messyCorpus';
import { findVsCodeServer, markdownTokenizer, structuralDifferences, type Tokenize } from './support/textmate';
import { SAMPLE, checkSample } from './support/grammarSample';

describe('chant injection grammars (tokenized with VS Code\'s own TextMate engine)', function () {
  this.timeout(120_000);
  let plain: Tokenize;
  let injected: Tokenize;

  before(async () => {
    const vscodeDir = findVsCodeServer(REPO_ROOT);
    assert.ok(vscodeDir, 'No VS Code server under .vscode-test/: run `bash tools/vscode/setup-vscode-server.sh` (the integration tests need it too).');
    plain = await markdownTokenizer(vscodeDir);
    injected = await markdownTokenizer(vscodeDir, REPO_ROOT);
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

  it('keeps every markdown and YAML scope of every spec of the generated messy corpus', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-grammar-'));
    try {
      const files = writeMessyCorpus(dir).specs.map((s) => s.file);
      assert.ok(files.length > 200, `expected the generated specs, found ${files.length}`);
      keepsScopes(files);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('over the shared corpus', () => {
    const corpus = needs('the spec corpus', findCorpus(), NO_CORPUS);
    if (!corpus) return;
    it('keeps every markdown and YAML scope of every real spec in the corpus', () => {
      const files = fs.readdirSync(corpus, { recursive: true }).map(String).filter((f) => f.endsWith('.md') && /\.chant[\\/](specs|archive)[\\/]/.test(f));
      assert.ok(files.length >= 846, `expected the corpus specs, found ${files.length}`);
      keepsScopes(files.map((f) => path.join(corpus, f)));
    });
  });

  /** Markdown's and YAML's own scopes survive the injections in every file, and most files get a chant scope. */
  function keepsScopes(files: string[]): void {
    let marked = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const withUs = injected(text);
      if (withUs.some((t) => t.scopes.some((s) => s.endsWith('.chant')))) marked++;
      assert.deepEqual(structuralDifferences(plain(text), withUs), [], file);
    }
    assert.ok(marked > files.length / 2, `only ${marked} of ${files.length} specs got any chant scope`);
  }
});
