// The spec graph webview as the screenshot scripts drive it.

/** The graph webview's document (nested inside the workbench's webview iframe). */
export async function graphFrame(page) {
  for (let i = 0; i < 120; i++) {
    for (const f of page.frames()) {
      if (await f.locator('#statuses').count().catch(() => 0)) return f;
    }
    await page.waitForTimeout(500);
  }
  throw new Error('the graph webview did not appear');
}

/** Waits until the caption matches and the drawing settled (mermaid renders asynchronously). */
export async function settled(frame, page, caption) {
  await frame.waitForFunction((re) => new RegExp(re).test(document.getElementById('caption')?.textContent ?? '') && document.querySelector('#canvas svg g.node'), caption.source, { timeout: 30_000 });
  await page.waitForTimeout(1500);
}
