#!/usr/bin/env node
// README screenshots of a spec's whole lifecycle in the real workbench, on the demo workspace
// (tools/demo/make-demo-workspace.mjs), with the real chant CLI and the agent double
// (test/agent-double/claude) on PATH:
//   media/screenshots/lifecycle-new.png      Chant: New Spec… asking for the description
//   media/screenshots/lifecycle-work.png     the new spec (criteria written) running as a chant task
//   media/screenshots/lifecycle-review.png   done, awaiting merge: Review Changes' multi-file diff
//   media/screenshots/lifecycle-archive.png  merged: Archive Spec asks before chant archive
//
//   npm run build && node tools/screenshots/lifecycle.mjs [--chant BIN] [--out-dir media/screenshots] [--verbose]
// --chant: the real chant CLI (default ../shared/tools/chant/chant).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeDemoWorkspace } from '../demo/make-demo-workspace.mjs';
import { palette, pick } from './quickInput.mjs';
import { chantEnv, chantOption, removeChantWorktrees, requireChant } from './realChant.mjs';
import { shotArgs, tempDir, widenSideBar, withWorkbench } from './workbench.mjs';

const { opt, note } = shotArgs('lifecycle', chantOption());
const chant = requireChant(opt.chant); // else "skipped: …"
const out = (name) => path.join(opt['out-dir'], name);
const tmp = tempDir('lifecycle');
const ws = makeDemoWorkspace(path.join(tmp, 'demo-shop')).dir;
const git = (...args) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' }).trim();
const control = path.join(ws, '.git', 'agent-double'); // what the agent double is told to do
const DESCRIPTION = 'Rate-limit password reset requests';
const CRITERIA = `
## Acceptance Criteria

- [ ] At most 5 reset requests per email address and hour
- [ ] The sixth request within the hour answers 429
`;

/** A code lens of the active editor, by its text. */
const lens = (page, text) => page.locator('.contentWidgets .codelens-decoration a', { hasText: text }).first();
/** The workbench's modal dialog's button. */
const dialogButton = (page, name) => page.locator('.monaco-dialog-box').getByRole('button', { name });

await withWorkbench({
  note,
  verbose: opt.verbose,
  folder: ws,
  env: chantEnv(chant),
  settings: { 'workbench.colorTheme': 'Default Dark Modern' },
}, async ({ page, shot }) => {
  await palette(page, 'Chant: Focus on Spec Explorer View');
  await page.locator('.monaco-list-row', { hasText: 'Drifted' }).first().waitFor({ timeout: 60_000 });
  await widenSideBar(page, 420);

  // 1. New Spec: chant add writes and commits the spec, the extension opens it.
  await page.keyboard.press('F1');
  await pick(page, 'Chant: New Spec', 'Chant: New Spec…');
  await page.getByText('Describe the work').first().waitFor({ timeout: 15_000 });
  await page.keyboard.type(DESCRIPTION, { delay: 10 });
  await shot(out('lifecycle-new.png'));
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: '.md' }).first().waitFor({ timeout: 30_000 });
  const id = git('log', '-1', '--format=%s').replace(/^chant: Add spec /, '');
  if (!/^\d{4}-\d{2}-\d{2}-[0-9a-z]{3}-[0-9a-z]{3}$/.test(id)) throw new Error(`chant add did not commit a spec: ${id}`);
  note(`chant add: ${id}`);

  // The user writes the criteria (chant refuses a spec without them) and commits.
  const file = path.join(ws, '.chant', 'specs', `${id}.md`);
  fs.appendFileSync(file, CRITERIA);
  git('commit', '-q', '-am', `Criteria for ${id}`);
  // The agent waits for our go, so the run can be seen; it leaves the criteria to chant (chant
  // ticks them on main, and a branch that ticked them too would conflict at merge).
  fs.mkdirSync(control, { recursive: true });
  fs.writeFileSync(path.join(control, id), 'wait no-tick');

  // 2. Work (the palette's Work Spec; the ▶ Work lens does the same, but lenses re-render too
  // often on a busy machine for a robot to click them): `chant work` runs as a task.
  await lens(page, 'Work').waitFor({ timeout: 30_000 });
  await palette(page, 'Chant: Work Spec');
  await pick(page, DESCRIPTION);
  await page.locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: `work ${id.slice(11)}` }).first().waitFor({ timeout: 30_000 }).catch(() => note('no terminal tab seen'));
  const started = Date.now();
  await lens(page, 'Running…').waitFor({ timeout: 120_000 });
  note(`the lens said Running… after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  await page.locator('.monaco-list-row', { hasText: DESCRIPTION }).filter({ hasText: 'running' }).first().waitFor({ timeout: 60_000 }); // the tree too
  await shot(out('lifecycle-work.png'), 4000);
  fs.writeFileSync(path.join(control, `${id}.go`), 'go');

  // 3. Completed on its branch, not merged: awaiting merge in the tree and the lens; Review
  // Changes opens the branch's multi-file diff beside the spec.
  await lens(page, 'Awaiting merge').waitFor({ timeout: 60_000 });
  await palette(page, 'Notifications: Clear All Notifications'); // "chant work … finished"
  await page.keyboard.press('Control+J'); // the panel away: room for the diff
  // The tree narrowed to completed specs: ours is the one awaiting merge.
  await palette(page, 'Chant: Filter Specs…');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type('status:completed', { delay: 10 });
  await page.keyboard.press('Enter');
  const completedGroup = page.locator('.monaco-list-row[aria-level="1"]', { hasText: 'Completed' }).first();
  await completedGroup.click();
  if ((await completedGroup.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight'); // the group opens
  await palette(page, 'View: Split Editor Right');
  await palette(page, 'Chant: Review Changes');
  await page.locator('.tab', { hasText: `chant/${id}` }).first().waitFor({ timeout: 30_000 });
  await page.locator('.monaco-list-row', { hasText: 'awaiting merge' }).first().waitFor({ timeout: 15_000 });
  await shot(out('lifecycle-review.png'), 3000);

  // 4. Merge (asked first), then Archive (asked first).
  await page.locator('.tab', { hasText: `${id}.md` }).first().click();
  await palette(page, 'Chant: Merge Spec Branch');
  await dialogButton(page, 'Run chant merge').click({ timeout: 15_000 });
  await lens(page, 'Awaiting merge').waitFor({ state: 'detached', timeout: 60_000 });
  note(`merged: ${git('log', '-1', '--format=%s')}`);
  await palette(page, 'Notifications: Clear All Notifications');
  await palette(page, 'Chant: Archive Spec');
  await dialogButton(page, 'Run chant archive').waitFor({ timeout: 15_000 });
  await shot(out('lifecycle-archive.png'));
  await dialogButton(page, 'Run chant archive').click();
  const deadline = Date.now() + 60_000;
  while (fs.existsSync(file) && Date.now() < deadline) await page.waitForTimeout(500);
  if (fs.existsSync(file)) throw new Error('chant archive left the spec in .chant/specs');
  note(`archived: ${git('log', '-1', '--format=%s')}`);
}, {
  cleanup: () => {
    removeChantWorktrees(ws); // chant's worktrees of this project live outside it
    fs.rmSync(tmp, { recursive: true, force: true });
  },
});
