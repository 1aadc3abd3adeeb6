// The headless `lint` command (dist/cli.js, built by `npm run build`) on the fixture workspaces:
// the JSON shape, 1-based positions and the exit code CI relies on.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src/cli.ts'))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
}

const ROOT = repoRoot();
const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(...args: string[]) {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build first`);
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('node dist/cli.js lint', () => {
  it('prints every problem as JSON with 1-based ranges and exits 1 on errors', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'ws-lint');
    const result = run('lint', '--json', dir);
    assert.equal(result.status, 1, result.stderr);
    const { problems } = JSON.parse(result.stdout) as { problems: Record<string, unknown>[] };
    for (const p of problems) {
      assert.deepEqual(Object.keys(p), ['specId', 'path', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'source', 'message']);
    }
    const find = (specId: string, code: string) => {
      const p = problems.find((x) => x.specId === specId && x.code === code);
      assert.ok(p, `no ${code} for ${specId}`);
      return p;
    };
    // `  - 2026-02-01-001-aab` on line 5 of 002-bbb: the entry, 1-based and end-exclusive.
    const dep = find('2026-02-01-002-bbb', 'dependency');
    assert.deepEqual([dep.line, dep.column, dep.endLine, dep.endColumn, dep.severity], [5, 5, 5, 23, 'error']);
    assert.equal(dep.path, path.join(dir, '.chant', 'specs', '2026-02-01-002-bbb.md').replace(/\\/g, '/'));
    const status = find('2026-02-01-003-ccc', 'unknown-status');
    assert.deepEqual([status.line, status.column, status.endColumn], [3, 9, 13]);
    // The CRLF spec: `type: implementation` on line 2, columns unaffected by `\r`.
    const type = find('2026-02-01-00d-mmm', 'unknown-type');
    assert.deepEqual([type.line, type.column, type.endColumn], [2, 7, 21]);
    assert.equal(problems.filter((p) => p.code === 'cycle').length, 2);
  });

  it('exits 0 when there are only warnings', () => {
    const result = run('lint', '--json', path.join(ROOT, 'test', 'fixtures', 'ws-basic'));
    assert.equal(result.status, 0, result.stdout);
    const { problems } = JSON.parse(result.stdout) as { problems: { severity: string }[] };
    assert.ok(problems.every((p) => p.severity !== 'error'));
  });

  it('plain output: one path:line:column line per problem', () => {
    const result = run('lint', path.join(ROOT, 'test', 'fixtures', 'ws-lint'));
    assert.equal(result.status, 1);
    assert.match(result.stdout, /2026-02-01-003-ccc\.md:3:9: error \[unknown-status\] Unknown status `done`/);
  });
});

// `node dist/cli.js … | head`: the reader closes the pipe early; the CLI must end quietly, not
// with an EPIPE stack trace.
describe('node dist/cli.js with a reader that stops early', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-cli-pipe-'));
    fs.mkdirSync(path.join(dir, '.chant', 'specs'), { recursive: true });
    // Far more output than a pipe buffer holds (64 KiB), so the writes outlive the reader.
    for (let i = 0; i < 600; i++) {
      const id = `2026-01-01-${i.toString(36).padStart(3, '0')}-abc`;
      fs.writeFileSync(path.join(dir, '.chant', 'specs', `${id}.md`), `---\ntype: code\nstatus: pending\nlabels: [one, two, three]\n---\n# Spec number ${i} with a long enough title\n`);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits without an EPIPE trace when stdout closes', async () => {
    const child = spawn(process.execPath, [CLI, 'specs', '--json', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy()); // what `head -1` does after its line
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
