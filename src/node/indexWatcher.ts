// The FileWatcher port for the index: one native watch per *folder* under each project's
// `.chant/` (specs/, archive/ and its date folders, locks, pids, logs), never per file. A folder
// watch reports creates, deletes, renames and writes of the files in it, so ten thousand specs
// cost a handful of inotify watches instead of ten thousand (chokidar watches every file, and
// scans them all on start), and nothing outside `.chant/` is watched at all.

import { watch, type FSWatcher } from 'node:fs';
import { promises as fsp } from 'node:fs';
import type { Disposable, FileChange, FileWatcher } from '../core/ports';
import { ChangeBatcher } from '../core/batcher';

/** Folders under `.chant/` whose churn says nothing about specs or runs; chant's temp files. */
const IGNORED = /\/\.chant\/(tmp|store|\.store|processes)(\/|$)|\.tmp$/;
/** Deepest folder watched below each root (chant's archive is two levels deep). */
const MAX_DEPTH = 8;

const toSlash = (p: string) => p.replace(/\\/g, '/');

export function createIndexWatcher(onError: (e: unknown) => void): FileWatcher {
  return {
    watch(paths: string[], onChanges: (changes: FileChange[]) => void, options: { announce?: boolean } = {}): Disposable {
      const batcher = new ChangeBatcher(onChanges);
      const roots = paths.map(toSlash);
      const watchers = new Map<string, FSWatcher>();
      let disposed = false;

      const unwatch = (dir: string) => {
        for (const [d, w] of watchers) {
          if (d === dir || d.startsWith(dir + '/')) {
            w.close();
            watchers.delete(d);
          }
        }
      };

      /** Watches `dir` and the folders below it; `announce`: report the files found (a folder that appeared). */
      const addTree = async (dir: string, depth: number, announce: boolean): Promise<void> => {
        if (disposed || watchers.has(dir) || IGNORED.test(dir) || depth > MAX_DEPTH) return;
        let watcher: FSWatcher;
        try {
          watcher = watch(dir, { persistent: false }, (event, name) => void onEvent(dir, event, name));
        } catch (e) {
          if ((e as { code?: string }).code !== 'ENOENT') onError(e);
          return;
        }
        watcher.on('error', (e) => {
          unwatch(dir);
          if ((e as { code?: string }).code !== 'EPERM') onError(e);
        });
        watchers.set(dir, watcher);
        const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
        for (const e of entries) {
          const p = `${dir}/${e.name}`;
          if (e.isDirectory()) await addTree(p, depth + 1, announce);
          else if (announce && !IGNORED.test(p)) batcher.push({ kind: 'created', path: p });
        }
      };

      const depthOf = (dir: string) => {
        const root = roots.find((r) => dir === r || dir.startsWith(r + '/'));
        return root === undefined ? MAX_DEPTH + 1 : dir.slice(root.length).split('/').length - 1;
      };

      // Events for one path are handled in order: a git checkout deletes and re-creates a file,
      // and the second lstat must not report before the first one.
      const inFlight = new Map<string, Promise<void>>();
      const onEvent = (dir: string, event: string, name: string | Buffer | null): Promise<void> => {
        const key = name === null ? dir : `${dir}/${toSlash(String(name))}`;
        const run = (inFlight.get(key) ?? Promise.resolve()).then(() => handle(dir, event, name));
        const tail = run.catch(onError).finally(() => {
          if (inFlight.get(key) === tail) inFlight.delete(key);
        });
        inFlight.set(key, tail);
        return tail;
      };

      const handle = async (dir: string, event: string, name: string | Buffer | null) => {
        if (disposed) return;
        if (name === null) {
          // The platform did not say which entry: look at the whole folder again.
          await addTree(dir, depthOf(dir), true);
          return;
        }
        const path = `${dir}/${toSlash(String(name))}`;
        if (IGNORED.test(path)) return;
        if (event === 'change') {
          batcher.push({ kind: 'changed', path });
          return;
        }
        const st = await fsp.lstat(path).catch(() => undefined);
        if (disposed) return;
        if (!st) {
          const self = await fsp.lstat(dir).catch(() => undefined);
          if (!self) {
            // The watched folder itself went away (its own watch reports it by name).
            unwatch(dir);
            batcher.push({ kind: 'deleted', path: dir });
            return;
          }
          if (watchers.has(path)) unwatch(path);
          batcher.push({ kind: 'deleted', path });
        } else if (st.isDirectory()) {
          batcher.push({ kind: 'created', path });
          await addTree(path, depthOf(path), true);
        } else {
          batcher.push({ kind: 'created', path });
        }
      };

      for (const root of roots) void addTree(root, 0, options.announce === true);
      return {
        dispose: () => {
          disposed = true;
          batcher.dispose();
          for (const w of watchers.values()) w.close();
          watchers.clear();
        },
      };
    },
  };
}
