// The drift report page: per drifted spec its status, completion date, baseline, each changed
// file (change, lines, commits) and the recommendation, with links that post typed messages back.
// Pure (no vscode import): a constant script, every value escaped into text or data-* attributes.

import * as l10n from '@vscode/l10n';
import { dateOf, isDrifted, type DriftFinding } from '../../core/drift/model';
import { baselineSource, recommendation } from '../../core/drift/report';

/** Messages from the page. */
export type DriftReportMessage =
  | { action: 'ready' }
  | { action: 'openSpec' | 'rerun' | 'acknowledge' | 'undo'; spec: string }
  | { action: 'openFile' | 'diff'; spec: string; file: string }
  | { action: 'recheck' };

const ACTIONS = new Set(['ready', 'openSpec', 'rerun', 'acknowledge', 'undo', 'openFile', 'diff', 'recheck']);

/** Validates a message from the webview (the page is not trusted input either). */
export function parseReportMessage(value: unknown): DriftReportMessage | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const m = value as Record<string, unknown>;
  if (typeof m.action !== 'string' || !ACTIONS.has(m.action)) return undefined;
  if (m.action === 'ready' || m.action === 'recheck') return { action: m.action };
  if (typeof m.spec !== 'string') return undefined;
  if (m.action === 'openFile' || m.action === 'diff') {
    return typeof m.file === 'string' ? { action: m.action, spec: m.spec, file: m.file } : undefined;
  }
  return { action: m.action as 'openSpec' | 'rerun' | 'acknowledge' | 'undo', spec: m.spec };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The element id of a spec's section (for "Show drift" on one spec). */
export function anchorOf(specPath: string): string {
  let h = 0;
  for (let i = 0; i < specPath.length; i++) h = (Math.imul(h, 31) + specPath.charCodeAt(i)) | 0;
  return `spec-${(h >>> 0).toString(36)}`;
}

/** A translated template (from `l10n.t` without arguments), HTML-escaped, with `{0}`, `{1}`…
 *  replaced by `parts`: HTML the caller has already escaped. Translations are text, never markup. */
function html(template: string, ...parts: (string | number)[]): string {
  return escapeHtml(template).replace(/\{(\d+)\}/g, (match, i: string) => (Number(i) < parts.length ? String(parts[Number(i)]) : match));
}

const MAX_FILES = 200;

function baselineLine(f: DriftFinding): string {
  const b = f.baseline;
  if (!b) return '';
  if (b.kind === 'mtime') {
    return html(l10n.t('file times after {0} {1}'), escapeHtml(b.date), `<span class="muted">(${escapeHtml(b.note ?? l10n.t('not a git repository'))})</span>`);
  }
  const source = escapeHtml(baselineSource(b.source));
  return `<code>${escapeHtml((b.commit ?? '').slice(0, 10))}</code> · ${source} · ${escapeHtml(dateOf(b.date) ?? b.date)}${b.note ? ` <span class="muted">(${escapeHtml(b.note)})</span>` : ''}`;
}

/** Files open in their folder groups when a spec has at most this many. */
const OPEN_FILES = 20;

/** A finding's notes as a list (empty string when there are none). */
function notesList(f: DriftFinding): string {
  if (f.notes.length === 0) return '';
  return `<ul class="notes">${f.notes.map((n) => `<li class="note ${escapeHtml(n.kind)}">${escapeHtml(n.message)}</li>`).join('')}</ul>`;
}

/** `src/auth` for `src/auth/x.py`; `.` at the top. */
function folderOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '.' : path.slice(0, cut);
}

function specSection(f: DriftFinding, open: boolean): string {
  const spec = escapeHtml(f.specPath);
  const title = escapeHtml(f.title ?? f.specId);
  const row = (x: DriftFinding['files'][number]) => {
    const file = escapeHtml(x.absPath);
    const path = x.change === 'deleted'
      ? `<span class="path">${escapeHtml(x.path)}</span>`
      : `<a href="#" class="path" data-action="openFile" data-spec="${spec}" data-file="${file}">${escapeHtml(x.path)}</a>`;
    const from = x.previousPath ? `<div class="muted">${html(l10n.t('from {0}'), escapeHtml(x.previousPath))}</div>` : '';
    const counts = x.binary ? html(l10n.t('binary')) : `<span class="add">+${x.insertions}</span> <span class="del">−${x.deletions}</span>`;
    const commits = x.commits.slice(0, 5).map((c) => `<div><code>${escapeHtml(c.sha.slice(0, 8))}</code> ${escapeHtml(dateOf(c.date) ?? '')} ${escapeHtml(c.subject)}</div>`).join('')
      + (x.commits.length > 5 ? `<div class="muted">${html(l10n.t('… {0} more'), x.commits.length - 5)}</div>` : '')
      + (x.uncommitted ? `<div class="muted">${html(l10n.t('uncommitted changes'))}</div>` : '');
    const diff = f.baseline?.kind === 'git' ? `<a href="#" data-action="diff" data-spec="${spec}" data-file="${file}">${html(l10n.t('diff'))}</a>` : '';
    return `<tr><td><span class="kind ${x.change}">${x.change}</span></td><td>${path}${from}</td><td class="num">${counts}</td><td>${commits}</td><td>${diff}</td></tr>`;
  };
  // Files grouped by folder, each group collapsible with its own totals.
  const groups = new Map<string, DriftFinding['files']>();
  for (const x of f.files.slice(0, MAX_FILES)) {
    const folder = folderOf(x.path);
    const list = groups.get(folder) ?? [];
    list.push(x);
    groups.set(folder, list);
  }
  const head = `<thead><tr><th>${html(l10n.t('Change'))}</th><th>${html(l10n.t('File'))}</th><th>${html(l10n.t('Lines'))}</th><th>${html(l10n.t('Commits'))}</th><th></th></tr></thead>`;
  const folders = [...groups].map(([folder, list]) => {
    const ins = list.reduce((n, x) => n + x.insertions, 0);
    const del = list.reduce((n, x) => n + x.deletions, 0);
    const count = list.length === 1 ? html(l10n.t('1 file')) : html(l10n.t('{0} files'), list.length);
    return `<details class="folder"${f.files.length <= OPEN_FILES ? ' open' : ''}><summary><code>${escapeHtml(folder)}/</code> <span class="muted">${count} <span class="add">+${ins}</span> <span class="del">−${del}</span></span></summary>`
      + `<table>${head}<tbody>${list.map(row).join('')}</tbody></table></details>`;
  }).join('');
  const more = f.files.length > MAX_FILES ? `<p class="muted">${html(l10n.t('… {0} more files'), f.files.length - MAX_FILES)}</p>` : '';
  const table = f.files.length > 0 ? `${folders}${more}` : '';
  const members = f.driftedMembers.length > 0 ? `<p>${html(l10n.t('Drifted members: {0}'), f.driftedMembers.map((m) => `<code>${escapeHtml(m)}</code>`).join(', '))}</p>` : '';
  const actions = [
    f.state === 'drifted' && !f.archived ? `<button data-action="rerun" data-spec="${spec}">${html(l10n.t('Re-run…'))}</button>` : '',
    f.state === 'drifted' ? `<button class="secondary" data-action="acknowledge" data-spec="${spec}">${html(l10n.t('Acknowledge'))}</button>` : '',
    f.acknowledged ? `<button class="secondary" data-action="undo" data-spec="${spec}">${html(l10n.t('Undo acknowledgement'))}</button>` : '',
  ].join('');
  const lines = `<span class="add">+${f.insertions}</span> <span class="del">−${f.deletions}</span>`;
  const total = f.state !== 'drifted' ? ''
    : ` · ${f.files.length === 1 ? html(l10n.t('1 file {0}'), lines) : html(l10n.t('{0} files {1}'), f.files.length, lines)}`;
  const status = html(l10n.t('status {0}'), `<b>${escapeHtml(f.status)}</b>`);
  const completed = f.completedAt ? ` · ${html(l10n.t('completed {0}'), escapeHtml(dateOf(f.completedAt) ?? f.completedAt))}` : '';
  return `<details class="spec" id="${anchorOf(f.specPath)}"${open ? ' open' : ''}>
<summary><h2><a href="#" data-action="openSpec" data-spec="${spec}">${title}</a> <code>${escapeHtml(f.specId)}</code> <span class="badge">${escapeHtml(f.type)}</span>${total}</h2></summary>
<p class="meta">${status}${completed}</p>
${f.baseline ? `<p class="meta">${html(l10n.t('baseline {0}'), baselineLine(f))}</p>` : ''}
${notesList(f)}
${table}${members}
<p class="rec">→ ${escapeHtml(recommendation(f))}</p>
<div class="actions">${actions}</div>
</details>`;
}

/** The summary table: one row per drifted spec, linking to its section. */
function summaryTable(drifted: readonly DriftFinding[]): string {
  if (drifted.length === 0) return '';
  const rows = drifted.map((f) => {
    const lines = f.state === 'drifted' ? `<span class="add">+${f.insertions}</span> <span class="del">−${f.deletions}</span>` : '';
    const what = f.state === 'drifted' ? String(f.files.length) : html(l10n.t('{0} members'), f.driftedMembers.length);
    return `<tr><td><a href="#" data-action="reveal" data-anchor="${anchorOf(f.specPath)}">${escapeHtml(f.title ?? f.specId)}</a> <code>${escapeHtml(f.specId)}</code></td><td class="num">${what}</td><td class="num">${lines}</td><td class="muted">${f.notes.length === 1 ? html(l10n.t('1 note')) : f.notes.length > 1 ? html(l10n.t('{0} notes'), f.notes.length) : ''}</td></tr>`;
  }).join('');
  return `<table class="summary-table"><thead><tr><th>${html(l10n.t('Spec'))}</th><th>${html(l10n.t('Files'))}</th><th>${html(l10n.t('Lines'))}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function driftReportHtml(findings: readonly DriftFinding[], options: { nonce: string; cspSource: string }): string {
  const drifted = findings.filter(isDrifted);
  const unknown = findings.filter((f) => f.state === 'unknown');
  const clean = findings.filter((f) => f.state === 'clean' && f.driftedMembers.length === 0);
  const acknowledgedClean = clean.filter((f) => f.acknowledged);
  const n = escapeHtml(options.nonce);
  const unknownList = unknown.length > 0
    ? `<h2 class="section">${html(l10n.t('Drift unknown'))}</h2><ul>${unknown.map((f) => `<li id="${anchorOf(f.specPath)}"><a href="#" data-action="openSpec" data-spec="${escapeHtml(f.specPath)}">${escapeHtml(f.title ?? f.specId)}</a> <code>${escapeHtml(f.specId)}</code>: ${escapeHtml(f.reason ?? '')}${notesList(f)}</li>`).join('')}</ul>`
    : '';
  const notedClean = clean.filter((f) => f.notes.length > 0 && !f.acknowledged);
  const notedList = notedClean.length > 0
    ? `<h2 class="section">${html(l10n.t('Up to date, with notes'))}</h2><ul>${notedClean.map((f) => `<li id="${anchorOf(f.specPath)}"><a href="#" data-action="openSpec" data-spec="${escapeHtml(f.specPath)}">${escapeHtml(f.title ?? f.specId)}</a> <code>${escapeHtml(f.specId)}</code>${notesList(f)}</li>`).join('')}</ul>`
    : '';
  const ackList = acknowledgedClean.length > 0
    ? `<h2 class="section">${html(l10n.t('Acknowledged'))}</h2><ul>${acknowledgedClean.map((f) => `<li id="${anchorOf(f.specPath)}"><a href="#" data-action="openSpec" data-spec="${escapeHtml(f.specPath)}">${escapeHtml(f.title ?? f.specId)}</a> <code>${escapeHtml(f.specId)}</code> — ${html(l10n.t('up to date since {0}'), escapeHtml(f.acknowledged?.commit?.slice(0, 8) ?? dateOf(f.acknowledged?.date) ?? ''))} <button class="link" data-action="undo" data-spec="${escapeHtml(f.specPath)}">${html(l10n.t('undo'))}</button></li>`).join('')}</ul>`
    : '';
  // "No drift" only means something when some completed spec tracks files.
  const checked = findings.some((f) => f.state !== 'none');
  const body = !checked
    ? `<p class="empty">${html(l10n.t('Nothing to check yet: no completed spec lists files in tracks:, origin: or informed_by:. Drift is measured for those files once such a spec completes.'))}</p>`
    : drifted.length === 0 && unknown.length === 0
    ? `<p class="empty">${html(l10n.t('No drift: every tracked file is as it was when its spec completed.'))}</p>`
    : drifted.map((f) => specSection(f, drifted.length <= 3)).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(l10n.t('Chant Drift Report'))}</title>
<style nonce="${n}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 24px; line-height: 1.45; }
h1 { font-size: 1.5em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.15em; font-weight: 600; margin: 0 0 4px; }
h2.section { margin-top: 24px; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; cursor: pointer; }
a:hover { text-decoration: underline; }
code { font-family: var(--vscode-editor-font-family); font-size: 0.92em; background: var(--vscode-textCodeBlock-background); padding: 0 3px; border-radius: 3px; }
.summary { color: var(--vscode-descriptionForeground); margin: 0 0 16px; }
details.spec { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, #8884)); border-left: 3px solid var(--vscode-editorWarning-foreground); border-radius: 4px; padding: 10px 14px; margin: 12px 0; }
details.spec.flash { outline: 2px solid var(--vscode-focusBorder); }
.meta { margin: 2px 0; color: var(--vscode-descriptionForeground); }
.meta b { color: var(--vscode-foreground); font-weight: 600; }
.badge { font-size: 0.8em; font-weight: normal; padding: 1px 6px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th { text-align: left; font-weight: 600; color: var(--vscode-descriptionForeground); border-bottom: 1px solid var(--vscode-panel-border, #8884); padding: 3px 8px 3px 0; }
td { vertical-align: top; padding: 4px 8px 4px 0; border-bottom: 1px solid var(--vscode-panel-border, #8882); }
td.num { white-space: nowrap; font-family: var(--vscode-editor-font-family); }
.add { color: var(--vscode-gitDecoration-addedResourceForeground, #3fb950); }
.del { color: var(--vscode-gitDecoration-deletedResourceForeground, #f85149); }
.kind { font-size: 0.85em; padding: 0 5px; border-radius: 3px; border: 1px solid currentColor; }
.kind.added { color: var(--vscode-gitDecoration-addedResourceForeground, #3fb950); }
.kind.deleted { color: var(--vscode-gitDecoration-deletedResourceForeground, #f85149); }
.kind.modified { color: var(--vscode-gitDecoration-modifiedResourceForeground, #d29922); }
.kind.renamed { color: var(--vscode-gitDecoration-renamedResourceForeground, #58a6ff); }
.muted { color: var(--vscode-descriptionForeground); font-size: 0.92em; }
.rec { margin: 6px 0; }
.actions button { margin-right: 6px; }
button { font-family: inherit; font-size: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 3px 10px; border-radius: 2px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.link { background: none; color: var(--vscode-textLink-foreground); padding: 0; }
.empty { margin-top: 24px; }
details.spec > summary { cursor: pointer; list-style-position: outside; }
details.spec > summary h2 { display: inline; }
details.folder { margin: 4px 0 4px 4px; }
details.folder > summary { cursor: pointer; }
ul.notes { margin: 4px 0; padding-left: 18px; color: var(--vscode-descriptionForeground); }
table.summary-table { margin-bottom: 12px; }
</style></head>
<body>
<h1>${html(l10n.t('Drift report'))}</h1>
<p class="summary">${html(l10n.t('{0} drifted · {1} unknown · {2} up to date'), drifted.length, unknown.length, clean.length)} <button class="link" data-action="recheck">${html(l10n.t('re-check'))}</button></p>
${summaryTable(drifted)}
${body}
${unknownList}
${notedList}
${ackList}
<script nonce="${n}">
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const el = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!el) return;
    event.preventDefault();
    if (el.dataset.action === 'reveal') {
      reveal(el.dataset.anchor);
      return;
    }
    vscode.postMessage({ action: el.dataset.action, spec: el.dataset.spec, file: el.dataset.file });
  });
  function reveal(anchor) {
    const el = typeof anchor === 'string' ? document.getElementById(anchor) : null;
    if (!el) return;
    if (el.tagName === 'DETAILS') el.open = true;
    el.scrollIntoView({ block: 'start' });
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 1500);
  }
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m && m.type === 'reveal') reveal(m.anchor);
  });
  vscode.postMessage({ action: 'ready' });
})();
</script>
</body></html>`;
}
