// Problems for every spec in one DiagnosticCollection: all specs on the first index (in slices
// that leave the extension host responsive), then only the specs a batch affects; an open spec
// with unsaved edits is linted from its text (debounced) so squiggles follow typing.
import * as vscode from 'vscode';
import { yieldToEventLoop } from '../../core/eventLoop';
import { problemsForSpec } from '../../core/lint';
import { lintPolicyFrom, OWN_CHECK_SOURCE, type LintPolicy } from '../../core/lintPolicy';
import type { Spec, SpecProblem } from '../../core/model';
import { normalizePath, relativePath } from '../../core/paths';
import { Disposable } from '../disposable';
import type { ChantContext } from '../context';
import type { SpecLanguageState } from './specLanguageState';
import { toRange, toSeverity } from '../convert';
import { afterFirstDriftCheck, afterFirstRows, FIRST_LINT_DONE, FIRST_LINT_WAITING, markFirst } from '../firstMarks';

/** Diagnostics of chant's lint rules carry this source; the extension's own checks OWN_CHECK_SOURCE. */
export const DIAGNOSTIC_SOURCE = 'chant';

/** Whether a diagnostic is this feature's (a chant rule or an own check): quick fixes look for them. */
export function isSpecDiagnostic(d: vscode.Diagnostic): boolean {
  return d.source === DIAGNOSTIC_SOURCE || d.source === OWN_CHECK_SOURCE;
}

const TYPING_DELAY_MS = 250;
/** Specs linted per turn of the event loop in a full pass (~10 ms of work at 10k specs). */
const LINT_SLICE = 500;

export class SpecDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('chant'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped by each full pass (and dispose): a running pass stops when it is no longer current. */
  private generation = 0;
  private disposed = false;
  private currentPass: Promise<{ specs: number; problems: number }> = Promise.resolve({ specs: 0, problems: 0 });
  private policy: LintPolicy;

  constructor(private readonly ctx: ChantContext, private readonly state: SpecLanguageState) {
    super();
    this.policy = lintPolicyFrom(ctx.settings.get('lintOwnChecks'));
    this._registerAll(
      ctx.settings.onDidChange((keys) => {
        if (!keys.includes('lintOwnChecks') && !keys.includes('problemsScope')) return;
        this.policy = lintPolicyFrom(ctx.settings.get('lintOwnChecks'));
        void this.lintAll();
      }),
      state.onDidUpdate(({ affected }) => (affected ? this.lintPaths(affected) : void this.lintAll())),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && state.isSpecPath(e.document.uri.fsPath)) this.schedule(e.document);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.uri.scheme !== 'file' || !state.isSpecPath(doc.uri.fsPath)) return;
        if (doc.isDirty) this.schedule(doc);
        else if (ctx.settings.get('problemsScope') !== 'everything') this.lintPaths(new Set([normalizePath(doc.uri.fsPath)]));
      }),
      // Closing without saving drops the edits: back to the saved file's problems.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === 'file' && state.isSpecPath(doc.uri.fsPath)) this.lintPaths(new Set([normalizePath(doc.uri.fsPath)]));
      }),
    );
    void this.lintAll();
  }

  /**
   * Lints every spec of every project, LINT_SLICE specs at a time with the event loop free in
   * between (10k specs in one go held the extension host for ~190 ms). A newer full pass cancels
   * a running one; batch lints in between stay right because each slice lints the index as it is
   * then. Resolves with how many specs and problems (a cancelled pass with the newer pass's).
   */
  lintAll(): Promise<{ specs: number; problems: number }> {
    const pass = this.runFullPass(++this.generation);
    this.currentPass = pass;
    return pass;
  }

  private async runFullPass(generation: number): Promise<{ specs: number; problems: number }> {
    if (this.ctx.indexService.index.all().length > 0) {
      // Not before the Spec Explorer's first rows were drawn (afterFirstRows): thousands of
      // problems sent to the workbench at once held up that drawing. Nor beside the first drift
      // check (afterFirstDriftCheck): side by side, both took as long as both in turn.
      await afterFirstRows();
      markFirst(FIRST_LINT_WAITING);
      await afterFirstDriftCheck();
      if (generation !== this.generation) return this.disposed ? { specs: 0, problems: 0 } : this.currentPass;
    }
    const t0 = Date.now();
    const index = this.ctx.indexService.index;
    const paths = index.all().map((s) => s.path);
    const linted = new Set<string>();
    let problems = 0;
    for (let start = 0; start < paths.length; start += LINT_SLICE) {
      // Every slice on its own turn, the first too: a full pass follows an index batch, whose
      // other listeners run in the same turn.
      await yieldToEventLoop();
      if (generation !== this.generation) return this.disposed ? { specs: linted.size, problems } : this.currentPass;
      const entries: [vscode.Uri, vscode.Diagnostic[]][] = [];
      const dirty = this.dirtyDocuments();
      const inScope = this.scopeTest();
      for (const path of paths.slice(start, start + LINT_SLICE)) {
        const spec = index.byPath(path); // as the index is now: a batch may have changed it since
        if (!spec) continue;
        const doc = dirty.get(path);
        const diagnostics = this.diagnosticsOf((doc && this.state.specOf(doc)) ?? spec, inScope);
        problems += diagnostics.length;
        linted.add(path);
        entries.push([vscode.Uri.file(path), diagnostics]);
      }
      this.collection.set(entries);
    }
    if (generation !== this.generation) return this.disposed ? { specs: linted.size, problems } : this.currentPass;
    // Drop what belongs to no spec any more (what a clear before the pass did, without the flicker).
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      const path = normalizePath(uri.fsPath);
      if (!linted.has(path) && !index.byPath(path)) stale.push(uri);
    });
    for (const uri of stale) this.collection.delete(uri);
    this.ctx.logger.debug(`lint: ${linted.size} specs, ${problems} problems in ${Date.now() - t0} ms`);
    if (linted.size > 0) markFirst(FIRST_LINT_DONE);
    return { specs: linted.size, problems };
  }

  private lintPaths(paths: Set<string>): void {
    const index = this.ctx.indexService.index;
    const dirty = this.dirtyDocuments();
    for (const path of paths) {
      const uri = vscode.Uri.file(path);
      const doc = dirty.get(path);
      const spec = (doc && this.state.specOf(doc)) ?? index.byPath(path);
      if (spec) this.collection.set(uri, this.diagnosticsOf(spec));
      else this.collection.delete(uri);
    }
  }

  /** Open documents with unsaved edits, by path: their text wins over the saved file. */
  private dirtyDocuments(): Map<string, vscode.TextDocument> {
    const out = new Map<string, vscode.TextDocument>();
    for (const d of vscode.workspace.textDocuments) if (d.isDirty && d.uri.scheme === 'file') out.set(normalizePath(d.uri.fsPath), d);
    return out;
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (doc.isClosed) return;
      const spec = this.state.specOf(doc);
      if (spec) this.collection.set(doc.uri, this.diagnosticsOf(spec));
    }, TYPING_DELAY_MS));
  }

  /**
   * Whether a spec's problems belong in the Problems panel under `chantSpecs.problems.scope`, as
   * the setting and the open files are now. Made once per slice of a full pass: reading the
   * setting and the open documents for each of 10,000 specs cost ~0.15 s.
   */
  private scopeTest(): (spec: Spec) => boolean {
    const scope = this.ctx.settings.get('problemsScope');
    if (scope === 'everything') return () => true;
    let open: Set<string> | undefined;
    return (spec) => (scope === 'activeSpecs' && !spec.archived)
      || (open ??= new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => normalizePath(d.uri.fsPath)))).has(spec.path);
  }

  private diagnosticsOf(spec: Spec, inScope = this.scopeTest()): vscode.Diagnostic[] {
    if (!inScope(spec)) return [];
    let problems: SpecProblem[];
    try {
      problems = problemsForSpec(spec, this.ctx.indexService.index, this.state.configOf(spec.root), this.policy);
    } catch (e) {
      // A rule bug must not take the whole Problems panel down with it.
      this.ctx.logger.error(`lint failed for ${spec.path}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      problems = spec.problems;
    }
    return problems.map((p) => this.toDiagnostic(spec, p));
  }

  private toDiagnostic(spec: Spec, p: SpecProblem): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(p.range), p.message, toSeverity(p.severity));
    d.source = p.ours ? OWN_CHECK_SOURCE : DIAGNOSTIC_SOURCE;
    d.code = p.code;
    if (p.code === 'unknown-key') d.tags = [vscode.DiagnosticTag.Unnecessary];
    const related = this.relatedOf(spec, p);
    if (related.length) d.relatedInformation = related;
    return d;
  }

  /** The other places a cycle or a duplicate involves, so one click reaches them. */
  private relatedOf(spec: Spec, p: SpecProblem): vscode.DiagnosticRelatedInformation[] {
    const lookup = this.state.lookup;
    if (p.code === 'duplicate-id') {
      return lookup.filesWithId(spec.root, spec.id).filter((s) => s.path !== spec.path).map((s) =>
        new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(s.path), new vscode.Position(0, 0)),
          vscode.l10n.t('same ID: {0}', relativePath(s.root, s.path))));
    }
    if (p.code === 'cycle') {
      const cycle = this.ctx.indexService.index.relationsOf(spec).cycle ?? [];
      const out: vscode.DiagnosticRelatedInformation[] = [];
      for (const id of cycle) {
        const other = lookup.active(spec.root, id);
        if (!other || other.path === spec.path) continue;
        const next = cycle[(cycle.indexOf(id) + 1) % cycle.length];
        const entry = other.dependsOn.find((d) => d.value === next) ?? other.dependsOn[0];
        out.push(new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.file(other.path), entry ? toRange(entry.range) : new vscode.Position(0, 0)),
          vscode.l10n.t('{0} depends on {1}', other.id, entry?.value ?? '…')));
      }
      return out;
    }
    return [];
  }

  override dispose(): void {
    this.disposed = true;
    this.generation++;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    super.dispose();
  }
}
