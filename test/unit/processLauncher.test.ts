// The process launcher (src/node/processLauncher.ts): processes it starts are its children, with
// their exit status, stderr, stdin and stdout file as when started here; while it starts, after
// it failed and once disposed, callers are told to start processes themselves; it ends when
// idle and starts again on demand; and git's adapter gives the same answers through it, starting
// again itself what a launcher that died had running.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LauncherLost, ProcessLauncher, type LaunchRequest } from '../../src/node/processLauncher';
import { NodeGit } from '../../src/node/git';
import { TempRepo, lines } from './helpers/gitRepo';

const isWindows = process.platform === 'win32';

async function readyLauncher(idleMs?: number): Promise<ProcessLauncher> {
  const launcher = new ProcessLauncher(process.execPath, idleMs);
  launcher.warm();
  for (let waited = 0; !launcher.isReady; waited += 10) {
    if (waited > 15_000) throw new Error('the launcher did not get ready');
    await new Promise((r) => setTimeout(r, 10));
  }
  return launcher;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('process launcher', function () {
  this.timeout(60_000);
  if (isWindows) return; // the processes below are POSIX shells
  let dir: string;
  const launchers: ProcessLauncher[] = [];
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-')); });
  after(() => {
    for (const l of launchers) l.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const outputFile = () => {
    const file = path.join(dir, `out-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(file, '');
    return file;
  };
  const shell = (script: string, extra: Partial<LaunchRequest> = {}): LaunchRequest => ({ file: '/bin/sh', argv: ['-c', script], cwd: dir, env: { PATH: process.env.PATH }, output: outputFile(), ...extra });

  it('starts processes as its own children: exit status, stderr, stdin and the stdout file', async () => {
    const launcher = await readyLauncher();
    launchers.push(launcher);
    const request = shell('echo $PPID; cat; echo oops >&2; exit 3', { input: 'from stdin\n' });
    const result = await launcher.launch(request);
    assert.ok(result, 'a ready launcher takes the request');
    assert.equal(result.code, 3);
    assert.equal(result.stderr, 'oops\n');
    assert.equal(fs.readFileSync(request.output, 'utf8'), `${launcher.pid}\nfrom stdin\n`);
    // The working directory and environment given, not the launcher's.
    const env = shell('pwd; echo "$ONLY_HERE"', { env: { PATH: process.env.PATH, ONLY_HERE: 'yes' } });
    assert.equal((await launcher.launch(env))?.code, 0);
    assert.equal(fs.readFileSync(env.output, 'utf8'), `${fs.realpathSync(dir)}\nyes\n`);
  });

  it('reports an executable that cannot be started, and many processes at once', async () => {
    const launcher = await readyLauncher();
    launchers.push(launcher);
    const missing = await launcher.launch({ ...shell(''), file: path.join(dir, 'no-such-git') });
    assert.equal(missing?.error, 'ENOENT');
    const requests = Array.from({ length: 20 }, (_, k) => shell(`echo ${k}`));
    const results = await Promise.all(requests.map((r) => launcher.launch(r)));
    results.forEach((r, k) => {
      assert.equal(r?.code, 0);
      assert.equal(fs.readFileSync(requests[k].output, 'utf8'), `${k}\n`);
    });
  });

  it('leaves the first requests to the caller while it starts, and all of them once disposed', async () => {
    const launcher = new ProcessLauncher();
    launchers.push(launcher);
    assert.equal(launcher.launch(shell('true')), undefined, 'not ready yet');
    for (let waited = 0; !launcher.isReady && waited < 15_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    assert.ok(launcher.launch(shell('true')));
    const pid = launcher.pid!;
    launcher.dispose();
    assert.equal(launcher.launch(shell('true')), undefined);
    for (let waited = 0; alive(pid) && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    assert.equal(alive(pid), false, 'the launcher ended');
  });

  it('fails what was running when it dies, and is not used again', async () => {
    const launcher = await readyLauncher();
    launchers.push(launcher);
    const running = launcher.launch(shell('sleep 5'));
    assert.ok(running);
    process.kill(launcher.pid!, 'SIGKILL');
    await assert.rejects(running, LauncherLost);
    assert.equal(launcher.launch(shell('true')), undefined);
    assert.equal(launcher.isReady, false);
  });

  it('ends when idle and starts again when asked', async () => {
    const launcher = await readyLauncher(400);
    launchers.push(launcher);
    assert.equal((await launcher.launch(shell('true')))?.code, 0);
    const first = launcher.pid!;
    for (let waited = 0; alive(first) && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    assert.equal(alive(first), false, 'idle: ended');
    assert.equal(launcher.launch(shell('true')), undefined, 'starting again');
    for (let waited = 0; !launcher.isReady && waited < 15_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    assert.notEqual(launcher.pid, first);
    assert.equal((await launcher.launch(shell('exit 0')))?.code, 0);
  });

  describe('under the git adapter', () => {
    let r: TempRepo;
    let gitLog: string;
    let fakeGit: string;
    before(() => {
      r = TempRepo.create('launcher-git');
      r.write('src/a.txt', lines(5, 'a'));
      r.write('docs/b.md', 'b\n');
      r.commit('start', '2026-03-01T00:00:00Z');
      r.write('src/a.txt', lines(6, 'a'));
      r.write('new.txt', 'new\n');
      // git, recording who started it (and waiting a moment first when asked to).
      gitLog = path.join(dir, 'git-parents');
      fakeGit = path.join(dir, 'fake-git');
      fs.writeFileSync(fakeGit, `#!/bin/sh\necho $PPID >> '${gitLog}'\n[ -f '${dir}/slow' ] && sleep 1\nexec git "$@"\n`, { mode: 0o755 });
    });
    after(() => r.dispose());

    it('gives the same answers, from processes the launcher started', async () => {
      const launcher = await readyLauncher();
      launchers.push(launcher);
      fs.writeFileSync(gitLog, '');
      const through = new NodeGit({ gitPath: fakeGit, launcher });
      const here = new NodeGit({ launcher: false });
      try {
        assert.deepEqual(await through.status(r.dir), await here.status(r.dir));
        assert.deepEqual(await through.listFiles(r.dir), await here.listFiles(r.dir));
        const parents = fs.readFileSync(gitLog, 'utf8').trim().split('\n').map(Number);
        assert.ok(parents.length >= 2);
        assert.ok(parents.every((p) => p === launcher.pid), `started by ${parents.join(', ')}, the launcher is ${launcher.pid}`);
      } finally {
        through.dispose();
        here.dispose();
      }
    });

    it('starts again itself what a launcher that died had running', async () => {
      const launcher = await readyLauncher();
      launchers.push(launcher);
      fs.writeFileSync(gitLog, '');
      fs.writeFileSync(path.join(dir, 'slow'), '');
      const git = new NodeGit({ gitPath: fakeGit, launcher });
      const here = new NodeGit({ launcher: false });
      try {
        const pid = launcher.pid!;
        const status = git.status(r.dir);
        setTimeout(() => process.kill(pid, 'SIGKILL'), 300);
        const expected = await here.status(r.dir);
        assert.deepEqual(await status, expected);
        const parents = fs.readFileSync(gitLog, 'utf8').trim().split('\n').map(Number);
        assert.deepEqual(parents, [pid, process.pid], 'the launcher, then this process');
      } finally {
        fs.rmSync(path.join(dir, 'slow'), { force: true });
        git.dispose();
        here.dispose();
      }
    });
  });
});
