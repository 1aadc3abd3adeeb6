// The source layout's two rules, kept by a test: no module reaches itself through its imports
// (type-only imports count: they tie the files together for a reader all the same), and no
// source file grows past 600 lines.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../extras';

const SRC = path.join(REPO_ROOT, 'src');
const MAX_LINES = 600;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative imports of a file, resolved to source files (`./x` → `x.ts` or `x/index.ts`). */
function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g)) {
    const base = path.resolve(path.dirname(file), m[1]);
    const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c));
    if (hit) out.push(hit);
  }
  return out;
}

/** Strongly connected groups of more than one file (Tarjan), or a file importing itself. */
function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(group);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('source layout', () => {
  const files = sourceFiles(SRC);
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));

  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    assert.deepEqual(importCycles(graph).map((c) => c.sort()), [['a', 'b', 'c']]);
    assert.deepEqual(importCycles(new Map([['a', ['b']], ['b', []]])), []);
  });

  it('has no import cycle in src/', () => {
    assert.ok(files.length > 50, `read ${files.length} files under ${SRC}`);
    const graph = new Map(files.map((f) => [f, importsOf(f, texts.get(f)!)]));
    const cycles = importCycles(graph).map((c) => c.map((f) => path.relative(REPO_ROOT, f)).join(' → '));
    assert.deepEqual(cycles, []);
  });

  it(`keeps every source file under ${MAX_LINES} lines`, () => {
    const long = files.map((f) => [path.relative(REPO_ROOT, f), texts.get(f)!.split('\n').length] as const).filter(([, n]) => n > MAX_LINES);
    assert.deepEqual(long, []);
  });
});
