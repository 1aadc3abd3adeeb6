// The parser and the index against every real spec in the shared corpus (chant's own history and
// its example workspaces; an extra suite, see test/extras.ts): nothing throws, nothing is dropped,
// and the counts by derived status and type match the reviewed expectations in
// corpus.expectations.json. messyCorpus.test.ts covers the same shapes on a bare clone.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseSpecFile } from '../../src/core/spec';
import { SpecIndex } from '../../src/core/specIndex';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { findCorpus, needs, NO_CORPUS } from '../extras';
import expected from './corpus.expectations.json';

/** Every `.md` under some `.chant/specs` or `.chant/archive`, found without the index's own code. */
function specFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && entry.name.endsWith('.md') && /[\\/]\.chant[\\/](specs|archive)[\\/]/.test(full)) out.push(full.replace(/\\/g, '/'));
  }
  return out.sort();
}

function countBy<T>(items: T[], key: (item: T) => string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts[k] = (counts[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('the shared spec corpus', function () {
  this.timeout(60_000);
  const CORPUS = needs('the spec corpus', findCorpus(), NO_CORPUS);
  if (!CORPUS) return;
  let files: string[] = [];
  let index: SpecIndex;

  before(async function () {
    files = specFilesUnder(CORPUS);
    index = new SpecIndex(nodeFileSystem);
    await index.setFolders([CORPUS.replace(/\\/g, '/')]);
  });

  it('parses every spec file without throwing', () => {
    const thrown: string[] = [];
    for (const file of files) {
      try {
        parseSpecFile({ path: file, root: CORPUS, archived: file.includes('/.chant/archive/'), bytes: fs.readFileSync(file) });
      } catch (e) {
        thrown.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    assert.deepEqual(thrown, []);
    assert.equal(files.length, expected.specFiles);
  });

  it('indexes every spec file, in the expected projects', () => {
    assert.deepEqual(index.all().map((s) => s.path).sort(), files);
    const projects = Object.fromEntries(index.projects().map((p) => [
      path.relative(CORPUS, p.root).replace(/\\/g, '/'),
      { name: p.name, specs: index.specsOf(p.root).length, active: index.specsOf(p.root).filter((s) => !s.archived).length },
    ]));
    assert.deepEqual(projects, expected.projects);
  });

  it('counts specs by derived status, raw status and type as reviewed', () => {
    const summaries = index.summaries();
    assert.deepEqual(countBy(summaries, (s) => s.status), expected.byDerivedStatus);
    assert.deepEqual(countBy(summaries, (s) => s.rawStatus), expected.byRawStatus);
    assert.deepEqual(countBy(summaries, (s) => (s.status === 'invalid' ? undefined : s.type)), expected.byType);
    assert.deepEqual(countBy(index.all().filter((s) => !s.loadable), (s) => s.rawType), expected.invalidByRawType);
    assert.deepEqual(countBy(summaries.flatMap((s) => s.problems), (p) => p.code), expected.problemCodes);
    assert.equal(summaries.filter((s) => s.ready).length, expected.ready);
    const criteria = summaries.reduce((sum, s) => ({ checked: sum.checked + s.criteria.checked, total: sum.total + s.criteria.total }), { checked: 0, total: 0 });
    assert.deepEqual(criteria, expected.criteria);
  });

  it('reads the examples as chant does', () => {
    const examples = path.join(CORPUS, 'chant-examples').replace(/\\/g, '/');
    const at = (project: string, id: string) => {
      const s = index.byId(`${examples}/${project}`, id);
      assert.ok(s, `${project}/${id} is indexed`);
      return { spec: s, summary: index.summary(s) };
    };
    // `type: implementation` fails to parse in chant 0.23: every such example is invalid.
    for (const id of ['001-risky-refactor', '002-approved-feature', '003-rejected-change']) {
      const { spec, summary } = at('approval-workflow', id);
      assert.equal(spec.rawType, 'implementation');
      assert.equal(summary.status, 'invalid');
      assert.deepEqual(summary.problems.map((p) => [p.code, p.line, p.column]), [['unknown-type', 2, 7]]);
    }
    assert.equal(at('approval-workflow', '001-risky-refactor').summary.criteria.total, 7);
    for (const n of [1, 2, 3]) assert.equal(at('kpi-okr-workflow', `002-driver-churn-fixes.${n}`).summary.status, 'invalid');
    // The driver of the TDD example has its three members, in order, and its own criteria.
    const driver = at('tdd-workflow', '002-test-suite-driver').summary;
    assert.equal(driver.type, 'driver');
    assert.deepEqual(driver.members, ['002-test-suite-driver.1', '002-test-suite-driver.2', '002-test-suite-driver.3']);
    assert.deepEqual(driver.criteria, { checked: 3, total: 3 });
    assert.equal(at('tdd-workflow', '002-test-suite-driver.2').summary.driver, '002-test-suite-driver');
    // The OSS example is archive-only, in folders named after the first 10 characters of each ID.
    const oss = at('oss-maintainer-workflow', '006-upstream-pr').spec;
    assert.equal(oss.archived, true);
    assert.equal(oss.type, 'documentation');
    assert.ok(oss.path.endsWith('/archive/006-upstre/006-upstream-pr.md'));
  });
});
