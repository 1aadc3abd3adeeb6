// A read-only view of a folder in which every archived spec is active: `.chant/specs/` shows what
// `.chant/archive/` holds (and the real archive reads as empty), so the cross-spec lint rules, which
// skip archived specs, run over all of them.

import type { FileStat, FileSystem } from '../../../src/core/ports';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';

export class AllActive implements FileSystem {
  private map(p: string): string {
    return p.replace(/\/\.chant\/specs(?=\/|$)/, '/.chant/archive');
  }
  readFile(p: string) { return nodeFileSystem.readFile(this.map(p)); }
  lstat(p: string) { return nodeFileSystem.lstat(this.map(p)); }
  async stat(p: string): Promise<FileStat | undefined> {
    return (await nodeFileSystem.stat(p)) ?? nodeFileSystem.stat(this.map(p));
  }
  async readDir(p: string): Promise<string[]> {
    if (p.endsWith('/.chant')) {
      const names = await nodeFileSystem.readDir(p);
      // specs/ stands for archive/ (and real specs/ folders are kept aside).
      return names.filter((n) => n !== 'specs' && n !== 'archive').concat(names.includes('archive') ? ['specs'] : []);
    }
    // The real archive/ folders read as empty, so no spec is loaded twice.
    if (/\/\.chant\/archive(\/|$)/.test(p)) return [];
    return nodeFileSystem.readDir(this.map(p));
  }
  async realPath(p: string) { return (await nodeFileSystem.realPath(p)) ?? nodeFileSystem.realPath(this.map(p)); }
}
