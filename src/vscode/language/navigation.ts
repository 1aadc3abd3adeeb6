// Hover, go to definition, find references and document links for spec IDs: in spec files
// (depends_on, members, [[id]], body text), in any markdown of the workspace and in commit
// messages. IDs resolve in the document's own project.
import * as vscode from 'vscode';
import type { LocatedValue, Spec } from '../../core/model';
import * as nodePath from 'node:path';
import { isInside, normalizePath } from '../../core/paths';
import { realPathInside } from '../../core/ports';
import { hoverMarkdown, idAt, idsInLine, specDetail } from '../../core/specLanguage';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { Commands } from '../commands';
import type { ChantContext } from '../context';
import type { SpecLanguageState } from './specLanguageState';
import { toRange } from '../convert';

export class SpecNavigation implements vscode.HoverProvider, vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.DocumentLinkProvider {
  constructor(private readonly ctx: ChantContext, private readonly state: SpecLanguageState) {}

  /** The spec whose ID is under the cursor, with the ID's range. */
  private specAt(doc: vscode.TextDocument, pos: vscode.Position): { spec: Spec; range: vscode.Range } | undefined {
    const line = doc.lineAt(pos.line).text;
    const hit = idAt(line, pos.character);
    if (!hit) return undefined;
    const spec = this.state.resolve(this.state.rootOf(doc.uri), hit.id);
    return spec ? { spec, range: new vscode.Range(pos.line, hit.start, pos.line, hit.end) } : undefined;
  }

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const found = this.specAt(doc, pos);
    if (!found) return undefined;
    const link = `command:${Commands.openSpec}?${encodeURIComponent(JSON.stringify([found.spec.path]))}`;
    const md = new vscode.MarkdownString(hoverMarkdown(this.state.facts(found.spec), link));
    md.isTrusted = { enabledCommands: [Commands.openSpec] };
    return new vscode.Hover(md, found.range);
  }

  provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): vscode.Location | undefined {
    const found = this.specAt(doc, pos);
    if (!found) return undefined;
    const { spec } = found;
    return new vscode.Location(vscode.Uri.file(spec.path), spec.titleRange ? toRange(spec.titleRange) : new vscode.Position(0, 0));
  }

  /** Every place a spec is named: depends_on and members entries and body mentions of all specs of its project. */
  provideReferences(doc: vscode.TextDocument, pos: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
    const found = this.specAt(doc, pos);
    if (!found) return undefined;
    const target = found.spec;
    const out: vscode.Location[] = [];
    if (context.includeDeclaration) out.push(new vscode.Location(vscode.Uri.file(target.path), target.titleRange ? toRange(target.titleRange) : new vscode.Position(0, 0)));
    const dirty = new Map<string, vscode.TextDocument>();
    for (const d of vscode.workspace.textDocuments) if (d.isDirty && d.uri.scheme === 'file') dirty.set(normalizePath(d.uri.fsPath), d);
    for (const saved of this.ctx.indexService.index.specsOf(target.root)) {
      const open = dirty.get(saved.path);
      const spec = (open && this.state.specOf(open)) ?? saved;
      const uri = vscode.Uri.file(spec.path);
      const named = (v: LocatedValue) => v.value === target.id;
      for (const v of [...spec.dependsOn.filter(named), ...spec.members.filter(named), ...spec.mentions.filter(named)]) {
        out.push(new vscode.Location(uri, toRange(v.range)));
      }
    }
    return out;
  }

  async provideDocumentLinks(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const root = this.state.rootOf(doc.uri);
    const spec = this.state.specOf(doc);
    const links: vscode.DocumentLink[] = [];
    const linkId = (id: string, range: vscode.Range) => {
      const target = this.state.resolve(root, id);
      if (!target || (spec && target.path === spec.path)) return;
      const link = new vscode.DocumentLink(range, vscode.Uri.file(target.path));
      link.tooltip = `${target.id}: ${specDetail(this.state.facts(target))}`;
      links.push(link);
    };
    if (spec) {
      for (const v of [...spec.dependsOn, ...spec.members, ...spec.mentions]) linkId(v.value, toRange(v.range));
      // Paths chant reads relative to the project root; only literal paths that exist (never globs).
      for (const v of [...spec.tracks, ...spec.origin, ...spec.informedBy, ...spec.targetFiles, ...spec.context]) {
        if (token.isCancellationRequested) break;
        const written = v.value.trim();
        if (!written || /[*?[]/.test(written)) continue;
        const path = nodePath.resolve(spec.root, written);
        // The path comes from the repository: nothing outside the project is looked at (`..`, an
        // absolute or UNC path, which on Windows would reach the network), and a link that leads
        // out of it gets no link.
        if (!isInside(spec.root, path)) continue;
        const real = await realPathInside(nodeFileSystem, path, spec.root);
        if (!real) continue;
        const stat = await nodeFileSystem.stat(real);
        if (!stat?.isFile) continue;
        const link = new vscode.DocumentLink(toRange(v.range), vscode.Uri.file(path));
        link.tooltip = vscode.l10n.t('Open {0}', written);
        links.push(link);
      }
    } else {
      for (let line = 0; line < doc.lineCount; line++) {
        for (const hit of idsInLine(doc.lineAt(line).text)) linkId(hit.id, new vscode.Range(line, hit.start, line, hit.end));
      }
    }
    return links;
  }
}
