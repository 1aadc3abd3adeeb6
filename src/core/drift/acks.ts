// Acknowledged drift: the user accepts the current state of a drifted spec, and drift is then
// measured from that commit. Kept by the extension (workspace state), never in the spec: chant
// drops unknown frontmatter keys on its next save. Each spec keeps a short stack so an
// acknowledgement can be undone.

import type { DriftAck } from './model';

/** Spec key → acknowledgements, oldest first (the last one applies). */
export type AckState = Readonly<Record<string, readonly DriftAck[]>>;

const MAX_PER_SPEC = 10;

/** The key of a spec: its project root and ID (stable across renames of nothing else). */
export function ackKey(root: string, specId: string): string {
  return `${root}\n${specId}`;
}

export function currentAck(state: AckState, key: string): DriftAck | undefined {
  const list = state[key];
  return list && list.length > 0 ? list[list.length - 1] : undefined;
}

export function acknowledge(state: AckState, key: string, ack: DriftAck): AckState {
  const list = [...(state[key] ?? []), ack].slice(-MAX_PER_SPEC);
  return { ...state, [key]: list };
}

/** Drops the latest acknowledgement; the previous one (or the spec's own baseline) applies again. */
export function undoAcknowledge(state: AckState, key: string): AckState {
  const list = state[key];
  if (!list || list.length === 0) return state;
  const next: Record<string, readonly DriftAck[]> = { ...state };
  if (list.length === 1) delete next[key];
  else next[key] = list.slice(0, -1);
  return next;
}

/** Reads a stored value defensively (workspace state is JSON written by older versions, too). */
export function parseAckState(value: unknown): AckState {
  if (!value || typeof value !== 'object') return {};
  const out: Record<string, DriftAck[]> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(v)) continue;
    const list = v.filter((a): a is DriftAck => !!a && typeof a === 'object' && typeof (a as DriftAck).date === 'string'
      && ((a as DriftAck).commit === undefined || typeof (a as DriftAck).commit === 'string'));
    if (list.length > 0) out[k] = list.map((a) => ({ date: a.date, ...(a.commit ? { commit: a.commit } : {}) }));
  }
  return out;
}
