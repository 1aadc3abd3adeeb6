// Steps on the demo workspace (tools/demo/make-demo-workspace.mjs) that several screenshot
// scripts take: the drifted documentation spec beside the Spec Explorer, a file it tracks.
import { DOC_SPEC } from '../demo/specs.mjs';
import { palette, quickOpen } from './quickInput.mjs';
import { widenSideBar } from './workbench.mjs';

/** The Spec Explorer by status, `sideBarWidth` px wide, beside the drifted documentation spec and its lens. */
export async function openDriftedSpec(page, sideBarWidth) {
  await palette(page, 'Chant: Focus on Spec Explorer View');
  await page.locator('.monaco-list-row', { hasText: 'Drifted' }).first().waitFor({ timeout: 60_000 });
  await widenSideBar(page, sideBarWidth);
  await quickOpen(page, `${DOC_SPEC}.md`);
  await page.getByText('Drifted:').first().waitFor({ timeout: 30_000 });
}

/** A source file the documentation spec tracks, changed since it completed: its drift lens. */
export async function openTrackedFile(page) {
  await palette(page, 'View: Show Explorer');
  await palette(page, 'Collapse Folders in Explorer');
  await quickOpen(page, 'src/auth/routes.py', 'routes.py');
  await page.getByText('Diff since baseline').first().waitFor({ timeout: 30_000 });
}
