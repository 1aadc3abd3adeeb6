// What the spec language features share: the index's ID lookup, each
// project's lint config, and the spec behind an editor (a parse of unsaved text when dirty).
import * as vscode from 'vscode';
import { DEFAULT_LINT_CONFIG, type LintConfig } from '../../core/lint';
import type { SpecLookup } from '../../core/specLookup';
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
  /** The index's own lookup (kept in step with it batch by batch). */
  get lookup(): SpecLookup {
    return this.ctx.indexService.index.lookup;
  }
  private readonly configs = new Map<string, LintConfig>();
  private readonly emitter = this._register(new vscode.EventEmitter<LanguageUpdate>());
  /** Fires after an index batch (with the specs it affected) or when configs changed. */
  readonly onDidUpdate = this.emitter.event;
  private readonly parsed = new Map<string, { version: number; spec: Spec }>();

  constructor(private readonly ctx: ChantContext, private readonly drift: DriftQuery) {
    super();
    void this.lookup; // from now on the index keeps it and names what each batch affected
    this._registerAll(
      ctx.indexService.onDidChange((change) => {
        const specsChanged = change.changed.length > 0 || change.removed.length > 0;
        this.emitter.fire({ affected: change.projectsChanged ? undefined : specsChanged ? change.affected : new Set() });
        if (change.projectsChanged || change.other.some((c) => c.path.endsWith('/.chant/config.md'))) this.reloadConfigs();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.parsed.delete(doc.uri.toString())),
    );
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

