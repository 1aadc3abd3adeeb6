// The ID lookup built in steps (what the editor features do after a full index, pausing between
// steps) must equal the one built in one go, and must go on agreeing after later batches.

import assert from 'node:assert/strict';
import { SpecLookup } from '../../src/core/specLookup';
import { SpecWorkspace } from './support/lintWorkspace';

const id = (i: number) => `2026-03-01-${String(i).padStart(3, '0')}-abc`;

/** 40 specs with dependencies, members, a duplicate, an archived copy and a cycle. */
function files(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    const deps = [id((i + 1) % 40), ...(i % 7 === 0 ? ['missing-id'] : [])];
    out[`specs/${id(i)}.md`] = `---\nstatus: pending\ndepends_on: [${i < 5 ? deps.join(', ') : ''}]\n---\n# Spec ${i}\n`;
  }
  out[`specs/${id(3)}.1.md`] = '---\nstatus: pending\n---\n# Member\n';
  out[`specs/${id(3)}.2.md`] = `---\nstatus: pending\ndepends_on: [${id(3)}.1]\n---\n# Member 2\n`;
  out[`specs/sub/${id(7)}.md`] = '---\nstatus: completed\n---\n# Duplicate\n';
  out[`archive/2026-03-01/${id(8)}.md`] = '---\nstatus: completed\n---\n# Archived copy\n';
  out[`specs/${id(50)}.md`] = `---\nstatus: pending\ndepends_on: [${id(51)}]\n---\n# Cycle a\n`;
  out[`specs/${id(51)}.md`] = `---\nstatus: pending\ndepends_on: [${id(50)}]\n---\n# Cycle b\n`;
  return out;
}

describe('SpecLookup.build (in steps)', () => {
  it('equals a lookup built in one go, pausing before every step', async () => {
    const ws = await SpecWorkspace.create(files());
    let pauses = 0;
    const stepped = await SpecLookup.build(ws.index, async () => { pauses++; }, 6);
    assert.equal(pauses, Math.ceil(ws.index.all().length / 6));
    assert.deepStrictEqual(stepped, new SpecLookup(ws.index));
    assert.equal(stepped.filesWithId(ws.index.all()[0].root, id(7)).length, 2);
  });

  it('then follows batches exactly as a lookup built in one go', async () => {
    const ws = await SpecWorkspace.create(files());
    const stepped = await SpecLookup.build(ws.index, async () => {}, 5);
    const oneGo = new SpecLookup(ws.index);
    ws.put(`specs/${id(1)}.md`, `---\nstatus: pending\ndepends_on: [${id(0)}]\n---\n# Now on the cycle\n`);
    ws.delete(`specs/${id(51)}.md`);
    const change = await ws.flush();
    assert.deepStrictEqual(stepped.update(change), oneGo.update(change));
    assert.deepStrictEqual(stepped, oneGo);
  });

  it('of an empty index is empty and does not pause', async () => {
    const ws = await SpecWorkspace.create({});
    let pauses = 0;
    const stepped = await SpecLookup.build(ws.index, async () => { pauses++; });
    assert.equal(pauses, 0);
    assert.deepStrictEqual(stepped, new SpecLookup(ws.index));
  });

  it('answers prefix-members at any depth, archived too, in the same order whatever the batches', async () => {
    const ws = await SpecWorkspace.create(files());
    const root = ws.index.all()[0].root;
    const lookup = ws.index.lookup;
    const ids = () => lookup.membersOf(root, id(3)).map((s) => s.id);
    assert.deepEqual(ids(), [`${id(3)}.1`, `${id(3)}.2`]);
    ws.put(`specs/${id(3)}.2.1.md`, '---\nstatus: pending\n---\n# Nested\n');
    ws.put(`archive/2026-03-02/${id(3)}.10.md`, '---\nstatus: completed\n---\n# Archived member\n');
    ws.put(`specs/${id(3)}..md`, '---\nstatus: pending\n---\n# Not a member (nothing after the dot)\n');
    await ws.flush();
    // compareSpecIds' order (the explorer's): the suffix `2.1` sorts before `2`.
    const ordered = [`${id(3)}.1`, `${id(3)}.2.1`, `${id(3)}.2`, `${id(3)}.10`];
    assert.deepEqual(ids(), ordered);
    assert.deepEqual(lookup.membersOf(root, `${id(3)}.2`).map((s) => s.id), [`${id(3)}.2.1`]);
    // Rewriting the first member moves it to the end of the lookup's own sets; the answer keeps its order.
    ws.put(`specs/${id(3)}.1.md`, '---\nstatus: completed\n---\n# Member, done\n');
    await ws.flush();
    assert.deepEqual(ids(), ordered);
    assert.equal(lookup.membersOf(root, id(3))[0].rawStatus, 'completed');
    ws.delete(`specs/${id(3)}.2.md`);
    await ws.flush();
    assert.deepEqual(ids(), [`${id(3)}.1`, `${id(3)}.2.1`, `${id(3)}.10`]);
    assert.deepEqual(lookup.membersOf(root, id(4)), []);
  });
});
