// The parser, the index and lint over a generated corpus of messy, real-world-shaped specs
// (support/messyCorpus.ts): the bare-clone counterpart of the shared-corpus suites. Every file is
// found in its project, nothing throws, and each spec gets exactly the status, readiness, type,
// criteria and problems it was built to have; as if every archived spec were active, every rule
// runs over all of them without a throw and every finding points inside its file.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { problemsForSpec } from '../../src/core/lint';
import { parseSpecFile } from '../../src/core/spec';
import { SpecIndex } from '../../src/core/specIndex';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { AllActive } from './support/allActive';
import { writeMessyCorpus, type GeneratedCorpus } from './support/messyCorpus';

describe('a generated corpus of messy real-world specs', function () {
  this.timeout(60_000);
  let dir: string;
  let corpus: GeneratedCorpus;
  let index: SpecIndex;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-messy-'));
    corpus = writeMessyCorpus(dir);
    index = new SpecIndex(nodeFileSystem);
    await index.setFolders([corpus.dir]);
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds the shapes it promises', () => {
    const specs = corpus.specs;
    const some = (what: string, n: number, pred: (s: (typeof specs)[number]) => boolean) =>
      assert.ok(specs.filter(pred).length >= n, `fewer than ${n} specs: ${what}`);
    some('types outside the enum', 5, (s) => s.archived && s.problems.some((p) => p.code === 'unknown-type'));
    some('statuses outside the enum', 3, (s) => s.problems.some((p) => p.code === 'unknown-status'));
    some('keys chant does not know', 5, (s) => s.problems.some((p) => p.code === 'unknown-key'));
    some('without a type', 3, (s) => s.rawType === undefined);
    some('in archive date folders', 100, (s) => /\/archive\/\d{4}-\d{2}-\d{2}\//.test(s.file));
    some('loose in archive/', 10, (s) => /\/archive\/[^/]+\.md$/.test(s.file));
    some('in archive folders named after a short ID', 5, (s) => /\/archive\/\d{3}-[^/]{6}\//.test(s.file));
    some('archived members', 2, (s) => s.archived && s.id.includes('.'));
    some('members without a driver', 1, (s) => s.problems.some((p) => p.code === 'orphan'));
    some('long bodies', 10, (s) => fs.statSync(s.file).size > 8000);
    some('agent output', 50, (s) => fs.readFileSync(s.file, 'utf8').includes('## Agent Output'));
    assert.ok(corpus.notSpecs.length >= 5);
  });

  it('parses every spec file without throwing, and indexes exactly the spec files', () => {
    for (const spec of corpus.specs) parseSpecFile({ path: spec.file, root: spec.root, archived: spec.archived, bytes: fs.readFileSync(spec.file) });
    assert.deepEqual(index.all().map((s) => s.path).sort(), corpus.specs.map((s) => s.file).sort());
  });

  it('finds every project, by the name in its config or else its folder', () => {
    const rel = (root: string) => path.relative(corpus.dir, root).replace(/\\/g, '/');
    assert.deepEqual(
      Object.fromEntries(index.projects().map((p) => [rel(p.root), p.name]).sort()),
      Object.fromEntries([...corpus.projects].map(([root, name]) => [rel(root), name]).sort()),
    );
    for (const spec of corpus.specs) assert.equal(index.byPath(spec.file)?.root, spec.root, spec.file);
  });

  it('gives every spec the status, readiness, type and criteria it was built with', () => {
    const wrong: string[] = [];
    for (const spec of corpus.specs) {
      const indexed = index.byPath(spec.file);
      if (!indexed) {
        wrong.push(`${spec.id}: not indexed`);
        continue;
      }
      const s = index.summary(indexed);
      const got = { rawStatus: s.rawStatus, rawType: indexed.rawType, status: s.status, ready: s.ready, loadable: indexed.loadable, criteria: s.criteria, type: indexed.loadable ? s.type : undefined };
      const want = { rawStatus: spec.rawStatus, rawType: spec.rawType, status: spec.status, ready: spec.ready, loadable: spec.loadable, criteria: spec.criteria, type: spec.loadable ? spec.type : undefined };
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${spec.id} (${spec.shape}): got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('reports exactly the problems planted in each spec, and nothing on the tidy ones', () => {
    const wrong: string[] = [];
    const key = (p: { code: string; line: number; character: number }) => `${p.code}@${p.line}:${p.character}`;
    for (const spec of corpus.specs) {
      const indexed = index.byPath(spec.file)!;
      const got = problemsForSpec(indexed, index).map((p) => key({ code: p.code, ...p.range.start })).sort();
      const want = spec.problems.map(key).sort();
      if (got.join() !== want.join()) wrong.push(`${spec.id} (${spec.shape}): got [${got.join(', ')}], want [${want.join(', ')}]`);
    }
    assert.deepEqual(wrong, []);
    // The tidy active specs are most of the scenarios: quiet on real projects.
    assert.ok(corpus.specs.filter((s) => !s.archived && s.problems.length === 0).length >= 10);
  });

  it('lints every spec as if active without a throw, each finding inside its file', async () => {
    const all = new SpecIndex(new AllActive());
    await all.setFolders([corpus.dir]);
    assert.equal(all.all().length, corpus.specs.filter((s) => s.archived).length);
    const outside: string[] = [];
    const codes = new Set<string>();
    for (const spec of all.all()) {
      const lines = fs.readFileSync(spec.path.replace('/.chant/specs/', '/.chant/archive/'), 'utf8').split('\n');
      for (const p of problemsForSpec(spec, all)) {
        codes.add(p.code);
        const { line, character } = p.range.end;
        if (line >= lines.length || character > lines[line].length) outside.push(`${spec.id}: ${p.code} ends at ${line}:${character}`);
      }
    }
    assert.deepEqual(outside, []);
    // The cross-spec rules did run over the history (completed-at only fires on specs that track
    // files, which the archived history does not; the active specs above cover it).
    for (const code of ['complexity', 'unchecked-criteria', 'type']) assert.ok(codes.has(code), `no ${code} finding`);
  });
});
