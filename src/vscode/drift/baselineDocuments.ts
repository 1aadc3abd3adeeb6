// "Diff since baseline": VS Code's diff editor between a tracked file at the spec's baseline
// commit (a read-only virtual document from `git cat-file blob`) and the working file.
import * as vscode from 'vscode';
import type { DriftFileChange, DriftFinding } from '../../core/drift/model';
import { baselineDiffTitle } from '../../core/drift/messages';
import type { DriftService } from './driftService';

export const BASELINE_SCHEME = 'chant-drift-base';

interface BaselineRef {
  repo: string;
  commit: string;
  /** Repo-relative path; empty for "did not exist". */
  path: string;
}

/** A URI whose path keeps the file's name and extension (tab title, syntax colouring). */
export function baselineUri(ref: BaselineRef, displayPath: string): vscode.Uri {
  return vscode.Uri.from({ scheme: BASELINE_SCHEME, path: '/' + displayPath.replace(/^\/+/, ''), query: JSON.stringify(ref) });
}

function parseRef(uri: vscode.Uri): BaselineRef | undefined {
  try {
    const v = JSON.parse(uri.query) as Partial<BaselineRef>;
    return typeof v.repo === 'string' && typeof v.commit === 'string' && typeof v.path === 'string' ? { repo: v.repo, commit: v.commit, path: v.path } : undefined;
  } catch {
    return undefined;
  }
}

export class BaselineContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly service: DriftService) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseRef(uri);
    if (!ref || ref.path === '') return '';
    if (!vscode.workspace.isTrusted) return '';
    const bytes = await this.service.git.show(ref.repo, ref.commit, ref.path);
    return bytes ? new TextDecoder().decode(bytes) : '';
  }
}

/** Opens the diff of one drifted file; false when there is no git baseline to show. */
export async function openDriftDiff(finding: DriftFinding, file: DriftFileChange, repoRoot: string | undefined): Promise<boolean> {
  const commit = finding.baseline?.kind === 'git' ? finding.baseline.commit : undefined;
  if (!commit || !repoRoot || !file.repoPath) return false;
  const oldRepoPath = file.previousRepoPath ?? file.repoPath;
  const left = baselineUri({ repo: repoRoot, commit, path: file.change === 'added' ? '' : oldRepoPath }, file.previousPath ?? file.path);
  const right = file.change === 'deleted'
    ? baselineUri({ repo: repoRoot, commit, path: '' }, file.path)
    : vscode.Uri.file(file.absPath);
  const name = file.path.split('/').pop() ?? file.path;
  const title = baselineDiffTitle(name, commit, finding.specId, file.change === 'deleted');
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  return true;
}
