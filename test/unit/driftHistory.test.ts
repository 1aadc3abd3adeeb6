// Drift over histories as real projects have them: chant's own commit subjects, completed_at in
// local time labelled Z, moves and renames (committed and staged), `git rm --cached`, entries
// that name archived specs, and one spec whose check fails among others.
import * as assert from 'node:assert/strict';
import { DriftEngine } from '../../src/core/drift/engine';
import { driftJson, driftText } from '../../src/core/drift/report';
import type { DriftFinding } from '../../src/core/drift/model';
import type { GitPort, TreeDiffOptions } from '../../src/core/gitPort';
import { SpecIndex } from '../../src/core/specIndex';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { NodeGit } from '../../src/node/git';
import { TempRepo, lines } from './helpers/gitRepo';

async function check(dir: string, git: GitPort = new NodeGit(), includeArchived = false) {
  const index = new SpecIndex(nodeFileSystem);
  await index.setFolders([dir]);
  const engine = new DriftEngine({ git, fs: nodeFileSystem }, { includeArchived });
  try {
    await engine.checkAll(index);
  } finally {
    (git as Partial<NodeGit>).dispose?.();
  }
  const findings = engine.findings();
  return { findings, find: (id: string) => findings.find((f) => f.specId === id)! };
}

/** Each finding of a check of many specs equals that spec's check alone (its own baseline, its own log), with diffs of the whole tree. */
async function assertSameAsEachAlone(dir: string, together: DriftFinding[]): Promise<void> {
  const index = new SpecIndex(nodeFileSystem);
  await index.setFolders([dir]);
  const whole = new NodeGit();
  const wholeTree = Object.assign(Object.create(whole) as NodeGit, {
    treeDiffs: (repo: string, pairs: { from: string; to: string }[]) => whole.treeDiffs(repo, pairs),
  });
  try {
    for (const f of together) {
      const spec = index.all().find((s) => s.path === f.specPath)!;
      const engine = new DriftEngine({ git: wholeTree, fs: nodeFileSystem });
      await engine.checkAll({ all: () => [spec], byId: (root, id) => index.byId(root, id), lookup: index.lookup });
      assert.deepEqual(driftJson(engine.findings()), driftJson([f]), f.specId);
    }
  } finally {
    whole.dispose();
  }
}

describe('drift over real history', function () {
  this.timeout(60_000);
  const repos: TempRepo[] = [];
  const make = (name: string) => {
    const r = TempRepo.create(name);
    repos.push(r);
    return r;
  };
  after(() => {
    for (const r of repos) r.dispose();
  });

  it("takes the spec's chant(ID) commit over a completed_at written in local time labelled Z", async () => {
    const id = '2026-01-20-001-doc';
    const r = make('local-z');
    r.write('src/api.py', lines(10));
    r.commit('start', '2026-01-19T08:00:00Z');
    // The agent's work at 18:00 UTC; an old chant wrote completed_at as 13:00 local (UTC-5) + `Z`.
    r.append('src/api.py', 'documented\n');
    const work = r.commit(`chant(${id}): document the API`, '2026-01-20T18:00:00Z');
    r.spec(id, ['type: documentation', 'status: completed', 'tracks:', '  - src/**', 'completed_at: 2026-01-20T13:00:00Z']);
    r.commit('chant: Record agent transcript', '2026-01-20T18:00:05Z');
    const f = (await check(r.dir)).find(id);
    assert.equal(f.baseline?.source, 'subject');
    assert.equal(f.baseline?.commit, work);
    assert.equal(f.state, 'clean', "the spec's own work is not its drift");
    const note = f.notes.find((n) => n.kind === 'completed-at');
    assert.ok(note, JSON.stringify(f.notes));
    assert.match(note.message, /5 h before commit/);
    assert.match(note.message, /local time labelled Z/);
  });

  it("prefers commits: when present and names a disagreeing completed_at; a driver without commits takes its members' newest", async () => {
    const r = make('driver');
    r.write('src/a.py', lines(3));
    r.write('src/b.py', lines(3));
    r.commit('start', '2026-01-01T00:00:00Z');
    r.append('src/a.py', 'one\n');
    const m1 = r.commit('chant(2026-01-05-001-drv.1): a', '2026-01-05T10:00:00Z');
    r.append('src/b.py', 'two\n');
    const m2 = r.commit('chant(2026-01-05-001-drv.2): b', '2026-01-05T11:00:00Z');
    r.spec('2026-01-05-001-drv', ['type: driver', 'status: completed', 'tracks:', '  - src/**', 'model: auto-completed', 'completed_at: 2026-01-05T11:00:10Z']);
    r.spec('2026-01-05-001-drv.1', ['type: code', 'status: completed', 'commits:', `  - ${m1.slice(0, 7)}`, 'completed_at: 2026-01-05T16:00:00Z']);
    r.spec('2026-01-05-001-drv.2', ['type: code', 'status: completed', 'completed_at: 2026-01-05T11:00:05Z']);
    r.spec('2026-01-06-002-doc', ['type: documentation', 'status: completed', 'tracks:', '  - src/a.py', 'commits:', `  - ${m1.slice(0, 7)}`, 'completed_at: 2026-01-05T15:00:00Z']);
    r.commit('specs', '2026-01-06T00:00:00Z');
    r.append('src/a.py', 'later\n');
    r.commit('later', '2026-01-07T00:00:00Z');
    const { find } = await check(r.dir);
    const driver = find('2026-01-05-001-drv');
    assert.equal(driver.baseline?.source, 'members');
    assert.equal(driver.baseline?.commit, m2, "the members' newest commit");
    assert.deepEqual(driver.files.map((x) => x.path), ['src/a.py']);
    const doc = find('2026-01-06-002-doc');
    assert.equal(doc.baseline?.source, 'commits');
    assert.match(doc.notes.map((n) => n.message).join('\n'), /completed_at 2026-01-05T15:00:00Z is 5 h after commit/);
  });

  it('finds the chant(ID) commit when the commits: SHA is gone (rebased), noting the missing SHA', async () => {
    const id = '2026-01-20-002-res';
    const r = make('rebased');
    r.write('notes/a.md', lines(4));
    r.commit('start', '2026-01-19T00:00:00Z');
    r.append('notes/a.md', 'x\n');
    const work = r.commit(`chant(${id}): research`, '2026-01-20T10:00:00Z');
    r.spec(id, ['type: research', 'status: completed', 'informed_by:', '  - notes/**', 'commits:', '  - 0123abc', 'completed_at: 2026-01-20T10:00:05Z']);
    r.commit('spec', '2026-01-20T10:00:06Z');
    const f = (await check(r.dir)).find(id);
    assert.equal(f.baseline?.commit, work);
    assert.equal(f.baseline?.source, 'subject');
    assert.ok(f.notes.some((n) => n.kind === 'baseline-missing' && n.message.includes('0123abc')));
    assert.ok(driftText([f]).includes('note: commit 0123abc from `commits:` is not in this repository'));
  });

  it('a file moved with identical content is a note, not drift; a renamed and edited file carries from', async () => {
    const id = '2026-01-20-003-doc';
    const r = make('moves');
    r.write('src/old/a.py', lines(10, 'a'));
    r.write('src/old/b.py', lines(10, 'b'));
    r.commit('start', '2026-01-19T00:00:00Z');
    r.spec(id, ['type: documentation', 'status: completed', 'tracks:', '  - src/**', 'completed_at: 2026-01-20T00:00:00Z']);
    r.commit('spec', '2026-01-20T00:00:00Z');
    r.move('src/old/a.py', 'src/new/a.py');
    r.commit('move a', '2026-01-21T00:00:00Z');
    let f = (await check(r.dir)).find(id);
    assert.equal(f.state, 'clean');
    assert.deepEqual(f.notes.map((n) => n.kind), ['moved']);
    assert.match(f.notes[0].message, /src\/old\/a\.py moved to src\/new\/a\.py/);

    r.move('src/old/b.py', 'src/new/b.py');
    r.append('src/new/b.py', 'edited\n');
    r.commit('move and edit b', '2026-01-22T00:00:00Z');
    f = (await check(r.dir)).find(id);
    assert.equal(f.state, 'drifted');
    assert.deepEqual(f.files.map((x) => [x.change, x.path, x.from, x.insertions, x.deletions]), [['renamed', 'src/new/b.py', 'src/old/b.py', 1, 0]]);
    const json = driftJson([f]);
    assert.equal(json.drift[0].files[0].from, 'src/old/b.py');
    assert.ok(json.drift[0].notes.some((n) => n.kind === 'renamed'));
    assert.ok(json.drift[0].notes.some((n) => n.kind === 'moved'), 'the identical move is still named');
  });

  it('finds renames across the edge of the tracked folders as a whole-tree diff does', async () => {
    const id = '2026-01-20-005-doc';
    const r = make('edge');
    r.write('src/a.py', lines(30, 'a'));
    r.write('src/b.py', lines(30, 'b'));
    r.write('lib/c.py', lines(30, 'c'));
    r.write('lib/d.py', lines(30, 'd'));
    r.commit('start', '2026-01-19T00:00:00Z');
    r.spec(id, ['type: documentation', 'status: completed', 'tracks:', '  - src/**', 'completed_at: 2026-01-20T00:00:00Z']);
    r.commit('spec', '2026-01-20T00:00:00Z');
    r.move('src/a.py', 'lib/a.py'); // out, unchanged
    r.move('src/b.py', 'lib/b.py'); // out, edited
    r.append('lib/b.py', 'edited\n');
    r.move('lib/c.py', 'src/c.py'); // in, unchanged
    r.move('lib/d.py', 'src/d.py'); // in, edited
    r.append('src/d.py', 'edited\n');
    r.commit('moves across the edge', '2026-01-21T00:00:00Z');
    const git = new NodeGit();
    const calls: string[] = [];
    const counting = Object.assign(Object.create(git) as NodeGit, {
      treeDiffs: (repo: string, pairs: { from: string; to: string }[], o?: Parameters<NodeGit['treeDiffs']>[2]) => {
        calls.push(o?.paths ? `paths:${o.paths.length}` : o?.renames === false ? 'outside' : 'whole');
        return git.treeDiffs(repo, pairs, o);
      },
      dispose: () => git.dispose(),
    });
    const f = (await check(r.dir, counting)).find(id);
    assert.deepEqual(f.files.map((x) => [x.change, x.path, x.from, x.insertions]), [
      ['renamed', 'lib/b.py', 'src/b.py', 1],
      ['renamed', 'src/d.py', 'lib/d.py', 1],
    ]);
    assert.deepEqual(f.notes.filter((n) => n.kind === 'moved').map((n) => n.message).sort(), [
      'lib/c.py moved to src/c.py with identical content (not drift)',
      'src/a.py moved to lib/a.py with identical content (not drift)',
    ].sort());
    assert.ok(!calls.includes('whole'), `no whole-tree rename detection: ${calls.join(', ')}`);
  });

  it('checked together, specs of many baselines give the findings each gives alone with whole-tree rename detection', async () => {
    // Specs completed one after the other, each tracking its own folder, while files are edited,
    // moved within and across the tracked folders (some edited on the way) and renamed.
    const r = make('many-baselines');
    const folders = ['src/a', 'src/b', 'src/c', 'lib'];
    const files: string[] = [];
    for (let i = 0; i < 16; i++) {
      const f = `${folders[i % 4]}/f${i}.py`;
      files.push(f);
      r.write(f, lines(20, `f${i}`));
    }
    r.commit('start', '2026-01-01T00:00:00Z');
    const ids: string[] = [];
    for (let day = 1; day <= 9; day++) {
      const date = `2026-01-${String(day + 1).padStart(2, '0')}`;
      const i = (day * 5) % files.length;
      r.append(files[i], `edit ${day}\n`);
      const j = (day * 3 + 1) % files.length;
      const to = `${folders[(day + 1) % 4]}/moved${day}/${day % 3 === 0 ? 'renamed' : 'f'}${j}.py`;
      r.move(files[j], to);
      if (day % 2 === 0) r.append(to, `moved on day ${day}\n`);
      files[j] = to;
      r.commit(`day ${day}`, `${date}T01:00:00Z`);
      const id = `${date}-001-d${day}`;
      ids.push(id);
      const tracked = folders[day % 3];
      r.spec(id, ['type: documentation', 'status: completed', 'tracks:', `  - ${tracked}/**`, ...(day % 4 === 0 ? ['  - lib/**'] : []), `completed_at: ${date}T02:00:00Z`]);
      r.commit(`chant(${id}): record`, `${date}T02:00:00Z`);
    }
    r.append(files[2], 'last\n');
    r.commit('last', '2026-01-20T00:00:00Z');

    const real = new NodeGit();
    const logs: number[] = [];
    const counting = Object.assign(Object.create(real) as NodeGit, {
      log: (repo: string, from: string, to: string, paths: string[]) => {
        logs.push(paths.length);
        return real.log(repo, from, to, paths);
      },
      dispose: () => real.dispose(),
    });
    const together = (await check(r.dir, counting)).findings;
    assert.ok(logs.length < ids.length, `one log shared by the baselines, not one each: ${logs.length}`);
    assert.ok(together.filter((f) => f.state === 'drifted').length >= 5, driftText(together));

    await assertSameAsEachAlone(r.dir, together);
  });

  it('diffs a baseline alone in its folders from the history walk read for the others, with git\'s findings', async () => {
    // Each spec tracks a folder of its own: every group of baselines is one baseline, which once
    // made each group a rename-detecting git diff-tree of its own (chant's own repository: 18 specs
    // tracking files, 32 diff-tree processes).
    const r = make('one-per-folder');
    const folders = ['src/a', 'src/b', 'src/c', 'src/d', 'lib'];
    const files: string[] = [];
    for (let i = 0; i < 20; i++) {
      const f = `${folders[i % folders.length]}/f${i}.py`;
      files.push(f);
      r.write(f, lines(20, `f${i}`));
    }
    r.commit('start', '2026-01-01T00:00:00Z');
    for (let day = 1; day <= 4; day++) {
      const date = `2026-01-${String(day + 1).padStart(2, '0')}`;
      const id = `${date}-001-d${day}`;
      r.spec(id, ['type: documentation', 'status: completed', 'tracks:', `  - ${folders[day - 1]}/**`, `completed_at: ${date}T02:00:00Z`]);
      r.commit(`chant(${id}): record`, `${date}T02:00:00Z`);
      // After each spec: an edit, a move with an edit, a move across the tracked folders' edge.
      r.append(files[day - 1], `edit ${day}\n`);
      const j = day + 5;
      const to = `${folders[(day + 1) % folders.length]}/moved${day}/f${j}.py`;
      r.move(files[j], to);
      r.append(to, `moved on day ${day}\n`);
      files[j] = to;
      r.commit(`day ${day}`, `${date}T03:00:00Z`);
    }

    const real = new NodeGit();
    const renameDiffs: number[] = [];
    const counting = Object.assign(Object.create(real) as NodeGit, {
      treeDiffs: (repo: string, pairs: { from: string; to: string }[], options: TreeDiffOptions = {}) => {
        if (options.renames !== false) renameDiffs.push(pairs.length);
        return real.treeDiffs(repo, pairs, options);
      },
      dispose: () => real.dispose(),
    });
    const together = (await check(r.dir, counting)).findings;
    assert.deepEqual(renameDiffs, [], 'no baseline diffed by git with rename detection: the walk pairs renames');
    assert.equal(together.filter((f) => f.state === 'drifted').length, 4, driftText(together));
    await assertSameAsEachAlone(r.dir, together);
  });

  it('reads the chant(ID) commits and the content settings beside the lookup of commits: SHAs, not after it', async () => {
    const r = make('reads-beside');
    r.write('src/a.py', lines(5, 'a'));
    const work = r.commit('start', '2026-01-01T00:00:00Z');
    for (let i = 1; i <= 3; i++) {
      const id = `2026-01-0${i + 1}-001-rb${i}`;
      // One spec lists its commit; the others only have chant's commit subject.
      r.spec(id, ['type: documentation', 'status: completed', 'tracks:', '  - src/**', ...(i === 1 ? ['commits:', `  - ${work.slice(0, 7)}`] : []), `completed_at: 2026-01-0${i + 1}T02:00:00Z`]);
      r.commit(`chant(${id}): record`, `2026-01-0${i + 1}T02:00:00Z`);
    }
    r.append('src/a.py', 'later\n');
    r.commit('later', '2026-01-09T00:00:00Z');
    const real = new NodeGit();
    const events: string[] = [];
    const recording = Object.assign(Object.create(real) as NodeGit, {
      resolveCommits: async (repo: string, revs: string[]) => {
        const found = await real.resolveCommits(repo, revs);
        events.push('commits: resolved');
        return found;
      },
      chantCommits: (repo: string) => (events.push('subjects asked'), real.chantCommits(repo)),
      contentSettings: (info: Parameters<NodeGit['contentSettings']>[0]) => (events.push('settings asked'), real.contentSettings(info)),
      dispose: () => real.dispose(),
    });
    const { findings } = await check(r.dir, recording);
    assert.equal(findings.filter((f) => f.state === 'drifted').length, 3, driftText(findings));
    const resolved = events.indexOf('commits: resolved');
    assert.ok(resolved >= 0 && events.indexOf('subjects asked') >= 0 && events.indexOf('subjects asked') < resolved, events.join(', '));
    assert.ok(events.indexOf('settings asked') >= 0 && events.indexOf('settings asked') < resolved, events.join(', '));
  });

  it('counts a staged git mv as a rename and git rm --cached as a deletion, as git status does', async () => {
    const id = '2026-01-20-004-doc';
    const r = make('staged');
    r.write('src/a.py', lines(10, 'a'));
    r.write('src/b.py', lines(5, 'b'));
    r.commit('start', '2026-01-19T00:00:00Z');
    r.spec(id, ['type: documentation', 'status: completed', 'tracks:', '  - src/**', 'completed_at: 2026-01-20T00:00:00Z']);
    r.commit('spec', '2026-01-20T00:00:00Z');
    r.move('src/a.py', 'src/c.py');
    r.git('rm', '-q', '--cached', 'src/b.py');
    const f = (await check(r.dir)).find(id);
    assert.deepEqual(f.files.map((x) => [x.change, x.path, x.insertions, x.deletions, x.uncommitted]), [['deleted', 'src/b.py', 0, 5, true]]);
    assert.ok(f.notes.some((n) => n.kind === 'moved' && n.message.includes('src/a.py moved to src/c.py')), JSON.stringify(f.notes));
    // Edited after the staged move: a rename with changes, from the old path.
    r.append('src/c.py', 'more\n');
    const g = (await check(r.dir)).find(id);
    const c = g.files.find((x) => x.path === 'src/c.py');
    assert.deepEqual([c?.change, c?.from, c?.insertions], ['renamed', 'src/a.py', 1]);
  });

  it('resolves origin/informed_by entries naming a spec ID or the old path of an archived spec', async () => {
    const r = make('spec-entries');
    const src = '2026-01-10-001-src';
    r.write('README.md', 'x\n');
    r.spec(src, ['type: code', 'status: completed', 'completed_at: 2026-01-10T00:00:00Z']);
    r.commit('start', '2026-01-10T00:00:00Z');
    r.move(`.chant/specs/${src}.md`, `.chant/archive/2026-01-10/${src}.md`);
    r.spec('2026-01-20-002-res', ['type: research', 'status: completed', 'origin:', `  - ${src}`, 'informed_by:', `  - .chant/specs/${src}.md`, 'completed_at: 2026-01-20T00:00:00Z']);
    r.commit('archive and research', '2026-01-20T00:00:00Z');
    r.append(`.chant/archive/2026-01-10/${src}.md`, '\nMore findings.\n');
    r.commit('edit archived spec', '2026-01-21T00:00:00Z');
    const f = (await check(r.dir)).find('2026-01-20-002-res');
    assert.equal(f.state, 'drifted');
    assert.deepEqual(f.files.map((x) => x.path), [`.chant/archive/2026-01-10/${src}.md`]);
    assert.deepEqual(f.patterns.map((p) => p.notes.map((n) => n.kind)), [[], []], 'neither entry is "missing"');
    assert.equal(f.notes.filter((n) => n.kind === 'spec-entry').length, 2);
  });

  it("one spec whose check fails is that spec's finding; the others are still reported", async () => {
    const r = make('isolation');
    r.write('src/a.py', lines(3));
    r.write('lib/b.py', lines(3));
    const first = r.commit('start', '2026-01-01T00:00:00Z');
    r.spec('2026-01-02-001-ok', ['type: documentation', 'status: completed', 'tracks:', '  - src/**', 'completed_at: 2026-01-02T00:00:00Z']);
    r.spec('2026-01-02-002-bad', ['type: documentation', 'status: completed', 'tracks:', '  - lib/**', 'commits:', `  - ${first.slice(0, 8)}`, 'completed_at: 2026-01-02T00:00:00Z']);
    r.commit('specs', '2026-01-02T00:00:00Z');
    r.append('src/a.py', 'x\n');
    r.commit('edit', '2026-01-03T00:00:00Z');
    // A git that fails on the bad spec's baseline (as a damaged object would).
    const real = new NodeGit();
    const git = Object.assign(Object.create(real) as NodeGit, {
      treeDiffs: async (repo: string, pairs: { from: string; to: string }[]) => {
        if (pairs.some((p) => p.from === first)) throw new Error('fatal: bad object');
        return real.treeDiffs(repo, pairs);
      },
      dispose: () => real.dispose(),
    });
    const { find } = await check(r.dir, git);
    assert.equal(find('2026-01-02-001-ok').state, 'drifted');
    const bad = find('2026-01-02-002-bad');
    assert.equal(bad.state, 'unknown');
    assert.match(bad.reason ?? '', /bad object/);
  });
});
