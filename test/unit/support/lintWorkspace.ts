// A small in-memory Chant workspace for lint tests: files by path, the FileSystem port over
// them, and an index built from them. Change files and replay the batch like a watcher would.

import type { FileChange, FileStat, FileSystem } from '../../../src/core/ports';
import { SpecIndex } from '../../../src/core/specIndex';

export const ROOT = '/w';

export class SpecWorkspace implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private pending: FileChange[] = [];
  readonly index = new SpecIndex(this);

  /** `files` are relative to the root's `.chant/` folder, e.g. `specs/x.md`, `archive/2026-01-01/y.md`. */
  constructor(files: Record<string, string | Uint8Array> = {}) {
    this.put('config.md', '---\nproject:\n  name: test\n---\n');
    for (const [rel, text] of Object.entries(files)) this.put(rel, text);
    this.pending = [];
  }

  static async create(files: Record<string, string | Uint8Array>): Promise<SpecWorkspace> {
    const ws = new SpecWorkspace(files);
    await ws.index.setFolders([ROOT]);
    return ws;
  }

  path(rel: string): string {
    return `${ROOT}/.chant/${rel}`;
  }

  put(rel: string, content: string | Uint8Array): this {
    const path = this.path(rel);
    this.pending.push({ kind: this.files.has(path) ? 'changed' : 'created', path });
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    return this;
  }

  delete(rel: string): this {
    const path = this.path(rel);
    this.files.delete(path);
    this.pending.push({ kind: 'deleted', path });
    return this;
  }

  /** Hands the changes made since the last flush to the index as one batch. */
  async flush() {
    const batch = this.pending;
    this.pending = [];
    return this.index.applyChanges(batch);
  }

  spec(rel: string) {
    const s = this.index.byPath(this.path(rel));
    if (!s) throw new Error(`no spec at ${rel}`);
    return s;
  }

  // ---- FileSystem port ----

  async readFile(path: string): Promise<Uint8Array> {
    const data = this.files.get(path);
    if (!data) throw new Error(`ENOENT: ${path}`);
    return data;
  }

  async lstat(path: string): Promise<FileStat | undefined> {
    return this.stat(path);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const data = this.files.get(path);
    if (data) return { size: data.length, mtimeMs: 0, isFile: true, isDirectory: false, isSymbolicLink: false };
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const p of this.files.keys()) {
      if (p.startsWith(prefix)) return { size: 0, mtimeMs: 0, isFile: false, isDirectory: true, isSymbolicLink: false };
    }
    return undefined;
  }

  async readDir(path: string): Promise<string[]> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const names = new Set<string>();
    for (const p of this.files.keys()) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    return [...names];
  }

  async realPath(path: string): Promise<string | undefined> {
    return (await this.stat(path)) ? path : undefined;
  }
}

/** A spec text: frontmatter lines, then a title and optional body. */
export function spec(frontmatter: string, body = '# A title\n'): string {
  return `---\n${frontmatter.replace(/^\n/, '')}${frontmatter.endsWith('\n') ? '' : '\n'}---\n\n${body}`;
}
