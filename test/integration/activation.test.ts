// The extension activates in a Chant workspace and exposes its test API; Chant: Get Started
// opens its walkthrough with every step's picture.
// Runs in the fixture workspace test/fixtures/ws-basic (see tools/vscode/integration.mjs).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ui, waitFor, type WalkthroughView } from './helpers';

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

  it('Chant: Get Started opens the walkthrough; every step shows its picture, loaded from the package', async function () {
    this.timeout(120_000);
    const ext = vscode.extensions.getExtension('chant-specs.chant-specs');
    assert.ok(ext);
    interface Step { id: string; title: string; media: { image?: string } }
    const steps = (ext.packageJSON as { contributes: { walkthroughs: { steps: Step[] }[] } }).contributes.walkthroughs[0].steps;
    const nls = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    await vscode.commands.executeCommand('chantSpecs.getStarted');
    let seen: WalkthroughView | undefined;
    const first = await waitFor('the walkthrough on screen', async () => {
      seen = await ui({ op: 'walkthrough' });
      return seen.steps.length === steps.length && seen;
    }, 30_000).catch((e: Error) => {
      throw new Error(`${e.message}; saw ${JSON.stringify(seen)}`);
    });
    // packageJSON comes with the placeholders already replaced; the file holds them.
    assert.deepEqual(first.steps, steps.map((s) => /^%.+%$/.test(s.title) ? nls[s.title.slice(1, -1)] : s.title));
    for (const step of steps.filter((s) => s.media.image)) {
      const file = path.basename(step.media.image!);
      const view = await waitFor(`step ${step.id}'s picture`, async () => {
        seen = await ui({ op: 'walkthrough', text: step.id });
        return seen.image?.src.includes(file) && seen.image.complete && seen.image.naturalWidth > 0 && seen;
      }, 30_000).catch((e: Error) => {
        throw new Error(`${e.message}; saw ${JSON.stringify(seen)}`);
      });
      // The walkthrough draws pictures as 1.5x-density images (naturalWidth is 2/3 of the file's
      // pixels), scaled down to fit its media pane: one taken in a window wider than about 1000 px
      // comes out below 60 % of that, its text too small to read (as the 1400 px ones did).
      assert.ok(view.image!.width >= view.image!.naturalWidth * 0.6, `${step.id}: ${JSON.stringify(view.image)}`);
      assert.ok(view.image!.alt.length > 20, `${step.id}: alt ${view.image!.alt}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
