// An in-memory FileSystem port for unit tests: files, directories and symlinks (relative or
// absolute, dangling or looping), resolved the way POSIX does. Mutations record the file events a
// watcher would report, so index tests can replay them as one batch.

import type { FileChange, FileStat, FileSystem } from '../../../src/core/ports';

interface FileNode { kind: 'file'; data: Uint8Array; mtimeMs: number }
interface DirNode { kind: 'dir'; children: Map<string, Node>; mtimeMs: number }
interface LinkNode { kind: 'link'; target: string; mtimeMs: number }
type Node = FileNode | DirNode | LinkNode;

/** More link hops than this while resolving one path means a loop (Linux uses 40). */
const MAX_LINK_HOPS = 40;

type Lookup =
  | { ok: true; node: Node; real: string }
  | { ok: false; reason: 'missing' | 'loop' | 'not-dir' };

function split(path: string): string[] {
  return path.split('/').filter((p) => p.length > 0);
}

export class MemoryFileSystem implements FileSystem {
  private readonly root: DirNode = { kind: 'dir', children: new Map(), mtimeMs: 0 };
  private clock = 1;
  private recorded: FileChange[] = [];
  /** How many times each path was read, to check what the index re-reads. */
  readonly reads = new Map<string, number>();

  // ---- the port ---------------------------------------------------------------------------

  async readFile(path: string): Promise<Uint8Array> {
    const found = this.lookup(path, true);
    if (!found.ok) throw new Error(`${found.reason === 'loop' ? 'ELOOP' : 'ENOENT'}: ${path}`);
    if (found.node.kind !== 'file') throw new Error(`EISDIR: ${path}`);
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    return found.node.data;
  }

  async lstat(path: string): Promise<FileStat | undefined> {
    const found = this.lookup(path, false);
    return found.ok ? statOf(found.node) : undefined;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const found = this.lookup(path, true);
    return found.ok ? statOf(found.node) : undefined;
  }

  async readDir(path: string): Promise<string[]> {
    const found = this.lookup(path, true);
    return found.ok && found.node.kind === 'dir' ? [...found.node.children.keys()] : [];
  }

  async realPath(path: string): Promise<string | undefined> {
    const found = this.lookup(path, true);
    return found.ok ? found.real : undefined;
  }

  // ---- building and changing the tree -----------------------------------------------------

  /** Writes a file (creating parent folders); records `created` or `changed`. */
  write(path: string, content: string | Uint8Array): this {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const { dir, name } = this.parentOf(path, true);
    const existing = dir.children.get(name);
    if (existing && existing.kind !== 'file') throw new Error(`not a file: ${path}`);
    dir.children.set(name, { kind: 'file', data, mtimeMs: this.clock++ });
    this.recorded.push({ kind: existing ? 'changed' : 'created', path });
    return this;
  }

  /** Writes several files below `base` from a `{ relativePath: content }` table. */
  writeAll(base: string, files: Record<string, string>): this {
    for (const [rel, content] of Object.entries(files)) this.write(`${base}/${rel}`, content);
    return this;
  }

  mkdir(path: string): this {
    let dir = this.root;
    const parts = split(path);
    parts.forEach((name, i) => {
      let child = dir.children.get(name);
      if (!child) {
        child = { kind: 'dir', children: new Map(), mtimeMs: this.clock++ };
        dir.children.set(name, child);
        this.recorded.push({ kind: 'created', path: '/' + parts.slice(0, i + 1).join('/') });
      }
      if (child.kind !== 'dir') throw new Error(`not a directory: ${name} in ${path}`);
      dir = child;
    });
    return this;
  }

  /** Creates a symlink at `path` pointing at `target` (absolute, or relative to the link's folder). */
  symlink(path: string, target: string): this {
    const { dir, name } = this.parentOf(path, true);
    dir.children.set(name, { kind: 'link', target, mtimeMs: this.clock++ });
    this.recorded.push({ kind: 'created', path });
    return this;
  }

  /** Removes a file, link or whole folder; records `deleted` for everything removed, deepest first. */
  remove(path: string): this {
    const { dir, name } = this.parentOf(path, false);
    const node = dir.children.get(name);
    if (!node) throw new Error(`ENOENT: ${path}`);
    const removed: string[] = [];
    const collect = (n: Node, p: string) => {
      if (n.kind === 'dir') for (const [child, c] of n.children) collect(c, `${p}/${child}`);
      removed.push(p);
    };
    collect(node, path);
    dir.children.delete(name);
    for (const p of removed) this.recorded.push({ kind: 'deleted', path: p });
    return this;
  }

  /** Renames like rename(2): replaces the target; records `deleted` old + `created`/`changed` new. */
  rename(from: string, to: string): this {
    const src = this.parentOf(from, false);
    const node = src.dir.children.get(src.name);
    if (!node) throw new Error(`ENOENT: ${from}`);
    const dst = this.parentOf(to, true);
    const existed = dst.dir.children.has(dst.name);
    src.dir.children.delete(src.name);
    dst.dir.children.set(dst.name, node);
    this.recorded.push({ kind: 'deleted', path: from }, { kind: existed ? 'changed' : 'created', path: to });
    return this;
  }

  /** The events recorded since the last call, as a watcher would report them. */
  takeChanges(): FileChange[] {
    const out = this.recorded;
    this.recorded = [];
    return out;
  }

  exists(path: string): boolean {
    return this.lookup(path, false).ok;
  }

  // ---- resolution -------------------------------------------------------------------------

  private parentOf(path: string, create: boolean): { dir: DirNode; name: string } {
    const parts = split(path);
    const name = parts.pop();
    if (!name) throw new Error(`no name in ${path}`);
    const parentPath = '/' + parts.join('/');
    if (create) this.mkdirQuiet(parentPath);
    const found = this.lookup(parentPath, true);
    if (!found.ok || found.node.kind !== 'dir') throw new Error(`no directory ${parentPath}`);
    return { dir: found.node, name };
  }

  private mkdirQuiet(path: string): void {
    const before = this.recorded.length;
    const found = this.lookup(path, true);
    if (found.ok) return;
    this.mkdir(path);
    // Implicit parent folders are not worth an event in tests (watchers differ on them).
    this.recorded.length = before;
  }

  /** Resolves `path` component by component, following links (the last one only if asked). */
  private lookup(path: string, followLast: boolean): Lookup {
    let pending = split(path);
    let resolved: string[] = [];
    let node: Node = this.root;
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (name === '.') continue;
      if (name === '..') {
        resolved.pop();
        node = this.nodeAtReal(resolved);
        continue;
      }
      if (node.kind !== 'dir') return { ok: false, reason: 'not-dir' };
      const child = node.children.get(name);
      if (!child) return { ok: false, reason: 'missing' };
      if (child.kind === 'link' && (pending.length > 0 || followLast)) {
        if (++hops > MAX_LINK_HOPS) return { ok: false, reason: 'loop' };
        if (child.target.startsWith('/')) {
          resolved = [];
          node = this.root;
        }
        pending = [...split(child.target), ...pending];
        continue;
      }
      resolved.push(name);
      node = child;
    }
    return { ok: true, node, real: '/' + resolved.join('/') };
  }

  /** The node at an already-resolved path (no links on the way). */
  private nodeAtReal(parts: string[]): Node {
    let node: Node = this.root;
    for (const name of parts) {
      if (node.kind !== 'dir') break;
      node = node.children.get(name) ?? node;
    }
    return node;
  }
}

function statOf(node: Node): FileStat {
  return {
    size: node.kind === 'file' ? node.data.length : 0,
    mtimeMs: node.mtimeMs,
    isFile: node.kind === 'file',
    isDirectory: node.kind === 'dir',
    isSymbolicLink: node.kind === 'link',
  };
}
