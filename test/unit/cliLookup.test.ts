// The gate in front of `chant --version`: nothing is launched while the workspace is untrusted,
// one lookup once it is trusted, again after invalidate().
import * as assert from 'node:assert/strict';
import type { CliStatus } from '../../src/core/cliStatus';
import { describeCliStatus } from '../../src/core/cliStatus';
import { GatedCliLookup } from '../../src/node/cliLookup';

describe('CLI lookup gate (workspace trust)', () => {
  it('launches nothing until trusted, then looks once, and again after invalidate', async () => {
    let trusted = false;
    let launches = 0;
    const lookup = new GatedCliLookup(() => trusted, async (): Promise<CliStatus> => {
      launches++;
      return { kind: 'ok', path: '/usr/bin/chant', version: '0.23.2' };
    });
    assert.deepEqual(await lookup.status(), { kind: 'untrusted' });
    assert.deepEqual(await lookup.status(), { kind: 'untrusted' });
    assert.equal(launches, 0);
    trusted = true;
    assert.equal((await lookup.status()).kind, 'ok');
    await lookup.status();
    assert.equal(launches, 1);
    lookup.invalidate();
    await lookup.status();
    assert.equal(launches, 2);
    assert.match(describeCliStatus({ kind: 'untrusted' }), /not trusted/);
  });
});
