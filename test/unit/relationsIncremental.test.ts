// Incremental relations (what the index does on each batch) must equal a full recomputation
// after any sequence of edits, additions and removals: random projects, random batches.

import assert from 'node:assert/strict';
import { ProjectRelations, computeRelations, type RelationsChange } from '../../src/core/relations';
import { parseSpecText } from '../../src/core/spec';
import type { Spec } from '../../src/core/model';

const ROOT = '/p';
// A small ID universe so that members, drivers, duplicates and cycles collide often.
const IDS = ['A', 'B', 'C', 'D', 'A.1', 'A.2', 'A.3', 'A.2.1', 'A.x', 'B.1', 'B.2', 'C.1.1', 'E', '2026-01-01-001-abc', '2026-01-01-001-abc.1', '2026-01-01-001-abc.2'];
const STATUSES = ['pending', 'pending', 'completed', 'completed', 'in_progress', 'failed', 'blocked', 'cancelled', 'bogus'];

function random(seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

type Rng = ReturnType<typeof random>;

function pathFor(r: Rng, id: string): string {
  const where = r.next();
  if (where < 0.7) return `${ROOT}/.chant/specs/${id}.md`;
  if (where < 0.85) return `${ROOT}/.chant/specs/sub/${id}.md`;
  return `${ROOT}/.chant/archive/2026-01-01/${id}.md`;
}

function specText(r: Rng): string {
  const lines = [`status: ${r.pick(STATUSES)}`];
  const deps = r.next();
  if (deps < 0.5) {
    const n = 1 + Math.floor(r.next() * 3);
    const names = Array.from({ length: n }, () => r.pick([...IDS, 'missing', 'repo:X']));
    lines.push(r.next() < 0.5 ? `depends_on: [${names.join(', ')}]` : `depends_on:\n${names.map((x) => `  - ${x}`).join('\n')}`);
  } else if (deps < 0.6) {
    lines.push('depends_on: []');
  }
  if (r.next() < 0.15) lines.push(`approval:\n  required: true\n  status: ${r.pick(['pending', 'approved', 'rejected'])}`);
  if (r.next() < 0.1) lines.push('type: driver');
  const title = r.next() < 0.9 ? '# Title\n' : '';
  const criteria = r.next() < 0.5 ? `\n## Acceptance Criteria\n\n- [${r.next() < 0.5 ? 'x' : ' '}] done\n` : '';
  return `---\n${lines.join('\n')}\n---\n${title}${criteria}`;
}

function parse(path: string, text: string): Spec {
  return parseSpecText({ path, root: ROOT, archived: path.includes('/archive/') }, text);
}

function idOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1, -3);
}

describe('incremental relations', () => {
  it('equal a full recomputation after random batches of edits, additions and removals', () => {
    let batches = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = random(seed);
      const files = new Map<string, Spec>();
      for (let n = 0; n < 12; n++) {
        const p = pathFor(r, r.pick(IDS));
        files.set(p, parse(p, specText(r)));
      }
      const incremental = new ProjectRelations(files.values());
      for (let step = 0; step < 25; step++) {
        const changes: RelationsChange[] = [];
        const size = r.next() < 0.8 ? 1 : 1 + Math.floor(r.next() * 4);
        for (let k = 0; k < size; k++) {
          const op = r.next();
          const existing = [...files.keys()];
          if (op < 0.2 && existing.length > 0) {
            const p = r.pick(existing);
            files.delete(p);
            changes.push({ path: p });
          } else if (op < 0.6 && existing.length > 0) {
            const p = r.pick(existing);
            const spec = parse(p, specText(r));
            files.set(p, spec);
            changes.push({ path: p, spec });
          } else {
            const p = pathFor(r, r.pick(IDS));
            const spec = parse(p, specText(r));
            files.set(p, spec);
            changes.push({ path: p, spec });
          }
        }
        incremental.update(changes);
        batches++;
        const full = computeRelations([...files.values()]);
        const context = `seed ${seed} step ${step}: ${changes.map((c) => `${c.spec ? 'write' : 'delete'} ${c.path}`).join(', ')}`;
        assert.deepEqual(incremental.toMap(), full, context);
        for (const id of new Set([...files.keys()].map(idOf))) {
          const chosen = incremental.byId(id);
          const live = [...files.values()].filter((s) => s.id === id && !s.archived && !full.get(s.path)!.duplicateOf);
          if (live.length > 0) assert.equal(chosen, live[0], `${context}: byId(${id})`);
          else assert.ok(chosen?.archived && chosen.id === id, `${context}: byId(${id}) should be an archived file`);
        }
      }
    }
    assert.equal(batches, 150 * 25);
  });

  it('the sliced build (yielding to the event loop) equals the one-go build', async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = random(seed);
      const specs = Array.from({ length: 30 }, () => {
        const p = pathFor(r, r.pick(IDS));
        return parse(p, specText(r));
      });
      const unique = [...new Map(specs.map((s) => [s.path, s])).values()];
      let yields = 0;
      // No time budget and tiny steps: a pause after every two specs of every pass.
      const sliced = await ProjectRelations.build(unique, async () => { yields++; }, { budgetMs: 0, stepSize: 2 });
      assert.deepEqual(sliced.toMap(), computeRelations(unique), `seed ${seed}`);
      assert.ok(yields >= unique.length / 2, `seed ${seed}: ${yields} pauses`);
      // The default budget: pauses only after ~10 ms of work.
      const quick = await ProjectRelations.build(unique, async () => {});
      assert.deepEqual(quick.toMap(), computeRelations(unique), `seed ${seed}`);
    }
  });

  it('the sliced build pauses inside the cycle search of a long chain and finds the same cycles', async () => {
    // 600 specs, each depending on the next: one long depth-first walk, closed into cycles of
    // different sizes by back edges, plus members and dangling dependencies.
    const n = 600;
    const id = (i: number) => `2026-01-01-${String(i).padStart(3, '0')}-abc`;
    const specs = Array.from({ length: n }, (_, i) => {
      const deps = i + 1 < n ? [id(i + 1)] : [];
      if (i % 97 === 50) deps.push(id(i - 40)); // closes a cycle of 41 specs
      if (i % 13 === 0) deps.push('missing');
      return parse(`${ROOT}/.chant/specs/${id(i)}.md`, `---\nstatus: ${i % 3 ? 'pending' : 'completed'}\ndepends_on: [${deps.join(', ')}]\n---\n# ${i}\n`);
    });
    specs.push(parse(`${ROOT}/.chant/specs/${id(5)}.1.md`, '---\nstatus: pending\n---\n# member\n'));
    let yields = 0;
    const sliced = await ProjectRelations.build(specs, async () => { yields++; }, { budgetMs: 0, stepSize: 7 });
    const full = computeRelations(specs);
    assert.deepEqual(sliced.toMap(), full);
    assert.ok([...full.values()].filter((r) => r.cycle).length > 40, 'the test project has cycles');
    // Every pass pauses every 7 specs, the cycle search included (its walk is one chain).
    assert.ok(yields >= (6 * specs.length) / 7, `${yields} pauses`);
  });
});
