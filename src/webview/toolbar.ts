// The panel's toolbar: view mode, depth, the status toggles (several statuses at once), type and
// label menus, the check boxes, follow/pin, zoom, fit and export. It shows the options of the
// current render and reports each change the user makes.
import * as l10n from '@vscode/l10n';
import type { GraphViewOptions, RenderMessage } from './protocol';
import { $ } from './vscodeApi';

export interface ToolbarActions {
  /** The user changed an option (the caller merges, persists and sends it). */
  change(change: Partial<GraphViewOptions>): void;
  current(): GraphViewOptions | undefined;
  zoom(factor: number): void;
  fit(): void;
  exportSvg(): void;
}

const controls = {
  mode: $<HTMLButtonElement>('mode'),
  depth: $<HTMLInputElement>('depth'),
  statuses: $<HTMLDivElement>('statuses'),
  type: $<HTMLSelectElement>('type'),
  label: $<HTMLSelectElement>('label'),
  hideCompleted: $<HTMLInputElement>('hideCompleted'),
  hideArchived: $<HTMLInputElement>('hideArchived'),
  showFiles: $<HTMLInputElement>('showFiles'),
  pinned: $<HTMLButtonElement>('pinned'),
};

const words = (status: string) => status.replace(/_/g, ' ');

function fillSelect(select: HTMLSelectElement, values: string[], selected: string, anyLabel: string): void {
  select.replaceChildren();
  const any = document.createElement('option');
  any.value = '';
  any.textContent = anyLabel;
  select.append(any);
  for (const v of values) {
    const o = document.createElement('option');
    o.value = v;
    o.textContent = words(v);
    select.append(o);
  }
  select.value = values.includes(selected) ? selected : '';
}

/** What a status toggle selects, in its tooltip: one meaning per word, as chant's `list --status`. */
function toggleTitle(status: string, count: number | undefined): string {
  const n = count === undefined ? l10n.t('none in the project now') : count === 1 ? l10n.t('1 spec') : l10n.t('{0} specs', count);
  if (status === 'ready') return l10n.t('Ready: what chant list --ready lists ({0}). Click to add or remove; several statuses show specs with any of them.', n);
  if (status === 'pending') return l10n.t('Pending, the ready ones included, as chant list --status pending ({0}). Click to add or remove.', n);
  return l10n.t('Status {0} ({1}). Click to add or remove; several statuses show specs with any of them.', words(status), n);
}

function toggleButton(status: string | undefined, text: string, pressed: boolean, title: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'status-toggle';
  b.setAttribute('aria-pressed', String(pressed));
  b.title = title;
  if (status !== undefined) {
    b.dataset.status = status;
    const dot = document.createElement('span');
    dot.className = `dot st_${status}`;
    b.append(dot);
  }
  b.append(document.createTextNode(text));
  return b;
}

/**
 * One toggle per status the project has (with its count) and per status still selected although
 * no spec has it now (so it can be turned off), after an "Any status" toggle that clears them.
 */
function showStatusToggles(msg: RenderMessage): void {
  const selected = msg.options.statuses;
  const counts = new Map(msg.choices.statuses.map((c) => [c.status, c.count]));
  const all = [...msg.choices.statuses.map((c) => c.status), ...selected.filter((s) => !counts.has(s))];
  const buttons = [toggleButton(undefined, l10n.t('Any status'), selected.length === 0, l10n.t('Show specs of every status'))];
  for (const s of all) {
    const count = counts.get(s);
    buttons.push(toggleButton(s, count === undefined ? words(s) : `${words(s)} ${count}`, selected.includes(s), toggleTitle(s, count)));
  }
  controls.statuses.replaceChildren(...buttons);
}

export function showControls(msg: RenderMessage): void {
  const o = msg.options;
  // The button names what it does, not the mode it is in.
  controls.mode.textContent = o.mode === 'focus' ? l10n.t('Show Whole Project') : l10n.t('Show Neighbourhood');
  controls.mode.title = o.mode === 'focus'
    ? l10n.t('Showing the focused spec\'s neighbourhood: switch to the whole project')
    : l10n.t('Showing the whole project: switch to the focused spec\'s neighbourhood');
  controls.depth.value = String(o.depth);
  controls.depth.disabled = o.mode !== 'focus';
  showStatusToggles(msg);
  fillSelect(controls.type, msg.choices.types, o.type, l10n.t('Any type'));
  fillSelect(controls.label, msg.choices.labels, o.label, l10n.t('Any label'));
  controls.label.disabled = msg.choices.labels.length === 0;
  controls.hideCompleted.checked = o.hideCompleted;
  controls.hideArchived.checked = o.hideArchived;
  controls.showFiles.checked = o.showFiles;
  controls.pinned.setAttribute('aria-pressed', String(o.pinned));
  controls.pinned.textContent = o.pinned ? l10n.t('Pinned') : l10n.t('Follow editor');
}

/** The status toggles as shown (the test channel reads them). */
export function statusToggles(): { status: string; pressed: boolean; text: string }[] {
  return [...controls.statuses.querySelectorAll<HTMLButtonElement>('button.status-toggle')].map((b) => ({
    status: b.dataset.status ?? '', pressed: b.getAttribute('aria-pressed') === 'true', text: b.textContent ?? '',
  }));
}

export function installToolbar(actions: ToolbarActions): void {
  const { change } = actions;
  controls.mode.addEventListener('click', () => change({ mode: actions.current()?.mode === 'focus' ? 'project' : 'focus' }));
  controls.depth.addEventListener('change', () => change({ depth: Number(controls.depth.value) }));
  controls.statuses.addEventListener('click', (e) => {
    const button = (e.target as Element | null)?.closest?.<HTMLButtonElement>('button.status-toggle');
    if (!button) return;
    const status = button.dataset.status;
    const now = actions.current()?.statuses ?? [];
    if (status === undefined) change({ statuses: [] });
    else change({ statuses: now.includes(status) ? now.filter((s) => s !== status) : [...now, status] });
  });
  controls.type.addEventListener('change', () => change({ type: controls.type.value }));
  controls.label.addEventListener('change', () => change({ label: controls.label.value }));
  controls.hideCompleted.addEventListener('change', () => change({ hideCompleted: controls.hideCompleted.checked }));
  controls.hideArchived.addEventListener('change', () => change({ hideArchived: controls.hideArchived.checked }));
  controls.showFiles.addEventListener('change', () => change({ showFiles: controls.showFiles.checked }));
  controls.pinned.addEventListener('click', () => change({ pinned: !actions.current()?.pinned }));
  $('zoomIn').addEventListener('click', () => actions.zoom(1.25));
  $('zoomOut').addEventListener('click', () => actions.zoom(0.8));
  $('fit').addEventListener('click', () => actions.fit());
  $('export').addEventListener('click', () => actions.exportSvg());
}
