// Which specs chant is working right now, from its own marker files (chant-format.md §6.2):
// `.chant/.locks/ID.lock` holds the PID of the chant process, `.chant/pids/ID.pid` the PID of
// the agent it spawned. A marker whose PID is alive means running; one whose PID is dead (a
// Ctrl+C in single mode leaves the lock behind) means stale.

import { readSmallText, type FileSystem } from './ports';
import { joinPath } from './paths';

/** Answers whether a process exists (node: `process.kill(pid, 0)`). */
export interface ProcessProbe {
  isProcessAlive(pid: number): boolean;
}

export type RunState = 'running' | 'stale';

/** The markers chant left for one spec. */
export interface RunMarker {
  id: string;
  /** PID in the lock file, when it holds one. */
  lockPid?: number;
  /** PID in the pid file, when it holds one. */
  agentPid?: number;
  hasLock: boolean;
  hasPid: boolean;
}

export const LOCKS_DIR = '.chant/.locks';
export const PIDS_DIR = '.chant/pids';

/** The PID a marker file holds: a positive decimal integer, nothing else (0 or -1 would address process groups). */
export function parsePid(text: string): number | undefined {
  const m = /^\s*(\d{1,10})\s*$/.exec(text);
  if (!m) return undefined;
  const pid = Number(m[1]);
  return pid > 0 && pid <= 0x7fffffff ? pid : undefined;
}

/** Every spec with a lock or pid file in project `root`. */
export async function readRunMarkers(fs: FileSystem, root: string): Promise<Map<string, RunMarker>> {
  const out = new Map<string, RunMarker>();
  const get = (id: string) => {
    let m = out.get(id);
    if (!m) out.set(id, (m = { id, hasLock: false, hasPid: false }));
    return m;
  };
  const read = async (path: string) => {
    // Undefined when gone between listing and reading (chant just finished), or not a small file.
    const text = await readSmallText(fs, path, { maxBytes: 4096, within: root });
    return text === undefined ? undefined : parsePid(text);
  };
  for (const [dir, ext] of [[LOCKS_DIR, '.lock'], [PIDS_DIR, '.pid']] as const) {
    const base = joinPath(root, dir);
    for (const name of await fs.readDir(base)) {
      if (!name.endsWith(ext) || name.length === ext.length) continue;
      const id = name.slice(0, -ext.length);
      const path = joinPath(base, name);
      const stat = await fs.stat(path);
      if (!stat?.isFile) continue;
      const pid = await read(path);
      const marker = get(id);
      if (ext === '.lock') {
        marker.hasLock = true;
        marker.lockPid = pid;
      } else {
        marker.hasPid = true;
        marker.agentPid = pid;
      }
    }
  }
  return out;
}

/** Running when the chant or agent process is alive; stale when the markers' processes are gone or unreadable. */
export function markerState(marker: RunMarker, probe: ProcessProbe): RunState | undefined {
  if (!marker.hasLock && !marker.hasPid) return undefined;
  for (const pid of [marker.lockPid, marker.agentPid]) {
    if (pid !== undefined && probe.isProcessAlive(pid)) return 'running';
  }
  return 'stale';
}

/** True when `path` is one of chant's run markers of some project (so run state must be re-read). */
export function isRunMarkerPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return /\/\.chant\/(\.locks|pids)(\/[^/]*)?$/.test(p);
}
