#!/usr/bin/env node
// README screenshots of "Chant: Work Spec" on the demo workspace's driver ("Extract reporting
// into its own service", members .1–.3 side by side, then .4), in the real workbench with the
// real chant CLI and the agent double (test/agent-double/claude) on PATH; each member's agent
// waits for our go, so a phase can be seen while it runs:
//   media/screenshots/work-pick.png    the Work Spec pick list (ready first, reasons for the rest)
//   media/screenshots/work-phases.png  phase 1: three member tasks, .1 done (chant's output), .2 .3 running
//   media/screenshots/work-done.png    the driver complete, with the end-of-run notification
//   media/walkthrough/work.png         the Get Started walkthrough's "work" step: phase 1 running,
//                                      in the walkthrough pictures' small window
//
//   npm run build && node tools/screenshots/work-spec.mjs [--chant BIN] [--out-dir media/screenshots]
//     [--walkthrough-dir media/walkthrough] [--verbose]
// --chant: the real chant CLI (default ../shared/tools/chant/chant); without it: "skipped: …".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeDemoWorkspace } from '../demo/make-demo-workspace.mjs';
import { BROKEN_SPEC, DRIVER } from '../demo/specs.mjs';
import { palette, quickOpen } from './quickInput.mjs';
import { chantEnv, chantOption, removeChantWorktrees, requireChant } from './realChant.mjs';
import { shotArgs, tempDir, WALKTHROUGH_DIR, WALKTHROUGH_VIEWPORT, widenSideBar, withWorkbench } from './workbench.mjs';

const { opt, note } = shotArgs('work-spec', { ...chantOption(), 'walkthrough-dir': { type: 'string', default: WALKTHROUGH_DIR } });
const chant = requireChant(opt.chant); // else "skipped: …"
const out = (name) => path.join(opt['out-dir'], name);
const VIEWPORT = { width: 1600, height: 900 };
const tmp = tempDir('work');
const ws = makeDemoWorkspace(path.join(tmp, 'demo-shop')).dir;
const git = (...args) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' }).trim();
// The spec chant cannot read is part of the demo's lint story, not this one: every chant command
// would warn about it, filling the task terminals.
git('rm', '-q', `.chant/specs/${BROKEN_SPEC}.md`);
git('-c', 'user.name=Demo', '-c', 'user.email=demo@demo-shop.example', 'commit', '-q', '-m', 'Remove the unreadable spec');

// The agent double waits for a go file per member (.git/agent-double/<ID>.go).
const control = path.join(ws, '.git', 'agent-double');
fs.mkdirSync(control, { recursive: true });
const members = [1, 2, 3, 4].map((n) => `${DRIVER}.${n}`);
for (const id of members) fs.writeFileSync(path.join(control, id), 'wait');
const go = (id) => {
  fs.writeFileSync(path.join(control, `${id}.go.tmp`), '');
  fs.renameSync(path.join(control, `${id}.go.tmp`), path.join(control, `${id}.go`)); // never seen half-written
};
/** A member's task in the terminal panel's tab list (tasks are named `work <short ID>`). */
const taskTab = (page, n) => page.locator('.terminal-tabs-entry', { hasText: `work ${DRIVER.slice(11)}.${n}` }).first();
/** Drags the sash left of the terminal panel's tab list `by` px to the left (the member IDs show). */
async function widenTerminalTabs(page, by) {
  const tabs = await page.locator('.tabs-list-container').first().boundingBox().catch(() => null);
  if (!tabs) return;
  await page.mouse.move(tabs.x - 1, tabs.y + 40);
  await page.mouse.down();
  await page.mouse.move(tabs.x - by, tabs.y + 40, { steps: 8 });
  await page.mouse.up();
}
/** A tree row by its label, with `text` in it (its description). */
const row = (page, label, text) => page.locator('.monaco-list-row', { hasText: label }).filter({ hasText: text }).first();
/** Terminal text (the DOM renderer, see the settings: the canvas renderers have no text to wait for). */
const terminalText = (page, text) => page.locator('.terminal-wrapper.active .xterm-rows', { hasText: text }).first();

await withWorkbench({
  note,
  verbose: opt.verbose,
  folder: ws,
  viewport: VIEWPORT,
  env: chantEnv(chant),
  settings: {
    'workbench.colorTheme': 'Default Dark Modern',
    'terminal.integrated.gpuAcceleration': 'off',
    'terminal.integrated.tabs.enabled': true,
    'terminal.integrated.tabs.hideCondition': 'never',
    'terminal.integrated.tabs.location': 'right',
    'chantSpecs.explorer.grouping': 'hierarchy',
    // Without it `chant work` starts a background `chant watch` that merges on its own.
    'chantSpecs.work.extraArgs': ['--no-watch'],
  },
}, async ({ page, shot }) => {
  await palette(page, 'Chant: Focus on Spec Explorer View');
  await page.locator('.monaco-list-row', { hasText: 'Hash passwords' }).first().waitFor({ timeout: 60_000 });
  // The tree narrowed to the driver (its ID): the driver with its members under it, on screen.
  await palette(page, 'Chant: Filter Specs…');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(DRIVER.slice(11), { delay: 10 });
  await page.keyboard.press('Enter');
  await row(page, 'Extract reporting into its own service', 'members').waitFor({ timeout: 30_000 });
  await quickOpen(page, `${DRIVER}.md`);
  await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Work' }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(2000); // the tree's badges and the editor paint late on a busy machine

  // The pick list.
  await palette(page, 'Chant: Work Spec');
  await page.getByText('Ready to work').first().waitFor({ timeout: 15_000 });
  await shot(out('work-pick.png'), 2000);

  // Pick the driver; the plan dialog; run the phases. (The side bar is widened only now: the pick
  // list's shot came out with a blank editor and no tree badges right after the drag.)
  await page.keyboard.type('extract reporting', { delay: 10 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Run Phases' }).click({ timeout: 15_000 });
  for (const n of [1, 2, 3]) await taskTab(page, n).waitFor({ timeout: 60_000 });

  // The walkthrough's picture, in its small window: the members running in the tree (wide enough
  // for their elapsed time), their three terminals in the panel, maximized (no editor).
  await page.setViewportSize(WALKTHROUGH_VIEWPORT);
  await widenSideBar(page, 570);
  await palette(page, 'View: Toggle Maximized Panel');
  for (const n of [1, 2, 3]) await row(page, `${DRIVER.slice(11)}.${n}`, 'running').waitFor({ timeout: 60_000 });
  await shot(path.join(opt['walkthrough-dir'], 'work.png'), 2000);
  await palette(page, 'View: Toggle Maximized Panel');
  await page.setViewportSize(VIEWPORT);

  await widenSideBar(page, 640); // members' progress and status, not cut off
  // A taller panel: more of chant's output.
  const panel = await page.locator('.part.panel').first().boundingBox();
  if (panel) {
    await page.mouse.move(panel.x + panel.width / 2, panel.y + 1);
    await page.mouse.down();
    await page.mouse.move(panel.x + panel.width / 2, panel.y - 140, { steps: 8 });
    await page.mouse.up();
  }
  await widenTerminalTabs(page, 120);
  go(members[0]); // one member done, two still running
  await taskTab(page, 1).click();
  await palette(page, 'Terminal: Scroll to Bottom'); // the resizes above left it scrolled up
  await terminalText(page, 'Spec completed!').waitFor({ timeout: 60_000 });
  await row(page, `${DRIVER.slice(11)}.1`, 'awaiting merge').waitFor({ timeout: 30_000 });
  await shot(out('work-phases.png'), 2500);

  // One at a time: two chant runs finishing at the same moment both commit the spec file on main,
  // and the second stops on git's index.lock ("Failed to stage spec file for transcript commit").
  for (const n of [2, 3]) {
    go(members[n - 1]);
    await row(page, `${DRIVER.slice(11)}.${n}`, 'awaiting merge').waitFor({ timeout: 60_000 });
  }
  await taskTab(page, 4).waitFor({ timeout: 60_000 });
  go(members[3]);
  await page.getByText('All 4 members succeeded').first().waitFor({ timeout: 60_000 });
  await taskTab(page, 4).click();
  await palette(page, 'Terminal: Scroll to Bottom');
  await terminalText(page, 'Spec completed!').waitFor({ timeout: 30_000 });
  // The completed driver's lens offers no Work any more (it lags the notification by a moment).
  await page.locator('.contentWidgets .codelens-decoration a', { hasText: '▶ Work' }).waitFor({ state: 'detached', timeout: 30_000 });
  await shot(out('work-done.png'), 2500);
}, {
  cleanup: () => {
    for (const id of members) go(id); // release any agent still waiting
    removeChantWorktrees(ws);
    fs.rmSync(tmp, { recursive: true, force: true });
  },
});
