// The spec index over an in-memory file system: project discovery (monorepos, multi-root,
// depth, skipped folders, symlink loops), loading, and change batches with one event each and
// a final state equal to a fresh index of the same files.

import assert from 'node:assert/strict';
import { SpecIndex, describeBlockReason, type IndexChange } from '../../src/core/specIndex';
import { discoverProjects, DEFAULT_DISCOVERY } from '../../src/core/projectDiscovery';
import { MemoryFileSystem } from './helpers/memoryFs';
import { DEFAULT_LINT_CONFIG } from '../../src/core/projectConfig';

const spec = (yaml: string, title = 'Title', body = '') => `---\n${yaml}\n---\n\n# ${title}\n${body}`;
const config = (name?: string) => (name ? `---\nproject:\n  name: ${name}\n---\n# Config\n` : '---\n---\n# Config\n');

async function indexOf(fs: MemoryFileSystem, folders: string[], discovery = {}): Promise<{ index: SpecIndex; events: IndexChange[] }> {
  const index = new SpecIndex(fs, { discovery });
  const events: IndexChange[] = [];
  await index.setFolders(folders);
  fs.takeChanges();
  index.onDidChange((e) => events.push(e));
  return { index, events };
}

/** After any batch, the index must equal one built from scratch over the same files. */
async function assertLikeFresh(index: SpecIndex, fs: MemoryFileSystem, folders: string[]): Promise<void> {
  const fresh = new SpecIndex(fs);
  await fresh.setFolders(folders);
  assert.deepEqual(index.projects(), fresh.projects());
  assert.deepEqual(index.summaries(), fresh.summaries());
}

const ids = (index: SpecIndex, root?: string) => (root ? index.specsOf(root) : index.all()).map((s) => s.id).sort();

describe('SpecIndex', () => {
  describe('discovery', () => {
    it('finds every package of a monorepo, not the folder without .chant', async () => {
      const fs = new MemoryFileSystem()
        .write('/ws/package.json', '{}')
        .write('/ws/packages/a/.chant/config.md', config('alpha'))
        .write('/ws/packages/a/.chant/specs/A1.md', spec('status: pending'))
        .write('/ws/packages/b/.chant/specs/B1.md', spec('status: completed'))
        .write('/ws/packages/c/src/index.ts', '');
      const { index } = await indexOf(fs, ['/ws']);
      assert.deepEqual(index.projects(), [{ root: '/ws/packages/a', name: 'alpha' }, { root: '/ws/packages/b', name: 'b' }]);
      assert.deepEqual(ids(index, '/ws/packages/a'), ['A1']);
      assert.deepEqual(ids(index, '/ws/packages/b'), ['B1']);
      assert.deepEqual(index.watchedDirectories(), ['/ws/packages/a/.chant', '/ws/packages/b/.chant']);
      assert.equal(index.rootOf('/ws/packages/a/.chant/specs/A1.md'), '/ws/packages/a');
      assert.equal(index.rootOf('/ws/package.json'), undefined);
    });

    it('finds a project at the folder itself and nested ones below it', async () => {
      const fs = new MemoryFileSystem()
        .write('/ws/.chant/specs/TOP.md', spec(''))
        .write('/ws/tools/x/.chant/specs/X.md', spec(''));
      const { index } = await indexOf(fs, ['/ws']);
      assert.deepEqual(index.projects().map((p) => p.root), ['/ws', '/ws/tools/x']);
      assert.equal(index.rootOf('/ws/tools/x/.chant/specs/X.md'), '/ws/tools/x', 'the longest root wins');
      assert.deepEqual(ids(index, '/ws'), ['TOP']);
    });

    it('indexes several workspace folders (multi-root)', async () => {
      const fs = new MemoryFileSystem()
        .write('/one/.chant/specs/A.md', spec(''))
        .write('/two/.chant/archive/2026-01-01/B.md', spec('status: completed'))
        .write('/three/readme.md', '');
      const { index } = await indexOf(fs, ['/one', '/two', '/three']);
      assert.deepEqual(index.projects().map((p) => p.root), ['/one', '/two']);
      assert.deepEqual(ids(index), ['A', 'B']);
    });

    it('a .chant folder needs specs/, archive/ or config.md', async () => {
      const fs = new MemoryFileSystem().write('/ws/.chant/logs/x.log', '').write('/ws/.chant/agents.md', '');
      assert.deepEqual(await discoverProjects(fs, '/ws'), []);
    });

    it('stops at the depth limit', async () => {
      const fs = new MemoryFileSystem().write('/ws/.chant/specs/A.md', '').write('/ws/packages/a/.chant/specs/B.md', '');
      const at = (maxDepth: number) => discoverProjects(fs, '/ws', { ...DEFAULT_DISCOVERY, maxDepth });
      assert.deepEqual(await at(0), ['/ws']);
      assert.deepEqual(await at(1), ['/ws']);
      assert.deepEqual(await at(2), ['/ws', '/ws/packages/a']);
    });

    it('never enters node_modules, .git or other hidden folders', async () => {
      const fs = new MemoryFileSystem()
        .write('/ws/node_modules/lib/.chant/specs/N.md', '')
        .write('/ws/.git/x/.chant/specs/G.md', '')
        .write('/ws/.hidden/.chant/specs/H.md', '')
        .write('/ws/app/.chant/specs/A.md', '');
      assert.deepEqual(await discoverProjects(fs, '/ws'), ['/ws/app']);
    });

    it('survives symlink loops, self links and broken links in the tree', async () => {
      const fs = new MemoryFileSystem()
        .write('/ws/packages/a/.chant/specs/A.md', spec(''))
        .symlink('/ws/packages/loop', '/ws')
        .symlink('/ws/packages/up', '..')
        .symlink('/ws/packages/self', 'self')
        .symlink('/ws/packages/broken', '/nowhere')
        .symlink('/ws/packages/a/again', '../a');
      const { index } = await indexOf(fs, ['/ws'], { maxDepth: 12 });
      assert.deepEqual(index.projects().map((p) => p.root), ['/ws/packages/a']);
      assert.deepEqual(ids(index), ['A']);
    });

    it('a symlinked package is indexed once', async () => {
      const fs = new MemoryFileSystem()
        .write('/ws/real/pkg/.chant/specs/A.md', spec(''))
        .symlink('/ws/one', '/ws/real/pkg')
        .symlink('/ws/two', '/ws/real/pkg');
      const { index } = await indexOf(fs, ['/ws']);
      assert.equal(index.projects().length, 1);
      assert.deepEqual(ids(index), ['A']);
    });

    it('a package linked from outside the folder is not indexed (nothing outside is listed)', async () => {
      const fs = new MemoryFileSystem()
        .write('/elsewhere/pkg/.chant/specs/A.md', spec(''))
        .write('/ws/own/.chant/specs/B.md', spec(''))
        .symlink('/ws/linked', '/elsewhere/pkg');
      const { index } = await indexOf(fs, ['/ws']);
      assert.deepEqual(index.projects().map((p) => p.root), ['/ws/own']);
      assert.deepEqual(ids(index), ['B']);
    });
  });

  describe('loading', () => {
    it('loads specs (with subfolders) and the archive; ignores temp, status and non-markdown files', async () => {
      const fs = new MemoryFileSystem().writeAll('/ws/.chant', {
        'config.md': config('shop'),
        'specs/A.md': spec('status: pending'),
        'specs/sub/B.md': spec('status: completed'),
        'specs/C.md.tmp': spec('status: pending'),
        'specs/.chant-status-A.json': '{"status":"working"}',
        'specs/notes.txt': 'x',
        'archive/2026-01-01/D.md': spec('status: completed'),
        'archive/E.md': spec('status: cancelled'),
        'logs/A.log': '# Agent Log: A',
        'prompts/standard.md': '# Prompt',
      });
      const { index } = await indexOf(fs, ['/ws']);
      assert.deepEqual(ids(index), ['A', 'B', 'D', 'E']);
      assert.deepEqual(index.all().filter((s) => s.archived).map((s) => s.id).sort(), ['D', 'E']);
      assert.equal(index.byPath('/ws/.chant/specs/sub/B.md')?.status, 'completed');
      assert.equal(index.byId('/ws', 'D')?.archived, true);
    });

    it('byId prefers the active spec over an archived copy', async () => {
      const fs = new MemoryFileSystem()
        .write('/ws/.chant/specs/A.md', spec('status: pending'))
        .write('/ws/.chant/archive/2026-01-01/A.md', spec('status: completed'));
      const { index } = await indexOf(fs, ['/ws']);
      assert.equal(index.byId('/ws', 'A')?.archived, false);
      const archived = index.byPath('/ws/.chant/archive/2026-01-01/A.md')!;
      assert.ok(index.problemsOf(archived).some((p) => p.code === 'duplicate-id'));
    });

    it('shows broken, looping and unreadable spec files as errors, and loops in specs/ do not hang', async () => {
      const fs = new MemoryFileSystem()
        .write('/ws/.chant/specs/A.md', spec(''))
        .write('/ws/.chant/specs/sub/B.md', spec(''))
        .symlink('/ws/.chant/specs/sub/up', '..')
        .symlink('/ws/.chant/specs/alias', 'sub')
        .symlink('/ws/.chant/specs/self.md', 'self.md')
        .symlink('/ws/.chant/specs/broken.md', 'gone.md')
        .mkdir('/ws/.chant/specs/folder.md');
      const { index } = await indexOf(fs, ['/ws']);
      assert.deepEqual(ids(index), ['A', 'B', 'broken', 'self']);
      for (const id of ['broken', 'self']) {
        const s = index.byId('/ws', id)!;
        assert.equal(s.loadable, false);
        assert.equal(index.relationsOf(s).status, 'invalid');
        assert.deepEqual(s.problems.map((p) => p.code), ['unreadable']);
      }
    });

    it('names a project from config.md\'s frontmatter, else after its folder', async () => {
      const fs = new MemoryFileSystem()
        .write('/ws/a/.chant/config.md', config('alpha'))
        .write('/ws/b/.chant/config.md', '---\nproject:\n  name: "Beta Shop"  # quoted\n---\n')
        .write('/ws/c/.chant/config.md', '---\r\ndefaults:\r\n  prompt: standard\r\nproject:\r\n  silent: true\r\n  name: gamma\r\n---\r\n')
        .write('/ws/d/.chant/config.md', '---\nproject: {name: delta}\n---\n')
        .write('/ws/e/.chant/config.md', '---\ndefaults:\n  prompt: standard\n---\n# Config\n\nExample:\n\nproject:\n  name: not-this-one\n')
        .write('/ws/f/.chant/specs/F.md', spec(''))
        .write('/ws/g/.chant/config.md', '---\nproject:\n  name: [broken\n---\n')
        .write('/ws/h/.chant/config.md', `---\nproject:\n  name: ${'['.repeat(5000)}\n---\n`);
      const { index } = await indexOf(fs, ['/ws']);
      assert.deepEqual(index.projects().map((p) => p.name), ['alpha', 'Beta Shop', 'gamma', 'delta', 'e', 'f', 'g', 'h']);
    });

    it('reads lint settings from the same config.md, and again when it changes', async () => {
      const fs = new MemoryFileSystem()
        .write('/ws/a/.chant/config.md', '---\nproject:\n  name: alpha\nlint:\n  disable: []\n  thresholds:\n    complexity_criteria: 3\nenterprise:\n  required: [labels]\n---\n')
        .write('/ws/b/.chant/specs/B.md', spec(''));
      const { index } = await indexOf(fs, ['/ws']);
      const a = index.lintConfigOf('/ws/a');
      assert.equal(index.projects()[0].name, 'alpha');
      assert.deepEqual([...a.disabled], []);
      assert.equal(a.thresholds.complexityCriteria, 3);
      assert.deepEqual(a.required, ['labels']);
      assert.deepEqual(index.lintConfigOf('/ws/b'), DEFAULT_LINT_CONFIG, 'no config.md: chant\'s defaults');
      fs.write('/ws/a/.chant/config.md', '---\nproject:\n  name: alpha2\n---\n');
      await index.applyChanges(fs.takeChanges());
      assert.equal(index.projects()[0].name, 'alpha2');
      assert.deepEqual(index.lintConfigOf('/ws/a'), DEFAULT_LINT_CONFIG);
    });

    it('summaries carry derived status, reasons and 1-based problem positions', async () => {
      const fs = new MemoryFileSystem().writeAll('/ws/.chant/specs', {
        'A.md': spec('status: pending\ndepends_on: [B, NOPE]', 'Alpha', '\n## Acceptance Criteria\n- [x] a\n- [ ] b\n'),
        'B.md': spec('status: in_progress'),
        'C.md': '---\nstatus: done\n---\n# C\n',
        'X.1.md': spec(''),
      });
      const { index } = await indexOf(fs, ['/ws']);
      const byId = new Map(index.summaries().map((s) => [s.id, s]));
      const a = byId.get('A')!;
      assert.equal(a.title, 'Alpha');
      assert.equal(a.status, 'blocked');
      assert.equal(a.rawStatus, 'pending');
      assert.equal(a.ready, false);
      assert.deepEqual(a.dependsOn, ['B', 'NOPE']);
      assert.deepEqual(a.blockedBy, ['depends on B (in_progress)', 'depends on NOPE (missing)']);
      assert.deepEqual(a.criteria, { checked: 1, total: 2 });
      const c = byId.get('C')!;
      assert.equal(c.status, 'invalid');
      assert.equal(c.title, 'C');
      const unknown = c.problems.find((p) => p.code === 'unknown-status')!;
      assert.deepEqual([unknown.line, unknown.column], [2, 9]);
      const orphan = byId.get('X.1')!;
      assert.equal(orphan.driver, null);
      assert.ok(orphan.problems.some((p) => p.code === 'orphan'));
      assert.deepEqual(index.summaries().map((s) => s.id), ['A', 'B', 'C', 'X.1']);
    });

    it('describes every kind of reason in one line', () => {
      assert.equal(describeBlockReason({ kind: 'driver-dependency', driver: 'D', id: 'E', state: 'archived' }), 'driver D depends on E (archived)');
      assert.equal(describeBlockReason({ kind: 'approval', status: 'rejected' }), 'approval rejected');
      assert.equal(describeBlockReason({ kind: 'sibling', id: 'D.1', state: 'unfinished', status: 'failed' }), 'earlier member D.1 is failed');
      assert.equal(describeBlockReason({ kind: 'cycle', cycle: ['A', 'B'] }), 'dependency cycle: A → B → A');
      assert.match(describeBlockReason({ kind: 'lint', rule: 'title', message: 'no title' }), /^chant lint \(title\)/);
    });
  });

  describe('applyChanges', () => {
    const base = () => new MemoryFileSystem().writeAll('/ws/.chant', {
      'config.md': config('shop'),
      'specs/A.md': spec('status: pending\ndepends_on: [B]'),
      'specs/B.md': spec('status: in_progress'),
      'specs/sub/C.md': spec('status: pending'),
      'specs/sub/D.md': spec('status: pending'),
      'archive/2026-01-01/OLD.md': spec('status: completed'),
    });

    it('a new spec: one event, and relations follow', async () => {
      const fs = base();
      const { index, events } = await indexOf(fs, ['/ws']);
      fs.write('/ws/.chant/specs/E.md', spec('status: pending\ndepends_on: [A]'));
      await index.applyChanges(fs.takeChanges());
      assert.equal(events.length, 1);
      assert.deepEqual(events[0].changed, ['/ws/.chant/specs/E.md']);
      assert.deepEqual(events[0].removed, []);
      assert.equal(index.relationsOf(index.byId('/ws', 'E')!).status, 'blocked');
      assert.deepEqual(index.relationsOf(index.byId('/ws', 'A')!).dependents, ['E']);
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('a spec added with a config change resolves by its ID while the relations are rebuilt, as soon as it is listed', async () => {
      const fs = base();
      // Looks at the index at every file system call and every turn of the event loop while the
      // batch is applied: a listed spec must resolve by its ID at each of them.
      let listed = 0;
      let listedNotResolved = 0;
      let probing = false;
      const probe = () => {
        if (!probing || !index.specsOf('/ws').some((x) => x.id === 'E')) return;
        listed++;
        if (!index.byId('/ws', 'E')) listedNotResolved++;
      };
      const spied = new Proxy(fs, {
        get(target, key) {
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? (...args: unknown[]) => (probe(), (value as (...a: unknown[]) => unknown).apply(target, args)) : value;
        },
      });
      const index = new SpecIndex(spied);
      await index.setFolders(['/ws']);
      fs.takeChanges();
      fs.write('/ws/.chant/config.md', config('renamed'));
      fs.write('/ws/.chant/specs/E.md', spec('status: pending'));
      probing = true;
      let done = false;
      const applied = index.applyChanges(fs.takeChanges()).finally(() => { done = true; });
      while (!done) {
        probe();
        await new Promise((r) => setImmediate(r));
      }
      await applied;
      probing = false;
      assert.ok(listed > 0, 'E was listed during the batch');
      assert.equal(listedNotResolved, 0, `listed but not found by its ID ${listedNotResolved} of ${listed} times`);
      assert.equal(index.byId('/ws', 'E')?.id, 'E');
      assert.equal(index.byId('/ws', 'OLD')?.archived, true, 'archived specs still resolve');
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('a changed spec re-derives the specs depending on it, re-reading only that file', async () => {
      const fs = base();
      const { index, events } = await indexOf(fs, ['/ws']);
      assert.equal(index.relationsOf(index.byId('/ws', 'A')!).status, 'blocked');
      fs.reads.clear();
      fs.write('/ws/.chant/specs/B.md', spec('status: completed'));
      await index.applyChanges(fs.takeChanges());
      assert.equal(events.length, 1);
      assert.deepEqual([...fs.reads.keys()], ['/ws/.chant/specs/B.md']);
      assert.equal(index.relationsOf(index.byId('/ws', 'A')!).status, 'pending');
      assert.equal(index.relationsOf(index.byId('/ws', 'A')!).ready, true);
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('a deleted spec: removed, and its dependents blocked as missing', async () => {
      const fs = base();
      const { index, events } = await indexOf(fs, ['/ws']);
      fs.remove('/ws/.chant/specs/B.md');
      await index.applyChanges(fs.takeChanges());
      assert.deepEqual(events.map((e) => e.removed), [['/ws/.chant/specs/B.md']]);
      assert.equal(index.byId('/ws', 'B'), undefined);
      assert.deepEqual(index.summary(index.byId('/ws', 'A')!).blockedBy, ['depends on B (missing)']);
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('a rename is a delete and a create', async () => {
      const fs = base();
      const { index, events } = await indexOf(fs, ['/ws']);
      fs.rename('/ws/.chant/specs/B.md', '/ws/.chant/specs/B2.md');
      await index.applyChanges(fs.takeChanges());
      assert.equal(events.length, 1);
      assert.deepEqual(events[0].removed, ['/ws/.chant/specs/B.md']);
      assert.deepEqual(events[0].changed, ['/ws/.chant/specs/B2.md']);
      assert.equal(index.byId('/ws', 'B2')?.status, 'in_progress');
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('chant\'s atomic write (ID.md.tmp, then rename over ID.md) is one change of ID.md', async () => {
      const fs = base();
      const { index, events } = await indexOf(fs, ['/ws']);
      fs.write('/ws/.chant/specs/B.md.tmp', spec('status: completed', 'Title', '\nsaved by chant\n'));
      fs.rename('/ws/.chant/specs/B.md.tmp', '/ws/.chant/specs/B.md');
      await index.applyChanges(fs.takeChanges());
      assert.equal(events.length, 1);
      assert.deepEqual(events[0].changed, ['/ws/.chant/specs/B.md']);
      assert.deepEqual(events[0].removed, []);
      assert.ok(!index.all().some((s) => s.path.endsWith('.tmp')));
      assert.equal(index.byId('/ws', 'B')?.status, 'completed');
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('a burst of 500 file changes (a git checkout) is one event with the final state exact', async () => {
      const fs = base();
      const { index, events } = await indexOf(fs, ['/ws']);
      for (let i = 0; i < 400; i++) {
        const deps = i > 0 ? `depends_on: [N${i - 1}]` : 'depends_on: [B]';
        fs.write(`/ws/.chant/specs/N${i}.md`, spec(`status: ${i % 3 === 0 ? 'completed' : 'pending'}\n${deps}`));
      }
      for (let i = 0; i < 50; i++) fs.write(`/ws/.chant/specs/N${i}.md`, spec('status: completed'));
      for (let i = 350; i < 400; i++) fs.remove(`/ws/.chant/specs/N${i}.md`);
      fs.write('/ws/.chant/specs/B.md', spec('status: completed'));
      fs.remove('/ws/.chant/specs/sub/C.md');
      const changes = fs.takeChanges();
      assert.equal(changes.length, 502);
      await index.applyChanges(changes);
      assert.equal(events.length, 1);
      assert.equal(events[0].removed.length, 1, 'only C was indexed before; N350…N399 came and went');
      assert.equal(index.specsOf('/ws').filter((s) => s.id.startsWith('N')).length, 350);
      assert.equal(index.relationsOf(index.byId('/ws', 'N50')!).ready, true);
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('deleting a whole specs subfolder removes its specs (per-file events or only the folder)', async () => {
      for (const onlyFolder of [false, true]) {
        const fs = base();
        const { index, events } = await indexOf(fs, ['/ws']);
        fs.remove('/ws/.chant/specs/sub');
        const changes = fs.takeChanges();
        await index.applyChanges(onlyFolder ? changes.filter((c) => c.path === '/ws/.chant/specs/sub') : changes);
        assert.equal(events.length, 1);
        assert.deepEqual(events[0].removed.sort(), ['/ws/.chant/specs/sub/C.md', '/ws/.chant/specs/sub/D.md']);
        assert.deepEqual(ids(index), ['A', 'B', 'OLD']);
        await assertLikeFresh(index, fs, ['/ws']);
      }
    });

    it('deleting .chant/specs itself removes every active spec, even when only the folder is reported', async () => {
      const fs = base();
      const { index } = await indexOf(fs, ['/ws']);
      fs.remove('/ws/.chant/specs');
      await index.applyChanges(fs.takeChanges().filter((c) => c.path === '/ws/.chant/specs'));
      assert.deepEqual(ids(index), ['OLD']);
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('a new .chant project appearing is discovered, in one event', async () => {
      const fs = new MemoryFileSystem().write('/ws/packages/a/.chant/specs/A.md', spec(''));
      const { index, events } = await indexOf(fs, ['/ws']);
      fs.write('/ws/packages/b/.chant/config.md', config('bee')).write('/ws/packages/b/.chant/specs/B.md', spec(''));
      await index.applyChanges(fs.takeChanges());
      assert.equal(events.length, 1);
      assert.equal(events[0].projectsChanged, true);
      assert.deepEqual(index.projects(), [{ root: '/ws/packages/a', name: 'a' }, { root: '/ws/packages/b', name: 'bee' }]);
      assert.deepEqual(ids(index), ['A', 'B']);
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('a project whose .chant folder is deleted disappears', async () => {
      const fs = new MemoryFileSystem().write('/ws/a/.chant/specs/A.md', spec('')).write('/ws/b/.chant/specs/B.md', spec(''));
      const { index, events } = await indexOf(fs, ['/ws']);
      fs.remove('/ws/b/.chant');
      await index.applyChanges(fs.takeChanges());
      assert.equal(events.length, 1);
      assert.equal(events[0].projectsChanged, true);
      assert.deepEqual(index.projects().map((p) => p.root), ['/ws/a']);
      assert.deepEqual(ids(index), ['A']);
      await assertLikeFresh(index, fs, ['/ws']);
    });

    it('a config.md change renames the project', async () => {
      const fs = base();
      const { index, events } = await indexOf(fs, ['/ws']);
      fs.write('/ws/.chant/config.md', config('store'));
      await index.applyChanges(fs.takeChanges());
      assert.equal(events.length, 1);
      assert.equal(events[0].projectsChanged, false);
      assert.deepEqual(index.projects(), [{ root: '/ws', name: 'store' }]);
    });

    it('locks, pids and logs are reported as other changes without touching specs', async () => {
      const fs = base();
      const { index, events } = await indexOf(fs, ['/ws']);
      fs.reads.clear();
      fs.write('/ws/.chant/.locks/A.lock', '123').write('/ws/.chant/logs/A.log', 'line');
      await index.applyChanges(fs.takeChanges());
      assert.equal(events.length, 1);
      assert.deepEqual(events[0].changed, []);
      assert.deepEqual(events[0].other.map((c) => c.path), ['/ws/.chant/.locks/A.lock', '/ws/.chant/logs/A.log']);
      assert.equal(fs.reads.size, 0);
    });

    it('changes outside any .chant folder, or only to temp files, fire nothing', async () => {
      const fs = base();
      const { index, events } = await indexOf(fs, ['/ws']);
      fs.write('/ws/src/app.ts', '').write('/ws/.chant/specs/Z.md.tmp', '');
      await index.applyChanges(fs.takeChanges());
      await index.applyChanges([]);
      assert.equal(events.length, 0);
    });

    it('a spec turning binary or into a looping or broken link stays visible as an error, as a full scan shows it', async () => {
      const fs = base();
      const { index } = await indexOf(fs, ['/ws']);
      fs.write('/ws/.chant/specs/B.md', new Uint8Array([0, 1, 2, 3]));
      fs.remove('/ws/.chant/specs/sub/C.md').symlink('/ws/.chant/specs/sub/C.md', 'C.md');
      fs.remove('/ws/.chant/specs/sub/D.md').symlink('/ws/.chant/specs/sub/D.md', 'gone.md');
      await index.applyChanges(fs.takeChanges());
      assert.deepEqual(index.byId('/ws', 'B')?.problems.map((p) => p.code), ['binary']);
      assert.deepEqual(index.byId('/ws', 'C')?.problems.map((p) => p.code), ['unreadable']);
      assert.deepEqual(index.byId('/ws', 'D')?.problems.map((p) => p.code), ['unreadable']);
      await assertLikeFresh(index, fs, ['/ws']);
    });
  });
});
