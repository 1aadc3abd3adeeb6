// The workbench's quick input (Command Palette, Quick Open) as the screenshot scripts drive it.
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
const ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

/**
 * Types `text` into the open quick input, moves to the row labelled `want` (else the first
 * containing it: the best match is not always first) and presses Enter.
 */
export async function pick(page, text, want) {
  await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(text, { delay: 10 });
  const handle = await page.waitForFunction(([sel, w]) => {
    const rows = [...document.querySelectorAll(sel)].map((r) => ({ index: Number(r.getAttribute('data-index')), label: (r.getAttribute('aria-label') ?? '').toLowerCase() }));
    const hit = rows.find((r) => r.label === w || r.label.startsWith(`${w},`)) ?? rows.find((r) => r.label.includes(w));
    return hit ? { index: hit.index } : undefined;
  }, [ROWS, want.toLowerCase()], { timeout: 15_000 });
  const { index } = await handle.jsonValue();
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** Runs a command by its palette label. */
export async function palette(page, label) {
  await page.keyboard.press('F1');
  await pick(page, label, label);
}
