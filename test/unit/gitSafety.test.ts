// A repository that arrives with its own .git/config naming commands (fsmonitor hook, a clean
// filter, hooks, signature checks): every read-only call of the git port runs none of them.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { NodeGit } from '../../src/node/git';
import { filterNames, inGitRepository, repositoryFilterOverrides } from '../../src/node/gitSafety';
import os from 'node:os';
import { TempRepo } from './helpers/gitRepo';

describe('git safety: the repository\'s own commands never run', function () {
  this.timeout(30_000);
  let r: TempRepo;
  let marker: string;
  let base: string;

  before(() => {
    r = TempRepo.create('hostile-config');
    marker = path.join(r.dir, '..', `${path.basename(r.dir)}-ran`);
    r.write('.gitattributes', 'a.txt filter=evil diff=evil\nb.txt filter=Inc\n');
    r.write('a.txt', 'one\n');
    r.write('b.txt', 'one\n');
    base = r.commit('first', '2026-01-01T00:00:00Z');
    // Written after the commit: these commands would run on our status, diff and log calls.
    const run = (what: string) => `sh -c 'echo ${what} >> "${marker}"; cat'`;
    r.git('config', 'core.fsmonitor', `echo fsmonitor >> "${marker}"; false`);
    r.git('config', 'filter.evil.clean', run('clean'));
    r.git('config', 'filter.evil.smudge', run('smudge'));
    r.git('config', 'filter.evil.required', 'true');
    r.git('config', 'diff.evil.textconv', run('textconv'));
    r.git('config', 'diff.external', run('external'));
    r.git('config', 'log.showSignature', 'true');
    r.git('config', 'gpg.program', run('gpg'));
    // A filter defined in an included file is found too.
    r.write('.git/extra.config', `[filter "Inc"]\n\tclean = "${run('included')}"\n`);
    r.git('config', 'include.path', 'extra.config');
    r.write('a.txt', 'one\ntwo\n');
    r.write('b.txt', 'one\ntwo\n');
    r.write('untracked.txt', 'new\n');
  });
  after(() => {
    r.dispose();
    fs.rmSync(marker, { force: true });
  });

  it('finds the repository\'s filter names, included files too', () => {
    assert.deepEqual(filterNames('[filter "lfs"]\n[Filter "A b"]\n[filter.Old]\n'), ['lfs', 'A b', 'old']);
    const args = repositoryFilterOverrides(r.dir)!;
    assert.ok(args.includes('filter.evil.clean='), args.join(' '));
    assert.ok(args.includes('filter.Inc.clean='), args.join(' '));
  });

  it('status, diff, log, ls-files, blobs and line counts run none of them', async () => {
    // Sanity: plain git does run them here (else this test could not fail).
    r.git('diff', '--numstat', 'HEAD');
    assert.ok(fs.existsSync(marker), 'plain git diff ran the repository\'s commands');
    fs.rmSync(marker);

    const git = new NodeGit();
    try {
      const info = await git.repoInfo(r.dir);
      assert.ok(info);
      const status = await git.status(r.dir);
      assert.deepEqual(status.map((s) => s.path).sort(), ['a.txt', 'b.txt', 'untracked.txt']);
      await git.status(r.dir, ['a.txt']);
      const diff = await git.worktreeDiff(r.dir, base, ['a.txt', 'b.txt']);
      assert.deepEqual(diff.map((d) => [d.path, d.insertions]).sort(), [['a.txt', 1], ['b.txt', 1]]);
      await git.treeDiffs(r.dir, [{ from: base, to: base }]);
      await git.log(r.dir, base, 'HEAD', ['a.txt']);
      await git.resolveCommits(r.dir, [base]);
      await git.listFiles(r.dir);
      const blob = await git.blobAt(r.dir, base, 'a.txt');
      assert.ok(blob);
      await git.lineCounts(r.dir, blob, r.path('a.txt'));
      await git.show(r.dir, base, 'a.txt');
      await git.contentSettings(info);
    } finally {
      git.dispose();
    }
    assert.ok(!fs.existsSync(marker), `ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
  });

  it('does not run git at all where a filter name cannot be switched off', async () => {
    const odd = TempRepo.create('odd-filter');
    try {
      odd.write('.git/config', fs.readFileSync(odd.path('.git/config'), 'utf8') + '[filter "a=b"]\n\tclean = cat\n');
      assert.equal(repositoryFilterOverrides(odd.dir), undefined);
      const git = new NodeGit();
      await assert.rejects(git.status(odd.dir), /filter/);
      assert.equal(git.calls, 0);
      git.dispose();
    } finally {
      odd.dispose();
    }
  });

  it('tells a folder inside a repository (a linked worktree too) from one outside, without git', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'no-repo-'));
    const tree = path.join(outside, 'linked');
    try {
      fs.mkdirSync(r.path('deep/er'), { recursive: true });
      assert.equal(inGitRepository(r.path('deep/er')), true);
      assert.equal(inGitRepository(r.dir), true);
      assert.equal(inGitRepository(outside), false);
      r.git('worktree', 'add', '-q', tree);
      assert.equal(fs.statSync(path.join(tree, '.git')).isFile(), true, 'a worktree has a .git file');
      assert.equal(inGitRepository(tree), true);
    } finally {
      r.git('worktree', 'remove', '--force', tree);
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
