// Tokenizes markdown the way VS Code does: VS Code's own vscode-textmate and vscode-oniguruma,
// the grammars its built-in extensions contribute, and (optionally) this extension's injection
// grammars read from package.json `contributes.grammars` (so a wrong path, scope or injectTo
// fails here too). Used by the unit test (VS Code server under .vscode-test/) and by the
// integration test (the running host's own `vscode.env.appRoot`).

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface RawGrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

interface TextmateToken {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}

interface TextmateModule {
  INITIAL: unknown;
  Registry: new (options: unknown) => { loadGrammar(scope: string): Promise<Grammar | null> };
  parseRawGrammar(content: string, filePath: string): unknown;
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: TextmateToken[]; ruleStack: unknown };
}
interface OnigModule {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (s: string) => unknown;
}

/** One token: its text and its scopes without the root `text.html.markdown`. */
export interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

export type Tokenize = (text: string) => Token[];

let onigLoaded: Promise<void> | undefined;

/** The folder holding VS Code's `node_modules` and `extensions` in a VS Code server install under .vscode-test/. */
export function findVsCodeServer(repoRoot: string): string | undefined {
  const base = path.join(repoRoot, '.vscode-test');
  if (!fs.existsSync(base)) return undefined;
  for (const name of fs.readdirSync(base).filter((n) => n.startsWith('server-')).sort()) {
    const ready = path.join(base, name, 'ready.json');
    if (!fs.existsSync(ready)) continue;
    const dir = (JSON.parse(fs.readFileSync(ready, 'utf8')) as { vscodeDir?: string }).vscodeDir;
    if (dir && fs.existsSync(path.join(dir, 'node_modules', 'vscode-textmate'))) return dir;
  }
  return undefined;
}

/**
 * A markdown tokenizer over VS Code's grammars in `vscodeDir` (its app root), with this
 * extension's injections when `extensionDir` is given.
 */
export async function markdownTokenizer(vscodeDir: string, extensionDir?: string): Promise<Tokenize> {
  const req = createRequire(path.join(vscodeDir, 'package.json'));
  const tm = req('vscode-textmate') as TextmateModule;
  const onig = req('vscode-oniguruma') as OnigModule;
  onigLoaded ??= onig.loadWASM(fs.readFileSync(req.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  await onigLoaded;

  const files = new Map<string, string>();
  const injections = new Map<string, string[]>();
  const addContributions = (dir: string, owned: boolean) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { contributes?: { grammars?: RawGrammarContribution[] } };
    for (const g of pkg.contributes?.grammars ?? []) {
      const file = path.join(dir, g.path);
      if (owned && !fs.existsSync(file)) throw new Error(`package.json grammar ${g.scopeName}: no file ${g.path}`);
      if (!files.has(g.scopeName) || owned) files.set(g.scopeName, file);
      for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
    }
  };
  const extensionsDir = path.join(vscodeDir, 'extensions');
  for (const ext of fs.readdirSync(extensionsDir)) {
    if (fs.existsSync(path.join(extensionsDir, ext, 'package.json'))) addContributions(path.join(extensionsDir, ext), false);
  }
  if (extensionDir) addContributions(extensionDir, true);

  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      const file = files.get(scope);
      return file ? tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope: string) => injections.get(scope) ?? [],
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  if (!grammar) throw new Error(`no markdown grammar under ${extensionsDir}`);

  return (text: string) => {
    const out: Token[] = [];
    let state = tm.INITIAL;
    text.split(/\r?\n/).forEach((line, n) => {
      const r = grammar.tokenizeLine(line, state);
      for (const t of r.tokens) {
        const end = Math.min(t.endIndex, line.length);
        if (end > t.startIndex) out.push({ line: n, start: t.startIndex, end, text: line.slice(t.startIndex, end), scopes: t.scopes.slice(1) });
      }
      state = r.ruleStack;
    });
    return out;
  };
}

const isOurs = (scope: string) => scope.endsWith('.chant');

/**
 * Differences between plain markdown tokens and tokens with the injections, character by
 * character: outside our tokens the scopes must be identical; inside them only the innermost
 * scopes may be replaced, never the enclosing markdown/YAML structure.
 */
export function structuralDifferences(plain: Token[], injected: Token[], limit = 10): string[] {
  const at = (tokens: Token[]) => {
    const map = new Map<string, string[]>();
    for (const t of tokens) for (let c = t.start; c < t.end; c++) map.set(`${t.line}:${c}`, t.scopes);
    return map;
  };
  const a = at(plain);
  const b = at(injected);
  const out: string[] = [];
  for (const [pos, base] of a) {
    const mine = b.get(pos) ?? [];
    const foreign = mine.filter((s) => !isOurs(s));
    if (mine.some(isOurs)) {
      // Inside our token: the enclosing structure (every scope but the innermost few) must survive.
      const keep = foreign.filter((s) => base.includes(s));
      const structure = base.filter((s) => s.startsWith('meta.') || s.startsWith('markup.'));
      const lost = structure.filter((s) => !keep.includes(s) && !REPLACEABLE.some((r) => s.startsWith(r)));
      if (lost.length) out.push(`${pos}: lost ${lost.join(' ')}`);
    } else if (foreign.join(' ') !== base.join(' ')) {
      out.push(`${pos}: ${base.join(' ')} → ${foreign.join(' ')}`);
    }
    if (out.length >= limit) break;
  }
  return out;
}

/** Markdown scopes that misread chant's syntax and may give way: `[x]` and `[[id]]` are not reference links. */
const REPLACEABLE = ['meta.link.reference.markdown'];
