// The headless `drift` command: the JSON shape CI scripts rely on, and --fail-on-drift.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { driftCommand } from '../../src/node/driftCli';
import { SpecIndex } from '../../src/core/specIndex';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { TempRepo, lines } from './helpers/gitRepo';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await driftCommand(args, async (dir) => {
      const index = new SpecIndex(nodeFileSystem);
      await index.setFolders([dir]);
      return index;
    });
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = original;
  }
}

describe('headless drift command', function () {
  this.timeout(60_000);
  let r: TempRepo;
  let edit = '';
  before(() => {
    r = TempRepo.create('cli');
    r.write('src/auth/routes.py', lines(3));
    r.spec('2026-01-28-001-doc', ['type: documentation', 'status: completed', 'tracks:', '  - src/auth/**', 'completed_at: 2026-01-28T12:00:00Z']);
    r.spec('2026-01-28-002-res', ['type: research', 'status: completed', 'informed_by:', '  - src/other/**']);
    r.commit('initial', '2026-01-28T00:00:00Z');
    r.append('src/auth/routes.py', lines(2, 'more'));
    edit = r.commit('Add routes', '2026-02-01T00:00:00Z');
  });
  after(() => r.dispose());

  it('prints the drift JSON document and exits 0 without --fail-on-drift', async () => {
    const { code, out } = await run(['--json', r.dir]);
    assert.equal(code, 0);
    const doc = JSON.parse(out);
    assert.deepEqual(Object.keys(doc), ['drift', 'unknown', 'notes']);
    assert.equal(doc.drift.length, 1);
    const d = doc.drift[0];
    assert.deepEqual(Object.keys(d), ['specId', 'type', 'baseline', 'files', 'notes']);
    assert.equal(d.specId, '2026-01-28-001-doc');
    assert.equal(d.type, 'documentation');
    assert.deepEqual(Object.keys(d.baseline), ['kind', 'commit', 'date', 'source']);
    assert.equal(d.baseline.source, 'completed_at');
    assert.equal(d.baseline.kind, 'git');
    assert.deepEqual(d.files, [{
      path: 'src/auth/routes.py', change: 'modified', insertions: 2, deletions: 0,
      commits: [{ sha: edit, date: d.files[0].commits[0].date, subject: 'Add routes' }],
    }]);
    assert.deepEqual(doc.unknown, [{ specId: '2026-01-28-002-res', reason: 'the spec is completed but has no completed_at', notes: [{ kind: 'pattern', message: 'informed_by[0] `src/other/**`: This pattern matches no file in the working tree.' }] }]);
  });

  it('exits 1 with --fail-on-drift when something drifted, 0 when nothing did', async () => {
    assert.equal((await run(['--fail-on-drift', r.dir])).code, 1);
    const clean = TempRepo.create('cli-clean');
    try {
      clean.write('src/a.py', 'a\n');
      clean.spec('2026-01-28-001-doc', ['type: documentation', 'status: completed', 'tracks:', '  - src/**', 'completed_at: 2026-01-28T12:00:00Z']);
      clean.commit('initial', '2026-01-28T00:00:00Z');
      const { code, out } = await run(['--fail-on-drift', '--json', clean.dir]);
      assert.equal(code, 0);
      assert.deepEqual(JSON.parse(out), { drift: [], unknown: [], notes: [] });
    } finally {
      clean.dispose();
    }
  });

  it('exits 1 with --fail-on-drift when one spec drifted beside a spec whose check fails', async () => {
    const broken = TempRepo.create('cli-broken');
    try {
      broken.write('src/a.py', lines(3));
      broken.write('lib/b.py', lines(3));
      const first = broken.commit('start', '2026-01-01T00:00:00Z');
      broken.spec('2026-01-02-001-ok', ['type: documentation', 'status: completed', 'tracks:', '  - src/**', 'completed_at: 2026-01-02T00:00:00Z']);
      broken.spec('2026-01-02-002-bad', ['type: documentation', 'status: completed', 'tracks:', '  - lib/**', 'commits:', `  - ${first}`, 'completed_at: 2026-01-02T00:00:00Z']);
      broken.commit('specs', '2026-01-02T00:00:00Z');
      broken.append('src/a.py', 'x\n');
      broken.commit('edit', '2026-01-03T00:00:00Z');
      // Damage the bad spec's baseline: its commit's tree object is gone (as in a broken clone).
      const tree = broken.git('rev-parse', `${first}^{tree}`).trim();
      fs.rmSync(path.join(broken.dir, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
      const { code, out } = await run(['--fail-on-drift', '--json', broken.dir]);
      assert.equal(code, 1, 'the drifted spec still fails the gate');
      const doc = JSON.parse(out) as { drift: { specId: string }[]; unknown: { specId: string; reason: string }[] };
      assert.deepEqual(doc.drift.map((d) => d.specId), ['2026-01-02-001-ok']);
      assert.deepEqual(doc.unknown.map((u) => u.specId), ['2026-01-02-002-bad']);
      assert.match(doc.unknown[0].reason, /could not be measured.*unable to read tree/);
    } finally {
      broken.dispose();
    }
  });

  it('prints a readable report without --json', async () => {
    const { out } = await run([r.dir]);
    assert.match(out, /2026-01-28-001-doc/);
    assert.match(out, /modified +src\/auth\/routes\.py +\+2 −0/);
    assert.match(out, /Add routes/);
    assert.match(out, /1 drifted, 0 up to date, 1 unknown\./);
  });
});
