// The extension activates in a Chant workspace and exposes its test API.
// Runs in the fixture workspace test/fixtures/ws-basic (see tools/vscode/integration.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

interface ChantApi {
  whenIndexed(): Promise<unknown>;
  specs(): ReadonlyArray<{ id: string }>;
}

describe('activation', () => {
  it('activates in ws-basic and indexes its specs', async () => {
    const ext = vscode.extensions.getExtension<ChantApi>('chant-specs.chant-specs');
    assert.ok(ext, 'extension chant-specs.chant-specs is not loaded');
    const api = await ext.activate();
    assert.equal(typeof api?.whenIndexed, 'function', 'API lacks whenIndexed()');
    assert.equal(typeof api?.specs, 'function', 'API lacks specs()');

    await api.whenIndexed();
    const ids = api.specs().map((s) => s.id);
    for (const id of ['2026-01-10-001-abc', '2026-01-10-002-def']) {
      assert.ok(ids.includes(id), `spec ${id} not indexed; got ${JSON.stringify(ids)}`);
    }
  });
});
