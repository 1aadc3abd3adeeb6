// The spec graph model and its mermaid text: the three edge kinds (plus tracked files), escaping
// of hostile titles checked with mermaid's own parser, focus and depth, filters, the size guard
// below mermaid's limits, and cycles.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildGraph, clip, describeFilters, escapeLabel, graphShape, isolatedRows, layoutLinkCount, toMermaid, type GraphNode, type GraphOptions, type GraphResult, type GraphSource } from '../../src/core/graph';
import { chooseDirection, estimatedFit } from '../../src/core/graphShape';
import { computeRelations } from '../../src/core/relations';
import { parseSpecText } from '../../src/core/spec';
import type { Spec } from '../../src/core/model';
import { describeBlockReason } from '../../src/core/specIndex';
import { graphCsp, graphHtml } from '../../src/vscode/graph/graphHtml';
import { MAX_PICTURE_CHARS, parseWebviewMessage, sanitizeOptions } from '../../src/webview/protocol';
import { parseTestReply } from '../../src/webview/testProtocol';

const ROOT = '/p';

function pathOf(key: string): string {
  return key.includes('/') ? `${ROOT}/.chant/${key}.md` : `${ROOT}/.chant/specs/${key}.md`;
}

/** A spec file: frontmatter lines and a `# title`. */
function spec(yaml: string, title = 'Title'): string {
  return `---\n${yaml}\n---\n\n# ${title}\n\n## Acceptance Criteria\n\n- [ ] done\n`;
}

function project(files: Record<string, string>, options: { shuffle?: boolean } = {}): GraphSource & { specs: Spec[] } {
  let entries = Object.entries(files);
  if (options.shuffle) entries = entries.reverse();
  const specs = entries.map(([key, text]) => parseSpecText({ path: pathOf(key), root: ROOT, archived: key.startsWith('archive/') }, text));
  const rel = computeRelations(specs);
  return {
    specs,
    relationsOf: (s) => rel.get(s.path)!,
    describe: (r) => r.blockedBy.map(describeBlockReason),
  };
}

/** Edges as `fromSpecId kind toSpecId`, sorted, for readable assertions. */
function edgeList(r: GraphResult): string[] {
  const byNode = new Map(r.graph.nodes.map((n) => [n.nodeId, n.specId]));
  return r.graph.edges.map((e) => `${byNode.get(e.from)} ${e.kind} ${byNode.get(e.to)}`).sort();
}

const ids = (r: GraphResult) => r.graph.nodes.map((n) => n.specId).sort();

// mermaid's real parser, in plain node: its DOMPurify needs a window only to sanitise, which
// parsing does not need, so it is stubbed. The module names are variables so the test bundle
// leaves mermaid (ESM, 3 MB) to node at run time.
interface FlowVertex { id: string; text: string; type?: string; classes: string[] }
interface FlowEdge { start: string; end: string; id: string; type?: string; stroke?: string; classes: string[] }
interface FlowDb { getVertices(): Map<string, FlowVertex>; getEdges(): FlowEdge[] }
interface MermaidLike {
  initialize(c: object): void;
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowDb }> };
}
let mermaidPromise: Promise<MermaidLike> | undefined;
function loadMermaid(): Promise<MermaidLike> {
  mermaidPromise ??= (async () => {
    const dompurifyName = 'dompurify';
    const mermaidName = 'mermaid';
    const purify = ((await import(dompurifyName)) as { default: Record<string, unknown> }).default;
    Object.assign(purify, { addHook: () => undefined, removeHook: () => undefined, removeHooks: () => undefined, sanitize: (s: unknown) => String(s) });
    const m = ((await import(mermaidName)) as { default: MermaidLike }).default;
    m.initialize({ startOnLoad: false, securityLevel: 'strict' });
    return m;
  })();
  return mermaidPromise;
}

async function parsed(text: string): Promise<FlowDb> {
  const m = await loadMermaid();
  await m.parse(text); // throws on a syntax error
  return (await m.mermaidAPI.getDiagramFromText(text)).db;
}

/**
 * What a browser shows for a parsed label: mermaid keeps `#NN;` as the placeholder `ﬂ°°NN¶ß`,
 * writes it out as `&#NN;`, and the HTML parser decodes that.
 */
function displayed(label: string): string {
  // The word joiner that splits `$$` is invisible: what shows is the title.
  return label.replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/\u2060/g, '');
}

const DRIVER = '2026-03-01-001-drv';
const seedDriver = {
  [DRIVER]: spec('type: driver\nstatus: in_progress', 'Ship the payments overhaul'),
  [`${DRIVER}.1`]: spec('status: completed\ndepends_on: []', 'Extract the gateway'),
  [`${DRIVER}.2`]: spec('status: in_progress\ndepends_on: []', 'Stripe adapter'),
  [`${DRIVER}.3`]: spec('depends_on: []', 'Adyen adapter'),
  [`${DRIVER}.4`]: spec(`depends_on: [${DRIVER}.1, ${DRIVER}.2, ${DRIVER}.3]`, 'Switch checkout'),
};

describe('spec graph (core/graph)', () => {
  describe('edges', () => {
    it('draws driver → member and depends_on; members with a depends_on key have no implicit order', async () => {
      const r = buildGraph(project(seedDriver));
      assert.deepEqual(edgeList(r), [
        `${DRIVER} member ${DRIVER}.1`, `${DRIVER} member ${DRIVER}.2`, `${DRIVER} member ${DRIVER}.3`, `${DRIVER} member ${DRIVER}.4`,
        `${DRIVER}.1 depends ${DRIVER}.4`, `${DRIVER}.2 depends ${DRIVER}.4`, `${DRIVER}.3 depends ${DRIVER}.4`,
      ].sort());
      const db = await parsed(r.mermaid);
      const kinds = db.getEdges().map((e) => e.stroke);
      assert.equal(kinds.filter((k) => k === 'thick').length, 4, 'member edges are thick');
      assert.equal(kinds.filter((k) => k === 'normal').length, 3, 'depends_on edges are solid');
    });

    it('draws chant\'s implicit order between members without depends_on, reduced to the edges needed', async () => {
      const r = buildGraph(project({
        X: spec('type: driver'),
        'X.1': spec('status: completed'),
        'X.2': spec(''),
        'X.3': spec(''),
      }));
      assert.deepEqual(edgeList(r).filter((e) => e.includes(' order ')), ['X.1 order X.2', 'X.2 order X.3']);
      const db = await parsed(r.mermaid);
      assert.equal(db.getEdges().filter((e) => e.stroke === 'dotted').length, 2, 'order edges are dotted');
    });

    it('walks the order back past a sibling that has its own depends_on key', () => {
      const r = buildGraph(project({
        X: spec('type: driver'),
        'X.1': spec(''),
        'X.2': spec('depends_on: []'),
        'X.3': spec(''),
      }));
      // .3 waits for .1 and .2; .2 waits for nothing, so both edges are needed.
      assert.deepEqual(edgeList(r).filter((e) => e.includes(' order ')), ['X.1 order X.3', 'X.2 order X.3']);
    });

    it('nests members along the tree (X → X.2 → X.2.1), not to every prefix', () => {
      const r = buildGraph(project({ X: spec('type: driver'), 'X.2': spec('depends_on: []'), 'X.2.1': spec('depends_on: []') }));
      assert.deepEqual(edgeList(r).filter((e) => e.includes(' member ')), ['X member X.2', 'X.2 member X.2.1']);
    });

    it('shows archived and missing dependencies as their own nodes, and hides archived ones on request', async () => {
      const source = project({ a: spec('depends_on: [old, gone, other:x]'), 'archive/2026-01-01/old': spec('status: completed', 'Old work') });
      const r = buildGraph(source);
      const byId = new Map(r.graph.nodes.map((n) => [n.specId, n]));
      assert.equal(byId.get('old')?.archived, true);
      assert.equal(byId.get('gone')?.kind, 'missing');
      assert.equal(byId.get('gone')?.status, 'missing');
      assert.equal(byId.get('other:x')?.status, 'cross-repo');
      const db = await parsed(r.mermaid);
      assert.deepEqual(db.getVertices().get(byId.get('gone')!.nodeId)?.classes, ['missing']);
      assert.deepEqual(db.getVertices().get(byId.get('old')!.nodeId)?.classes, ['archived']);
      assert.deepEqual(ids(buildGraph(source, { filters: { hideArchived: true } })), ['a', 'gone', 'other:x']);
    });

    it('adds tracked-file edges for documentation and research specs only when asked', () => {
      const source = project({
        doc: spec('type: documentation\ntracks: [src/api/*.ts]'),
        res: spec('type: research\ninformed_by: [docs/notes.md]\norigin: [data/x.csv]'),
        code: spec('tracks: [src/other.ts]'),
      });
      assert.equal(buildGraph(source).graph.nodes.some((n) => n.kind === 'file'), false);
      const r = buildGraph(source, { showFiles: true });
      assert.deepEqual(edgeList(r).filter((e) => e.includes(' tracks ')), [
        'data/x.csv tracks res', 'docs/notes.md tracks res', 'src/api/*.ts tracks doc',
      ]);
      assert.match(r.mermaid, /n\d+ -\.- n\d+/);
    });
  });

  describe('mermaid text', () => {
    const HOSTILE = [
      '<script>alert("x")</script>',
      'He said "hi" and [left] (round) {curly} |pipe|',
      'Code `rm -rf` and ``` fences',
      '%%{init: {"securityLevel": "loose", "theme": "forest"}}%% directive',
      '%% comment',
      'entity #35; and &amp; and #quot; and ﬂ°°60¶ß',
      'style: #a; classDef x fill:#f00;',
      'click n0 call alert() --> n1',
      'end',
      'ünïcödé 🚀 中文 עברית',
      '\\backslash\\ and a trailing \\',
      'math $$x^2$$ and a lone $ sign',
      'a path C:\\new\\notes and a \\\\n',
      'icons fa:fa-user and fab:fa-github',
    ];

    it('keeps every hostile title inside its label: mermaid parses it and shows it literally', async () => {
      const files: Record<string, string> = {};
      HOSTILE.forEach((t, i) => { files[`2026-01-01-00${i.toString(36)}-abc`] = spec('type: task', t); });
      const r = buildGraph(project(files));
      assert.doesNotMatch(r.mermaid, /%%/, 'no comment or directive can start');
      assert.doesNotMatch(r.mermaid, /`/, 'no markdown string can start');
      assert.doesNotMatch(r.mermaid, /\$\$/, 'no math can start');
      assert.doesNotMatch(r.mermaid, /\\n/, 'no line break can start (mermaid draws `\\n` in a label as one)');
      const labels = [...r.mermaid.matchAll(/"([^"]*)"/g)].map((m) => m[1].replace(/<br\/>/g, ''));
      assert.equal(labels.length, HOSTILE.length, 'one quoted label per node: no quote escaped its label');
      for (const l of labels) assert.doesNotMatch(l, /[<>&]/, 'no raw HTML in a label');
      const db = await parsed(r.mermaid);
      const vertices = db.getVertices();
      assert.equal(vertices.size, HOSTILE.length);
      for (const n of r.graph.nodes) {
        const label = vertices.get(n.nodeId)?.text ?? '';
        const [title] = label.split('<br/>');
        assert.equal(displayed(title), clip(n.title), `label of ${n.specId}`);
      }
    });

    it('turns newlines and control characters into spaces and escapes mermaid\'s entity syntax', () => {
      assert.equal(escapeLabel('a\nb\r\tc\u2028d'), 'a b  c d');
      assert.equal(escapeLabel('#35;'), '#35;35;');
      assert.equal(escapeLabel('"'), '#34;');
      assert.equal(escapeLabel('%%'), '#37;#37;');
      assert.equal(escapeLabel('dir\\new'), 'dir\\\u2060new', 'a backslash before n is kept apart from it by a word joiner');
      assert.equal(escapeLabel('fa:fa-x'), 'fa#58;\u2060fa-x', 'no icon: the colon is kept apart from the name');
      assert.equal(escapeLabel('ﬂ°°60¶ß'), '#64258;\u2060°°60#182;\u2060ß', 'no placeholder of mermaid\'s: its ends are split');
      assert.equal(clip('x'.repeat(100)).length, 48);
      assert.equal([...clip('🚀'.repeat(60))].length, 48, 'clips on characters, not UTF-16 units');
    });

    it('uses sanitised node IDs (n0, n1…) whatever the spec IDs are, and maps them back to paths', async () => {
      const r = buildGraph(project({
        'a"] --> evil[x': spec(''),
        '<img src=x>': spec('depends_on: [\'a"] --> evil[x\']'),
        'click': spec(''),
      }));
      for (const n of r.graph.nodes) {
        assert.match(n.nodeId, /^n\d+$/);
        assert.equal(n.path, pathOf(n.specId));
      }
      const db = await parsed(r.mermaid);
      assert.deepEqual([...db.getVertices().keys()].sort(), r.graph.nodes.map((n) => n.nodeId).sort());
      assert.equal(db.getEdges().length, 1);
    });

    it('shapes nodes by type and classes them by derived status, drift and focus', async () => {
      const source = project({
        d: spec('type: driver'),
        'd.1': spec('type: task\ndepends_on: []'),
        g: spec('type: group\nstatus: completed'),
        doc: spec('type: documentation\nstatus: failed'),
        res: spec('type: research\ndepends_on: [doc]'),
        code: spec('status: ready'),
      });
      source.driftOf = (s) => (s.id === 'g' ? '2 files (+3 −1)' : undefined);
      const r = buildGraph(source);
      const db = await parsed(r.mermaid);
      const v = (id: string) => db.getVertices().get(r.graph.nodes.find((n) => n.specId === id)!.nodeId)!;
      assert.equal(v('d').type, 'subroutine');
      assert.equal(v('d.1').type, 'round');
      assert.equal(v('g').type, 'hexagon');
      assert.equal(v('doc').type, 'lean_right');
      assert.equal(v('res').type, 'stadium');
      assert.deepEqual(v('d.1').classes, ['st_ready']);
      assert.deepEqual(v('g').classes, ['st_completed', 'drifted']);
      assert.match(v('g').text, /drifted/);
      assert.deepEqual(v('doc').classes, ['st_failed']);
      assert.deepEqual(v('res').classes, ['st_blocked']);
      assert.match(r.mermaid, /class n\d+ st_ready_on_disk/, '`status: ready` on disk is not chant\'s ready');
      const focused = buildGraph(source, { focus: 'res', depth: 1 });
      const fdb = await parsed(focused.mermaid);
      assert.deepEqual(fdb.getVertices().get(focused.graph.nodes.find((n) => n.specId === 'res')!.nodeId)?.classes, ['st_blocked', 'focus']);
    });

    it('is the same text whatever order the files were read in', () => {
      const a = buildGraph(project(seedDriver)).mermaid;
      const b = buildGraph(project(seedDriver, { shuffle: true })).mermaid;
      assert.equal(a, b);
    });
  });

  describe('focus, depth and filters', () => {
    const chain = project({
      a: spec('status: completed'),
      b: spec('depends_on: [a]\nlabels: [api]'),
      c: spec('type: task\ndepends_on: [b]'),
      d: spec('depends_on: [c]\nlabels: [api]'),
      e: spec('depends_on: [d]'),
      lone: spec(''),
    });

    it('shows the focused spec\'s N-hop neighbourhood', () => {
      assert.deepEqual(ids(buildGraph(chain, { focus: 'c', depth: 1 })), ['b', 'c', 'd']);
      assert.deepEqual(ids(buildGraph(chain, { focus: 'c', depth: 2 })), ['a', 'b', 'c', 'd', 'e']);
      assert.deepEqual(ids(buildGraph(chain, { focus: 'c', depth: 0 })), ['c']);
      const r = buildGraph(chain, { focus: 'c', depth: 1 });
      assert.equal(r.graph.focus, 'c');
      assert.equal(r.graph.depth, 1);
      assert.deepEqual(r.graph.nodes.filter((n) => n.focus).map((n) => n.specId), ['c']);
    });

    it('shows the whole project without a focus, and says so when the focus is unknown', () => {
      assert.deepEqual(ids(buildGraph(chain)), ['a', 'b', 'c', 'd', 'e', 'lone']);
      const r = buildGraph(chain, { focus: 'nope' });
      assert.equal(r.graph.nodes.length, 6);
      assert.match(r.notices[0], /nope is not an active spec/);
    });

    it('filters by status, type, label and completion, always keeping the focus', () => {
      assert.deepEqual(ids(buildGraph(chain, { filters: { hideCompleted: true } })), ['b', 'c', 'd', 'e', 'lone']);
      assert.deepEqual(ids(buildGraph(chain, { filters: { statuses: ['ready'] } })), ['b', 'lone']);
      assert.deepEqual(ids(buildGraph(chain, { filters: { statuses: ['blocked'] } })), ['c', 'd', 'e']);
      assert.deepEqual(ids(buildGraph(chain, { filters: { types: ['task'] } })), ['c']);
      assert.deepEqual(ids(buildGraph(chain, { filters: { labels: ['api'] } })), ['b', 'd']);
      assert.deepEqual(ids(buildGraph(chain, { focus: 'a', depth: 1, filters: { hideCompleted: true } })), ['a', 'b']);
    });

    it('shows specs of any of several statuses, each word meaning what chant list --status means', () => {
      const mixed = project({
        done: spec('status: completed'),
        up: spec('depends_on: [done]'),
        wait: spec('depends_on: [up]'),
        retry: spec('status: failed'),
        stuck: spec('status: failed\ndepends_on: [wait]'),
        disk: spec('status: ready'),
        busy: spec('status: in_progress'),
      });
      // ready = chant list --ready: a failed spec it would retry counts, `status: ready` on disk never does.
      assert.deepEqual(ids(buildGraph(mixed, { filters: { statuses: ['ready'] } })), ['retry', 'up']);
      // pending = the derived status, the ready ones included (as `chant list --status pending`).
      assert.deepEqual(ids(buildGraph(mixed, { filters: { statuses: ['pending'] } })), ['up']);
      assert.deepEqual(ids(buildGraph(mixed, { filters: { statuses: ['blocked'] } })), ['wait']);
      // Several statuses: the union, not the intersection; the order of the words does not matter.
      assert.deepEqual(ids(buildGraph(mixed, { filters: { statuses: ['ready', 'blocked'] } })), ['retry', 'up', 'wait']);
      assert.deepEqual(ids(buildGraph(mixed, { filters: { statuses: ['in_progress', 'completed', 'blocked'] } })), ['busy', 'done', 'wait']);
      assert.deepEqual(ids(buildGraph(mixed, { filters: { statuses: ['failed'] } })), ['retry', 'stuck']);
      assert.deepEqual(ids(buildGraph(mixed, { filters: { statuses: [] } })), ids(buildGraph(mixed)), 'no status = any');
      // With other filters: every filter must pass; the focus always stays.
      assert.deepEqual(ids(buildGraph(mixed, { filters: { statuses: ['ready', 'completed'], hideCompleted: true } })), ['retry', 'up']);
      assert.deepEqual(ids(buildGraph(mixed, { focus: 'wait', depth: 1, filters: { statuses: ['completed'] } })), ['wait']);
      const r = buildGraph(mixed, { filters: { statuses: ['ready', 'in_progress'] } });
      assert.deepEqual(describeFilters(r.graph.filters), ['status ready, in progress']);
    });
  });

  describe('layout of unconnected specs', () => {
    it('packs unconnected specs into rows of invisible links, counted apart from the edges', async () => {
      const files: Record<string, string> = { ...seedDriver };
      for (let i = 1; i <= 30; i++) files[`2026-04-01-${String(i).padStart(3, '0')}-x`] = spec('type: code', `Lone spec ${i}`);
      const r = buildGraph(project(files));
      const rows = isolatedRows(r.graph);
      assert.equal(rows.flat().length, 30, 'only the 30 specs without any edge');
      assert.equal(rows[0].length, 4, 'about as wide as tall: ⌈0.7·√30⌉ per row');
      assert.equal(rows.length, 8);
      const db = await parsed(r.mermaid);
      const drawn = db.getEdges();
      const invisible = drawn.filter((e) => e.stroke === 'invisible');
      assert.equal(invisible.length, layoutLinkCount(r.graph));
      assert.equal(invisible.length, 30 - 8);
      assert.equal(drawn.length - invisible.length, r.graph.edges.length, 'the real edges are unchanged');
      const driverNodes = new Set(r.graph.nodes.filter((n) => n.specId.startsWith(DRIVER)).map((n) => n.nodeId));
      assert.ok(invisible.every((e) => !driverNodes.has(e.start) && !driverNodes.has(e.end)), 'connected specs keep their own layout');
    });

    it('knows the layout\'s shape from the edges: ranks along the flow, the widest rank across it', () => {
      const files: Record<string, string> = {};
      // A chain of 6 (each depends on the one before) and 30 lone specs packed in rows of 4.
      for (let i = 1; i <= 6; i++) files[`2026-04-02-00${i}-c`] = spec(i > 1 ? `depends_on: [2026-04-02-00${i - 1}-c]` : '', `Chain ${i}`);
      for (let i = 1; i <= 30; i++) files[`2026-04-01-${String(i).padStart(3, '0')}-x`] = spec('type: code', `Lone spec ${i}`);
      const r = buildGraph(project(files));
      // The chain gives 6 ranks; each row of 4 lone specs is 4 ranks, so rank 0 holds the chain's
      // start and the first spec of each of the 8 rows.
      assert.deepEqual(graphShape(r.graph), { ranks: 6, widest: 9 });
      assert.deepEqual(graphShape({ nodes: [], edges: [] }), { ranks: 0, widest: 0 });
    });

    it('ends on a cycle and lays a long chain top-down only where the panel is tall', () => {
      const a = { nodeId: 'n0' } as GraphNode;
      const b = { nodeId: 'n1' } as GraphNode;
      const loop = graphShape({ nodes: [a, b], edges: [{ from: 'n0', to: 'n1', kind: 'depends', onCycle: true }, { from: 'n1', to: 'n0', kind: 'depends', onCycle: true }] });
      assert.deepEqual(loop, { ranks: 1, widest: 2 });
      const chain = { ranks: 12, widest: 1 };
      assert.equal(chooseDirection(chain, { width: 1600, height: 900 }), 'TD', 'a 12-long chain is ~3,300 px wide left to right');
      assert.equal(chooseDirection({ ranks: 3, widest: 2 }, { width: 1600, height: 900 }), 'LR', 'fits either way: the usual flow');
      assert.equal(chooseDirection({ ranks: 2, widest: 30 }, { width: 1600, height: 900 }), 'LR', 'wide and shallow stays left to right');
      assert.ok(estimatedFit(chain, 'TD', { width: 1600, height: 900 }) > estimatedFit(chain, 'LR', { width: 1600, height: 900 }));
    });

    it('leaves a few unconnected specs alone', () => {
      const files: Record<string, string> = { ...seedDriver, '2026-04-01-001-x': spec(''), '2026-04-01-002-x': spec('') };
      const r = buildGraph(project(files));
      assert.deepEqual(isolatedRows(r.graph), []);
      assert.doesNotMatch(r.mermaid, /~~~/);
    });
  });

  describe('cycles', () => {
    it('marks the edges of a dependency cycle and names the cycle', async () => {
      const r = buildGraph(project({ a: spec('depends_on: [b]'), b: spec('depends_on: [a]'), c: spec('depends_on: [a]'), s: spec('depends_on: [s]') }));
      assert.deepEqual(r.graph.cycles.map((c) => [...c].sort()), [['a', 'b'], ['s']]);
      const onCycle = r.graph.edges.filter((e) => e.onCycle).length;
      assert.equal(onCycle, 3, 'a→b, b→a and the self-loop s→s; not a→c');
      const db = await parsed(r.mermaid);
      const cycleEdges = db.getEdges().filter((e) => e.classes.includes('cycle'));
      assert.equal(cycleEdges.length, 3);
      assert.ok(cycleEdges.every((e) => /^c\d+$/.test(e.id)));
    });
  });

  describe('size guard', () => {
    /** A big project: drivers with 4 members each, chained to the previous driver. */
    function big(drivers: number, completedEvery = 3): GraphSource {
      const files: Record<string, string> = {};
      for (let i = 0; i < drivers; i++) {
        const id = `2026-02-01-${i.toString(36).padStart(3, '0')}-drv`;
        const prev = i > 0 ? `\ndepends_on: [2026-02-01-${(i - 1).toString(36).padStart(3, '0')}-drv]` : '';
        files[id] = spec(`type: driver${prev}${i % completedEvery === 0 ? '\nstatus: completed' : ''}`, `Driver number ${i} with a fairly long descriptive title`);
        for (let m = 1; m <= 4; m++) files[`${id}.${m}`] = spec(i % completedEvery === 0 ? 'status: completed' : '', `Member ${m} of driver ${i}, also with a long title`);
      }
      return project(files);
    }
    const fits = (r: GraphResult, limits = { maxTextSize: 50_000, maxEdges: 500 }) =>
      r.mermaid.length <= limits.maxTextSize && r.graph.edges.length <= limits.maxEdges;

    it('leaves a graph that fits alone', () => {
      const r = buildGraph(big(5));
      assert.equal(r.notices.length, 0);
      assert.equal(r.graph.nodes.length, 25);
    });

    it('narrows a whole project above mermaid\'s limits until it fits, and says how', async () => {
      const source = big(150); // 750 specs, ~750 edges, ~75k characters
      const whole = toMermaid(buildGraph(source, { limits: { maxTextSize: 10_000_000, maxEdges: 100_000 } }).graph);
      assert.ok(whole.length > 50_000, 'the fixture must be over the text limit');
      const r = buildGraph(source);
      assert.ok(fits(r), `${r.mermaid.length} characters, ${r.graph.edges.length} edges`);
      assert.equal(r.notices.length, 1, 'one note says what the view holds');
      assert.match(r.notices[0], /mermaid's limits: 500 edges, 50,000 characters/);
      const shown = r.graph.nodes.filter((n) => n.kind === 'spec' && !n.archived);
      assert.match(r.notices[0], new RegExp(`^Showing the first ${shown.length} of 750 matching specs, unfinished first: all of them would be 750 nodes`));
      assert.ok(shown.length > 100, `${shown.length} specs shown`);
      assert.equal(r.graph.focus, undefined, 'still the whole project, not one spec\'s neighbourhood');
      assert.ok(!r.graph.filters.hideCompleted, 'the user chooses what to hide');
      assert.equal(r.graph.total.specs, 750);
      assert.ok(shown.every((n) => n.status !== 'completed'), 'unfinished specs first (500 of them)');
      await parsed(r.mermaid);

      // Narrowed by the user's choice: fewer specs, all of them drawn, nothing to say.
      const ready = buildGraph(source, { filters: { statuses: ['ready'] } });
      assert.deepEqual(ready.notices, []);
      assert.ok(ready.graph.nodes.every((n) => n.status === 'pending' && n.ready));
      assert.deepEqual(describeFilters({ statuses: ['ready', 'in_progress'], types: ['code'], hideCompleted: true }),
        ['status ready, in progress', 'type code', 'completed hidden']);
    });

    it('reduces the depth, then keeps only the nearest nodes, for tight limits', () => {
      const source = big(40, 1000);
      const limits = { maxTextSize: 4_000, maxEdges: 20 };
      const focus = '2026-02-01-00k-drv';
      const r = buildGraph(source, { focus, depth: 6, limits, filters: { hideCompleted: true, hideArchived: true } });
      assert.ok(fits(r, limits), `${r.mermaid.length} characters, ${r.graph.edges.length} edges`);
      assert.ok(r.graph.depth! < 6);
      assert.ok(r.graph.nodes.some((n) => n.specId === focus && n.focus), 'the focus stays');
      assert.match(r.notices.join('\n'), /depth reduced/);
      const tiny = buildGraph(source, { focus, depth: 1, limits: { maxTextSize: 600, maxEdges: 2 } });
      assert.ok(fits(tiny, { maxTextSize: 600, maxEdges: 2 }));
      assert.match(tiny.notices.at(-1)!, /showing the \d+ nearest of \d+ nodes/);
    });

    it('centres a big project on its busiest spec when asked, and says so', () => {
      const r = buildGraph(big(40, 1000), { autoFocusAbove: 150, depth: 1 });
      assert.ok(r.graph.focus, 'a focus was chosen');
      assert.match(r.notices[0], /^200 specs: showing the neighbourhood of /);
      assert.equal(buildGraph(big(5), { autoFocusAbove: 150 }).graph.focus, undefined, 'small projects are drawn whole');
    });

    it('prefers the given fallback focus over the busiest spec', () => {
      const r = buildGraph(big(150), { fallbackFocus: '2026-02-01-001-drv.2', autoFocusAbove: 150 } satisfies GraphOptions);
      assert.equal(r.graph.focus, '2026-02-01-001-drv.2');
    });
  });
});

describe('graph webview contract', () => {
  it('has a strict CSP: nothing by default, scripts only with the nonce', () => {
    const csp = graphCsp('https://x.vscode-cdn.net', 'N0nce+/=');
    assert.match(csp, /^default-src 'none'; /);
    // Only the nonce'd module runs: no host, no inline source, nothing it could import.
    assert.match(csp, /script-src 'nonce-N0nce\+\/='(;|$)/);
    assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline|script-src[^;]*https?:|https?:\/\/\*/);
    const html = graphHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc', scriptUri: 'https://x/graph.js', styleUri: 'https://x/graph.css' });
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script type="module" nonce="abc" src="https://x/graph.js">']);
    assert.doesNotMatch(html, /<script[^>]*>[^<]+<\/script>/, 'no inline script');
    // Until the first picture is in, the panel says what it is doing (the render replaces it).
    assert.match(html, /<div id="canvas"><p class="empty" role="status">Drawing the graph…<\/p><\/div>/);
  });

  it('ships the webview as two scripts: its own code, and mermaid\'s flowchart and dagre with its other diagrams left out', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'dist', 'webview');
    const graph = fs.readFileSync(path.join(dir, 'graph.js'), 'utf8');
    const mermaid = fs.readFileSync(path.join(dir, 'mermaid.js'), 'utf8');
    // The page's script imports one file, mermaid's, beside it (and only when it has to draw).
    assert.doesNotMatch(graph, /\bimport\s*\(\s*["'`]|\bfrom\s*["']\.{0,2}\//, 'the page\'s script imports no file by a fixed name');
    assert.match(graph, /new URL\(\s*["']\.\/mermaid\.js["']\s*,\s*import\.meta\.url\s*\)/, 'it names mermaid.js beside itself');
    assert.doesNotMatch(graph, /flowchart-v2/, 'mermaid is not in the page\'s script');
    // The CSP lets nothing else load: a further split would fail in the webview.
    assert.doesNotMatch(mermaid, /\bimport\s*\(\s*["'`]|\bfrom\s*["']\.{0,2}\//, 'mermaid\'s bundle imports no other file');
    assert.match(mermaid, /flowchart-v2/, 'the flowchart diagram is bundled');
    assert.match(mermaid, /draws flowcharts only \(sequenceDiagram-/, 'other diagrams are replaced by a module that fails');
    assert.doesNotMatch(mermaid, /katex-display/, 'KaTeX is not bundled');
  });

  it('accepts only well-formed messages from the webview', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'open', nodeId: 'n3' }), { type: 'open', nodeId: 'n3' });
    assert.equal(parseWebviewMessage({ type: 'open', nodeId: '/etc/passwd' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'open' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'nope' }), undefined);
    assert.equal(parseWebviewMessage('ready'), undefined);
    // `ready` says which render the page has; anything but a positive integer is none.
    assert.deepEqual(parseWebviewMessage({ type: 'ready', seen: 3 }), { type: 'ready', seen: 3 });
    for (const seen of [undefined, -1, 1.5, '3', Number.MAX_VALUE]) assert.deepEqual(parseWebviewMessage({ type: 'ready', seen }), { type: 'ready', seen: 0 }, String(seen));
    // A picture to keep must be one mermaid could have drawn: an SVG, bounded, with its direction and look.
    const rendered = (picture: unknown) => parseWebviewMessage({ type: 'rendered', seq: 1, picture });
    const kept = rendered({ direction: 'TD', look: '{}', svg: '<svg id="chant-graph-1"></svg>' });
    assert.deepEqual(kept && 'picture' in kept ? kept.picture : undefined, { direction: 'TD', look: '{}', svg: '<svg id="chant-graph-1"></svg>' });
    for (const bad of [{ direction: 'up', look: '{}', svg: '<svg/>' }, { direction: 'LR', look: 5, svg: '<svg/>' }, { direction: 'LR', look: '{}', svg: '<script>x</script>' },
      { direction: 'LR', look: '{}', svg: `<svg>${'x'.repeat(MAX_PICTURE_CHARS)}</svg>` }, 'svg']) {
      const m = rendered(bad);
      assert.ok(m && m.type === 'rendered' && m.picture === undefined, JSON.stringify(bad).slice(0, 80));
    }
    const opts = sanitizeOptions({ depth: 99, mode: 'evil', status: 5, pinned: 'yes' });
    assert.equal(opts.depth, 10);
    assert.equal(opts.mode, 'focus');
    assert.deepEqual(opts.statuses, []);
    assert.equal(opts.pinned, false);
  });

  it('keeps several statuses per panel, and reads an older panel\'s single status', () => {
    assert.deepEqual(sanitizeOptions({ statuses: ['ready', 'blocked', 'ready'] }).statuses, ['ready', 'blocked'], 'once each, in the order chosen');
    assert.deepEqual(sanitizeOptions({ status: 'in_progress' }).statuses, ['in_progress'], 'state saved before the toggles');
    assert.deepEqual(sanitizeOptions({ status: '' }).statuses, []);
    assert.deepEqual(sanitizeOptions({ statuses: ['ready', 7, '<b>', 'x'.repeat(500), null] }).statuses, ['ready'], 'only status-like words');
    assert.equal(sanitizeOptions({ statuses: Array.from({ length: 100 }, (_, i) => `s_${String.fromCharCode(97 + (i % 26))}${'z'.repeat(i % 5)}`) }).statuses.length, 16);
    // Round trip through the state VS Code keeps (JSON), as after a window reload.
    const kept = sanitizeOptions(JSON.parse(JSON.stringify(sanitizeOptions({ statuses: ['failed', 'needs_attention'], mode: 'project' }))));
    assert.deepEqual([kept.statuses, kept.mode], [['failed', 'needs_attention'], 'project']);
    const msg = parseWebviewMessage({ type: 'options', options: { statuses: ['ready', 'paused'] } });
    assert.deepEqual(msg?.type === 'options' && msg.options.statuses, ['ready', 'paused']);
  });

  it('keeps the test channel out of the production protocol', () => {
    // Test answers are not protocol messages, and protocol messages are not test answers.
    assert.equal(parseWebviewMessage({ type: 'test:clicked', seq: 1, found: true }), undefined);
    assert.equal(parseWebviewMessage({ type: 'testClicked', seq: 1, found: true }), undefined);
    assert.equal(parseTestReply({ type: 'svg', seq: 1, svg: '<svg/>' }), undefined);
    assert.equal(parseTestReply({ type: 'test:clicked' }), undefined, 'no seq');
    assert.deepEqual(parseTestReply({ type: 'test:clicked', seq: 2, found: 'yes' }), { type: 'test:clicked', seq: 2, found: false });
    assert.deepEqual(parseTestReply({ type: 'test:toolbar', seq: 3, statusToggles: [{ status: 'ready', pressed: true, text: 'ready 2' }, 5] }),
      { type: 'test:toolbar', seq: 3, statusToggles: [{ status: 'ready', pressed: true, text: 'ready 2' }] });
  });
});
