// Every lint rule over the real specs of the shared corpus (Chant's own history and examples; an
// extra suite, see test/extras.ts): no rule may throw, and the number of findings per rule must
// match the committed snapshot (regenerate with UPDATE_LINT_SNAPSHOT=1 after a deliberate rule
// change and review the diff). The generated corpus (messyCorpus.test.ts) covers the same on a
// bare clone.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { problemsForSpec } from '../../src/core/lint';
import { SpecIndex } from '../../src/core/specIndex';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { findCorpus, needs, NO_CORPUS, REPO_ROOT } from '../extras';
import { AllActive } from './support/allActive';

const SNAPSHOT = path.join(REPO_ROOT, 'test', 'unit', 'lint-corpus.snapshot.json');

interface Counts {
  specs: number;
  byRule: Record<string, number>;
}

/** Lints every spec one by one, collecting the ones a rule throws on instead of stopping. */
function lintEach(index: SpecIndex): { counts: Counts; crashes: string[] } {
  const byRule: Record<string, number> = {};
  const crashes: string[] = [];
  const specs = index.all();
  for (const spec of specs) {
    try {
      for (const p of problemsForSpec(spec, index)) {
        const k = `${p.code}/${p.severity}`;
        byRule[k] = (byRule[k] ?? 0) + 1;
      }
    } catch (e) {
      crashes.push(`${spec.path}: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  const sorted = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { counts: { specs: specs.length, byRule: sorted }, crashes };
}

describe('lint over the real corpus', function () {
  this.timeout(120_000);
  const found = needs('the spec corpus', findCorpus(), NO_CORPUS);
  if (!found) return;
  const CORPUS = found.replace(/\\/g, '/');
  const snapshot: Record<string, Counts> = fs.existsSync(SNAPSHOT) ? JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) : {};
  const actual: Record<string, Counts> = {};

  after(() => {
    if (process.env.UPDATE_LINT_SNAPSHOT === '1' && Object.keys(actual).length === 2) {
      fs.writeFileSync(SNAPSHOT, JSON.stringify(actual, null, 2) + '\n');
    }
  });

  const check = (name: string, counts: Counts) => {
    actual[name] = counts;
    if (process.env.UPDATE_LINT_SNAPSHOT === '1') return;
    assert.ok(snapshot[name], `no snapshot for "${name}" in ${SNAPSHOT}: run with UPDATE_LINT_SNAPSHOT=1`);
    assert.deepEqual(counts, snapshot[name], `rule counts for "${name}" changed; if intended, regenerate with UPDATE_LINT_SNAPSHOT=1`);
  };

  it('as on disk: every spec indexed and linted, no rule throws, counts match the snapshot', async () => {
    const index = new SpecIndex(nodeFileSystem);
    await index.setFolders([CORPUS]);
    const { counts, crashes } = lintEach(index);
    assert.deepEqual(crashes, []);
    assert.ok(counts.specs >= 846, `expected the 846+ corpus specs, indexed ${counts.specs}`);
    check('as-on-disk', counts);
  });

  it('with every archived spec treated as active: the cross-spec rules run over all of them', async () => {
    const index = new SpecIndex(new AllActive());
    await index.setFolders([CORPUS]);
    assert.ok(index.all().every((s) => !s.archived));
    const { counts, crashes } = lintEach(index);
    assert.deepEqual(crashes, []);
    assert.ok(counts.specs >= 820, `expected the archived corpus specs as active, indexed ${counts.specs}`);
    check('all-active', counts);
  });
});
