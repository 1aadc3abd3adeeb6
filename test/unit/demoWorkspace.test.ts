// The demo workspace `npm start` opens (tools/demo/make-demo-workspace.mjs): generated into a
// temp folder, read with the same index the extension uses, and its git history checked with
// git itself. It must show what the demo promises: drift, a driver with parallel members, every
// status, one spec chant cannot load, and the same result on every run.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpecIndex } from '../../src/core/specIndex';
import type { DerivedStatus, Spec } from '../../src/core/model';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';

// out/test/unit/ → repository root
const ROOT = path.resolve(__dirname, '../../..');
const GENERATOR = path.join(ROOT, 'tools/demo/make-demo-workspace.mjs');

const DOC = '2026-01-28-001-doc';
const RESEARCH = '2026-01-27-001-cpl';
const DRIVER = '2026-01-29-001-rpt';
const BROKEN = '2026-01-26-003-drk';

function generate(dir: string): string {
  return execFileSync(process.execPath, [GENERATOR, dir], { encoding: 'utf8' }).trim();
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' } }).trim();
}

/** Every `.md` file under a folder, found without the index (to check the index against). */
function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.md'));
}

describe('demo workspace (tools/demo/make-demo-workspace.mjs)', function () {
  this.timeout(120_000);
  let tmp: string;
  let ws: string;
  let index: SpecIndex;
  const spec = (id: string): Spec => {
    const found = index.byId(ws, id);
    assert.ok(found, `spec ${id} not indexed`);
    return found;
  };

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-demo-test-'));
    ws = path.join(tmp, 'demo-shop');
    assert.equal(generate(ws), ws, 'the generator prints the workspace path');
  });
  before(async () => {
    index = new SpecIndex(nodeFileSystem);
    await index.setFolders([ws]);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is one Chant project named demo-shop, as a clean git repository on main', () => {
    assert.deepEqual(index.projects().map((p) => [p.root, p.name]), [[ws, 'demo-shop']]);
    assert.equal(git(ws, 'rev-parse', '--abbrev-ref', 'HEAD'), 'main');
    assert.equal(git(ws, 'status', '--porcelain'), '', 'everything committed (agent logs are ignored)');
    assert.ok(fs.existsSync(path.join(ws, '.chant/logs', `${DOC}.log`)), 'agent logs exist');
    const pythonFiles = fs.readdirSync(path.join(ws, 'src'), { recursive: true }).map(String).filter((f) => f.endsWith('.py'));
    assert.ok(pythonFiles.length >= 30, `a few dozen source files, got ${pythonFiles.length}`);
  });

  it('has 43 active and 2 archived specs, all of them indexed', () => {
    const active = markdownFiles(path.join(ws, '.chant/specs'));
    const archived = markdownFiles(path.join(ws, '.chant/archive'));
    assert.equal(active.length, 43);
    assert.equal(archived.length, 2);
    assert.ok(archived.every((f) => f.startsWith('2026-01-19/')), `archived under the ID's date: ${archived}`);
    const specs = index.specsOf(ws);
    assert.equal(specs.length, 45);
    assert.equal(specs.filter((s) => s.archived).length, 2);
  });

  it('covers every status a user meets, and ready specs', () => {
    const summaries = index.summaries();
    const statuses = new Set(summaries.map((s) => s.status));
    const wanted: DerivedStatus[] = ['pending', 'blocked', 'in_progress', 'paused', 'completed', 'failed', 'needs_attention', 'cancelled', 'invalid'];
    for (const status of wanted) {
      assert.ok(statuses.has(status), `no spec with status ${status}; got ${[...statuses]}`);
    }
    assert.ok(summaries.filter((s) => s.ready).length >= 10, 'several ready specs');
    const reasons = summaries.flatMap((s) => s.blockedBy);
    assert.ok(reasons.includes('awaiting approval'), 'one spec needs approval');
    assert.ok(reasons.includes('approval rejected'), 'one approval was rejected');
    assert.ok(reasons.some((r) => r.startsWith('depends on') && r.endsWith('(failed)')), 'one spec waits on a failed one');
  });

  it('has one spec chant cannot load (status: done), shown as invalid with the line', () => {
    const broken = spec(BROKEN);
    assert.equal(broken.loadable, false);
    assert.equal(broken.rawStatus, 'done');
    assert.equal(index.relationsOf(broken).status, 'invalid');
    const lines = fs.readFileSync(broken.path, 'utf8').split('\n');
    const problem = broken.problems.find((p) => p.severity === 'error');
    assert.ok(problem, 'an error problem');
    assert.match(lines[problem.range.start.line], /^status: done$/, 'the problem points at the status line');
    assert.equal(index.summaries().filter((s) => s.status === 'invalid').length, 1, 'only one broken spec');
  });

  it('has the reporting-extraction driver with members .1 .2 .3 ready in parallel and .4 after them', () => {
    const driver = spec(DRIVER);
    assert.equal(driver.type, 'driver');
    const rel = index.relationsOf(driver);
    const members = [1, 2, 3, 4].map((n) => `${DRIVER}.${n}`);
    assert.deepEqual(rel.members, members);
    assert.deepEqual(driver.members.map((m) => m.value), members, 'the members: list agrees with the files');
    for (const id of members.slice(0, 3)) {
      const m = spec(id);
      assert.equal(m.status, 'pending');
      assert.ok(m.hasDependsOnKey && m.dependsOn.length === 0, `${id} has depends_on: [] (no sibling order)`);
      assert.equal(index.relationsOf(m).ready, true, `${id} is ready`);
    }
    const last = spec(members[3]);
    assert.deepEqual(last.dependsOn.map((d) => d.value), members.slice(0, 3));
    assert.equal(index.relationsOf(last).status, 'blocked');
    // The driver's own dependency (the coupling research) is met.
    assert.deepEqual(driver.dependsOn.map((d) => d.value), [RESEARCH]);
    assert.equal(spec(RESEARCH).status, 'completed');
  });

  it('has an architecture documentation spec whose tracked files changed after its completion commit', () => {
    const doc = spec(DOC);
    assert.equal(doc.title, 'Document system architecture');
    assert.equal(doc.type, 'documentation');
    assert.equal(doc.status, 'completed');
    assert.equal(doc.completedAt, '2026-01-28T11:20:00Z');
    const tracks = doc.tracks.map((t) => t.value);
    assert.ok(tracks.includes('src/{auth,users,billing,reporting,notifications}/**/*.py'), 'the brace glob of the seed');
    assert.ok(tracks.includes('src/auth/**/*.py'), 'plain per-module globs');

    // `commits:` names the real commit that completed it.
    assert.equal(doc.commits.length, 1);
    const sha = git(ws, 'rev-parse', '--verify', `${doc.commits[0]}^{commit}`);
    assert.match(git(ws, 'log', '-1', '--format=%s', sha), new RegExp(`^chant\\(${DOC}\\): `));
    assert.ok(Date.parse(git(ws, 'log', '-1', '--format=%cI', sha)) <= Date.parse(doc.completedAt!));

    // Later commits changed tracked files: +45 −12 on src/auth/routes.py among them.
    const numstat = new Map(git(ws, 'diff', '--numstat', sha, 'HEAD', '--', 'src/auth', 'src/users', 'src/billing', 'src/reporting', 'src/notifications')
      .split('\n').map((l) => l.split('\t')).map(([add, del, file]) => [file, `+${add} -${del}`]));
    assert.equal(numstat.get('src/auth/routes.py'), '+45 -12');
    assert.ok(numstat.has('src/billing/invoice.py'), 'billing/invoice.py changed');
    assert.ok(numstat.has('src/auth/google.py'), 'a tracked file was added');
    const later = git(ws, 'log', '--format=%cI', `${sha}..HEAD`, '--', 'src/auth/routes.py').split('\n');
    assert.ok(later.every((d) => Date.parse(d) > Date.parse(doc.completedAt!)), 'the change is after completed_at');
  });

  it('has a completed coupling research spec whose origin changed after it completed', () => {
    const research = spec(RESEARCH);
    assert.equal(research.type, 'research');
    assert.equal(research.status, 'completed');
    assert.deepEqual(research.informedBy.map((v) => v.value), ['docs/architecture.md', 'src/reporting/**/*.py']);
    assert.deepEqual(research.origin.map((v) => v.value), ['src/billing/**/*.py']);
    const sha = git(ws, 'rev-parse', '--verify', `${research.commits[0]}^{commit}`);
    assert.notEqual(git(ws, 'diff', '--name-only', sha, 'HEAD', '--', 'src/billing'), '');
  });

  it('is the same repository on every run (fixed dates and authors)', () => {
    const again = path.join(tmp, 'again');
    generate(again);
    assert.equal(git(again, 'rev-parse', 'HEAD'), git(ws, 'rev-parse', 'HEAD'));
    assert.equal(git(again, 'rev-parse', `chant/2026-01-21-004-zq1`), git(ws, 'rev-parse', `chant/2026-01-21-004-zq1`));
  });

  it('refuses a folder that is not empty', () => {
    assert.throws(() => execFileSync(process.execPath, [GENERATOR, ws], { stdio: 'pipe' }), /not empty/);
  });
});
