// What chant said when it stopped (src/core/chantOutput.ts), read from output shaped like the real
// CLI's (0.23.2), and which lifecycle actions chant accepts per spec with their argv
// (src/core/lifecycle.ts). The integration suite `work` runs the same against the real chant.

import assert from 'node:assert/strict';
import { chantNextCommand, chantRefusal } from '../../src/core/chantOutput';
import { awaitingMerge, lifecycleActions, lifecycleArgs, specLogPath, unmergedSpecIds, type LifecycleFacts } from '../../src/core/lifecycle';
import type { Spec } from '../../src/core/model';
import { formatElapsed } from '../../src/core/explorerModel';
import { runBranchOf, worktreeSpecPath } from '../../src/core/lifecycle';
import { parseSpecText } from '../../src/core/spec';
import { SpecIndex } from '../../src/core/specIndex';
import { describeRow, shownTitle, statusGroupOf } from '../../src/core/explorerModel';
import { MemoryFileSystem } from './helpers/memoryFs';

const WARN = "Warning: parallel.agents configured but rotation_strategy is 'none' — agents will not be used.";

describe('chantRefusal', () => {
  it('reads the quality gate, with the first suggestion, and offers --skip-criteria', () => {
    const out = [WARN, '→ Validating spec A...', 'Suggestions:', '  • Add at least 1 acceptance criteria checkbox', '  • Use bullet points',
      'Error: Cannot proceed in non-interactive mode with quality issues.', 'Use --skip-criteria to bypass quality checks.', 'Error: Spec quality check failed'].join('\n');
    assert.deepEqual(chantRefusal(out), { kind: 'quality', reason: 'Spec quality check failed: Add at least 1 acceptance criteria checkbox', proceed: '--skip-criteria' });
  });

  it('reads lint errors with chant\'s finding and offers nothing, although chant\'s hint names --skip-deps', () => {
    const out = ['  ✗ S: Unknown dependency \'nope-1\'', 'Error: Spec S is blocked by dependencies', "  2. Use 'chant work S --skip-deps' to override dependency checks",
      "Error: Spec validation failed with 1 error(s). Fix the issues before running 'chant work'."].join('\n');
    const r = chantRefusal(out);
    assert.equal(r?.kind, 'lint');
    assert.equal(r?.proceed, undefined);
    assert.equal(r?.reason, "Unknown dependency 'nope-1' (Spec validation failed with 1 error(s).)");
  });

  it('offers --skip-deps for unfinished dependencies, --skip-approval for approval, nothing for a running spec', () => {
    assert.deepEqual(chantRefusal("Error: Spec 'S.2' is blocked by dependencies: S.1"), { kind: 'dependencies', reason: "Spec 'S.2' is blocked by dependencies: S.1", proceed: '--skip-deps' });
    assert.equal(chantRefusal("Error: Spec 'S' requires approval before work can begin. Use --skip-approval to bypass.")?.proceed, '--skip-approval');
    assert.deepEqual(chantRefusal("\u001b[31mError: Spec 'S' is already in progress.\u001b[0m\r\n"), { kind: 'running', reason: "Spec 'S' is already in progress." });
  });

  it('offers --force for an archive of an unmerged branch; the last Error line otherwise; nothing without one', () => {
    assert.equal(chantRefusal("Error: Cannot archive spec 'S': feature branch 'chant/S' has not been merged to main")?.proceed, '--force');
    assert.deepEqual(chantRefusal('Error: Agent exited with status: exit status: 3'), { kind: 'other', reason: 'Agent exited with status: exit status: 3' });
    assert.equal(chantRefusal('✓ Spec completed!\n'), undefined);
  });

  it('reads a merge stopped by conflicts in the spec file', () => {
    const out = '  ✗ S failed: Error: Content conflicts detected for spec S\n\nContext:\nError: Error: Merge stopped at spec S\n';
    assert.deepEqual(chantRefusal(out), { kind: 'conflict', reason: 'Content conflicts detected for spec S (git merge stopped; chant left main as it was)' });
  });

  it('names the files chant lists for a merge conflict, at most five', () => {
    // As chant 0.23.2 prints it when both main and chant/S changed the same lines of a file.
    const out = (files: string[]) => `→ Executing merges...\n  ✗ S failed: Error: Content conflicts detected for spec S\n\nContext:\n  - Branch: chant/S\n  - Target: main\n  - Conflict type: content\n\nFiles with conflicts:\n${files.map((f) => `  - ${f}\n`).join('')}\nNext steps:\n  1. Resolve conflicts manually, then:  git merge --continue\nError: Error: Merge stopped at spec S\n`;
    assert.equal(chantRefusal(out(['src/a.ts']))?.reason, 'Content conflicts detected for spec S in src/a.ts (git merge stopped; chant left main as it was)');
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((f) => `${f}.txt`);
    assert.equal(chantRefusal(out(many))?.reason, 'Content conflicts detected for spec S in a.txt, b.txt, c.txt, d.txt, e.txt and 2 more (git merge stopped; chant left main as it was)');
  });

  it('finds chant\'s next-step hint', () => {
    assert.equal(chantNextCommand("Found 2 commit(s)\nRun 'chant merge S' to merge the branch first\n"), 'chant merge S');
    assert.equal(chantNextCommand('done'), undefined);
  });
});

describe('lifecycle actions', () => {
  const spec = (status: string, extra: Partial<Spec> = {}) => ({ id: '2026-01-15-001-abc', status, archived: false, loadable: true, ...extra }) as Spec;
  const facts = (f: Partial<LifecycleFacts> = {}): LifecycleFacts => ({ unmergedBranch: false, hasLog: false, running: false, ...f });

  it('a completed spec with an unmerged branch awaits merge: merge and review, no archive until merged', () => {
    assert.equal(awaitingMerge(spec('completed'), facts({ unmergedBranch: true })), true);
    assert.deepEqual(lifecycleActions(spec('completed'), facts({ unmergedBranch: true, hasLog: true })), ['merge', 'review', 'log']);
    assert.deepEqual(lifecycleActions(spec('completed'), facts()), ['archive']);
  });

  it('approve/reject only while approval is required and pending; reset for failed or stale in_progress; cancel as chant allows', () => {
    const approval = { required: true, status: 'pending' as const };
    assert.deepEqual(lifecycleActions(spec('pending', { approval }), facts()), ['approve', 'reject', 'cancel']);
    assert.deepEqual(lifecycleActions(spec('pending', { approval: { ...approval, status: 'approved' } }), facts()), ['cancel']);
    assert.deepEqual(lifecycleActions(spec('failed'), facts({ hasLog: true })), ['reset', 'cancel', 'log']);
    assert.deepEqual(lifecycleActions(spec('in_progress'), facts()), ['reset', 'cancel']);
    assert.deepEqual(lifecycleActions(spec('in_progress'), facts({ running: true, hasLog: true })), ['log']);
    assert.deepEqual(lifecycleActions(spec('in_progress'), facts({ running: true })), ['log'], 'while it runs, before chant wrote its log');
    assert.deepEqual(lifecycleActions(spec('cancelled'), facts()), []);
  });

  it('nothing for a hostile ID or an unloadable spec; only the log for an archived one', () => {
    assert.deepEqual(lifecycleActions(spec('failed', { id: 'x;touch PWNED;' }), facts({ hasLog: true })), []);
    assert.deepEqual(lifecycleActions(spec('failed', { loadable: false }), facts()), []);
    assert.deepEqual(lifecycleActions(spec('completed', { archived: true }), facts({ hasLog: true })), ['log']);
  });

  it('builds argv with user text as single arguments and refuses what chant cannot take', () => {
    const id = '2026-01-15-001-abc';
    assert.deepEqual(lifecycleArgs('merge', id), ['merge', id]);
    assert.deepEqual(lifecycleArgs('approve', id, { by: ' Ada L ' }), ['approve', id, '--by', 'Ada L']);
    assert.deepEqual(lifecycleArgs('reject', id, { by: 'Ada', reason: 'too vague; $(rm -rf /)' }), ['reject', id, '--by', 'Ada', '--reason', 'too vague; $(rm -rf /)']);
    assert.ok('error' in (lifecycleArgs('reject', id, { by: 'Ada', reason: ' ' }) as object));
    assert.ok('error' in (lifecycleArgs('approve', id, { by: 'a\nb' }) as object));
    assert.ok('error' in (lifecycleArgs('reset', '--all') as object));
    assert.equal(specLogPath('/p', id), `/p/.chant/logs/${id}.log`);
    assert.equal(specLogPath('/p', '../../etc/passwd'), undefined);
  });

  it('reads unmerged chant branches from git', () => {
    assert.deepEqual([...unmergedSpecIds('chant/2026-01-15-001-abc\nchant/x;y\nfeature/z\n  chant/2026-01-15-002-def.1\n')], ['2026-01-15-001-abc', '2026-01-15-002-def.1']);
  });
});

describe('live runs', () => {
  it('formats the elapsed time of a run', () => {
    assert.deepEqual([0, 45_999, 60_000, 125_000, 3_720_000].map(formatElapsed), ['0s', '45s', '1m 00s', '2m 05s', '1h 02m']);
  });

  it('finds the spec in the worktree chant makes for it', () => {
    assert.equal(worktreeSpecPath('shop', '2026-01-15-001-abc.2'), '/tmp/chant-shop-2026-01-15-001-abc.2/.chant/specs/2026-01-15-001-abc.2.md');
  });

  it('looks nowhere else, whatever config.md names the project', () => {
    // `/tmp/chant-/../../home/u/p-ID/…` would be a file far from /tmp.
    for (const name of ['/../../home/u/p', 'a/b', 'a\\b', 'a\nb', '']) assert.equal(worktreeSpecPath(name, '2026-01-15-001-abc'), undefined, name);
    assert.equal(worktreeSpecPath('shop', '../x'), undefined);
    // chant names a project after its folder: spaces and dots stay one folder name in /tmp.
    assert.equal(worktreeSpecPath('my shop ..', '2026-01-15-001-abc'), '/tmp/chant-my shop ..-2026-01-15-001-abc/.chant/specs/2026-01-15-001-abc.md');
  });
});

describe('an in-progress spec as chant shows it (its run branch\'s copy)', () => {
  const ID = '2026-01-15-001-abc';
  const text = (status: string, title: string, boxes: string, extra = '') => `---\ntype: code\nstatus: ${status}\n${extra}---\n\n# ${title}\n\n## Acceptance Criteria\n\n${boxes}\n`;
  const spec = (t: string) => parseSpecText({ path: `/p/.chant/specs/${ID}.md`, root: '/p', archived: false }, t);

  it('reads the branch the spec names, else chant/ID, and only plain branch names', () => {
    assert.equal(runBranchOf(spec(text('in_progress', 'A', '- [ ] a'))), `chant/${ID}`);
    assert.equal(runBranchOf(spec(text('in_progress', 'A', '- [ ] a', 'branch: feature/x\n'))), 'feature/x');
    for (const bad of ['-x', 'a..b', 'HEAD@{1}', 'a b', 'x.lock', 'a//b', 'a:b']) assert.equal(runBranchOf({ id: ID, branch: bad }), undefined, bad);
  });

  it('shows the copy in the explorer row: title, criteria, status group', async () => {
    const main = text('in_progress', 'On main', '- [ ] a\n- [ ] b');
    const fs = new MemoryFileSystem().write('/p/.chant/config.md', '---\nproject:\n  name: p\n---\n').write(`/p/.chant/specs/${ID}.md`, main);
    const index = new SpecIndex(fs);
    await index.setFolders(['/p']);
    const s = index.byId('/p', ID)!;
    const copy = (t?: string) => index.setBranchCopies([{ path: s.path, bytes: t === undefined ? undefined : new TextEncoder().encode(t) }]);
    assert.match(describeRow(index, s), / · 0\/2$/);
    copy(text('in_progress', 'On the branch', '- [x] a\n- [ ] b'));
    assert.match(describeRow(index, s), / · 1\/2$/);
    assert.equal(shownTitle(index, s), 'On the branch');
    assert.equal(statusGroupOf(index, s), 'in_progress');
    copy(text('completed', 'Done', '- [x] a\n- [x] b'));
    assert.equal(statusGroupOf(index, s), 'completed');
    copy();
    assert.equal(statusGroupOf(index, s), 'in_progress');
    assert.equal(shownTitle(index, s), 'On main');
  });
});
