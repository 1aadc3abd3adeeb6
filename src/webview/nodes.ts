// The rendered nodes as the user reaches them: mermaid's strict mode binds nothing, so every node
// element is mapped back to its graph node, made clickable and keyboard reachable, and described
// in a tooltip and an accessible name. All text from specs goes through textContent.
import * as l10n from '@vscode/l10n';
import type { GraphNodeInfo } from './protocol';
import { post } from './vscodeApi';

/** The graph nodes of the current render, by mermaid ID (`n12`). */
export type NodeLookup = () => ReadonlyMap<string, GraphNodeInfo>;

/** The node ID mermaid was given (`n12`), from a rendered node element. */
function nodeIdOf(el: Element, nodes: ReadonlyMap<string, GraphNodeInfo>): string | undefined {
  const data = el.getAttribute('data-id');
  if (data && nodes.has(data)) return data;
  const m = /(?:^|-)flowchart-(n\d+)-\d+$/.exec(el.id);
  return m && nodes.has(m[1]) ? m[1] : undefined;
}

/** Makes every rendered node clickable and keyboard reachable; returns how many were bound. */
export function bindNodes(svg: SVGSVGElement, nodes: ReadonlyMap<string, GraphNodeInfo>): number {
  let bound = 0;
  for (const el of svg.querySelectorAll<SVGGElement>('g.node')) {
    const nodeId = nodeIdOf(el, nodes);
    const info = nodeId ? nodes.get(nodeId) : undefined;
    if (!nodeId || !info) continue;
    el.dataset.chantNode = nodeId;
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', info.kind === 'spec' ? 'button' : 'img');
    el.setAttribute('aria-label', describe(info).join('. '));
    if (info.kind === 'spec') el.classList.add('openable');
    bound++;
  }
  return bound;
}

/** Tooltip and accessible-name lines for a node. */
function describe(n: GraphNodeInfo): string[] {
  if (n.kind === 'file') return [l10n.t('Tracked file {0}', n.title)];
  if (n.kind === 'missing') {
    return [`${n.specId}`, n.status === 'cross-repo' ? l10n.t('Cross-repository dependency (blocks until it is local)') : l10n.t('Not an active spec: it blocks every spec depending on it')];
  }
  const lines = [n.title, `${n.specId} · ${n.type ?? 'code'}`];
  const status = n.archived ? l10n.t('archived') : n.status.replace(/_/g, ' ');
  lines.push(n.ready ? l10n.t('Status: {0} (ready)', status) : l10n.t('Status: {0}', status));
  if (n.memberProgress) lines.push(l10n.t('Members: {0}/{1} completed', n.memberProgress.completed, n.memberProgress.total));
  if (n.criteria) lines.push(l10n.t('Criteria: {0}/{1} checked', n.criteria.checked, n.criteria.total));
  if (n.blockedBy.length) lines.push(l10n.t('Blocked by: {0}', n.blockedBy.join('; ')));
  if (n.drift) lines.push(l10n.t('Drifted: {0}', n.drift));
  if (n.onCycle) lines.push(l10n.t('On a dependency cycle'));
  return lines;
}

function showTooltip(tooltip: HTMLElement, el: Element, info: GraphNodeInfo): void {
  tooltip.replaceChildren();
  describe(info).forEach((line, i) => {
    const div = document.createElement('div');
    div.textContent = line;
    if (i === 0) div.className = 'title';
    tooltip.append(div);
  });
  if (info.kind === 'spec') {
    const hint = document.createElement('div');
    hint.className = 'hint';
    hint.textContent = l10n.t('Click or Enter: open · Alt+click or F: focus here');
    tooltip.append(hint);
  }
  tooltip.hidden = false;
  const r = el.getBoundingClientRect();
  const t = tooltip.getBoundingClientRect();
  const left = Math.min(Math.max(4, r.left), window.innerWidth - t.width - 4);
  const below = r.bottom + 6 + t.height < window.innerHeight;
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${below ? r.bottom + 6 : Math.max(4, r.top - t.height - 6)}px`;
}

/** Clicks, keys and tooltips on the nodes drawn in `canvas`: open a spec, or focus the graph on it. */
export function installNodeHandlers(canvas: HTMLElement, tooltip: HTMLElement, nodes: NodeLookup): void {
  const nodeFromEvent = (e: Event): { el: SVGGElement; info: GraphNodeInfo } | undefined => {
    const el = (e.target as Element | null)?.closest?.<SVGGElement>('g.node[data-chant-node]');
    const info = el ? nodes().get(el.dataset.chantNode ?? '') : undefined;
    return el && info ? { el, info } : undefined;
  };
  canvas.addEventListener('click', (e) => {
    const hit = nodeFromEvent(e);
    if (!hit || hit.info.kind !== 'spec') return;
    if (e.altKey) post({ type: 'focusNode', nodeId: hit.info.nodeId });
    else post({ type: 'open', nodeId: hit.info.nodeId });
  });
  canvas.addEventListener('keydown', (e) => {
    const hit = nodeFromEvent(e);
    if (!hit || hit.info.kind !== 'spec') return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      post({ type: 'open', nodeId: hit.info.nodeId });
    } else if (e.key === 'f' || e.key === 'F') {
      e.preventDefault();
      post({ type: 'focusNode', nodeId: hit.info.nodeId });
    }
  });
  const hide = () => { tooltip.hidden = true; };
  canvas.addEventListener('mouseover', (e) => { const hit = nodeFromEvent(e); if (hit) showTooltip(tooltip, hit.el, hit.info); });
  canvas.addEventListener('mouseout', (e) => { if (nodeFromEvent(e)) hide(); });
  canvas.addEventListener('focusin', (e) => { const hit = nodeFromEvent(e); if (hit) showTooltip(tooltip, hit.el, hit.info); });
  canvas.addEventListener('focusout', hide);
}
