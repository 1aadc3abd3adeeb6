// The fast frontmatter reader must give exactly what the `yaml` package gives (values, sources,
// ranges, no errors) whenever it accepts an input, and must accept what chant writes.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { parseSimpleYaml } from '../../src/core/fastYaml';
import { parseSpecText } from '../../src/core/spec';

/** What spec parsing reads from a node: kind, value, source, [start, end), children. */
function view(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return { scalar: node.value, source: node.source, at: node.range?.slice(0, 2) };
  if (isSeq(node)) return { seq: (node.items as YamlNode[]).map(view), at: node.range?.slice(0, 2) };
  if (isMap(node)) {
    return { map: node.items.map((p) => [view(p.key), view(p.value)]), at: node.range?.slice(0, 1) };
  }
  return { other: String(node) };
}

function reference(text: string) {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false, strict: false });
  return { errors: doc.errors.length, contents: view(doc.contents) };
}

/** Asserts agreement when the fast reader accepts `text`; returns whether it did. */
function agrees(text: string): boolean {
  const fast = parseSimpleYaml(text);
  if (!fast) return false;
  assert.deepEqual({ errors: fast.errors.length, contents: view(fast.contents) }, reference(text), `input: ${JSON.stringify(text)}`);
  return true;
}

/** A small deterministic generator (same cases on every run). */
function random(seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

const GOOD_KEYS = ['type', 'status', 'depends_on', 'labels', 'tracks', 'approval', 'completed_at', 'replay_count', 'public', 'commits', 'model'];
const GOOD_VALUES = ['code', 'completed', '2026-01-01-001-abc', '2026-01-01-001-abc.2', '2026-01-01T02:00:00Z', 'claude-sonnet-4',
  'src/auth/**/*.ts', '.chant/context/x.md', '012', '7', 'true', 'null', '~', '', '[a, b]', '[]', 'a b'];
const KEYS = ['type', 'status', 'depends_on', 'labels', 'tracks', 'approval', 'completed_at', 'replay_count', 'public', 'x-y', '_k',
  'True', 'null', '123', 'a b', 'k:', 'type'];
const VALUES = ['code', 'completed', '2026-01-01-001-abc', '2026-01-01-001-abc.2', '2026-01-01T02:00:00Z', 'claude-sonnet-4',
  'src/auth/**/*.ts', '.chant/context/x.md', 'a b  c', '012', '7', '1e5', '0x1F', '0o17', '.5', '1.', '.inf', '.NaN', '-1', '+1',
  'null', 'Null', '~', '~x', 'true', 'FALSE', 'yes', '', 'a: b', 'a:b', 'a #c', 'a#c', '"q"', "'q'", "it's", '- x', '-x', '&a x',
  '*a', '!t x', '|', '>', '%x', '@x', '`x`', '{a: b}', '[a, b]', '[a,b]', '[ a , b ]', '[]', '[ ]', '[a, b,]', '[a b]', '[a: b]',
  '[-a]', '[a, [b]]', 'é', 'a\tb', '...', '---x', 'a,b', 'a?b', 'x:', 'repo:2026-01-01-001-abc', 'a!b&c*d|e>f%g@h'];

function generate(r: ReturnType<typeof random>): string {
  // Mostly what chant writes, with a hostile value or shape now and then.
  const hostile = r.next() < 0.5 ? 0.02 : 0.3;
  const key = () => r.pick(r.next() < hostile ? KEYS : GOOD_KEYS);
  const value = () => r.pick(r.next() < hostile ? VALUES : GOOD_VALUES);
  const eol = r.next() < 0.15 ? '\r\n' : '\n';
  const out: string[] = [''];
  const entries = 1 + Math.floor(r.next() * 6);
  for (let e = 0; e < entries; e++) {
    const name = key();
    const trailing = r.next() < 0.2 ? '  ' : '';
    const shape = r.next();
    if (shape < 0.45) {
      out.push(`${name}: ${value()}${trailing}`);
    } else if (shape < 0.75) {
      out.push(`${name}:${trailing}`);
      const indent = r.pick(['', '  ', '  ', '    ', ' ']);
      const n = Math.floor(r.next() * 4);
      for (let k = 0; k < n; k++) {
        const itemIndent = r.next() < hostile ? r.pick(['', '  ', '   ']) : indent;
        out.push(r.next() < hostile ? `${itemIndent}-` : `${itemIndent}- ${value()}${r.next() < 0.2 ? ' ' : ''}`);
        if (r.next() < hostile / 4) out.push(`${indent}  continued`);
      }
    } else if (shape < 0.9) {
      out.push(`${name}:`);
      const indent = r.pick(['  ', '  ', '    ']);
      const n = Math.floor(r.next() * 4);
      for (let k = 0; k < n; k++) {
        out.push(`${r.next() < hostile ? ' ' : indent}${r.pick(['required', 'status', 'by', 'at', 'status', 'x y'])}:${r.next() < 0.15 ? '' : ` ${value()}`}`);
        if (r.next() < hostile / 4) out.push(`${indent}  deeper: x`);
      }
    } else {
      out.push(`${name}: ${value()}`, r.pick(['', '   ', '  - x', '# comment', 'x: 1 # c']));
    }
    if (r.next() < 0.15) out.push(r.pick(['', '  ', '']));
  }
  return out.join(eol) + (r.next() < 0.7 ? eol : '');
}

describe('fast frontmatter reader', () => {
  it('agrees with the yaml package on generated frontmatter, and accepts much of it', () => {
    const r = random(7);
    let accepted = 0;
    const total = 20000;
    for (let n = 0; n < total; n++) if (agrees(generate(r))) accepted++;
    assert.ok(accepted > total * 0.25, `only ${accepted} of ${total} inputs took the fast path`);
  });

  it('agrees on hand-picked edge cases', () => {
    const cases = [
      '', '\n', '   \n  \n', '\nk:', '\nk:\n', '\nk:   \n', '\nk:\r\n', '\nk: a   ', '\nk: a\r\n', '\nk:\n  - a\n  - b', '\nk:\n- a\nz: 1\n',
      '\nk:\n  - a\n\nz: 1\n', '\nk:\n  - a\n  \nz: 1\n', '\nk:\n  - a  \nz: 1\n', '\nk:\r\n  - a\r\nz: 1\r\n', '\nk: [a, b]  \r\nz: x\r\n',
      '\napproval:\n  required: true\n  status: approved\n\nz: 1', '\napproval:\n  required:\n  status: x\n', '\na: b\n\n\nc: d\n',
      '\nx: 1e5\n', '\nk: [ a ,b ]  \n', '\nlabels: []\n', '\nk: ...\n', '\nk: a\n a\n', '\nk:\n  - a\n   b\n', '\na: 1\na: 2\n',
      '\napproval:\n  by: a\n  by: b\n', '\n  k: v\n', '\nk: v\n  - x\n', '\nk:\n\n  - a\n', '\n- a\n', '\nk: a\r\rb\n',
    ];
    for (const c of cases) agrees(c);
  });

  it('takes the fast path for what chant writes', () => {
    const chantWrites = [
      '\ntype: code\nstatus: completed\ndepends_on:\n  - 2026-01-01-001-yvh\nlabels: [storage, feature]\ntarget_files:\n  - src/x.py\ncompleted_at: 2026-01-01T02:00:00Z\nmodel: claude-sonnet-4\n',
      '\ntype: driver\nstatus: pending\nmembers:\n- 2026-02-01-001-abc.1\n- 2026-02-01-001-abc.2\ncommits:\n- 1a2b3c4\napproval:\n  required: true\n  status: pending\n',
      '\ntype: documentation\nstatus: completed\ntracks:\n  - src/auth/**/*.ts\n  - src/users/pkg3/*\ninformed_by:\n  - docs/auth.md\n',
    ];
    for (const c of chantWrites) assert.ok(agrees(c), `not taken: ${JSON.stringify(c)}`);
  });

  it('agrees on every frontmatter in the test fixtures', () => {
    const root = path.resolve(__dirname, '../../../test/fixtures');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.md')) files.push(p);
      }
    };
    walk(root);
    assert.ok(files.length > 20, `fixtures not found under ${root}`);
    let accepted = 0;
    for (const f of files) {
      let text: string;
      try {
        text = fs.readFileSync(f, 'utf8').trim();
      } catch {
        continue; // the fixtures hold broken and looping links on purpose
      }
      if (!text.startsWith('---')) continue;
      const end = text.indexOf('---', 3);
      if (end > 0 && agrees(text.slice(3, end))) accepted++;
    }
    assert.ok(accepted > 0);
  });

  it('gives parseSpecText the same spec either way', () => {
    const text = '---\ntype: code\nstatus: pending\ndepends_on: [2026-01-01-001-abc]\nlabels:\n  - a\napproval:\n  required: true\n  status: rejected\nreplay_count: 3\npublic: true\n---\n# T\n';
    const spec = parseSpecText({ path: '/p/.chant/specs/2026-01-02-001-xyz.md', root: '/p', archived: false }, text);
    assert.deepEqual(spec.dependsOn.map((d) => d.value), ['2026-01-01-001-abc']);
    assert.deepEqual(spec.dependsOn[0].range, { start: { line: 3, character: 13 }, end: { line: 3, character: 31 } });
    assert.deepEqual(spec.keys.get('approval'), { start: { line: 6, character: 0 }, end: { line: 6, character: 8 } });
    assert.deepEqual(spec.approval, { required: true, status: 'rejected' });
    assert.deepEqual(spec.problems, []);
  });
});
