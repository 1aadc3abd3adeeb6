// How many inotify watches this process holds (Linux): one `inotify wd:` line per watch in the
// fdinfo of each inotify descriptor. Undefined on other systems. For diagnostics and benchmarks.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export function inotifyWatchCount(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  let count = 0;
  let fds: string[];
  try {
    fds = readdirSync('/proc/self/fd');
  } catch {
    return undefined;
  }
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) !== 'anon_inode:inotify') continue;
      for (const line of readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n')) if (line.startsWith('inotify wd:')) count++;
    } catch {
      // closed meanwhile
    }
  }
  return count;
}
