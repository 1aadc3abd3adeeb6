// New Spec and Initialize Project with the real chant CLI: `chant add` with the description as one
// argument in the project root (chant picks the ID, writes the file and commits it), and
// `chant init --name NAME` run as a `chant` task in a new folder (no terminal input, so chant
// asks nothing).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findChant, needs, NO_CHANT } from '../extras';
import { chantApi, waitFor, workspaceRoot } from './helpers';

describe('New Spec and Initialize Project (real chant)', function () {
  this.timeout(60_000);
  if (!needs('chant', findChant(), NO_CHANT)) return;

  it('runs chant add with the description as a single argument, opens the spec chant wrote and committed', async () => {
    const api = await chantApi();
    const root = workspaceRoot();
    const description = 'Add "quoted" $HOME; rm -rf / text';
    const file = await api.newSpec!(root, description);
    assert.ok(file, 'chant add reported the new spec');
    const id = path.basename(file, '.md');
    assert.match(id, /^\d{4}-\d{2}-\d{2}-[0-9a-z]{3}-[0-9a-z]{3}$/);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    assert.equal(git('log', '-1', '--format=%s'), `chant: Add spec ${id}`);
    assert.equal(git('status', '--porcelain', '--', file), '', 'chant committed the spec');
    const summary = await waitFor('spec written by chant add is indexed', () => api.specs().find((s) => s.path === file));
    assert.equal(summary.title, description);
    assert.equal(summary.status, 'pending');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
    assert.ok(!fs.existsSync('/PWNED') && fs.existsSync(root), 'nothing of the description ran');
  });

  it('initializes a new project with chant init --name, and the index picks it up', async () => {
    const api = await chantApi();
    const folder = path.join(workspaceRoot(), 'services', 'billing');
    fs.mkdirSync(folder, { recursive: true });
    const code = await api.initProject!(folder, 'billing');
    assert.equal(code, 0);
    const config = fs.readFileSync(path.join(folder, '.chant', 'config.md'), 'utf8');
    assert.match(config, /^ {2}name: billing$/m);
    assert.ok(fs.existsSync(path.join(folder, '.chant', 'prompts', 'standard.md')));
    assert.ok(fs.statSync(path.join(folder, '.chant', 'specs')).isDirectory());
    await waitFor('the new project in the Spec Explorer', async () => {
      const snap = await api.explorerSnapshot!();
      return JSON.stringify(snap).includes('billing');
    }, 60_000);
  });
});
