// Which copy of an in-progress spec chant loads (src/core/branchCopies.ts) and how the index's
// relations follow it: the spec itself, its dependents, its later siblings and its driver, as
// chant 0.23.2 answers `list --ready`, `list --status`, `show` and `work` (the differential suite
// checks the same against the real CLI on generated workspaces).

import assert from 'node:assert/strict';
import { BranchCopies, chantLoadedCopy, readBranchCopies } from '../../src/core/branchCopies';
import { chantListFilters, workAccepts } from '../../src/core/relations';
import { parseSpecText, MAX_SPEC_BYTES } from '../../src/core/spec';
import { SpecIndex, type IndexChange } from '../../src/core/specIndex';
import { MemoryFileSystem } from './helpers/memoryFs';

const A = '2026-01-10-001-aaa';
const B = '2026-01-10-002-bbb';
const C = '2026-01-10-004-ccc';
const DRV = '2026-01-10-003-drv';
const text = (status: string, title: string, extra = '') => `---\ntype: code\nstatus: ${status}\n${extra}---\n\n# ${title}\n\n## Acceptance Criteria\n\n- [x] one\n`;
const dependsOn = (id: string) => `depends_on:\n  - ${id}\n`;
const path = (id: string) => `/p/.chant/specs/${id}.md`;
const bytes = (t: string) => new TextEncoder().encode(t);

async function project(files: Record<string, string>): Promise<{ index: SpecIndex; fs: MemoryFileSystem; events: IndexChange[] }> {
  const fs = new MemoryFileSystem().write('/p/.chant/config.md', '---\nproject:\n  name: p\n---\n');
  for (const [id, t] of Object.entries(files)) fs.write(path(id), t);
  const index = new SpecIndex(fs);
  await index.setFolders(['/p']);
  fs.takeChanges();
  const events: IndexChange[] = [];
  index.onDidChange((e) => events.push(e));
  return { index, fs, events };
}

/** What the index says of `id`, as chant's commands ask it. */
function verdict(index: SpecIndex, id: string) {
  const spec = index.byId('/p', id)!;
  const rel = index.relationsOf(spec);
  const listed = chantListFilters(rel);
  return { status: rel.status, ready: listed.ready, blocked: listed.status.blocked, work: workAccepts(spec, rel).accepted };
}

describe('chantLoadedCopy: which copy of a spec chant loads', () => {
  const onDisk = (status: string, extra = '') => parseSpecText({ path: path(A), root: '/p', archived: false }, text(status, 'On main', extra));
  const copy = (t: string, at = path(A)) => parseSpecText({ path: at, root: '/p', archived: false }, t);

  it('the run branch\'s copy, whole, for a spec in progress on disk', () => {
    const main = onDisk('in_progress');
    const branch = copy(text('completed', 'On the branch', dependsOn(C)));
    const loaded = chantLoadedCopy(main, branch);
    assert.equal(loaded, branch);
    assert.deepEqual([loaded.status, loaded.title, loaded.dependsOn.map((d) => d.value)], ['completed', 'On the branch', [C]]);
  });

  it('the working-tree file otherwise: no copy, a copy chant cannot parse, a spec not in progress, archived or unloadable on disk', () => {
    const main = onDisk('in_progress');
    assert.equal(chantLoadedCopy(main, undefined), main, 'no branch, or no file on it');
    assert.equal(chantLoadedCopy(main, copy(text('garbage', 'Bad'))), main, 'chant falls back to the working tree');
    assert.equal(chantLoadedCopy(main, copy('---\nstatus: [unclosed\n---\n# A\n')), main);
    assert.equal(chantLoadedCopy(main, copy(text('completed', 'Elsewhere'), path(B))), main, 'another file\'s copy');
    const pending = onDisk('pending');
    assert.equal(chantLoadedCopy(pending, copy(text('completed', 'Done'))), pending, 'chant reads branches for in_progress only');
    const archived = parseSpecText({ path: `/p/.chant/archive/2026-01-10/${A}.md`, root: '/p', archived: true }, text('in_progress', 'Old'));
    assert.equal(chantLoadedCopy(archived, copy(text('completed', 'Done'), archived.path)), archived);
    const broken = onDisk('in-progress');
    assert.equal(broken.loadable, false);
    assert.equal(chantLoadedCopy(broken, copy(text('completed', 'Done'))), broken);
  });

  it('BranchCopies parses a copy once per content, says when what chant loads changed, and caps its size like spec files', () => {
    const copies = new BranchCopies();
    const main = onDisk('in_progress');
    assert.equal(copies.set(main, bytes(text('completed', 'Done'))), true);
    const first = copies.loaded(main);
    assert.equal(copies.set(main, bytes(text('completed', 'Done'))), false, 'same bytes');
    assert.equal(copies.loaded(main), first, 'not parsed again');
    assert.equal(copies.set(main, bytes(text('failed', 'Done'))), true);
    assert.equal(copies.set(main, undefined), true, 'the branch went');
    assert.equal(copies.loaded(main), main);
    const huge = new Uint8Array(MAX_SPEC_BYTES + 1).fill(0x20);
    assert.equal(copies.set(main, huge), false, 'too large to read: the working tree stands');
    assert.equal(copies.loaded(main), main);
  });
});

describe('readBranchCopies: what is read through git', () => {
  it('one read per in-progress spec, on the branch it names or chant/ID, nothing for others', async () => {
    const { index } = await project({
      [A]: text('in_progress', 'Spec A'),
      [B]: text('in_progress', 'Spec B', 'branch: feature/b\n'),
      [C]: text('in_progress', 'Spec C', 'branch: "-x"\n'),
      [DRV]: text('pending', 'Not in progress'),
      '2026-01-10-005-eee': text('in_progress', 'Failing read'),
    });
    const asked: string[] = [];
    const entries = await readBranchCopies(index.all(), async (root, branch, file) => {
      asked.push(`${root} ${branch} ${file}`);
      if (branch.endsWith('eee')) throw new Error('git failed');
      return bytes(`${branch}:${file}`);
    });
    assert.deepEqual(asked.sort(), [
      `/p chant/${A} ./.chant/specs/${A}.md`, '/p chant/2026-01-10-005-eee ./.chant/specs/2026-01-10-005-eee.md', `/p feature/b ./.chant/specs/${B}.md`,
    ]);
    const got = new Map(entries.map((e) => [e.path, e.bytes && new TextDecoder().decode(e.bytes)]));
    assert.deepEqual([...got.keys()].sort(), [path(A), path(B), path(C), path('2026-01-10-005-eee')].sort());
    assert.equal(got.get(path(B)), `feature/b:./.chant/specs/${B}.md`);
    assert.equal(got.get(path(C)), undefined, 'a branch name git would read as an option is not read');
    assert.equal(got.get(path('2026-01-10-005-eee')), undefined, 'a failed read: the working tree stands');
  });

  it('with the branch list, reads only the specs whose run branch exists; lists each repository once', async () => {
    const { index } = await project({
      [A]: text('in_progress', 'Spec A'),
      [B]: text('in_progress', 'Spec B', 'branch: feature/b\n'),
      '2026-01-10-005-eee': text('in_progress', 'No branch'),
    });
    const asked: string[] = [];
    const listed: string[] = [];
    const entries = await readBranchCopies(index.all(), async (_root, branch) => {
      asked.push(branch);
      return bytes(branch);
    }, async (root) => {
      listed.push(root);
      return new Set([`chant/${A}`, 'feature/b', 'main']);
    });
    assert.deepEqual(asked.sort(), [`chant/${A}`, 'feature/b']);
    assert.deepEqual(listed, ['/p']);
    const got = new Map(entries.map((e) => [e.path, e.bytes && new TextDecoder().decode(e.bytes)]));
    assert.equal(got.get(path(A)), `chant/${A}`);
    assert.ok(got.has(path('2026-01-10-005-eee')), 'a spec without its branch is still answered');
    assert.equal(got.get(path('2026-01-10-005-eee')), undefined, 'with nothing: the working tree stands');
  });

  it('reads every spec when the branches cannot be listed', async () => {
    const { index } = await project({ [A]: text('in_progress', 'Spec A'), [B]: text('in_progress', 'Spec B') });
    for (const lister of [async () => undefined, async () => { throw new Error('git failed'); }]) {
      const asked: string[] = [];
      await readBranchCopies(index.all(), async (_root, branch) => {
        asked.push(branch);
        return undefined;
      }, lister);
      assert.equal(asked.length, 2);
    }
  });
});

describe('the index: readiness follows the copy chant loads', () => {
  it('a dependent of an in-progress spec is ready once the run branch\'s copy completes it, as `chant list --ready` says', async () => {
    const { index, events } = await project({ [A]: text('in_progress', 'Spec A'), [B]: text('pending', 'Spec B', dependsOn(A)) });
    assert.deepEqual(verdict(index, B), { status: 'blocked', ready: false, blocked: true, work: false });

    const change = index.setBranchCopies([{ path: path(A), bytes: bytes(text('completed', 'Spec A on branch')) }]);
    assert.deepEqual(change, { changed: [], removed: [], projectsChanged: false, other: [], branchCopies: [path(A)] });
    assert.deepEqual(events, [change], 'one event');
    assert.deepEqual(verdict(index, A), { status: 'completed', ready: false, blocked: false, work: false });
    assert.deepEqual(verdict(index, B), { status: 'pending', ready: true, blocked: false, work: true });
    assert.equal(index.branchCopyOf(index.byId('/p', A)!)?.title, 'Spec A on branch');
    // Everything else about A is still its working-tree file.
    const a = index.byId('/p', A)!;
    assert.equal(a.title, 'Spec A');
    assert.equal(a.rawStatus, 'in_progress');
    assert.deepEqual(index.summary(a).status, 'completed');

    assert.equal(index.setBranchCopies([{ path: path(A), bytes: bytes(text('completed', 'Spec A on branch')) }]), undefined, 'nothing new: no event');
    assert.equal(events.length, 1);

    index.setBranchCopies([{ path: path(A) }]);
    assert.deepEqual(verdict(index, B), { status: 'blocked', ready: false, blocked: true, work: false }, 'the branch went: main\'s copy again');
    assert.equal(index.branchCopyOf(index.byId('/p', A)!), undefined);
  });

  it('a failed, cancelled or unparseable copy: as chant lists and refuses them', async () => {
    const { index } = await project({ [A]: text('in_progress', 'Spec A'), [B]: text('pending', 'Spec B', dependsOn(A)) });
    index.setBranchCopies([{ path: path(A), bytes: bytes(text('failed', 'Spec A')) }]);
    assert.deepEqual(verdict(index, A), { status: 'failed', ready: true, blocked: false, work: true }, 'chant list --ready lists it, chant work retries it');
    assert.deepEqual(verdict(index, B), { status: 'blocked', ready: false, blocked: true, work: false });
    // chant show says pending (a cancelled dependency counts as done there), chant list --status
    // blocked lists it (cancelled specs are dropped first), chant work refuses it.
    index.setBranchCopies([{ path: path(A), bytes: bytes(text('cancelled', 'Spec A')) }]);
    assert.deepEqual(verdict(index, B), { status: 'pending', ready: false, blocked: true, work: false });
    index.setBranchCopies([{ path: path(A), bytes: bytes('---\nstatus: [unclosed\n---\n# A\n') }]);
    assert.deepEqual(verdict(index, A), { status: 'in_progress', ready: false, blocked: false, work: false });
    assert.deepEqual(verdict(index, B), { status: 'blocked', ready: false, blocked: true, work: false });
  });

  it('a driver member\'s copy: its later sibling and the spec depending on it follow', async () => {
    const { index } = await project({
      [DRV]: text('pending', 'Driver', 'type: driver\n').replace('type: code\n', ''),
      [`${DRV}.1`]: text('in_progress', 'Member one'),
      [`${DRV}.2`]: text('pending', 'Member two'),
      [B]: text('pending', 'Spec B', dependsOn(`${DRV}.1`)),
    });
    assert.equal(verdict(index, `${DRV}.2`).ready, false);
    index.setBranchCopies([{ path: path(`${DRV}.1`), bytes: bytes(text('completed', 'Member one')) }]);
    assert.deepEqual(verdict(index, `${DRV}.2`), { status: 'pending', ready: true, blocked: false, work: true });
    assert.deepEqual(verdict(index, B), { status: 'pending', ready: true, blocked: false, work: true });
    assert.deepEqual(index.relationsOf(index.byId('/p', DRV)!).memberProgress, { completed: 1, total: 2 });
    assert.equal(verdict(index, DRV).ready, false, 'a member is still pending');
  });

  it('the copy\'s own dependencies count: a dependency added on the branch blocks it and lists it among the dependents', async () => {
    const { index } = await project({ [A]: text('in_progress', 'Spec A'), [C]: text('pending', 'Spec C') });
    index.setBranchCopies([{ path: path(A), bytes: bytes(text('pending', 'Spec A', dependsOn(C))) }]);
    assert.deepEqual(verdict(index, A), { status: 'blocked', ready: false, blocked: true, work: false });
    assert.deepEqual(index.relationsOf(index.byId('/p', C)!).dependents, [A]);
  });

  it('the working-tree file decides whether the copy is read: edited out of in_progress, then back', async () => {
    const { index, fs } = await project({ [A]: text('in_progress', 'Spec A'), [B]: text('pending', 'Spec B', dependsOn(A)) });
    index.setBranchCopies([{ path: path(A), bytes: bytes(text('completed', 'Spec A')) }]);
    assert.equal(verdict(index, B).ready, true);
    fs.write(path(A), text('pending', 'Spec A'));
    await index.applyChanges(fs.takeChanges());
    assert.deepEqual(verdict(index, A).status, 'pending');
    assert.equal(verdict(index, B).ready, false);
    fs.write(path(A), text('in_progress', 'Spec A'));
    await index.applyChanges(fs.takeChanges());
    assert.equal(verdict(index, B).ready, true);
    // A full re-index keeps the copies of the files it finds again.
    await index.rediscover();
    assert.equal(verdict(index, B).ready, true);
    fs.remove(path(A));
    await index.applyChanges(fs.takeChanges());
    fs.write(path(A), text('in_progress', 'Spec A'));
    await index.applyChanges(fs.takeChanges());
    assert.equal(verdict(index, B).ready, false, 'a removed file takes its copy with it');
  });

  it('ignores copies of files it does not have, and of specs not in progress', async () => {
    const { index, events } = await project({ [A]: text('pending', 'Spec A'), [B]: text('pending', 'Spec B', dependsOn(A)) });
    assert.equal(index.setBranchCopies([{ path: path(C), bytes: bytes(text('completed', 'C')) }, { path: path(A), bytes: bytes(text('completed', 'A')) }]), undefined);
    assert.equal(events.length, 0);
    assert.equal(verdict(index, B).status, 'blocked');
  });
});
