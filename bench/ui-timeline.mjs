// The benchmark's view of the workbench itself (a --page-module of tools/vscode/run-tests.mjs):
// opens the Chant view container as soon as its icon shows, as a user would right after VS Code
// opens, and records (wall-clock ms, the same clock as the extension host's marks) when the Spec
// Explorer first showed: its pane, "There is no data provider…", progress (the manifest's
// "Starting Chant Specs…" text before activation, the "Reading specs…" row or the view's progress
// bar), and its first spec rows. Written to CHANT_BENCH_UI_OUT.
import fs from 'node:fs';

const VIEW_NAME = 'Spec Explorer';

// Runs in the page: polls the DOM every 10 ms (cheap querySelector work, nothing rendered).
function observe(viewName) {
  const t = {};
  const mark = (k) => { if (!(k in t)) t[k] = Date.now(); };
  window.__chantBenchTimeline = t;
  const timer = setInterval(() => {
    for (const pane of document.querySelectorAll('.part.sidebar .pane')) {
      const header = pane.querySelector('.pane-header');
      if (!header || !header.textContent.includes(viewName)) continue;
      const body = pane.querySelector('.pane-body');
      if (!body || body.getClientRects().length === 0) continue;
      mark('viewShown');
      if (/no data provider/i.test(body.textContent)) mark('noProvider');
      // The manifest's welcome text while the extension is not active yet (drawn by the workbench).
      if (body.textContent.includes('Starting Chant Specs')) mark('startingMessage');
      if (pane.querySelector('.monaco-progress-container.active')) mark('progressBar');
      const labels = [...body.querySelectorAll('.monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? r.textContent ?? '');
      if (labels.some((l) => l.startsWith('Reading specs'))) mark('progressRow');
      if (labels.some((l) => l && !l.startsWith('Reading specs'))) {
        mark('rows');
        t.rowCount = labels.length;
        clearInterval(timer);
      }
    }
  }, 10);
}

let clickedAt;

export async function attach(page) {
  await page.addInitScript(observe, VIEW_NAME);
  // Not awaited: the workbench loads meanwhile (run-tests goes on with page.goto).
  void (async () => {
    const icon = page.locator('.activitybar [aria-label^="Chant"]').first();
    await icon.waitFor({ timeout: 120_000 });
    clickedAt = Date.now();
    await icon.click();
  })().catch((e) => console.error(`[ui-timeline] could not open the Chant view: ${e.message}`));
}

export async function finish(page) {
  const timeline = await page.evaluate(() => window.__chantBenchTimeline ?? {}).catch(() => ({}));
  const out = process.env.CHANT_BENCH_UI_OUT;
  if (out) fs.writeFileSync(out, JSON.stringify({ clickedAt, ...timeline }, null, 2));
}
