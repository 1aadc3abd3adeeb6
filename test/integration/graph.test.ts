// The spec graph in a real VS Code: the webview loads under its CSP, draws with mermaid and
// reports back; a click in the webview opens the spec (webview → extension → editor); live
// updates, theme switches, SVG export, the code lens, the Dependencies view and the headless CLI.
// Runs on a copy of test/fixtures/ws-graph (see tools/vscode/integration.mjs, suite `graph`).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChantApi, DependencySnapshotItem, GraphHandle } from '../../src/vscode/api';
import { chantApi, ui, waitFor, workspaceRoot } from './helpers';

const DRIVER = '2026-03-01-001-drv';
/** Invisible layout links (`a ~~~ b`) in the mermaid text: they arrange unconnected specs, they are no edge. */
const layoutLinks = (mermaid: string) => (mermaid.match(/~~~/g) ?? []).length;
const specPath = (id: string) => path.join(workspaceRoot(), '.chant', 'specs', `${id}.md`);

function cli(args: string[]): Promise<string> {
  const extension = vscode.extensions.getExtension('chant-specs.chant-specs')!;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(extension.extensionPath, 'dist', 'cli.js'), ...args], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

function section(items: DependencySnapshotItem[], prefix: string): DependencySnapshotItem | undefined {
  return items.find((i) => i.label.startsWith(prefix));
}

describe('spec graph', () => {
  let api: ChantApi;
  let graph: GraphHandle;

  before(async () => {
    api = await chantApi();
    assert.equal(typeof api.showGraph, 'function', 'API lacks showGraph()');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens focused on the seed driver and the webview draws every node and edge', async function () {
    this.timeout(90_000);
    graph = await api.showGraph!(DRIVER);
    const r = graph.report;
    assert.equal(r.error, undefined, `render error: ${r.error}`);
    assert.equal(r.hasSvg, true);
    assert.equal(r.focus, DRIVER);
    assert.equal(r.nodeCount, r.graphNodes, 'every node of the graph is in the SVG');
    assert.equal(r.boundNodes, r.graphNodes, 'every node got its click and keyboard handlers');
    assert.equal(r.edgeCount, r.graphEdges, 'every edge is in the SVG');
    assert.equal(r.layoutLinkCount, layoutLinks(graph.mermaid()), 'layout links are drawn invisibly and counted apart');
    // The page's script, then mermaid's module (flowchart and dagre inside: esbuild.mjs, flowchartOnly), imported under the nonce.
    assert.equal(r.timings.scriptFiles, 1, 'the webview fetched one script file before its script ran');
    assert.equal(r.reused, false, 'the first graph of the session is drawn by mermaid');
    assert.ok(r.timings.mermaidMs >= r.timings.scriptMs, 'mermaid\'s module was loaded after the page\'s script ran');
    assert.ok(r.timings.mermaidFetchedMs > 0 && r.timings.mermaidFetchedMs <= r.timings.mermaidMs, `mermaid's file arrived (${r.timings.mermaidFetchedMs} ms) before its module was ready (${r.timings.mermaidMs} ms)`);
    assert.ok(r.timings.layoutMs > 0, 'the webview timed its one layout');
    // The render went with the page: posted before the page's one `ready`, and no other after it.
    const loads = graph.pageLoads();
    assert.equal(loads.length, 1);
    assert.equal(loads[0].posted, r.seq, 'the render drawn was posted before the page said it was ready');
    assert.ok(loads[0].seen === r.seq || loads[0].seen === 0, `the page had the render or asked before it arrived (seen ${loads[0].seen})`);
    const ids = graph.nodes().map((n) => n.specId);
    for (const m of [DRIVER, `${DRIVER}.1`, `${DRIVER}.2`, `${DRIVER}.3`, `${DRIVER}.4`, '2026-03-01-002-rsc', '2026-03-01-003-doc']) {
      assert.ok(ids.includes(m), `${m} missing from ${ids.join(', ')}`);
    }
    assert.ok(!ids.includes('2026-03-01-006-cya'), 'the cycle is outside the driver\'s 2-hop neighbourhood');
  });

  it('shows the same mermaid text as the headless CLI', async function () {
    this.timeout(30_000);
    const text = await cli(['graph', '--mermaid', workspaceRoot(), '--focus', DRIVER, '--depth', '2']);
    assert.equal(text, graph.mermaid());
  });

  it('opens the spec when a node is clicked in the webview, and the graph follows it', async function () {
    this.timeout(30_000);
    const target = `${DRIVER}.4`;
    assert.equal(await graph.clickNode(target), true, 'the node element was found in the SVG');
    await waitFor(`${target} in the active editor`, () => vscode.window.activeTextEditor?.document.uri.fsPath === specPath(target));
    // A fresh layout, maybe in both orientations (the panel is narrower beside the editor): 20 s as for the other renders here.
    const r = await waitFor('the graph to follow the editor', () => graph.report.focus === target && graph.report, 20_000);
    assert.equal(r.error, undefined);
    assert.equal(r.nodeCount, r.graphNodes);
  });

  it('draws hostile titles as text and highlights the dependency cycle', async function () {
    this.timeout(30_000);
    const r = await graph.setOptions({ mode: 'project', pinned: true });
    assert.equal(r.error, undefined, `render error: ${r.error}`);
    assert.equal(r.nodeCount, r.graphNodes);
    assert.equal(r.cycleEdgeCount, 2, 'both edges of 006-cya ⇄ 007-cyb are highlighted');
    assert.deepEqual(r.cycles.map((c) => [...c].sort()), [['2026-03-01-006-cya', '2026-03-01-007-cyb']]);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-graph-')), 'graph.svg');
    await vscode.commands.executeCommand('chantSpecs.exportGraphSvg', file);
    const svg = fs.readFileSync(file, 'utf8');
    assert.match(svg, /^<\?xml[^>]*>\n<svg /);
    assert.doesNotMatch(svg, /<script/i, 'the title\'s <script> is text, not an element');
    assert.match(svg, /&lt;script&gt;alert\("x"\)&lt;\/script&gt;/, 'the title is drawn literally');
    assert.match(svg, /\$\u2060\$x\^2\$\u2060\$/, 'the title\'s $$…$$ is text (split by an invisible word joiner), not math');
    assert.match(svg, /C:\\\u2060new/, 'the title\'s \\n is text (split by an invisible word joiner), not a line break');
    assert.match(svg, /Ship the payments overhaul/);
  });

  it('shows each title as its text, whatever mermaid would read in it once decoded', async function () {
    this.timeout(40_000);
    // Each a sequence mermaid acts on in a label after decoding its entities (icons, line
    // breaks, math, its own placeholders), or markup and entity syntax.
    const titles = ['Sign in with fa:fa-user and fab:fa-github', 'Placeholder ﬂ°°60¶ß and ﬂ°lt¶ß', 'Folder C:\\new and \\\\n', 'Math $$x^2$$ and $$$', '<b>bold</b> &amp; #35; #quot;'];
    const ids = titles.map((_, i) => `2026-03-03-00${i + 1}-ttl`);
    const next = graph.nextRender(20_000);
    ids.forEach((id, i) => fs.writeFileSync(specPath(id), `---\ntype: code\n---\n\n# ${titles[i]}\n`));
    await next;
    await waitFor('the five titles drawn', () => graph.nodes().filter((n) => n.specId.endsWith('-ttl')).length === 5 && graph.report.nodeCount === graph.nodes().length, 20_000);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-graph-')), 'titles.svg');
    await vscode.commands.executeCommand('chantSpecs.exportGraphSvg', file);
    const svg = fs.readFileSync(file, 'utf8');
    const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
    const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, e: string) =>
      e[0] !== '#' ? entities[e] ?? m : String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))));
    for (const [i, id] of ids.entries()) {
      const node = graph.nodes().find((n) => n.specId === id)!;
      // The node's group, then its label's first line (the title; the second is its ID and status).
      const at = svg.search(new RegExp(`<g [^>]*id="[^"]*-${node.nodeId}-\\d+"`));
      assert.ok(at >= 0, `${id} is in the SVG`);
      const label = /<p>(.*?)<\/p>/s.exec(svg.slice(at))?.[1] ?? '';
      const lines = label.split(/<br\s*\/?>/);
      assert.equal(lines.length, 2, `${id}: a title line and a detail line, no other break: ${label}`);
      assert.equal(text(lines[0]).replace(/\u2060/g, ''), titles[i], `${id}: the title shown as written (word joiners are invisible): ${label}`);
    }
    const gone = graph.nextRender(20_000);
    for (const id of ids) fs.rmSync(specPath(id));
    await gone;
    await waitFor('the five titles gone', () => !graph.nodes().some((n) => n.specId.endsWith('-ttl')) && graph.report.nodeCount === graph.nodes().length, 20_000);
  });

  it('re-renders once per index batch, keeping the view, when specs change', async function () {
    this.timeout(30_000);
    const before = graph.report.graphNodes;
    const next = graph.nextRender(20_000);
    fs.writeFileSync(specPath('2026-03-01-010-new'), `---\ntype: code\ndepends_on: [${DRIVER}.4]\n---\n\n# Announce the new checkout\n`);
    const r = await next;
    assert.equal(r.error, undefined);
    assert.equal(r.graphNodes, before + 1);
    assert.equal(r.nodeCount, r.graphNodes);
    assert.ok(graph.nodes().some((n) => n.specId === '2026-03-01-010-new'));
  });

  it('packs unconnected specs in rows and says what a narrowed whole-project view holds', async function () {
    this.timeout(40_000);
    const next = graph.nextRender(20_000);
    for (let i = 1; i <= 9; i++) {
      fs.writeFileSync(specPath(`2026-03-02-00${i}-lone`), `---\ntype: code\n---\n\n# Unconnected chore number ${i}\n`);
    }
    await next;
    let r = await waitFor('all nine new specs drawn', () =>
      graph.nodes().filter((n) => n.specId.endsWith('-lone')).length === 9 && graph.report.nodeCount === graph.nodes().length && graph.report, 20_000);
    assert.equal(r.error, undefined);
    assert.equal(r.nodeCount, r.graphNodes);
    assert.equal(r.edgeCount, r.graphEdges, 'the real edges, without the layout links');
    assert.ok(layoutLinks(graph.mermaid()) >= 6, graph.mermaid());
    assert.equal(r.layoutLinkCount, layoutLinks(graph.mermaid()), 'every layout link is in the SVG, none of them visible as an edge');
    assert.match(r.caption, /whole project · \d+ specs, \d+ edges/);

    r = await graph.setOptions({ statuses: ['ready'] });
    assert.equal(r.error, undefined);
    assert.match(r.caption, /Showing \d+ of \d+ specs: status ready · \d+ edges?/);
    assert.ok(graph.nodes().filter((n) => n.kind === 'spec').length > 0);
    r = await graph.setOptions({ statuses: [] });
    assert.match(r.caption, /whole project/);
  });

  it('filters by several statuses at once with the toolbar\'s toggles, and keeps them with the panel', async function () {
    this.timeout(60_000);
    const statusOf = (paths: (string | undefined)[]) => paths.map((p) => api.specs().find((s) => s.path === p)?.status);
    let toggles = await graph.statusToggles();
    assert.deepEqual(toggles.filter((t) => t.pressed).map((t) => t.status), [''], '"Any status" is pressed, nothing else');
    for (const s of ['ready', 'blocked', 'in_progress']) assert.ok(toggles.some((t) => t.status === s), `a ${s} toggle among ${toggles.map((t) => t.status).join(', ')}`);

    // Two real clicks on the webview's toggles: each one re-renders, the second adds to the first.
    let next = graph.nextRender(20_000);
    assert.equal(await graph.clickStatusToggle('blocked'), true);
    let r = await next;
    assert.match(r.caption, /status blocked · /);
    next = graph.nextRender(20_000);
    assert.equal(await graph.clickStatusToggle('in_progress'), true);
    r = await next;
    assert.equal(r.error, undefined);
    assert.match(r.caption, /Showing \d+ of \d+ specs: status blocked, in progress · /);
    assert.equal(r.nodeCount, r.graphNodes, 'every node of the narrowed graph is drawn');
    const specs = graph.nodes().filter((n) => n.kind === 'spec');
    const shown = new Set(statusOf(specs.map((n) => n.path)));
    assert.deepEqual([...shown].sort(), ['blocked', 'in_progress'], 'specs of both statuses, and only those');
    toggles = await graph.statusToggles();
    assert.deepEqual(toggles.filter((t) => t.pressed).map((t) => t.status).sort(), ['blocked', 'in_progress']);
    const blocked = toggles.find((t) => t.status === 'blocked')!;
    assert.match(blocked.text, /^blocked \d+$/, 'each toggle says how many specs it selects');

    // The panel keeps them: a live update re-renders with the same statuses.
    next = graph.nextRender(20_000);
    fs.writeFileSync(specPath('2026-03-03-001-wait'), '---\ntype: code\ndepends_on: [2026-03-09-404-gone]\n---\n\n# Wait for a spec that is not there\n');
    r = await next;
    assert.match(r.caption, /status blocked, in progress/);
    assert.ok(graph.nodes().some((n) => n.specId === '2026-03-03-001-wait'), 'the new blocked spec joins the filtered view');

    // A second click on a pressed toggle takes it away; "Any status" clears the rest.
    next = graph.nextRender(20_000);
    assert.equal(await graph.clickStatusToggle('in_progress'), true);
    r = await next;
    assert.match(r.caption, /status blocked · /);
    next = graph.nextRender(20_000);
    assert.equal(await graph.clickStatusToggle(undefined), true);
    r = await next;
    assert.match(r.caption, /whole project/);
    assert.deepEqual((await graph.statusToggles()).filter((t) => t.pressed).map((t) => t.status), ['']);
  });

  it('offers the same status filter in the headless CLI', async function () {
    this.timeout(30_000);
    const r = await graph.setOptions({ mode: 'project', statuses: ['blocked', 'in_progress'] });
    assert.equal(r.error, undefined);
    const text = await cli(['graph', '--mermaid', workspaceRoot(), '--status', 'blocked,in_progress']);
    assert.equal(text, graph.mermaid());
    await graph.setOptions({ statuses: [] });
  });

  it('re-renders with the theme\'s colours when the colour theme changes', async function () {
    this.timeout(30_000);
    const config = vscode.workspace.getConfiguration('workbench');
    const original = config.inspect<string>('colorTheme')?.globalValue;
    const next = graph.nextRender(20_000);
    await config.update('colorTheme', 'Default High Contrast', vscode.ConfigurationTarget.Global);
    try {
      const r = await next;
      assert.equal(r.reason, 'theme');
      assert.equal(r.theme, 'high-contrast');
      assert.equal(r.error, undefined);
      assert.equal(r.reused, false, 'a new theme is drawn by mermaid');
      assert.equal(r.nodeCount, r.graphNodes);
      // Another theme, then this one again: what was drawn in it is shown as it was.
      const light = graph.nextRender(20_000);
      await config.update('colorTheme', 'Default High Contrast Light', vscode.ConfigurationTarget.Global);
      assert.equal((await light).theme, 'high-contrast-light');
      const back = graph.nextRender(20_000);
      await config.update('colorTheme', 'Default High Contrast', vscode.ConfigurationTarget.Global);
      const again = await back;
      assert.equal(again.theme, 'high-contrast');
      assert.equal(again.reused, true, 'the theme switched back shows the picture drawn in it before');
      assert.equal(again.nodeCount, again.graphNodes);
    } finally {
      await config.update('colorTheme', original, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows a graph drawn before without laying it out again: reopened, its tab shown again, an option switched back', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const first = await api.showGraph!(DRIVER);
    const text = first.mermaid();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    graph = await api.showGraph!(DRIVER);
    const check = (r: GraphHandle['report'], what: string) => {
      assert.equal(r.error, undefined, what);
      assert.equal(r.reused, true, `${what}: the picture drawn before`);
      assert.equal(r.timings.layoutMs, 0, `${what}: no layout`);
      assert.equal(r.nodeCount, r.graphNodes, `${what}: every node`);
      assert.equal(r.boundNodes, r.graphNodes, `${what}: every node answers clicks and keys`);
    };
    assert.equal(graph.mermaid(), text);
    check(graph.report, 'reopened');

    // Another editor in the panel's group hides it (its webview is let go), then it is shown again.
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('chantSpecs.graph'));
    assert.ok(tab, 'the graph has a tab');
    await vscode.window.showTextDocument(vscode.Uri.file(specPath(DRIVER)), { viewColumn: tab.group.viewColumn, preview: false });
    await waitFor('the graph tab hidden', () => vscode.window.tabGroups.all.find((g) => g.viewColumn === tab.group.viewColumn)?.activeTab?.input instanceof vscode.TabInputText);
    graph = await api.showGraph!();
    check(graph.report, 'its tab shown again');
    const loads = graph.pageLoads();
    assert.equal(loads.length, 2, 'the page loaded again when its tab was shown');
    assert.equal(loads[1].posted, graph.report.seq, 'the shown tab\'s page was sent the graph as it loaded');
    // Developer: Reload Webviews loads the page again with nothing posted to it: it asks, and is sent the graph.
    const redrawn = graph.nextRender();
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    check(await redrawn, 'the page reloaded');
    assert.deepEqual(graph.pageLoads()[2], { seen: 0, posted: loads[1].posted });

    const hidden = await graph.setOptions({ hideCompleted: true });
    assert.equal(hidden.reused, false, 'another graph is drawn by mermaid');
    assert.notEqual(graph.mermaid(), text);
    check(await graph.setOptions({ hideCompleted: false }), 'the option switched back');
    assert.equal(graph.mermaid(), text);
  });

  it('offers a "Show graph" code lens on spec files', async () => {
    const uri = vscode.Uri.file(specPath(DRIVER));
    await vscode.workspace.openTextDocument(uri); // the lens command needs the document loaded
    const lenses = await waitFor('code lenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return found?.some((l) => l.command?.command === 'chantSpecs.showGraph') && found;
    });
    const lens = lenses.find((l) => l.command?.command === 'chantSpecs.showGraph')!;
    assert.deepEqual(lens.command?.arguments, [specPath(DRIVER)]);
  });

  it('lists dependencies and dependents of the active spec in the Dependencies view', async function () {
    this.timeout(30_000);
    assert.equal(typeof api.dependencyTree, 'function', 'API lacks dependencyTree()');
    await vscode.window.showTextDocument(vscode.Uri.file(specPath(`${DRIVER}.4`)));
    const tree = await waitFor('the view to follow the editor', async () => {
      const t = await api.dependencyTree!();
      return t.spec === `${DRIVER}.4` && t;
    });
    const deps = section(tree.items, 'Depends on');
    assert.deepEqual(deps?.children?.map((c) => c.label), ['Extract the payment gateway interface', 'Add the Stripe adapter', 'Add the Adyen adapter']);
    assert.deepEqual(section(tree.items, 'Required by')?.children?.map((c) => c.label).sort(), ['Announce the new checkout', 'Document the gateway API']);
    assert.deepEqual(section(tree.items, 'Driver')?.children?.map((c) => c.label), ['Ship the payments overhaul']);
    assert.ok(section(tree.items, 'Blocked because')?.children?.some((c) => /depends on 2026-03-01-001-drv\.2 \(in_progress\)/.test(c.label)));

    await vscode.window.showTextDocument(vscode.Uri.file(specPath('2026-03-01-004-inv.3')));
    const ordered = await waitFor('the view to follow', async () => {
      const t = await api.dependencyTree!();
      return t.spec === '2026-03-01-004-inv.3' && t;
    });
    assert.deepEqual(section(ordered.items, 'Waits for')?.children?.map((c) => c.label), ['Backfill old invoices']);
  });

  it('says what it was given as text: a command link in it is drawn as written, never as a link', async function () {
    this.timeout(30_000);
    // VS Code draws `[label](command:…)` in a notification as a link that runs the command.
    const forged = '[Open the graph](command:workbench.action.closeWindow)';
    await vscode.commands.executeCommand('chantSpecs.showGraph', forged);
    const toast = await waitFor('the notification about the unknown spec', async () => (await ui({ op: 'notifications' })).find((t) => t.message.startsWith('No spec')), 20_000);
    assert.deepEqual(toast.links, [], `no link in "${toast.message}"`);
    assert.equal(toast.message.replace(/\u2060/g, ''), `No spec ${forged} in this workspace.`, 'the argument shown as written');
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
