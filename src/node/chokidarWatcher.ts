// The FileWatcher port over chokidar, watching only each project's `.chant/` folder (never the
// whole workspace: a 50k-file tree would exhaust inotify just to see specs).

import { watch } from 'chokidar';
import type { Disposable, FileChange, FileWatcher } from '../core/ports';
import { ChangeBatcher } from '../core/batcher';

/** Folders under `.chant/` whose churn says nothing about specs or runs. */
const IGNORED = /\/\.chant\/(tmp|store|\.store|processes)(\/|$)|\.tmp$/;

export function createChokidarWatcher(onError: (e: unknown) => void): FileWatcher {
  return {
    watch(paths: string[], onChanges: (changes: FileChange[]) => void): Disposable {
      const batcher = new ChangeBatcher(onChanges);
      const watcher = watch(paths, {
        ignoreInitial: true,
        followSymlinks: false,
        atomic: true,
        depth: 8,
        ignored: (p: string) => IGNORED.test(p.replace(/\\/g, '/')),
      });
      const push = (kind: FileChange['kind']) => (p: string) => batcher.push({ kind, path: p.replace(/\\/g, '/') });
      watcher.on('add', push('created'));
      watcher.on('addDir', push('created'));
      watcher.on('change', push('changed'));
      watcher.on('unlink', push('deleted'));
      watcher.on('unlinkDir', push('deleted'));
      watcher.on('error', onError);
      return {
        dispose: () => {
          batcher.dispose();
          void watcher.close();
        },
      };
    },
  };
}
