// The ProcessProbe port over node: signal 0 checks that a process exists without touching it.
import type { ProcessProbe } from '../core/runState';

export const nodeProcessProbe: ProcessProbe = {
  isProcessAlive(pid: number): boolean {
    if (!Number.isInteger(pid) || pid <= 0) return false; // 0 and negatives address process groups
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // EPERM: it exists but belongs to someone else; ESRCH: no such process.
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};
