// The workbench's quick input (Command Palette, Quick Open) as the screenshot scripts drive it.
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
const ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

/**
 * Types `text` into the open quick input, moves to the row labelled `want` (else the first
 * containing it: the best match is not always first; typing "Preferences: Color Theme" ranks
 * "…Color Themes in Marketplace" above it), presses Enter and waits until the input closed or
 * another picker replaced it (a command's own quick pick, the theme list).
 */
export async function pick(page, text, want = text) {
  await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(text, { delay: 10 });
  const handle = await page.waitForFunction(([sel, w]) => {
    const rows = [...document.querySelectorAll(sel)].map((r) => ({ index: Number(r.getAttribute('data-index')), label: (r.getAttribute('aria-label') ?? '').toLowerCase() }));
    const hit = rows.find((r) => r.label === w || r.label.startsWith(`${w},`)) ?? rows.find((r) => r.label.includes(w));
    return hit ? { index: hit.index } : undefined; // an object: index 0 alone would read as "not yet"
  }, [ROWS, want.toLowerCase()], { timeout: 15_000 });
  const { index } = await handle.jsonValue();
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  const typed = await page.inputValue(QUICK_INPUT);
  await page.keyboard.press('Enter');
  await page.waitForFunction(([sel, v]) => {
    const input = document.querySelector(sel);
    return !input || !input.checkVisibility() || input.value !== v;
  }, [QUICK_INPUT, typed], { timeout: 15_000 });
}

/** Runs a command by its palette label. */
export async function palette(page, label) {
  await page.keyboard.press('F1'); // the palette opens with '>' already typed
  await pick(page, label, label);
}

/** Opens a file by name with Quick Open (Ctrl+P) and waits for an editor. */
export async function quickOpen(page, file, want = file.split('/').pop()) {
  await page.keyboard.press('Control+P');
  await pick(page, file, want);
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: 15_000 });
}

/** Moves the cursor with Go to Line (Ctrl+G), `where` as `line` or `line:column`. */
export async function goToLine(page, where) {
  await page.keyboard.press('Control+G');
  await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(where, { delay: 10 });
  await page.keyboard.press('Enter');
}
