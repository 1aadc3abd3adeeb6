// New Spec and Add Member without the chant CLI on PATH: the extension writes the files itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { chantApi, waitFor, workspaceRoot } from './helpers';

describe('New Spec and Add Member (no CLI)', () => {
  it('creates a spec with a fresh chant ID, indexes it and opens it', async () => {
    const api = await chantApi();
    const root = workspaceRoot();
    const file = await api.newSpec!(root, 'Document the reporting API. It has no reference page yet, and support answers the same questions daily.');
    assert.ok(file, 'a file was created');
    assert.match(path.basename(file), /^\d{4}-\d{2}-\d{2}-[0-9a-z]{3}-[0-9a-z]{3}\.md$/);
    const summary = await waitFor('new spec indexed', () => api.specs().find((s) => s.path === file));
    assert.equal(summary.title, 'Document the reporting API');
    assert.equal(summary.status, 'pending');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
    assert.match(fs.readFileSync(file, 'utf8'), /It has no reference page yet, and support answers/);
  });

  it('adds the next member to a driver', async () => {
    const api = await chantApi();
    const driver = api.specs().find((s) => s.id === '2026-01-10-004-ddd')!;
    const file = await api.addMember!(driver.path, 'Remove the old report views');
    assert.equal(path.basename(file!), '2026-01-10-004-ddd.4.md');
    await waitFor('member indexed under its driver', () =>
      api.specs().find((s) => s.id === '2026-01-10-004-ddd')?.members.includes('2026-01-10-004-ddd.4'));
  });
});
