// resolveSpecRef: the one resolver of typed spec IDs (commands, tasks, the CLI) over the projects
// of an index, with chant's short-ID rules in each project.
import assert from 'node:assert/strict';
import type { Spec } from '../../src/core/model';
import { ProjectRelations } from '../../src/core/relations';
import { parseSpecText } from '../../src/core/spec';
import { resolveSpecRef, type SpecRefSource } from '../../src/core/specRef';

/** Projects by root, each a list of `[key, frontmatter]`; a key `archive/X` is archived. */
function source(projects: Record<string, [string, string][]>): SpecRefSource {
  const specs = new Map<string, Spec[]>();
  const relations = new Map<string, ProjectRelations>();
  for (const [root, files] of Object.entries(projects)) {
    const list = files.map(([key, yaml]) => parseSpecText(
      { path: `${root}/.chant/${key.includes('/') ? key : `specs/${key}`}.md`, root, archived: key.startsWith('archive/') },
      `---\n${yaml}\n---\n\n# Title\n`,
    ));
    specs.set(root, list);
    relations.set(root, new ProjectRelations(list));
  }
  return { specsOf: (root) => specs.get(root) ?? [], byId: (root, id) => relations.get(root)?.byId(id) };
}

const found = (r: ReturnType<typeof resolveSpecRef>) => (r.kind === 'found' ? `${r.spec.root} ${r.spec.id}${r.spec.archived ? ' (archived)' : ''}` : r.kind);

describe('resolveSpecRef', () => {
  const TODAY = '2026-03-01';
  const src = source({
    '/a': [['2026-03-01-001-abc', 'status: pending'], ['2026-02-01-002-xyz', 'status: pending'], ['2026-02-01-003-xyq', 'status: pending'], ['archive/2026-01-01-004-old', 'status: completed']],
    '/b': [['2026-03-01-001-def', 'status: pending'], ['2026-02-01-009-abc', 'status: pending']],
  });

  it('takes an exact ID in any project, archived ones included', () => {
    assert.equal(found(resolveSpecRef(src, '2026-02-01-009-abc', ['/a', '/b'], TODAY)), '/b 2026-02-01-009-abc');
    assert.equal(found(resolveSpecRef(src, '2026-01-01-004-old', ['/a', '/b'], TODAY)), '/a 2026-01-01-004-old (archived)');
  });

  it('resolves short IDs as chant does, in the first project where they match', () => {
    assert.equal(found(resolveSpecRef(src, '002-xyz', ['/a', '/b'], TODAY)), '/a 2026-02-01-002-xyz');
    // `abc` is a unique suffix in both projects: the order given decides.
    assert.equal(found(resolveSpecRef(src, 'abc', ['/a', '/b'], TODAY)), '/a 2026-03-01-001-abc');
    assert.equal(found(resolveSpecRef(src, 'abc', ['/b', '/a'], TODAY)), '/b 2026-02-01-009-abc');
    // Three characters: today's sequence.
    assert.equal(found(resolveSpecRef(src, '001', ['/b', '/a'], TODAY)), '/b 2026-03-01-001-def');
  });

  it('says ambiguous with the matches, and missing; short IDs never reach archived specs', () => {
    assert.deepEqual(resolveSpecRef(src, 'xy', ['/a'], TODAY), { kind: 'ambiguous', root: '/a', matches: ['2026-02-01-002-xyz', '2026-02-01-003-xyq'] });
    assert.equal(found(resolveSpecRef(src, 'nothing', ['/a', '/b'], TODAY)), 'missing');
    assert.equal(found(resolveSpecRef(src, '004-old', ['/a'], TODAY)), 'missing');
    assert.equal(found(resolveSpecRef(src, '002-xyz', ['/b'], TODAY)), 'missing');
  });
});
