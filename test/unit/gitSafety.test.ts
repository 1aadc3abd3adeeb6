// A repository that arrives with its own .git/config naming commands (fsmonitor hook, a clean
// filter, hooks, signature checks): every read-only call of the git port runs none of them.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { NodeGit } from '../../src/node/git';
import { gitOnPath } from '../../src/node/pathLookup';
import { ProcessLauncher } from '../../src/node/processLauncher';
import { GitUnavailableError } from '../../src/core/gitPort';
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

  it('never passes a revision git would read as an option', async () => {
    const out = path.join(r.dir, '..', `${path.basename(r.dir)}-written`);
    // Sanity: git itself takes it as `--output` and writes the file (else this test could not fail).
    r.git('log', '-1', `--output=${out}`, '--', 'a.txt');
    assert.ok(fs.existsSync(out));
    fs.rmSync(out);
    const git = new NodeGit({ launcher: false });
    try {
      await assert.rejects(git.log(r.dir, `--output=${out}`, 'HEAD', ['a.txt']), /not a revision/);
      await assert.rejects(git.log(r.dir, base, `--output=${out}`, ['a.txt']), /not a revision/);
      await assert.rejects(git.worktreeDiff(r.dir, `--output=${out}`, ['a.txt']), /not a revision/);
      assert.equal((await git.log(r.dir, base, 'HEAD', ['a.txt'])).length, 0);
    } finally {
      git.dispose();
    }
    assert.ok(!fs.existsSync(out));
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

describe('git safety: a program called git in the repository is never run', function () {
  this.timeout(30_000);
  let r: TempRepo;
  let marker: string;
  let savedPath: string | undefined;

  before(() => {
    r = TempRepo.create('planted-git');
    r.write('a.txt', 'one\n');
    r.commit('first', '2026-01-01T00:00:00Z');
    marker = path.join(r.dir, '..', `${path.basename(r.dir)}-ran`);
    // What a repository can ship: an executable `git` at its top level.
    r.write('git', `#!/bin/sh\necho "$@" >> "${marker}"\nexit 1\n`);
    fs.chmodSync(r.path('git'), 0o755);
    savedPath = process.env.PATH;
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    fs.rmSync(marker, { force: true });
  });
  after(() => r.dispose());

  // PATH with a relative entry, as some shells' profiles leave it: spawn() looks `git` up in
  // the folder it starts it in (on Windows that folder comes first whatever PATH holds).
  const withDotFirst = () => ['.', '', savedPath].join(path.delimiter);

  it('runs git from an absolute PATH entry, never the repository\'s, started here or by the launcher', async function () {
    if (process.platform === 'win32') this.skip(); // the planted program is a shell script
    process.env.PATH = withDotFirst();
    // Sanity: a plain spawn of `git` in the repository does run the planted one (else this test could not fail).
    assert.notEqual(spawnSync('git', ['--version'], { cwd: r.dir }).status, 0);
    assert.ok(fs.existsSync(marker), 'a plain spawn ran the planted git');
    fs.rmSync(marker);

    // Started here, then by a ready launcher (which starts what it is sent in the repository).
    const launcher = new ProcessLauncher();
    launcher.warm();
    for (let waited = 0; !launcher.isReady; waited += 10) {
      if (waited > 15_000) throw new Error('the launcher did not get ready');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    let launched = 0;
    const launch = launcher.launch.bind(launcher);
    launcher.launch = (request) => {
      const started = launch(request);
      if (started) launched++;
      return started;
    };
    for (const through of [false, launcher] as const) {
      const git = new NodeGit({ launcher: through });
      try {
        const info = await git.repoInfo(r.dir);
        assert.equal(info?.root, r.dir);
        assert.deepEqual((await git.status(r.dir)).map((s) => s.path), ['git']);
        assert.ok(await git.blobAt(r.dir, 'HEAD', 'a.txt'));
        assert.equal((await git.resolveCommits(r.dir, ['HEAD'])).size, 1);
      } finally {
        git.dispose();
      }
    }
    launcher.dispose();
    assert.ok(launched > 0, 'the launcher started some of them');
    assert.ok(!fs.existsSync(marker), `ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
  });

  it('finds git on PATH\'s absolute entries only', async () => {
    const dir = path.dirname(r.path('git'));
    assert.equal(await gitOnPath(['.', '', 'relative/bin', dir].join(path.delimiter)), process.platform === 'win32' ? undefined : path.join(dir, 'git'));
    assert.equal(await gitOnPath(['.', ''].join(path.delimiter)), undefined);
    assert.equal(await gitOnPath(undefined), undefined);
  });

  it('says git is missing when only a relative PATH entry has one', async () => {
    process.env.PATH = ['.', ''].join(path.delimiter);
    const git = new NodeGit({ launcher: false });
    try {
      await assert.rejects(git.repoInfo(r.dir), (e: Error) => e instanceof GitUnavailableError && /git not found/.test(e.message));
      await assert.rejects(git.blobAt(r.dir, 'HEAD', 'a.txt'), GitUnavailableError);
    } finally {
      git.dispose();
    }
    assert.ok(!fs.existsSync(marker));
  });
});
