// Finding the chant CLI: the configured path or PATH, trusted only when `--version` answers
// `chant X.Y.Z` (an unrelated `chant` program exists); and the stand-in used by the tests.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeCliStatus, parseChantVersion } from '../../src/core/cliStatus';
import { locateChant } from '../../src/node/locateChant';
import { findOnPath } from '../../src/node/pathLookup';

const STAND_IN = path.resolve(__dirname, '../../../test/stand-in/chant');

function fakeBinary(dir: string, name: string, output: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' '${output}'\n`, { mode: 0o755 });
  return file;
}

describe('chant CLI discovery', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-cli-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('parseChantVersion accepts only `chant X.Y.Z`', () => {
    assert.equal(parseChantVersion('chant 0.23.2\n'), '0.23.2');
    assert.equal(parseChantVersion('\nchant 1.0.0-rc.1\n'), '1.0.0-rc.1');
    for (const other of ['Chant 0.23.2', 'chant-iac 3.1.0', 'chant version 2.0', 'chant 0.23', '', 'usage: chant [options]']) {
      assert.equal(parseChantVersion(other), undefined, other);
    }
  });

  if (process.platform === 'win32') return;

  it('finds the first executable `chant` on PATH, skipping non-executable files and relative entries', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    fs.mkdirSync(a);
    fs.writeFileSync(path.join(a, 'chant'), 'not executable', { mode: 0o644 });
    const good = fakeBinary(b, 'chant', 'chant 0.23.2');
    assert.equal(await findOnPath('chant', ['relative/dir', a, b].join(':')), good);
    assert.equal(await findOnPath('chant', a), undefined);
  });

  it('verifies the binary: the real CLI, another program called chant, nothing at all', async () => {
    const real = fakeBinary(path.join(tmp, 'real'), 'chant', 'chant 0.23.2');
    const other = fakeBinary(path.join(tmp, 'other'), 'chant', 'chant-iac 3.1.0 (infrastructure as code)');
    assert.deepEqual(await locateChant('', { PATH: path.dirname(real) }), { kind: 'ok', path: real, version: '0.23.2' });
    const wrong = await locateChant('', { PATH: path.dirname(other) });
    assert.equal(wrong.kind, 'wrong');
    assert.match(describeCliStatus(wrong), /is not the Chant spec CLI/);
    assert.deepEqual(await locateChant('', { PATH: path.join(tmp, 'empty') }), { kind: 'missing', searched: 'not on PATH' });
  });

  it('a configured path wins over PATH and must be an executable file', async () => {
    const real = fakeBinary(path.join(tmp, 'real'), 'chant', 'chant 0.23.2');
    const elsewhere = fakeBinary(path.join(tmp, 'configured'), 'my-chant', 'chant 0.24.0');
    assert.deepEqual(await locateChant(elsewhere, { PATH: path.dirname(real) }), { kind: 'ok', path: elsewhere, version: '0.24.0' });
    const missing = await locateChant(path.join(tmp, 'nope'), { PATH: path.dirname(real) });
    assert.equal(missing.kind, 'missing');
  });

  it('the tests\' stand-in answers like the real CLI', async () => {
    assert.deepEqual(await locateChant(STAND_IN), { kind: 'ok', path: STAND_IN, version: '0.23.2' });
  });
});
