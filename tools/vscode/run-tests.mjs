#!/usr/bin/env node
// Runs an extension's integration tests inside a real VS Code extension host (see host.mjs).
//
//   node tools/vscode/run-tests.mjs --extensionTestsPath out/test/integration/index.js
//     [--workspace DIR] [--extensionDevelopmentPath DIR (default: repo root)] [--timeout SECONDS]
//     [--env KEY=VALUE]... [--log-dir DIR] [--screenshot-on-exit FILE.png] [--verbose]
//     [--user-agent UA]   the browser's user agent: the web workbench takes its platform (and so
//                         the platform's default keybindings) from it
//     [--page-module FILE.mjs]  a module whose attach(page) runs before the workbench loads and
//                         whose finish(page) runs when the tests are done (the benchmark's
//                         timeline of what the workbench shows)
//     [--workspace-trust] keep Workspace Trust on: the workspace opens in Restricted Mode
//
// Tests may ask for what only the page can do (read the notifications a user sees, the Output
// view's or a terminal's text, the quick input, the walkthrough on screen; click a button, a tree
// row's context menu item or a code lens; press keys): they write NAME.req.json into the folder
// CHANT_HOST_UI, the runner answers with NAME.res.json (test/integration/helpers.ts `ui`).
//
// Exit code: 0 tests passed, 1 tests failed, 2 no valid result (setup error, timeout, crashed host).
// Test output goes to stdout, runner messages to stderr, server/workbench logs to --log-dir.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, format } from 'node:util';
import { ROOT, startServer, launchBrowser, workbenchUrl, envPairs } from './host.mjs';

const { values: opt } = parseArgs({
  options: {
    workspace: { type: 'string' },
    extensionDevelopmentPath: { type: 'string', default: ROOT },
    extensionTestsPath: { type: 'string' },
    timeout: { type: 'string', default: '600' },
    env: { type: 'string', multiple: true, default: [] },
    'log-dir': { type: 'string' },
    'screenshot-on-exit': { type: 'string' },
    'user-agent': { type: 'string' },
    'page-module': { type: 'string' },
    'workspace-trust': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const t0 = Date.now();
const note = (...a) => console.error(`[run-tests ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

// The shim reports through these files; their names reach it through the server's environment,
// which the extension host inherits.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-tests-'));
const outputFile = path.join(tmp, 'output.txt');
const resultFile = path.join(tmp, 'result.txt');
const uiDir = path.join(tmp, 'ui');
fs.writeFileSync(outputFile, '');
fs.mkdirSync(uiDir);

/** Answers the tests' UI requests (see the header) on `page`. */
async function answerUi(page) {
  for (const name of fs.readdirSync(uiDir).filter((f) => f.endsWith('.req.json'))) {
    const req = path.join(uiDir, name);
    let answer;
    try {
      const { op, text, keys } = JSON.parse(fs.readFileSync(req, 'utf8'));
      if (op === 'notifications') {
        // The toasts on screen, each as its message, the links drawn in it, and its buttons.
        const toasts = page.locator('.notification-toast .notification-list-item');
        answer = { ok: true, value: await toasts.evaluateAll((els) => els.map((el) => ({
          message: el.querySelector('.notification-list-item-message')?.textContent ?? '',
          links: [...el.querySelectorAll('.notification-list-item-message a')].map((a) => a.getAttribute('href') ?? ''),
          buttons: [...el.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b) => b.textContent ?? ''),
        }))) };
      } else if (op === 'output') {
        // The Output view as the user sees it: the channel picked in its title bar (and those it
        // offers), and the lines of its editor on screen, top to bottom (only those in view).
        answer = { ok: true, value: await page.evaluate(() => {
          const panel = document.querySelector('.part.panel');
          const picker = [...(panel?.querySelectorAll('select.monaco-select-box') ?? [])].find((s) => s.closest('.title'));
          const view = panel?.querySelector('.output-view');
          const lines = [...(view?.querySelectorAll('.view-lines .view-line') ?? [])]
            .map((l) => ({ top: parseFloat(l.style.top) || 0, text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
            .sort((a, b) => a.top - b.top)
            .map((l) => l.text);
          return { channel: picker?.selectedOptions[0]?.textContent ?? '', channels: [...(picker?.options ?? [])].map((o) => o.textContent ?? ''), lines };
        }) };
      } else if (op === 'tree') {
        // The Spec Explorer's rows as drawn (label and description), top to bottom, those in view;
        // an expandable row starts with ▾ (open) or ▸ (collapsed).
        answer = { ok: true, value: await page.evaluate(() => {
          const pane = [...document.querySelectorAll('.part.sidebar .pane')].find((p) => p.querySelector('.pane-header')?.textContent?.includes('Spec Explorer'));
          return [...(pane?.querySelectorAll('.pane-body .monaco-list-row') ?? [])]
            .map((r) => {
              const open = r.getAttribute('aria-expanded');
              const mark = open === 'true' ? '▾ ' : open === 'false' ? '▸ ' : '';
              return { top: parseFloat(r.style.top) || 0, text: mark + (r.textContent ?? '').replace(/\u00a0/g, ' ') };
            })
            .sort((a, b) => a.top - b.top)
            .map((r) => r.text);
        }) };
      } else if (op === 'walkthrough') {
        // The Get Started walkthrough on screen: its steps' titles and the picture shown, after
        // clicking the step whose id ends with `text` (if given).
        if (text) await page.locator(`.gettingStartedContainer button.getting-started-step[data-step-id$="${text}"]`).first().click({ timeout: 10_000 });
        answer = { ok: true, value: await page.evaluate(() => {
          const root = document.querySelector('.gettingStartedContainer');
          const steps = [...(root?.querySelectorAll('button.getting-started-step .step-title') ?? [])].map((t) => t.textContent ?? '');
          const img = [...(root?.querySelectorAll('.getting-started-media img') ?? [])].find((i) => i.checkVisibility());
          return {
            steps,
            image: img && { src: img.currentSrc, alt: img.getAttribute('alt') ?? '', complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, width: Math.round(img.getBoundingClientRect().width) },
          };
        }) };
      } else if (op === 'click') {
        await page.getByRole('button', { name: text, exact: true }).first().click({ timeout: 10_000 });
        answer = { ok: true };
      } else if (op === 'row' || op === 'rowMenu') {
        // A click (row) or right-click (rowMenu: answers the context menu's items) on the Spec
        // Explorer row whose text holds `text`.
        const pane = page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: 'Spec Explorer' }) });
        const row = pane.locator('.pane-body .monaco-list-row').filter({ hasText: text }).first();
        if (op === 'row') {
          await row.click({ timeout: 10_000 });
          answer = { ok: true };
        } else {
          await row.click({ button: 'right', timeout: 10_000 });
          const items = page.locator('.monaco-menu .action-menu-item .action-label');
          await items.first().waitFor({ timeout: 10_000 });
          answer = { ok: true, value: (await items.allTextContents()).map((t) => t.trim()).filter(Boolean) };
        }
      } else if (op === 'menu') {
        // A click on the open context menu's item labelled exactly `text`. The workbench now and
        // then drops a click that lands while the menu is still settling (seen here: the item
        // highlighted, the menu left open, nothing run); a user clicks again, and so do we, at
        // most three times, and only while the menu is still open.
        const item = page.locator('.monaco-menu .action-menu-item').filter({ has: page.getByText(text, { exact: true }) }).first();
        const menus = page.locator('.monaco-menu');
        for (let attempt = 1; ; attempt++) {
          await item.click({ timeout: 10_000 });
          const closed = await menus.first().waitFor({ state: 'hidden', timeout: 1500 }).then(() => true, () => false);
          if (closed || attempt === 3 || !(await item.isVisible())) break;
          note(`menu item ${JSON.stringify(text)}: the click left the menu open, clicking again`);
        }
        answer = { ok: true };
      } else if (op === 'lens') {
        // A click, where the user clicks, on the visible editor's code lens whose text is exactly
        // `text` (lenses are redrawn while shown, so the element itself may be a new one by then).
        // Editors out of view keep theirs in the page: only a lens drawn on screen is clicked.
        const lenses = page.locator('.editor-instance .codelens-decoration a').filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
        let box = null;
        for (const deadline = Date.now() + 10_000; !box && Date.now() < deadline;) {
          for (const lens of await lenses.all()) box ??= await lens.boundingBox().then((b) => (b && b.width > 0 && b.height > 0 ? b : null)).catch(() => null);
          if (!box) await new Promise((r) => setTimeout(r, 100));
        }
        if (!box) throw new Error(`no lens ${text} on screen`);
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        answer = { ok: true };
      } else if (op === 'quickInput') {
        // The quick input on screen (input box or pick list): its title, value, prompt or validation message.
        const widget = page.locator('.quick-input-widget');
        answer = { ok: true, value: await widget.isVisible() ? await widget.evaluate((w) => ({
          title: w.querySelector('.quick-input-title')?.textContent ?? '',
          value: w.querySelector('.quick-input-box input')?.value ?? '',
          message: w.querySelector('.quick-input-message')?.textContent ?? '',
          items: [...w.querySelectorAll('.quick-input-list .monaco-list-row .label-name')].map((e) => e.textContent ?? ''),
        })) : null };
      } else if (op === 'fill') {
        // Types `text` into the quick input on screen, replacing its value (Enter is a `keys` op).
        await page.locator('.quick-input-widget .quick-input-box input').fill(text, { timeout: 10_000 });
        answer = { ok: true };
      } else if (op === 'keys') {
        // Key chords pressed in the workbench, one after the other (Playwright names: Control+Alt+KeyS).
        for (const chord of keys) await page.keyboard.press(chord);
        answer = { ok: true };
      } else if (op === 'terminal') {
        // The lines of the terminal shown in the panel (DOM renderer), top to bottom, without trailing blanks.
        answer = { ok: true, value: await page.evaluate(() => {
          const rows = document.querySelector('.part.panel .terminal-wrapper.active .xterm-rows') ?? document.querySelector('.part.panel .xterm-rows');
          return [...(rows?.children ?? [])].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd());
        }) };
      } else {
        answer = { ok: false, error: `unknown UI request ${op}` };
      }
    } catch (e) {
      answer = { ok: false, error: e.message };
    }
    fs.rmSync(req, { force: true });
    // Written aside and renamed: the test polls for the answer and must never read half of it.
    const res = path.join(uiDir, name.replace(/\.req\.json$/, '.res.json'));
    fs.writeFileSync(`${res}.tmp`, JSON.stringify(answer));
    fs.renameSync(`${res}.tmp`, res);
  }
}

let offset = 0;
function pumpOutput() {
  const data = fs.readFileSync(outputFile);
  if (data.length > offset) process.stdout.write(data.subarray(offset));
  offset = data.length;
}

let logStream;
if (opt['log-dir']) {
  fs.mkdirSync(opt['log-dir'], { recursive: true });
  logStream = fs.createWriteStream(path.join(opt['log-dir'], 'vscode.log'));
}
// The server runs in its own process group (see host.mjs), so it would outlive a runner killed by
// Ctrl+C or a CI timeout: on those signals, shut it down first.
let shutdown = async () => {};
for (const [signal, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.once(signal, async () => {
    note(`${signal}: stopping VS Code`);
    await shutdown();
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(128 + n);
  });
}

const log = (source, line) => {
  logStream?.write(`[${source}] ${line}\n`);
  if (opt.verbose) console.error(`[${source}] ${line}`);
};

async function main() {
  if (!opt.extensionTestsPath) throw new Error('--extensionTestsPath is required');
  const testsPath = path.resolve(opt.extensionTestsPath);
  const env = {
    ...envPairs(opt.env),
    CHANT_HOST_TESTS: testsPath,
    CHANT_HOST_OUTPUT: outputFile,
    CHANT_HOST_RESULT: resultFile,
    CHANT_HOST_UI: uiDir,
  };

  let settle;
  const finished = new Promise((resolve) => { settle = resolve; });
  let hostExitTimer;
  const server = await startServer({
    env,
    workspaceTrust: opt['workspace-trust'],
    log: (line) => {
      log('server', line);
      // If the extension host dies and the page never reports, don't wait for the full timeout.
      if (/Extension Host Process exited/.test(line) && !hostExitTimer) {
        hostExitTimer = setTimeout(() => settle({ hostExited: true }), 10_000);
      }
    },
  });
  shutdown = () => server.stop();
  const browser = await launchBrowser().catch(async (e) => { await server.stop(); throw e; });
  const cleanup = async () => {
    clearTimeout(hostExitTimer);
    await browser.close().catch(() => {});
    await server.stop();
  };
  shutdown = cleanup;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, ...(opt['user-agent'] ? { userAgent: opt['user-agent'] } : {}) });
    // The workbench calls these when it runs with --enable-smoke-test-driver.
    await page.exposeFunction('codeAutomationLog', (level, args) =>
      log(`workbench:${level}`, format(...[].concat(args))));
    await page.exposeFunction('codeAutomationExit', (code) => settle({ code }));
    page.on('console', (m) => log(`browser:${m.type()}`, m.text()));
    page.on('pageerror', (e) => log('pageerror', e.message));

    const url = workbenchUrl({
      authority: server.authority,
      folder: opt.workspace,
      extensionDevelopmentPath: path.resolve(opt.extensionDevelopmentPath),
      extensionTestsPath: path.join(import.meta.dirname, 'tests-shim.cjs'),
    });
    log('runner', url);
    note(`VS Code server on ${server.authority}, workspace ${opt.workspace ?? '(none)'}`);
    const pageModule = opt['page-module'] ? await import(pathToFileURL(path.resolve(opt['page-module'])).href) : undefined;
    await pageModule?.attach?.(page);
    await page.goto(url, { timeout: 120_000 }); // the workbench loads slowly on a busy machine

    const pump = setInterval(pumpOutput, 200);
    let answering = false;
    const ui = setInterval(() => {
      if (answering) return;
      answering = true;
      answerUi(page).catch((e) => note(`UI request: ${e.message}`)).finally(() => { answering = false; });
    }, 100);
    let timer;
    const outcome = await Promise.race([
      finished,
      new Promise((r) => { timer = setTimeout(() => r({ timedOut: true }), Number(opt.timeout) * 1000); }),
    ]);
    clearTimeout(timer);
    clearInterval(pump);
    clearInterval(ui);
    pumpOutput();
    await pageModule?.finish?.(page);
    if (opt['screenshot-on-exit']) await page.screenshot({ path: opt['screenshot-on-exit'] }).catch((e) => note(e.message));

    const result = fs.existsSync(resultFile) ? fs.readFileSync(resultFile, 'utf8') : 'none';
    if (outcome.timedOut) return note(`timed out after ${opt.timeout}s`), 2;
    if (outcome.hostExited && result === 'none') return note('extension host exited without a test result'), 2;
    note(`extension host reported exit code ${outcome.code ?? '?'}, tests module result: ${result}`);
    if (result === 'failed') return 1;
    if (result === 'passed' && outcome.code === 0) return 0;
    return 2; // e.g. the host crashed mid-run: the page says 0 but the shim never finished
  } finally {
    await cleanup();
  }
}

let code = 2;
try {
  code = await main();
} catch (e) {
  note(`error: ${e.stack || e.message}`);
} finally {
  pumpOutput();
  fs.rmSync(tmp, { recursive: true, force: true });
  if (logStream) await new Promise((r) => logStream.end(r));
  note(`exit ${code}`);
  process.exit(code);
}
