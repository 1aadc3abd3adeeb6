// The editor-independent parts of hover, links, completion and quick fixes.

import assert from 'node:assert/strict';
import {
  closestValues, completionOrder, completionSite, editDistance, hoverMarkdown, idAt, idsInLine, nearMissIds, specDetail,
} from '../../src/core/specLanguage';
import { SpecWorkspace, spec } from './support/lintWorkspace';

const A = '2026-02-01-001-aaa';
const B = '2026-02-01-002-bbb';

/** `|` marks the cursor in `text`; returns the lines and the position. */
function at(text: string): { lines: string[]; line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  const character = lines[line].indexOf('|');
  lines[line] = lines[line].replace('|', '');
  return { lines, line, character };
}

describe('spec language helpers', () => {
  describe('idAt', () => {
    it('finds the ID under the cursor anywhere in it, without sentence punctuation', () => {
      const line = `Depends on ${A}. See [[001-risky-refactor]], ${A}.2 and other:${B}`;
      const start = line.indexOf(A);
      for (const c of [start, start + 5, start + A.length]) assert.deepEqual(idAt(line, c), { id: A, start, end: start + A.length, wiki: false });
      const wiki = line.indexOf('001-risky');
      assert.deepEqual(idAt(line, wiki + 3), { id: '001-risky-refactor', start: wiki, end: wiki + 18, wiki: true });
      assert.equal(idAt(line, line.indexOf(`${A}.2`) + 2)?.id, `${A}.2`);
      assert.equal(idAt(line, line.indexOf('other:') + 2)?.id, `other:${B}`);
      assert.equal(idAt(line, line.indexOf(' See')), undefined);
    });
  });

  describe('idsInLine', () => {
    it('finds standard IDs and [[id]] references with UTF-16 columns, not IDs glued to letters', () => {
      const line = `😀 ${A}, x${B} é${B} [[note-1]] ${A}.3`;
      const hits = idsInLine(line).map((h) => [h.id, line.slice(h.start, h.end), h.wiki]);
      assert.deepEqual(hits, [[A, A, false], ['note-1', 'note-1', true], [`${A}.3`, `${A}.3`, false]]);
    });
  });

  describe('completionSite', () => {
    it('spec IDs in a flow list, with the IDs already listed', () => {
      const { lines, line, character } = at(`---\ndepends_on: [${A}, 2026-|]\n---\n# T`);
      const site = completionSite(lines, line, character);
      assert.deepEqual(site, { kind: 'spec-id', field: 'depends_on', prefix: '2026-', start: 33, end: 38, existing: [A, '2026-'] });
    });

    it('spec IDs in a block list under members, and nothing under other keys', () => {
      const { lines, line, character } = at(`---\ntype: driver\nmembers:\n  - ${A}.1\n  - |\nlabels:\n  - x\n---\n`);
      assert.deepEqual(completionSite(lines, line, character), { kind: 'spec-id', field: 'members', prefix: '', start: 4, end: 4, existing: [`${A}.1`] });
      const other = at(`---\nlabels:\n  - |\n---\n`);
      assert.equal(completionSite(other.lines, other.line, other.character), undefined);
    });

    it('after depends_on: on the key line, and after [[ in the body', () => {
      const key = at('---\ndepends_on: 20|\n---\n');
      assert.equal(completionSite(key.lines, key.line, key.character)?.kind, 'spec-id');
      const wiki = at('---\n---\n# T\nSee [[2026-02|');
      assert.deepEqual(completionSite(wiki.lines, wiki.line, wiki.character), { kind: 'spec-id', field: 'wiki', prefix: '2026-02', start: 6, end: 13, existing: [] });
      const closed = at('---\n---\n# T\nSee [[x]] a|');
      assert.equal(completionSite(closed.lines, closed.line, closed.character), undefined);
    });

    it('status and type values, keys at the start of a frontmatter line, in CRLF text', () => {
      const status = at('---\r\nstatus: in_|\r\n---\r\n');
      assert.deepEqual(completionSite(status.lines, status.line, status.character), { kind: 'status', prefix: 'in_', start: 8, end: 11 });
      const type = at('---\ntype: |\n---\n');
      assert.equal(completionSite(type.lines, type.line, type.character)?.kind, 'type');
      const key = at('---\nstatus: pending\ndep|\n---\n');
      assert.deepEqual(completionSite(key.lines, key.line, key.character), { kind: 'key', prefix: 'dep', start: 0, end: 3, existing: ['status'] });
      const body = at('---\n---\nstat|');
      assert.equal(completionSite(body.lines, body.line, body.character), undefined);
    });
  });

  describe('closestValues', () => {
    it('puts the meant value first: aliases, spelling, chant\'s spelling variants', () => {
      assert.equal(closestValues('done', 'status')[0], 'completed');
      assert.equal(closestValues('in-progress', 'status')[0], 'in_progress');
      assert.equal(closestValues('InProgress', 'status')[0], 'in_progress');
      assert.equal(closestValues('canceled', 'status')[0], 'cancelled');
      assert.equal(closestValues('pendng', 'status')[0], 'pending');
      assert.equal(closestValues('implementation', 'type')[0], 'code');
      assert.equal(closestValues('docs', 'type')[0], 'documentation');
      assert.equal(closestValues('reserch', 'type')[0], 'research');
      assert.equal(closestValues('anything', 'status').length, 9, 'every valid value is offered');
    });
  });

  describe('nearMissIds', () => {
    const ids = [A, B, '2026-02-01-003-ccc', `${A}.1`, '001-risky-refactor'];
    it('a typo, a unique suffix, a unique substring', () => {
      assert.deepEqual(nearMissIds('2026-02-01-001-aab', ids), [A]);
      assert.deepEqual(nearMissIds('002-bbb', ids), [B]);
      assert.deepEqual(nearMissIds('risky', ids), ['001-risky-refactor']);
      assert.deepEqual(nearMissIds('zzzz-nothing-alike', ids), []);
    });
    it('editDistance stops early past its limit', () => {
      assert.equal(editDistance('kitten', 'sitting'), 3);
      assert.equal(editDistance('kitten', 'sitting', 1), 2);
      assert.equal(editDistance('', 'abc'), 3);
    });
  });

  describe('hover and details', () => {
    it('title, type, derived status, progress, blocked-by, drift and the open link', async () => {
      const ws = await SpecWorkspace.create({
        [`specs/${A}.md`]: spec('status: pending', '# Login *page*\n\n## Acceptance Criteria\n\n- [x] a\n- [ ] b\n'),
        [`specs/${B}.md`]: spec(`depends_on: [${A}]`, '# Logout\n'),
      });
      const b = ws.spec(`specs/${B}.md`);
      const md = hoverMarkdown({ spec: b, relations: ws.index.relationsOf(b), drift: '2 files (+3 −1)' }, 'command:open');
      assert.match(md, /^\*\*Logout\*\*/);
      assert.match(md, /status: \*\*blocked\*\*/);
      assert.match(md, /on disk: pending/);
      assert.match(md, new RegExp(`Blocked by: depends on ${A} \\(pending\\)`));
      assert.match(md, /Drift: 2 files \(\+3 −1\)/);
      assert.match(md, /\[Open spec\]\(command:open\)$/);
      const a = ws.spec(`specs/${A}.md`);
      const mdA = hoverMarkdown({ spec: a, relations: ws.index.relationsOf(a) }, 'x');
      assert.match(mdA, /\*\*Login \\\*page\\\*\*\*/, 'markdown in titles is escaped');
      assert.match(mdA, /criteria 1\/2/);
      assert.match(mdA, /status: \*\*pending\*\* · ready/);
      assert.equal(specDetail({ spec: a, relations: ws.index.relationsOf(a) }), 'pending (ready) · code — Login *page*');
    });

    it('orders completion: same driver first, open work, then done, archived last', async () => {
      const ws = await SpecWorkspace.create({
        [`specs/${A}.md`]: spec('type: driver'),
        [`specs/${A}.1.md`]: spec(''),
        [`specs/${A}.2.md`]: spec(''),
        [`specs/${B}.md`]: spec('status: completed'),
        'specs/2026-02-01-003-ccc.md': spec(''),
        'specs/2026-02-01-004-ddd.md': spec(''),
        'archive/2026-01-01/2026-01-01-001-old.md': spec(''),
      });
      const facts = ws.index.lookup.idsOf('/w').filter((s) => s.id !== `${A}.2`).map((s) => ({ spec: s, relations: ws.index.relationsOf(s) }));
      assert.deepEqual(completionOrder(`${A}.2`, facts).map((f) => f.spec.id),
        [A, `${A}.1`, '2026-02-01-004-ddd', '2026-02-01-003-ccc', B, '2026-01-01-001-old']);
    });
  });
});
