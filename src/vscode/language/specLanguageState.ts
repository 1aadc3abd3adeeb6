// What the spec language features share: the ID lookup kept in step with the index, each
// project's lint config, and the spec behind an editor (a parse of unsaved text when dirty).
import * as vscode from 'vscode';
import { yieldToEventLoop } from '../../core/eventLoop';
import { DEFAULT_LINT_CONFIG, SpecLookup, type LintConfig } from '../../core/lint';
import type { Spec } from '../../core/model';
import { parseSpecText } from '../../core/spec';
import type { SpecFacts } from '../../core/specLanguage';
import { joinPath, normalizePath } from '../../core/paths';
import type { ChantContext, DriftQuery } from '../context';
import { Disposable } from '../disposable';

/** `affected` lists the spec paths whose problems may have changed; undefined means all. */
export interface LanguageUpdate {
  affected: Set<string> | undefined;
}

/** Spec files: markdown under some project's `.chant/specs/` or `.chant/archive/`. */
export const SPEC_SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown', scheme: 'file', pattern: '**/.chant/specs/**/*.md' },
  { language: 'markdown', scheme: 'file', pattern: '**/.chant/archive/**/*.md' },
];

/** Where IDs are worth a hover and a definition: any markdown, commit messages, the SCM input. */
export const ID_TEXT_SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown' },
  { language: 'git-commit' },
  { language: 'scminput' },
];

export class SpecLanguageState extends Disposable {
  /** Replaced whole when projects change (built aside, in slices): read it each time. */
  get lookup(): SpecLookup {
    return this.currentLookup;
  }
  private currentLookup: SpecLookup;
  private readonly configs = new Map<string, LintConfig>();
  private readonly emitter = this._register(new vscode.EventEmitter<LanguageUpdate>());
  /** Fires after the lookup caught up with an index batch (or configs changed). */
  readonly onDidUpdate = this.emitter.event;
  private readonly parsed = new Map<string, { version: number; spec: Spec }>();
  /** A rebuild is running; `rebuildAgain`: the index changed meanwhile. */
  private rebuilding = false;
  private rebuildAgain = false;

  constructor(private readonly ctx: ChantContext, private readonly drift: DriftQuery) {
    super();
    const index = ctx.indexService.index;
    this.currentLookup = new SpecLookup(index);
    this._registerAll(
      ctx.indexService.onDidChange((change) => {
        if (this.rebuilding) {
          this.rebuildAgain = true;
          return;
        }
        if (change.projectsChanged) {
          this.rebuildLookup().catch((e: unknown) => ctx.logger.error(e instanceof Error ? e : String(e)));
          return;
        }
        const affected = this.lookup.update(change);
        const configChanged = change.other.some((c) => c.path.endsWith('/.chant/config.md'));
        this.emitter.fire({ affected });
        if (configChanged) this.reloadConfigs();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.parsed.delete(doc.uri.toString())),
    );
    this.reloadConfigs();
  }

  /**
   * A new lookup of every spec, then an update for all. Built on later turns of the event loop,
   * 1000 specs a turn (10k specs in one go held the extension host for 50-90 ms), and swapped in
   * whole; built again when a batch arrived meanwhile.
   */
  private async rebuildLookup(): Promise<void> {
    this.rebuilding = true;
    try {
      let next: SpecLookup;
      do {
        this.rebuildAgain = false;
        next = await SpecLookup.build(this.ctx.indexService.index, yieldToEventLoop);
      } while (this.rebuildAgain && !this.isDisposed);
      if (this.isDisposed) return;
      this.currentLookup = next;
    } finally {
      this.rebuilding = false;
    }
    this.emitter.fire({ affected: undefined });
    this.reloadConfigs();
  }

  /** Takes every project's lint settings from the index (which reads `.chant/config.md`); fires an update for all when they changed. */
  reloadConfigs(): void {
    let changed = false;
    const index = this.ctx.indexService.index;
    const roots = index.projects().map((p) => p.root);
    for (const root of roots) {
      const next = index.lintConfigOf(root);
      if (JSON.stringify(serializable(next)) !== JSON.stringify(serializable(this.configs.get(root) ?? DEFAULT_LINT_CONFIG))) changed = true;
      this.configs.set(root, next);
    }
    for (const root of [...this.configs.keys()]) if (!roots.includes(root)) this.configs.delete(root);
    if (changed) this.emitter.fire({ affected: undefined });
  }

  /** Rebuilds the lookup from the index and tells everyone to redo everything. */
  refreshAll(): void {
    this.lookup.rebuild();
    this.reloadConfigs();
    this.emitter.fire({ affected: undefined });
  }

  configOf(root: string): LintConfig {
    return this.configs.get(root) ?? DEFAULT_LINT_CONFIG;
  }

  /** The project a document belongs to: its own, else the only one. */
  rootOf(uri: vscode.Uri): string | undefined {
    const index = this.ctx.indexService.index;
    if (uri.scheme === 'file') {
      const root = index.rootOf(normalizePath(uri.fsPath));
      if (root) return root;
    }
    const projects = index.projects();
    return projects.length === 1 ? projects[0].root : undefined;
  }

  /** True for a file under a project's `.chant/specs/` or `.chant/archive/`. */
  isSpecPath(path: string): boolean {
    const p = normalizePath(path);
    const root = this.ctx.indexService.index.rootOf(p);
    if (!root || !p.endsWith('.md')) return false;
    return p.startsWith(joinPath(root, '.chant', 'specs') + '/') || p.startsWith(joinPath(root, '.chant', 'archive') + '/');
  }

  /**
   * The spec an editor shows: the indexed one when the text is saved, else a parse of the
   * editor's text (so diagnostics and navigation follow typing). Undefined for non-spec files.
   */
  specOf(doc: vscode.TextDocument): Spec | undefined {
    if (doc.uri.scheme !== 'file' || !this.isSpecPath(doc.uri.fsPath)) return undefined;
    const path = normalizePath(doc.uri.fsPath);
    const index = this.ctx.indexService.index;
    const indexed = index.byPath(path);
    if (indexed && !doc.isDirty) return indexed;
    const key = doc.uri.toString();
    const cached = this.parsed.get(key);
    if (cached && cached.version === doc.version) return cached.spec;
    const root = index.rootOf(path)!;
    const spec = parseSpecText({ path, root, archived: path.startsWith(joinPath(root, '.chant', 'archive') + '/') }, doc.getText());
    this.parsed.set(key, { version: doc.version, spec });
    return spec;
  }

  /** The spec an ID names, seen from `root` (or from any project when there is none). */
  resolve(root: string | undefined, id: string): Spec | undefined {
    if (root) return this.lookup.resolve(root, id);
    for (const p of this.ctx.indexService.index.projects()) {
      const found = this.lookup.resolve(p.root, id);
      if (found) return found;
    }
    return undefined;
  }

  facts(spec: Spec): SpecFacts {
    return { spec, relations: this.ctx.indexService.index.relationsOf(spec), drift: this.drift.summaryOf(spec.path) };
  }

  override dispose(): void {
    super.dispose();
    this.parsed.clear();
  }
}

function serializable(c: LintConfig): unknown {
  return { ...c, disabled: [...c.disabled].sort() };
}

