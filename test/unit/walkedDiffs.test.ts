// Tree diffs made from a history walk (walkedDiffs.ts) with ports standing in for git: what it
// reads, what it shares between calls made together, and where it leaves the diff to git.
import * as assert from 'node:assert/strict';
import type { FirstParentCommit, GitFileDelta } from '../../src/core/gitPort';
import { WalkedDiffs, type WalkedDiffPorts } from '../../src/core/drift/walkedDiffs';

const Z = '0'.repeat(40);
const sha = (n: number) => n.toString(16).padStart(40, '0');
const change = (status: 'A' | 'D' | 'M', path: string, oldSha: string, newSha: string, mode = '100644'): GitFileDelta => ({
  status, path, oldSha, sha: newSha, oldMode: status === 'A' ? '000000' : mode, mode: status === 'D' ? '000000' : mode, insertions: 0, deletions: 0, binary: false,
});
const commit = (n: number, changes: GitFileDelta[]): FirstParentCommit => ({ sha: sha(1000 + n), date: '2026-01-01T00:00:00Z', subject: `c${n}`, parents: 1, changes });
const text = (lines: string[]) => new TextEncoder().encode(lines.map((l) => `${l}\n`).join(''));

describe('tree diffs from the history walk', () => {
  const body = Array.from({ length: 20 }, (_, k) => `line ${k} of the original file`);
  const blobs = new Map<string, Uint8Array>([
    [sha(1), text(body)],
    [sha(2), text([...body.slice(0, 18), 'edited', 'edited too'])], // 90% the same
    [sha(3), text(['unrelated'])],
  ]);
  // Newest first: a move with an edit (src/a.ts → lib/b.ts), then an unrelated file added.
  const walk = [
    commit(2, [change('A', 'src/other.ts', Z, sha(3))]),
    commit(1, [change('D', 'src/a.ts', sha(1), Z), change('A', 'lib/b.ts', Z, sha(2))]),
  ];
  const base = sha(1000 + 0); // the commit before both: place 2

  function ports(overrides: Partial<WalkedDiffPorts> = {}) {
    const calls: string[] = [];
    const p: WalkedDiffPorts = {
      walkFor: async (pairs) => (pairs.every((x) => x.from === base) ? { walk, positions: new Map([[base, 2]]) } : undefined),
      blobSizes: async (shas) => (calls.push(`sizes ${shas.length}`), new Map(shas.filter((s) => blobs.has(s)).map((s) => [s, blobs.get(s)!.length]))),
      blob: async (s) => (calls.push(`blob ${s.slice(-1)}`), blobs.get(s)),
      countTreeDeltas: async (deltas) => (calls.push(`count ${deltas.length}`), deltas.every((d) => (d.insertions = 1), true)),
      ...overrides,
    };
    return { ports: p, calls };
  }

  it('finds a rename with an edit, reads each blob once and counts the diffs of calls made together in one go', async () => {
    const { ports: p, calls } = ports();
    const walked = new WalkedDiffs(p);
    const pairs = [{ from: base, to: 'HEAD' }];
    const [one, two] = await Promise.all([walked.treeDiffs(pairs), walked.treeDiffs(pairs, { paths: ['src', 'lib'] })]);
    for (const diff of [one, two]) {
      const byPath = new Map(diff![0].map((d) => [d.path, d]));
      assert.deepEqual(byPath.get('lib/b.ts')?.status, 'R');
      assert.equal(byPath.get('lib/b.ts')?.from, 'src/a.ts');
      assert.ok(byPath.get('lib/b.ts')!.similarity! >= 80 && byPath.get('lib/b.ts')!.similarity! < 100);
      assert.equal(byPath.get('src/other.ts')?.status, 'A');
      assert.equal(byPath.has('src/a.ts'), false, 'the deleted side is the rename now');
    }
    assert.deepEqual(calls.filter((c) => c.startsWith('count')).length, 1, calls.join(', '));
    assert.deepEqual(calls.filter((c) => c.startsWith('blob')).sort(), ['blob 1', 'blob 2'], 'each blob read once for both calls');
    // Only under the paths asked for: outside `src`, the move is a deletion.
    const src = await walked.treeDiffs(pairs, { paths: ['src'] });
    assert.deepEqual(src![0].map((d) => `${d.status} ${d.path}`).sort(), ['A src/other.ts', 'D src/a.ts']);
    assert.equal(calls.filter((c) => c.startsWith('blob')).length, 2, 'nothing read again');
  });

  it('leaves to git what it cannot do as git would', async () => {
    const pairs = [{ from: base, to: 'HEAD' }];
    assert.equal(await new WalkedDiffs(ports().ports).treeDiffs([{ from: sha(999), to: 'HEAD' }]), undefined, 'a baseline off the walk');
    assert.equal(await new WalkedDiffs(ports({ countTreeDeltas: async () => false }).ports).treeDiffs(pairs), undefined, 'lines git must count');
    assert.equal(await new WalkedDiffs(ports().ports, Number.NaN).treeDiffs(pairs), undefined, 'a rename limit that is not a number');
    // A blob too large to fingerprint, in a pair its size does not rule out.
    const big = ports({ blobSizes: async (shas) => new Map(shas.map((s) => [s, 2 * 1024 * 1024])) });
    assert.equal(await new WalkedDiffs(big.ports).treeDiffs(pairs), undefined, 'a blob over a megabyte');
    assert.ok(!big.calls.some((c) => c.startsWith('blob')), 'and it is not read');
    // Submodules: git compares their commits.
    const sub = [commit(1, [change('A', 'vendor/lib', Z, sha(7), '160000')])];
    const withSubmodule = ports({ walkFor: async () => ({ walk: sub, positions: new Map([[base, 1]]) }) });
    assert.equal(await new WalkedDiffs(withSubmodule.ports).treeDiffs(pairs), undefined, 'a submodule');
  });
});
