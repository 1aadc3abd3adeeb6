// The drift engine against real temporary git repositories (fixed dates, local identity).
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DriftEngine, computeDrift } from '../../src/core/drift/engine';
import { isDrifted, type DriftFinding } from '../../src/core/drift/model';
import { driftSummary } from '../../src/core/drift/messages';
import { acknowledge, ackKey, currentAck, undoAcknowledge, type AckState } from '../../src/core/drift/acks';
import { SpecIndex } from '../../src/core/specIndex';
import type { Spec } from '../../src/core/model';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { NodeGit } from '../../src/node/git';
import { TempRepo, lines } from './helpers/gitRepo';

const DOC = '2026-01-28-001-doc';

/** The project's spec index (drift reads its specs and which file wins for an ID from it). */
async function specsOf(dir: string): Promise<SpecIndex> {
  const index = new SpecIndex(nodeFileSystem);
  await index.setFolders([dir]);
  return index;
}

async function drift(dir: string, options: ConstructorParameters<typeof DriftEngine>[1] = {}) {
  const git = new NodeGit();
  const engine = new DriftEngine({ git, fs: nodeFileSystem }, options);
  const specs = await specsOf(dir);
  await engine.checkAll(specs);
  return { engine, git, specs, find: (id: string) => engine.findings().find((f) => f.specId === id) };
}

function byPath(f: DriftFinding | undefined) {
  return Object.fromEntries((f?.files ?? []).map((x) => [x.path, x]));
}

describe('drift engine (real git repositories)', function () {
  this.timeout(60_000);
  const repos: TempRepo[] = [];
  const make = (name: string, git = true) => {
    const r = TempRepo.create(name, { git });
    repos.push(r);
    return r;
  };
  after(() => {
    for (const r of repos) r.dispose();
  });

  /** A repo where `src/` exists at day 1, the doc spec completed on day 2 (completed_at only). */
  function baseRepo(name: string, trackLines: string[] = ['  - src/auth/**/*.py']): TempRepo {
    const r = make(name);
    r.write('src/auth/routes.py', lines(20, 'route'));
    r.write('src/auth/models.py', lines(10, 'model'));
    r.write('src/users/api.py', lines(5, 'api'));
    r.write('README.md', 'readme\n');
    r.commit('initial sources', '2026-01-27T10:00:00Z');
    r.spec(DOC, ['type: documentation', 'status: completed', 'tracks:', ...trackLines, 'completed_at: 2026-01-28T12:00:00Z']);
    r.commit('chant: docs', '2026-01-28T12:00:05Z');
    return r;
  }

  it('reports committed modifications, additions, deletions and renames with lines and commits', async () => {
    const r = baseRepo('committed');
    r.append('src/auth/routes.py', lines(3, 'new route'));
    const c1 = r.commit('Add routes', '2026-02-01T09:00:00Z');
    r.write('src/auth/tokens.py', lines(4, 'token'));
    r.remove('src/auth/models.py');
    const c2 = r.commit('Tokens instead of models', '2026-02-02T09:00:00Z');
    r.git('mv', 'src/auth/routes.py', 'src/auth/endpoints.py');
    r.commit('Rename routes', '2026-02-03T09:00:00Z');

    const { find } = await drift(r.dir);
    const f = find(DOC);
    assert.equal(f?.state, 'drifted');
    assert.equal(f?.baseline?.kind, 'git');
    assert.equal(f?.baseline?.source, 'completed_at');
    const files = byPath(f);
    assert.deepEqual(Object.keys(files).sort(), ['src/auth/endpoints.py', 'src/auth/models.py', 'src/auth/tokens.py']);
    assert.equal(files['src/auth/endpoints.py'].change, 'renamed');
    assert.equal(files['src/auth/endpoints.py'].previousPath, 'src/auth/routes.py');
    assert.equal(files['src/auth/endpoints.py'].insertions, 3);
    assert.equal(files['src/auth/endpoints.py'].deletions, 0);
    assert.deepEqual(files['src/auth/endpoints.py'].commits.map((c) => c.subject), ['Rename routes', 'Add routes']);
    assert.equal(files['src/auth/endpoints.py'].commits[1].sha, c1);
    assert.equal(files['src/auth/models.py'].change, 'deleted');
    assert.equal(files['src/auth/models.py'].deletions, 10);
    assert.equal(files['src/auth/tokens.py'].change, 'added');
    assert.equal(files['src/auth/tokens.py'].insertions, 4);
    assert.equal(files['src/auth/tokens.py'].commits[0].sha, c2);
    assert.equal(Date.parse(files['src/auth/tokens.py'].commits[0].date), Date.parse('2026-02-02T09:00:00Z'));
    assert.equal(f?.insertions, 7);
    assert.equal(f?.deletions, 10);
    assert.equal(driftSummary(f!), '3 files (+7 −10)');
    // Files the patterns do not match are not reported.
    assert.ok(!('src/users/api.py' in files));
  });

  it('finds the same drift when the project is opened through a symbolic link', async () => {
    // git names the top level by its real path; the specs are read under the link's path.
    const r = baseRepo('linked');
    r.append('src/auth/routes.py', lines(2, 'new route'));
    r.commit('Add routes', '2026-02-01T09:00:00Z');
    const link = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-link-')), 'project');
    fs.symlinkSync(r.dir, link, 'dir');
    try {
      const direct = (await drift(r.dir)).find(DOC);
      const viaLink = (await drift(link)).find(DOC);
      assert.equal(direct?.state, 'drifted');
      assert.equal(viaLink?.state, 'drifted');
      assert.deepEqual(Object.keys(byPath(viaLink)), Object.keys(byPath(direct)));
    } finally {
      fs.rmSync(path.dirname(link), { recursive: true, force: true });
    }
  });

  it('reports uncommitted edits, staged files and untracked files, but not ignored ones', async () => {
    const r = baseRepo('uncommitted');
    r.write('.gitignore', 'src/auth/*.log\n');
    r.commit('ignore logs', '2026-01-29T00:00:00Z');
    r.append('src/auth/routes.py', lines(2, 'wip'));
    r.write('src/auth/session.py', lines(6, 'session'));
    r.write('src/auth/staged.py', lines(1, 'staged'));
    r.git('add', 'src/auth/staged.py');
    r.write('src/auth/debug.log', 'ignored\n');

    const { find } = await drift(r.dir);
    const files = byPath(find(DOC));
    assert.deepEqual(Object.keys(files).sort(), ['src/auth/routes.py', 'src/auth/session.py', 'src/auth/staged.py']);
    assert.equal(files['src/auth/routes.py'].change, 'modified');
    assert.equal(files['src/auth/routes.py'].insertions, 2);
    assert.equal(files['src/auth/routes.py'].uncommitted, true);
    assert.deepEqual(files['src/auth/routes.py'].commits, []);
    assert.equal(files['src/auth/session.py'].change, 'added');
    assert.equal(files['src/auth/session.py'].insertions, 6);
    assert.equal(files['src/auth/staged.py'].change, 'added');
  });

  it('shows no drift in a fresh clone, where every file time is new', async () => {
    const r = baseRepo('origin');
    const cloneDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-drift-clone-')));
    repos.push(TempRepo.at(cloneDir));
    r.git('clone', '-q', r.dir, cloneDir);
    // Every checked-out file is newer than completed_at: chant's mtime check would flag them all.
    const stat = fs.statSync(path.join(cloneDir, 'src/auth/routes.py'));
    assert.ok(stat.mtimeMs > Date.parse('2026-01-28T12:00:00Z'), 'precondition: checkout times are after completed_at');
    const { find } = await drift(cloneDir);
    const f = find(DOC);
    assert.equal(f?.state, 'clean');
    assert.deepEqual(f?.files, []);
  });

  it('treats a modification reverted in the work tree as no drift', async () => {
    const r = baseRepo('reverted');
    r.append('src/auth/routes.py', 'x\n');
    r.commit('change', '2026-02-01T00:00:00Z');
    r.write('src/auth/routes.py', lines(20, 'route')); // back to the baseline content, uncommitted
    const { find } = await drift(r.dir);
    assert.equal(find(DOC)?.state, 'clean');
  });

  it('expands brace globs and says chant does not', async () => {
    const r = baseRepo('braces', ['  - src/{auth,users}/**/*.py']);
    r.append('src/users/api.py', 'more\n');
    r.append('src/auth/models.py', 'more\n');
    r.commit('both', '2026-02-01T00:00:00Z');
    const { find } = await drift(r.dir);
    const f = find(DOC)!;
    assert.deepEqual(f.files.map((x) => x.path), ['src/auth/models.py', 'src/users/api.py']);
    assert.deepEqual(f.patterns[0].notes.map((n) => n.kind), ['braces']);
    assert.match(f.patterns[0].notes[0].message, /does not expand/);
    assert.deepEqual(f.patterns[0].changed, ['src/auth/models.py', 'src/users/api.py']);
  });

  it('treats a directory entry as everything below it and says chant ignores directories', async () => {
    const r = baseRepo('directory', ['  - src/users', '  - docs/missing/**']);
    r.write('src/users/deep/new.py', lines(2));
    r.commit('new user module', '2026-02-01T00:00:00Z');
    const { find } = await drift(r.dir);
    const f = find(DOC)!;
    assert.deepEqual(f.files.map((x) => `${x.change} ${x.path}`), ['added src/users/deep/new.py']);
    assert.deepEqual(f.patterns[0].notes.map((n) => n.kind), ['directory']);
    assert.deepEqual(f.patterns[1].notes.map((n) => n.kind), ['no-match']);
  });

  it('uses the last commits: SHA as baseline before completed_at', async () => {
    const r = make('commits-baseline');
    r.write('src/a.py', lines(3));
    r.write('src/b.py', lines(3));
    r.commit('start', '2026-01-01T00:00:00Z');
    r.append('src/a.py', 'agent edit\n');
    const agent = r.commit('chant(2026-01-10-001-abc): work', '2026-01-10T00:00:00Z');
    r.append('src/b.py', 'later edit\n');
    r.commit('later', '2026-01-20T00:00:00Z');
    // Both specs completed on the 25th; one names the agent commit, the other relies on the date.
    r.spec('2026-01-10-001-abc', ['type: documentation', 'status: completed', 'tracks:', '  - src/*.py', 'commits:', `  - ${agent.slice(0, 7)}`, 'completed_at: 2026-01-25T00:00:00Z']);
    r.spec('2026-01-10-002-def', ['type: documentation', 'status: completed', 'tracks:', '  - src/*.py', 'completed_at: 2026-01-15T00:00:00Z']);
    r.commit('specs', '2026-01-26T00:00:00Z');
    const { find } = await drift(r.dir);
    const byCommits = find('2026-01-10-001-abc')!;
    assert.equal(byCommits.baseline?.source, 'commits');
    assert.equal(byCommits.baseline?.commit, agent);
    assert.deepEqual(byCommits.files.map((x) => x.path), ['src/b.py']);
    const byDate = find('2026-01-10-002-def')!;
    assert.equal(byDate.baseline?.source, 'completed_at');
    assert.equal(byDate.baseline?.commit, agent, 'the last commit at or before the 15th is the agent commit of the 10th');
    assert.deepEqual(byDate.files.map((x) => x.path), ['src/b.py']);
  });

  it('falls back to completed_at when the commits: SHA is not in the repository', async () => {
    const r = baseRepo('missing-sha');
    r.spec('2026-01-28-002-gone', ['type: research', 'status: completed', 'origin:', '  - src/users/**', 'commits:', '  - deadbee', 'completed_at: 2026-01-28T12:00:00Z']);
    r.append('src/users/api.py', 'x\n');
    r.commit('users', '2026-02-01T00:00:00Z');
    const { find } = await drift(r.dir);
    const f = find('2026-01-28-002-gone')!;
    assert.equal(f.baseline?.source, 'completed_at');
    assert.match(f.baseline?.note ?? '', /deadbee/);
    assert.deepEqual(f.files.map((x) => x.path), ['src/users/api.py']);
  });

  it('reports unknown drift without completed_at, with a bad completed_at, and before the first commit', async () => {
    const r = baseRepo('unknown');
    r.spec('2026-01-28-003-nodate', ['type: documentation', 'status: completed', 'tracks:', '  - src/**']);
    r.spec('2026-01-28-004-baddate', ['type: documentation', 'status: completed', 'tracks:', '  - src/**', 'completed_at: yesterday']);
    r.spec('2026-01-28-005-early', ['type: documentation', 'status: completed', 'tracks:', '  - src/**', 'completed_at: 2020-01-01T00:00:00Z']);
    r.commit('more specs', '2026-01-29T00:00:00Z');
    const { find } = await drift(r.dir);
    assert.equal(find('2026-01-28-003-nodate')?.state, 'unknown');
    assert.match(find('2026-01-28-003-nodate')?.reason ?? '', /no completed_at/);
    assert.match(find('2026-01-28-004-baddate')?.reason ?? '', /RFC 3339/);
    assert.match(find('2026-01-28-005-early')?.reason ?? '', /no commit .* at or before/);
  });

  it('reports unknown (shallow clone) when the baseline is outside a shallow history', async () => {
    const r = baseRepo('shallow-origin');
    r.append('src/auth/routes.py', 'x\n');
    r.commit('after', '2026-02-01T00:00:00Z');
    const shallowDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-drift-shallow-')));
    repos.push(TempRepo.at(shallowDir));
    r.git('clone', '-q', '--depth', '1', `file://${r.dir}`, shallowDir);
    const { find } = await drift(shallowDir);
    const f = find(DOC)!;
    assert.equal(f.state, 'unknown');
    assert.match(f.reason ?? '', /^shallow clone/);
    // The same repository with full history does drift.
    assert.equal((await drift(r.dir)).find(DOC)?.state, 'drifted');
  });

  it('falls back to modification times outside git, labelled as such', async () => {
    const r = make('no-git', false);
    r.write('src/a.py', 'a\n');
    r.write('src/b.py', 'b\n');
    r.spec(DOC, ['type: documentation', 'status: completed', 'tracks:', '  - src', 'completed_at: 2026-01-28T12:00:00Z']);
    fs.utimesSync(r.path('src/a.py'), new Date('2026-01-20T00:00:00Z'), new Date('2026-01-20T00:00:00Z'));
    fs.utimesSync(r.path('src/b.py'), new Date('2026-02-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'));
    const { find } = await drift(r.dir);
    const f = find(DOC)!;
    assert.equal(f.state, 'drifted');
    assert.equal(f.baseline?.kind, 'mtime');
    assert.match(f.baseline?.note ?? '', /not a git repository/);
    assert.deepEqual(f.files.map((x) => x.path), ['src/b.py']);
  });

  it('acknowledges the current state and undoes it', async () => {
    const r = baseRepo('ack');
    r.append('src/auth/routes.py', 'x\n');
    const head = r.commit('change', '2026-02-01T00:00:00Z');
    let state: AckState = {};
    const options = { acknowledgement: (s: Spec) => currentAck(state, ackKey(s.root, s.id)) };
    const specs = await specsOf(r.dir);
    const engine = new DriftEngine({ git: new NodeGit(), fs: nodeFileSystem }, options);
    await engine.checkAll(specs);
    const doc = specs.all().find((s) => s.id === DOC)!;
    assert.equal(engine.finding(doc.path)?.state, 'drifted');

    state = acknowledge(state, ackKey(doc.root, DOC), { commit: head, date: '2026-02-02T00:00:00Z' });
    let update = await engine.updateSpecs(specs, [doc.path]);
    assert.deepEqual(update.changed, [doc.path]);
    assert.equal(engine.finding(doc.path)?.state, 'clean');
    assert.equal(engine.finding(doc.path)?.baseline?.source, 'acknowledged');
    assert.equal(engine.finding(doc.path)?.baseline?.commit, head);

    // A change after the acknowledgement drifts again, from the acknowledged commit.
    r.append('src/auth/models.py', 'y\n');
    await engine.filesChanged([r.path('src/auth/models.py')]);
    assert.deepEqual(engine.finding(doc.path)?.files.map((f) => f.path), ['src/auth/models.py']);

    state = undoAcknowledge(state, ackKey(doc.root, DOC));
    update = await engine.updateSpecs(specs, [doc.path]);
    assert.deepEqual(engine.finding(doc.path)?.files.map((f) => f.path), ['src/auth/models.py', 'src/auth/routes.py']);
    assert.equal(engine.finding(doc.path)?.baseline?.source, 'completed_at');
  });

  it('rolls drift up to drivers', async () => {
    const r = baseRepo('drivers');
    r.spec('2026-01-28-010-drv', ['type: driver', 'status: in_progress']);
    r.spec('2026-01-28-010-drv.1', ['type: documentation', 'status: completed', 'tracks:', '  - src/users/*.py', 'completed_at: 2026-01-28T12:00:00Z']);
    r.spec('2026-01-28-010-drv.2', ['type: documentation', 'status: completed', 'tracks:', '  - README.md', 'completed_at: 2026-01-28T12:00:00Z']);
    r.commit('driver', '2026-01-28T13:00:00Z');
    let { find } = await drift(r.dir);
    assert.equal(isDrifted(find('2026-01-28-010-drv')), false);
    r.append('src/users/api.py', 'x\n');
    r.commit('users', '2026-02-01T00:00:00Z');
    ({ find } = await drift(r.dir));
    const driver = find('2026-01-28-010-drv')!;
    assert.equal(driver.state, 'none');
    assert.deepEqual(driver.driftedMembers, ['2026-01-28-010-drv.1']);
    assert.equal(isDrifted(driver), true);
    assert.equal(driftSummary(driver), '1 member drifted');
    assert.equal(find('2026-01-28-010-drv.2')?.state, 'clean');
  });

  it('re-checks only the specs tracking a saved file, with a bounded number of git calls', async () => {
    const r = baseRepo('incremental');
    for (let k = 0; k < 30; k++) {
      r.spec(`2026-01-28-1${String(k).padStart(2, '0')}-zzz`, ['type: documentation', 'status: completed', 'tracks:', `  - other/m${k}/**`, 'completed_at: 2026-01-28T13:00:00Z']);
      r.write(`other/m${k}/x.txt`, 'x\n');
    }
    r.commit('many specs', '2026-01-28T12:30:00Z');
    const git = new NodeGit();
    const engine = new DriftEngine({ git, fs: nodeFileSystem });
    const specs = await specsOf(r.dir);
    await engine.checkAll(specs);
    assert.ok(git.calls <= 8, `a full check of 31 specs with two baselines took ${git.calls} git calls`);
    assert.equal(engine.findings().filter((f) => f.state === 'drifted').length, 0);

    const doc = specs.all().find((s) => s.id === DOC)!;
    assert.deepEqual(engine.specsTracking(r.path('src/auth/routes.py')), [doc.path]);
    assert.deepEqual(engine.specsTracking(r.path('src/users/api.py')), []);
    assert.equal(engine.specsTracking(r.path('other/m7/x.txt')).length, 1);

    r.append('src/auth/routes.py', lines(2, 'saved'));
    const before = git.calls;
    const update = await engine.filesChanged([r.path('src/auth/routes.py')]);
    assert.equal(update.checked, 1, 'only the spec tracking the file is evaluated');
    assert.deepEqual(update.changed, [doc.path]);
    // At most: the repository's content settings (once), the cat-file process start (once), one diff.
    assert.ok(git.calls - before <= 3, `one save took ${git.calls - before} git calls`);
    const file = engine.changesForFile(r.path('src/auth/routes.py'));
    assert.equal(file.length, 1);
    assert.equal(file[0].file.insertions, 2);
    assert.equal(file[0].file.uncommitted, true);

    // A deletion and a new untracked file reported by the watcher.
    r.remove('src/auth/models.py');
    r.write('src/auth/fresh.py', lines(3));
    await engine.filesChanged([r.path('src/auth/models.py'), r.path('src/auth/fresh.py')]);
    assert.deepEqual(engine.finding(doc.path)?.files.map((f) => `${f.change} ${f.path} +${f.insertions} −${f.deletions}`), [
      'added src/auth/fresh.py +3 −0', 'deleted src/auth/models.py +0 −10', 'modified src/auth/routes.py +2 −0',
    ]);

    // A file nobody tracks costs nothing.
    const quiet = git.calls;
    r.append('src/users/api.py', 'x\n');
    assert.deepEqual((await engine.filesChanged([r.path('src/users/api.py')])).changed, []);
    assert.equal(git.calls, quiet);
  });

  it('computes drift for a monorepo project below the repository root', async () => {
    const r = make('monorepo');
    r.write('packages/app/src/main.ts', lines(3));
    r.write('packages/app/.chant/config.md', '---\nproject:\n  name: app\n---\n');
    r.write(`packages/app/.chant/specs/${DOC}.md`, `---\ntype: documentation\nstatus: completed\ntracks:\n  - src/**\ncompleted_at: 2026-01-28T12:00:00Z\n---\n# Doc\n`);
    r.commit('app', '2026-01-27T00:00:00Z');
    r.append('packages/app/src/main.ts', 'x\n');
    r.commit('edit', '2026-02-01T00:00:00Z');
    const findings = await computeDrift(await specsOf(r.dir), { git: new NodeGit(), fs: nodeFileSystem });
    const f = findings.find((x) => x.specId === DOC)!;
    assert.equal(f.root, `${r.dir}/packages/app`);
    assert.deepEqual(f.files.map((x) => [x.path, x.repoPath]), [['src/main.ts', 'packages/app/src/main.ts']]);
  });

  it('gives after a sequence of saves and spec edits the same findings as a fresh full check', async () => {
    const r = baseRepo('saves-vs-full', ['  - src/auth/**/*.py', '  - docs/*.md']);
    r.spec('2026-01-28-002-code', ['type: code', 'status: completed', 'tracks:', '  - src/**', 'completed_at: 2026-01-28T12:00:00Z']);
    r.spec('2026-01-28-003-api', ['type: documentation', 'status: completed', 'tracks:', '  - src/users', '  - src/auth/routes.py', 'completed_at: 2026-01-28T12:00:00Z']);
    r.commit('more specs', '2026-01-28T12:00:10Z');
    // Committed drift since the baselines: a modification, a rename and a deletion.
    r.append('src/auth/routes.py', lines(3, 'committed'));
    r.git('mv', 'src/users/api.py', 'src/users/service.py');
    r.remove('src/auth/models.py');
    r.commit('refactor', '2026-02-01T00:00:00Z');

    const engine = new DriftEngine({ git: new NodeGit(), fs: nodeFileSystem });
    let specs = await specsOf(r.dir);
    await engine.checkAll(specs);
    // The tracked-file lens's lookup too: kept in step with each save, not rebuilt.
    const sources = ['src/auth/routes.py', 'src/auth/models.py', 'src/users/service.py', 'src/users/api.py', 'docs/guide.md'];
    const lensOf = (e: DriftEngine) => sources.map((x) => e.changesForFile(r.path(x)).map((c) => `${x} ${c.finding.specId} ${c.file.change} +${c.file.insertions}`));
    const same = async (step: string) => {
      const fresh = new DriftEngine({ git: new NodeGit(), fs: nodeFileSystem });
      await fresh.checkAll(specs);
      assert.equal(JSON.stringify(engine.findings()), JSON.stringify(fresh.findings()), `after ${step}`);
      assert.deepEqual(lensOf(engine), lensOf(fresh), `tracked files after ${step}`);
    };
    await same('the first check');
    assert.equal(engine.findings().find((f) => f.specId === DOC)?.patterns[1].notes[0]?.kind, 'no-match');

    const save = async (step: string, ...rels: string[]) => {
      await engine.filesChanged(rels.map((x) => r.path(x)));
      await same(step);
    };
    r.append('src/auth/routes.py', lines(2, 'saved'));
    await save('a save of a file with committed drift', 'src/auth/routes.py');
    r.append('src/auth/routes.py', 'again\n');
    await save('a second save of it', 'src/auth/routes.py');
    r.git('checkout', '--', 'src/auth/routes.py');
    await save('reverting the save', 'src/auth/routes.py');
    r.write('docs/guide.md', lines(4, 'doc'));
    await save('a new file matching a pattern that matched nothing', 'docs/guide.md');
    r.write('src/auth/models.py', lines(10, 'model'));
    await save('a committed deletion restored in the work tree', 'src/auth/models.py');
    r.append('src/users/service.py', 'x\n');
    r.git('add', 'src/users/service.py');
    await save('a staged edit of a renamed file', 'src/users/service.py');
    r.remove('docs/guide.md');
    await save('the new file deleted again', 'docs/guide.md');

    // A spec's patterns edited in between: its committed matches are not reused.
    const api = specs.all().find((s) => s.id === '2026-01-28-003-api')!;
    r.spec('2026-01-28-003-api', ['type: documentation', 'status: completed', 'tracks:', '  - src/auth/**', 'completed_at: 2026-01-28T12:00:00Z']);
    specs = await specsOf(r.dir);
    await engine.updateSpecs(specs, [api.path]);
    await same('a spec edit');
    r.append('src/auth/routes.py', 'after the edit\n');
    await save('a save after the spec edit', 'src/auth/routes.py');
    assert.equal(engine.findings().find((f) => f.specId === '2026-01-28-003-api')?.files.some((f) => f.path === 'src/auth/models.py'), true);
  });

  it('compares a saved tracked file with its blobs without asking git for status or diff, except where git may convert content', async function () {
    const r = baseRepo('save-in-process');
    r.append('src/auth/routes.py', lines(3, 'committed'));
    r.commit('committed drift', '2026-02-01T00:00:00Z');
    const commands: string[] = [];
    const git = new NodeGit({ onCall: (args) => commands.push(args[0]) });
    const info = await git.repoInfo(r.dir);
    if ((await git.contentSettings(info!)).convertsContent) this.skip(); // this machine's own git attributes or autocrlf apply
    const engine = new DriftEngine({ git, fs: nodeFileSystem });
    const specs = await specsOf(r.dir);
    commands.length = 0;
    await engine.checkAll(specs);
    const doc = specs.all().find((s) => s.id === DOC)!;
    // The tracked-file lens's lookup too: kept in step with each save, not rebuilt.
    const sources = ['src/auth/routes.py', 'src/auth/models.py', 'src/users/service.py', 'src/users/api.py', 'docs/guide.md'];
    const lensOf = (e: DriftEngine) => sources.map((x) => e.changesForFile(r.path(x)).map((c) => `${x} ${c.finding.specId} ${c.file.change} +${c.file.insertions}`));
    const same = async (step: string) => {
      const fresh = new DriftEngine({ git: new NodeGit(), fs: nodeFileSystem });
      await fresh.checkAll(specs);
      assert.equal(JSON.stringify(engine.findings()), JSON.stringify(fresh.findings()), `after ${step}`);
      assert.deepEqual(lensOf(engine), lensOf(fresh), `tracked files after ${step}`);
    };
    const save = async (rel: string) => {
      commands.length = 0;
      const calls = git.calls;
      await engine.filesChanged([r.path(rel)]);
      return { commands: [...commands], calls: git.calls - calls };
    };
    const routes = () => byPath(engine.finding(doc.path))['src/auth/routes.py'];
    const original = fs.readFileSync(r.path('src/auth/routes.py'));

    // Once per repository state, git's content settings are read: by the check when it read
    // the history of several baselines, else by the first save.
    const readByCheck = commands.filter((c) => c === 'config').length;
    assert.ok(readByCheck <= 1, commands.join(' '));
    r.append('src/auth/routes.py', lines(2, 'saved'));
    let step = await save('src/auth/routes.py');
    // The batch process starts (counted, no command line); lines appended in one place are counted here.
    assert.deepEqual(step.commands, readByCheck ? [] : ['config']);
    assert.equal(step.calls, readByCheck ? 1 : 2);
    assert.deepEqual([routes().insertions, routes().deletions, routes().uncommitted], [5, 0, true]);
    await same('a first save');

    fs.writeFileSync(r.path('src/auth/routes.py'), lines(18, 'route') + 'rewritten\n');
    step = await save('src/auth/routes.py');
    assert.deepEqual(step.commands, [], 'the running cat-file answers; the end rewritten is one edit, counted here');
    assert.deepEqual([routes().insertions, routes().deletions], [1, 2]);
    await same('a rewrite');

    // Edits apart (the first line and the last): counted here as git's default diff counts them.
    const text = original.toString().split('\n');
    text[0] = 'first line changed';
    text[text.length - 2] = 'last line changed';
    fs.writeFileSync(r.path('src/auth/routes.py'), text.join('\n'));
    step = await save('src/auth/routes.py');
    assert.deepEqual(step.commands, [], 'edits apart: counted here (Myers, git\'s default)');
    assert.deepEqual([routes().insertions, routes().deletions], [4, 1], 'the first line changed, and the end (3 lines committed since the baseline) rewritten');
    await same('edits apart');


    fs.writeFileSync(r.path('src/auth/routes.py'), original);
    step = await save('src/auth/routes.py');
    assert.deepEqual(step, { commands: [], calls: 0 }, 'bytes equal to the staged blob: no git at all');
    assert.equal(routes().uncommitted, false);
    await same('restoring the committed content');

    fs.writeFileSync(r.path('src/auth/models.py'), Buffer.from([1, 0, 2, 10]));
    step = await save('src/auth/models.py');
    assert.deepEqual(step.commands, [], 'a NUL byte: binary, known here');
    assert.equal(byPath(engine.finding(doc.path))['src/auth/models.py'].binary, true);
    await same('a file turned binary');

    // A new file and a staged file are git's to judge.
    r.write('src/auth/fresh.py', lines(2));
    assert.deepEqual((await save('src/auth/fresh.py')).commands, ['status']);
    await same('a new untracked file');

    // Another diff algorithm (read again after a full check): edits apart are git's to count;
    // a big-file threshold, any count.
    // The settings are read once per full check: by the check itself or by the first save.
    const checkAll = async () => {
      commands.length = 0;
      await engine.checkAll(specs);
      return commands.includes('config') ? [] : ['config'];
    };
    r.git('config', 'diff.algorithm', 'histogram');
    let settingsRead = await checkAll();
    text[1] = 'second line changed';
    fs.writeFileSync(r.path('src/auth/routes.py'), text.join('\n'));
    assert.deepEqual((await save('src/auth/routes.py')).commands, [...settingsRead, 'diff'], 'histogram: git counts edits apart');
    await same('edits apart, histogram');
    r.append('src/auth/routes.py', 'appended\n');
    assert.deepEqual((await save('src/auth/routes.py')).commands, ['diff'], 'histogram: edits apart still');
    fs.writeFileSync(r.path('src/auth/routes.py'), Buffer.concat([original, Buffer.from('one edit\n')]));
    assert.deepEqual((await save('src/auth/routes.py')).commands, [], 'histogram: one edit in one place, counted here');
    await same('one edit, histogram');
    r.git('config', '--unset', 'diff.algorithm');
    r.git('config', 'core.bigFileThreshold', '1k');
    settingsRead = await checkAll();
    r.append('src/auth/routes.py', 'big file threshold\n');
    assert.deepEqual((await save('src/auth/routes.py')).commands, [...settingsRead, 'diff'], 'core.bigFileThreshold: git counts');
    await same('a save with core.bigFileThreshold');
    r.git('config', '--unset', 'core.bigFileThreshold');
    fs.writeFileSync(r.path('src/auth/routes.py'), original);
    await engine.checkAll(specs);

    // Attributes may convert content: from then on, saves ask git.
    r.write('.gitattributes', '*.py text eol=crlf\n');
    await engine.filesChanged([r.path('.gitattributes')]);
    r.append('src/auth/routes.py', 'after attributes\n');
    assert.deepEqual((await save('src/auth/routes.py')).commands, ['status', 'diff']);
    await same('a save once .gitattributes exists');

    // core.autocrlf, read again after a full check.
    r.remove('.gitattributes');
    r.git('config', 'core.autocrlf', 'true');
    settingsRead = await checkAll();
    r.append('src/auth/routes.py', 'with autocrlf\n');
    assert.deepEqual((await save('src/auth/routes.py')).commands, [...settingsRead, 'status', 'diff']);
    await same('a save with core.autocrlf');
    git.dispose();
  });

  it('reads the status of the folders the patterns can match only, and widens it when a spec tracks more', async () => {
    const r = baseRepo('scope', ['  - src/auth/**/*.py']);
    r.write('lib/vendor/big.js', lines(3));
    r.commit('vendor', '2026-01-27T11:00:00Z');
    r.append('src/auth/routes.py', 'dirty\n');
    r.append('lib/vendor/big.js', 'dirty\n');
    r.write('lib/new.js', 'untracked\n');
    const calls: string[][] = [];
    const git = new NodeGit({ onCall: (args) => calls.push(args) });
    const engine = new DriftEngine({ git, fs: nodeFileSystem });
    let specs = await specsOf(r.dir);
    await engine.checkAll(specs);
    const pathspecs = (c: string[]) => (c.includes('--') ? c.slice(c.indexOf('--') + 1).join(' ') : '');
    const statusCalls = () => calls.filter((c) => c[0] === 'status').map(pathspecs);
    assert.deepEqual(statusCalls(), ['src/auth']);
    assert.deepEqual(calls.filter((c) => c[0] === 'ls-files').map(pathspecs), ['src/auth']);
    assert.deepEqual(engine.finding(r.path(`.chant/specs/${DOC}.md`))?.files.map((f) => f.path), ['src/auth/routes.py']);

    // A spec now tracks lib/: only lib/ is read, and its changes count.
    calls.length = 0;
    r.spec('2026-01-28-002-lib', ['type: documentation', 'status: completed', 'tracks:', '  - lib/**', 'completed_at: 2026-01-28T12:00:00Z']);
    specs = await specsOf(r.dir);
    const lib = specs.all().find((s) => s.id === '2026-01-28-002-lib')!;
    await engine.updateSpecs(specs, [lib.path]);
    assert.deepEqual(statusCalls(), ['lib']);
    assert.deepEqual(engine.finding(lib.path)?.files.map((f) => `${f.change} ${f.path}`), ['added lib/new.js', 'modified lib/vendor/big.js']);
    assert.equal(JSON.stringify(engine.findings()), JSON.stringify(await computeDrift(specs, { git: new NodeGit(), fs: nodeFileSystem })));

    // A pattern over the whole project: one status of everything.
    calls.length = 0;
    r.spec('2026-01-28-003-all', ['type: documentation', 'status: completed', 'tracks:', '  - "**/*.md"', 'completed_at: 2026-01-28T12:00:00Z']);
    specs = await specsOf(r.dir);
    await engine.checkAll(specs);
    assert.deepEqual(statusCalls(), ['']);
    git.dispose();
  });

  it('lists a file once when it was untracked at one read and staged by the next, wider one', async () => {
    // The first read covers lib/new.js only and finds it untracked; no tracked file yet.
    const r = baseRepo('staged-between', ['  - lib/new.js']);
    r.write('lib/new.js', 'new\n');
    const engine = new DriftEngine({ git: new NodeGit(), fs: nodeFileSystem });
    let specs = await specsOf(r.dir);
    await engine.checkAll(specs);
    const notes = () => engine.finding(r.path(`.chant/specs/${DOC}.md`))?.patterns[0].notes.map((n) => n.kind);
    assert.deepEqual(notes(), []);

    // Staged, then a spec over the whole project widens the read: lib/new.js is tracked now.
    r.git('add', 'lib/new.js');
    r.spec('2026-01-28-003-all', ['type: documentation', 'status: completed', 'tracks:', '  - "**/*.md"', 'completed_at: 2026-01-28T12:00:00Z']);
    specs = await specsOf(r.dir);
    await engine.updateSpecs(specs, [specs.all().find((s) => s.id === '2026-01-28-003-all')!.path]);

    // Deleted from the work tree: the pattern matches nothing any more, as a fresh check says.
    r.remove('lib/new.js');
    await engine.filesChanged([r.path('lib/new.js')]);
    assert.deepEqual(notes(), ['no-match']);
    assert.equal(JSON.stringify(engine.findings()), JSON.stringify(await computeDrift(specs, { git: new NodeGit(), fs: nodeFileSystem })));
  });

  it('looks for .gitattributes above the folders it reads before comparing saves itself', async function () {
    const r = baseRepo('scope-attributes', ['  - src/auth/**/*.py']);
    r.write('.gitattributes', '*.py text eol=crlf\n');
    r.commit('attributes', '2026-01-27T11:00:00Z');
    const commands: string[] = [];
    const git = new NodeGit({ onCall: (args) => commands.push(args[0]) });
    if ((await git.contentSettings((await git.repoInfo(r.dir))!)).convertsContent) this.skip();
    const engine = new DriftEngine({ git, fs: nodeFileSystem });
    const specs = await specsOf(r.dir);
    await engine.checkAll(specs);
    r.append('src/auth/routes.py', 'saved\n');
    commands.length = 0;
    await engine.filesChanged([r.path('src/auth/routes.py')]);
    assert.deepEqual(commands, ['config', 'status', 'diff'], 'the root .gitattributes is outside the status read, yet found');
    assert.equal(JSON.stringify(engine.findings()), JSON.stringify(await computeDrift(specs, { git: new NodeGit(), fs: nodeFileSystem })));
    git.dispose();
  });

  it('gives the same findings when it lets the event loop run between its steps', async () => {
    const r = baseRepo('yields', ['  - src/auth/**/*.py', '  - src/users/**']);
    r.append('src/auth/routes.py', lines(2, 'committed'));
    r.commit('change', '2026-02-01T00:00:00Z');
    r.append('src/users/api.py', 'dirty\n');
    const specs = await specsOf(r.dir);
    let pauses = 0;
    const yielding = new DriftEngine({ git: new NodeGit(), fs: nodeFileSystem }, {
      yieldToEventLoop: () => {
        pauses++;
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    await yielding.checkAll(specs);
    assert.ok(pauses >= 5, `paused ${pauses} times`);
    assert.equal(JSON.stringify(yielding.findings()), JSON.stringify(await computeDrift(specs, { git: new NodeGit(), fs: nodeFileSystem })));
    assert.equal(yielding.findings().find((f) => f.specId === DOC)?.files.length, 2);
  });

  it('does not run git when not allowed (untrusted workspace)', async () => {
    const r = baseRepo('untrusted');
    const git = new NodeGit();
    const findings = await computeDrift(await specsOf(r.dir), { git, fs: nodeFileSystem }, { gitAllowed: false });
    assert.equal(git.calls, 0);
    assert.equal(findings.find((f) => f.specId === DOC)?.state, 'unknown');
  });
});
