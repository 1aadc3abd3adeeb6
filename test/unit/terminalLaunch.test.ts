// The terminal launch runs an argv exactly as given (never re-parsed by a shell), reports the
// exit code through its file, and keeps the output until Enter. And the stand-in CLI the
// integration tests use changes spec files the way `chant work` does, so the index reads them.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT_FILE_ENV, ExitCodeFiles, terminalLaunch } from '../../src/node/terminalLaunch';
import { parseSpecText } from '../../src/core/spec';

const STAND_IN = path.resolve(__dirname, '../../../test/stand-in/chant');

describe('terminal launch', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-launch-'))); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('Windows: the terminal runs the program itself', () => {
    const l = terminalLaunch({ command: 'C:\\chant.exe', args: ['work', 'a'], cwd: 'C:\\ws', env: {}, label: 'x' }, 'C:\\t\\1.code', 'win32');
    assert.deepEqual(l, { shellPath: 'C:\\chant.exe', shellArgs: ['work', 'a'], cwd: 'C:\\ws', env: {}, reportsThroughFile: false });
  });

  if (process.platform === 'win32') return;

  it('passes hostile-looking arguments through verbatim and reports the exit code', () => {
    const out = path.join(tmp, 'argv.json');
    const exitFile = path.join(tmp, 'run.code');
    const hostile = ['$(touch PWNED)', '`touch PWNED`', '; touch PWNED', '"quoted" \'single\'', 'a b', '*', '$HOME'];
    const script = 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2))); process.exit(7)';
    const launch = terminalLaunch({ command: process.execPath, args: ['-e', script, out, ...hostile], cwd: tmp, env: {}, label: 'x' }, exitFile);
    assert.equal(launch.shellPath, '/bin/sh');
    assert.equal(launch.env[EXIT_FILE_ENV], exitFile);
    const run = spawnSync(launch.shellPath, launch.shellArgs, { cwd: launch.cwd, env: { ...process.env, ...launch.env }, input: '\n', encoding: 'utf8' });
    assert.equal(run.status, 7, run.stderr);
    assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')), hostile);
    assert.equal(fs.readFileSync(exitFile, 'utf8').trim(), '7');
    assert.match(run.stdout, /chant exited with code 7\. Press Enter to close/);
    assert.ok(!fs.existsSync(path.join(tmp, 'PWNED')));
  });

  it('ExitCodeFiles calls back once with the code written to a run\'s file', async () => {
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('chant-specs-runs-')).length;
    const files = new ExitCodeFiles();
    assert.equal(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('chant-specs-runs-')).length, before, 'no folder before the first run');
    try {
      const got = new Promise<number>((resolve) => {
        const file = files.allocate(resolve);
        fs.writeFileSync(`${file}.tmp`, '3\n');
        fs.renameSync(`${file}.tmp`, file);
      });
      assert.equal(await got, 3);
    } finally {
      files.dispose();
    }
    assert.ok(!fs.existsSync(files.dir), 'dispose removes the folder');
  });
});

describe('the stand-in chant', () => {
  if (process.platform === 'win32') return;
  let ws: string;
  const spec = (id: string) => path.join(ws, '.chant/specs', `${id}.md`);
  const status = (id: string) => parseSpecText({ path: spec(id), root: ws, archived: false }, fs.readFileSync(spec(id), 'utf8'));
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(STAND_IN, args, { cwd: ws, env: { ...process.env, CHANT_STANDIN_LOG: '.standin/argv.jsonl', ...env }, encoding: 'utf8' });

  beforeEach(() => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-standin-')));
    const write = (id: string, fm: string) => fs.writeFileSync(spec(id), `---\n${fm}\n---\n\n# ${id}\n`);
    fs.mkdirSync(path.join(ws, '.chant/specs'), { recursive: true });
    write('D', 'type: driver\nstatus: pending');
    write('D.1', 'type: code\nstatus: pending');
    write('D.2', 'type: code\nstatus: pending\ndepends_on: []');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('completes a spec as chant writes it (status, completed_at) and records argv and cwd', () => {
    const r = run(['work', 'D.1']);
    assert.equal(r.status, 0, r.stderr);
    const s = status('D.1');
    assert.equal(s.status, 'completed');
    assert.match(s.completedAt ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(!fs.existsSync(path.join(ws, '.chant/.locks/D.1.lock')), 'lock removed');
    assert.ok(fs.existsSync(path.join(ws, '.chant/logs/D.1.log')));
    const lines = fs.readFileSync(path.join(ws, '.standin/argv.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.argv, l.cwd]), [[['work', 'D.1'], ws]]);
  });

  it('refuses like chant\'s stricter check unless --skip-deps, and fails the IDs it is told to', () => {
    const refused = run(['work', 'D.2']);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /blocked by dependencies: D\.1/);
    assert.equal(status('D.2').status, 'pending');
    const failed = run(['work', 'D.2', '--skip-deps'], { CHANT_STANDIN_FAIL: 'D.2' });
    assert.equal(failed.status, 1);
    assert.equal(status('D.2').status, 'failed');
    assert.equal(run(['work', 'D.1']).status, 0);
    assert.equal(run(['work', 'D.2', '--skip-deps']).status, 0);
    assert.equal(status('D').status, 'completed', 'the driver auto-completes with its last member');
  });
});
