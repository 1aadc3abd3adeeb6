// The Get Started walkthrough (package.json contributes.walkthroughs) against the rest of the
// manifest and the sources: every picture ships and is small enough to read in the walkthrough's
// media pane, every command link and completion event names something that exists.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.nls.json')) && fs.existsSync(path.join(dir, 'src'))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
}

interface Step { id: string; description: string; media: { image?: string; markdown?: string; altText?: string }; completionEvents?: string[] }
interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    walkthroughs: { id: string; steps: Step[] }[];
  };
}

const ROOT = repoRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (value: string) => value.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? value);
const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
/** Workbench commands a step may link to. */
const WORKBENCH_COMMANDS = new Set(['workbench.action.openSettings']);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const head = fs.readFileSync(file).subarray(0, 24);
  assert.equal(head.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** Every source file's text under src/. */
function sources(dir = path.join(ROOT, 'src')): string {
  return fs.readdirSync(dir, { withFileTypes: true }).map((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? fs.readFileSync(p, 'utf8') : '';
  }).join('\n');
}

describe('Get Started walkthrough', () => {
  it('has steps', () => {
    assert.ok(steps.length >= 5, `${steps.length} steps`);
  });

  it('every step\'s picture ships as a PNG small enough to read in the media pane, with an alt text', () => {
    // The media pane shows a picture at about half the editor's width: one taken in a window
    // wider than 1000 px (a README screenshot) comes out with text too small to read.
    for (const step of steps.filter((s) => s.media.image)) {
      const file = path.join(ROOT, step.media.image!);
      assert.ok(fs.existsSync(file), `${step.id}: ${step.media.image} is missing`);
      const { width, height } = pngSize(file);
      assert.ok(width <= 1000 && height <= 700, `${step.id}: ${step.media.image} is ${width}×${height}`);
      assert.ok(width >= 600 && height >= 400, `${step.id}: ${step.media.image} is ${width}×${height}`);
      assert.ok(text(step.media.altText ?? '').length > 20, `${step.id}: no alt text`);
    }
    for (const step of steps.filter((s) => s.media.markdown)) {
      assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown!)), `${step.id}: ${step.media.markdown} is missing`);
    }
  });

  it('every command link in a step names a contributed command, a view, or a workbench command it may', () => {
    const links = steps.flatMap((s) => [...text(s.description).matchAll(/\(command:([\w.]+)/g)].map((m) => ({ step: s.id, command: m[1] })));
    assert.ok(links.length >= steps.length, JSON.stringify(links));
    const unknown = links.filter(({ command }) => !commands.has(command) && !WORKBENCH_COMMANDS.has(command)
      && !(command.endsWith('.focus') && views.has(command.slice(0, -'.focus'.length))));
    assert.deepEqual(unknown, []);
  });

  it('every completion event names a contributed command or view, or a context key the extension sets', () => {
    const src = sources();
    const unknown = steps.flatMap((s) => (s.completionEvents ?? []).map((event) => ({ step: s.id, event }))).filter(({ event }) => {
      const [kind, name] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
      if (kind === 'onCommand') return !commands.has(name);
      if (kind === 'onView') return !views.has(name);
      if (kind === 'onContext') return !src.includes(`'setContext', '${name}'`);
      return true;
    });
    assert.deepEqual(unknown, []);
  });
});
