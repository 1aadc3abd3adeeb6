// New Spec with the chant CLI present (the stand-in on PATH): the extension runs `chant add`
// with the description as one argument, in the project root, and opens the file chant wrote.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { chantApi, waitFor, workspaceRoot } from './helpers';

describe('New Spec (chant CLI present)', () => {
  it('runs chant add with the description as a single argument and opens the new spec', async () => {
    const api = await chantApi();
    const root = workspaceRoot();
    const description = 'Add "quoted" $HOME; rm -rf / text';
    const file = await api.newSpec!(root, description);
    assert.ok(file, 'chant add reported the new spec');
    const log = path.join(root, '.standin', 'argv.jsonl');
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; cwd: string });
    const add = calls.find((c) => c.argv[0] === 'add');
    assert.deepEqual(add?.argv, ['add', description]);
    assert.equal(fs.realpathSync(add!.cwd), fs.realpathSync(root));
    const summary = await waitFor('spec written by chant add is indexed', () => api.specs().find((s) => s.path === file));
    assert.equal(summary.title, description);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
  });
});
