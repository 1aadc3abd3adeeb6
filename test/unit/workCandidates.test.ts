// What "Chant: Work Spec" offers: ready specs first, then the others with why not, drivers with
// their plan; done, archived and unloadable specs left out.

import assert from 'node:assert/strict';
import { SpecIndex } from '../../src/core/specIndex';
import { planWork } from '../../src/core/runPlan';
import { workCandidates, type WorkCandidate } from '../../src/core/workCandidates';
import { MemoryFileSystem } from './helpers/memoryFs';

const ROOT = '/ws';

async function indexOf(files: Record<string, string>): Promise<SpecIndex> {
  const fs = new MemoryFileSystem();
  fs.write(`${ROOT}/.chant/config.md`, '---\nproject:\n  name: ws\n---\n');
  for (const [rel, text] of Object.entries(files)) fs.write(`${ROOT}/.chant/${rel}`, text);
  const index = new SpecIndex(fs);
  await index.setFolders([ROOT]);
  return index;
}
const spec = (fm: string, title = 'A title') => `---\n${fm}\n---\n\n# ${title}\n`;

async function candidates(files: Record<string, string>, running: Record<string, 'running' | 'stale'> = {}, driversOnly = false): Promise<WorkCandidate[]> {
  const index = await indexOf(files);
  return workCandidates(index, {
    runState: (_root, id) => running[id],
    plan: (s) => planWork(index, s.root, s.id, { mode: driversOnly ? 'chain' : 'phases', isRunning: (id) => running[id] === 'running' }),
    driversOnly,
  });
}
const row = (c: WorkCandidate) => [c.spec.id, c.ready, c.look, c.detail];

describe('work candidates (the Work Spec pick list)', () => {
  it('ready first, then the rest with chant\'s reasons; completed, cancelled, archived and unloadable left out', async () => {
    const list = await candidates({
      'specs/a-3.md': spec('status: pending'),
      'specs/a-1.md': spec('status: pending\ndepends_on: [a-3]'),
      'specs/a-2.md': spec('status: failed'),
      'specs/a-4.md': spec('status: completed'),
      'specs/a-5.md': spec('status: cancelled'),
      'specs/a-6.md': spec('status: done'),
      'specs/a-7.md': spec('status: paused'),
      'archive/2026-01-01/a-8.md': spec('status: pending'),
    });
    assert.deepEqual(list.map(row), [
      ['a-2', true, 'ready', undefined],
      ['a-3', true, 'ready', undefined],
      ['a-1', false, 'blocked', 'depends on a-3 (pending)'],
      ['a-7', false, 'paused', "status paused: chant's list never calls it ready (chant work still accepts it)"],
    ]);
  });

  it('running and stale specs are not offered as ready, and say so', async () => {
    const list = await candidates({ 'specs/a-1.md': spec('status: in_progress'), 'specs/a-2.md': spec('status: pending') }, { 'a-1': 'stale', 'a-2': 'running' });
    assert.deepEqual(list.map(row), [
      ['a-1', false, 'stale', 'stale lock: the process that held it is gone'],
      ['a-2', false, 'running', 'running now'],
    ]);
  });

  it('a member waiting for an earlier sibling says which', async () => {
    const list = await candidates({ 'specs/d.md': spec('type: driver'), 'specs/d.1.md': spec('status: pending'), 'specs/d.2.md': spec('status: pending') });
    const member = list.find((c) => c.spec.id === 'd.2')!;
    assert.equal(member.ready, false);
    assert.match(member.detail!, /earlier member d\.1 is pending/);
  });

  it('drivers: ready with their plan as detail, or not ready with the refusal', async () => {
    const list = await candidates({
      'specs/d.md': spec('type: driver'),
      'specs/d.1.md': spec('status: pending'),
      'specs/d.2.md': spec('status: pending\ndepends_on: []'),
      'specs/e.md': spec('type: driver'),
      'specs/e.1.md': spec('depends_on: [e.2]'),
      'specs/e.2.md': spec('depends_on: [e.1]'),
    });
    const d = list.find((c) => c.spec.id === 'd')!;
    assert.deepEqual([d.ready, d.isDriver, d.detail, d.progress], [true, true, 'Phase 1 (parallel): .1 .2 [--skip-deps]', { completed: 0, total: 2 }]);
    const e = list.find((c) => c.spec.id === 'e')!;
    assert.equal(e.ready, false);
    assert.match(e.detail!, /Dependency cycle .* e\.1 → e\.2 → e\.1/);
  });

  it('driversOnly keeps drivers, skipping finished ones', async () => {
    const list = await candidates({
      'specs/d.md': spec('type: driver'), 'specs/d.1.md': spec('status: pending'),
      'specs/f.md': spec('type: driver\nstatus: completed'), 'specs/f.1.md': spec('status: completed'),
      'specs/g.md': spec('status: pending'),
    }, {}, true);
    assert.deepEqual(list.map((c) => [c.spec.id, c.ready, c.detail]), [['d', true, 'chant work d (chant runs the members one after the other)']]);
  });
});
