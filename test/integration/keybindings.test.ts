// Our key chords against the workbench's own default keybindings. The suite runs once per
// platform (keys-mac, keys-windows, keys-linux): the web workbench takes its platform, and so
// the platform's defaults, from the browser's user agent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chantApi, waitFor } from './helpers';

interface Binding { key: string; command: string; mac?: string; win?: string; linux?: string }

/** `Ctrl+Alt+C W` → `alt+ctrl+c w`: modifiers sorted, so equal chords compare equal. */
function normalise(key: string): string {
  return key.toLowerCase().split(/\s+/).filter(Boolean).map((part) => {
    const keys = part.split('+');
    const main = keys.pop()!;
    return [...keys.sort(), main].join('+');
  }).join(' ');
}

/** The default keybindings the workbench shows (JSON with line comments). */
async function defaultKeybindings(): Promise<Binding[]> {
  await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
  const doc = await waitFor('the default keybindings', () => {
    const d = vscode.window.activeTextEditor?.document;
    return d && /keybindings\.json$/.test(d.uri.path) ? d : undefined;
  });
  const text = doc.getText().split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return JSON.parse(text) as Binding[];
}

describe('key chords', () => {
  const platform = process.env.CHANT_TEST_PLATFORM ?? (process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux');

  it(`clash with no default VS Code keybinding (${platform})`, async () => {
    await chantApi();
    const defaults = (await defaultKeybindings()).filter((b) => !b.command.replace(/^-/, '').startsWith('chantSpecs.'));
    assert.ok(defaults.length > 300, `only ${defaults.length} default keybindings read`);
    // The user agent took effect: macOS defaults use cmd, the others never do.
    assert.equal(defaults.some((b) => /\bcmd\+/.test(b.key)), platform === 'mac', `defaults are not ${platform}'s`);
    const taken = new Map<string, string>();
    for (const b of defaults) taken.set(normalise(b.key), b.command);

    const ours = (vscode.extensions.getExtension('chant-specs.chant-specs')!.packageJSON.contributes.keybindings as Binding[]);
    assert.ok(ours.length >= 4);
    for (const b of ours) {
      const key = normalise((platform === 'mac' ? b.mac : platform === 'windows' ? b.win : b.linux) ?? b.key);
      const first = key.split(' ')[0];
      // A default bound to the chord's first key would stop working (VS Code waits for the second).
      assert.equal(taken.get(first), undefined, `${b.command}: ${first} is ${taken.get(first)} on ${platform}`);
      assert.equal(taken.get(key), undefined, `${b.command}: ${key} is ${taken.get(key)} on ${platform}`);
    }
  });
});
