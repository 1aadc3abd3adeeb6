// The run-branch copies of in-progress specs, and the one rule that says which copy of a spec
// chant loads. chant 0.23.2 loads a spec whose working-tree file says `status: in_progress` from
// the tip of its run branch (lifecycle.ts `runBranchOf`), whole: status, title, criteria,
// dependencies, approval. Every question it answers from loaded specs reads that copy: `list`,
// `list --ready`, `list --status`, `show`, `export`, whether `work` starts, and the readiness of
// the spec's dependents, its siblings and its driver. `lint` reads the working tree.
// Pure: the bytes are read through git by an adapter (only in a trusted workspace).

import type { Spec } from './model';
import { MAX_SPEC_BYTES, parseSpecFile } from './spec';
import { runBranchOf } from './lifecycle';

/** The file at an in-progress spec's run-branch tip, as read (no bytes: no branch, or no file on it). */
export interface BranchCopyInput {
  /** The working-tree spec's path. */
  path: string;
  bytes?: Uint8Array;
}

/**
 * The copy of a spec chant loads, given its working-tree file `onDisk` and the file at its run
 * branch's tip parsed with the same path: the branch's when the spec is in progress on disk
 * (loadable, not archived) and the branch's copy is loadable; else the working-tree file (no
 * branch, no file on it, or a copy chant cannot parse: chant falls back to the working tree).
 */
export function chantLoadedCopy(onDisk: Spec, branchCopy: Spec | undefined): Spec {
  const used = !!branchCopy && branchCopy.loadable && branchCopy.path === onDisk.path
    && onDisk.loadable && !onDisk.archived && onDisk.status === 'in_progress';
  return used ? branchCopy : onDisk;
}

/** Run-branch copies by working-tree path, parsed once per distinct content. */
export class BranchCopies {
  private readonly copies = new Map<string, { spec: Spec; bytes: Uint8Array }>();

  /**
   * Records what `onDisk`'s run branch holds (`bytes` undefined: nothing); parsed with the same
   * size cap as spec files. Returns whether the copy chant loads for it changed.
   */
  set(onDisk: Spec, bytes: Uint8Array | undefined): boolean {
    const before = this.loaded(onDisk);
    const old = this.copies.get(onDisk.path);
    if (!bytes) this.copies.delete(onDisk.path);
    else if (!old || !sameBytes(old.bytes, bytes)) {
      const source = { path: onDisk.path, root: onDisk.root, archived: false };
      const spec = parseSpecFile(bytes.length > MAX_SPEC_BYTES ? { ...source, size: bytes.length } : { ...source, bytes });
      this.copies.set(onDisk.path, { spec, bytes });
    }
    return this.loaded(onDisk) !== before;
  }

  /** The copy chant loads for a working-tree spec (see chantLoadedCopy). */
  loaded(onDisk: Spec): Spec {
    return chantLoadedCopy(onDisk, this.copies.get(onDisk.path)?.spec);
  }

  delete(path: string): void {
    this.copies.delete(path);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Reads one file at a branch's tip (NodeGit.branchFile, bounded); undefined when there is none. */
export type BranchFileReader = (root: string, branch: string, relPath: string) => Promise<Uint8Array | undefined>;

/** The local branch names of a project's repository (NodeGit.branchNames); undefined when unknown. */
export type BranchLister = (root: string) => Promise<ReadonlySet<string> | undefined>;

/**
 * What the run branches of the in-progress specs among `specs` hold, one read each (specs not in
 * progress on disk, archived or without a usable branch name are not read). With `branchesOf`,
 * a spec whose branch the repository does not have is not read either: a project with hundreds of
 * specs in progress and few run branches costs one listing, not a git process per spec.
 */
export async function readBranchCopies(specs: Iterable<Spec>, read: BranchFileReader, branchesOf?: BranchLister): Promise<BranchCopyInput[]> {
  const out: BranchCopyInput[] = [];
  const listed = new Map<string, Promise<ReadonlySet<string> | undefined>>();
  const mayExist = async (root: string, branch: string): Promise<boolean> => {
    if (!branchesOf) return true;
    let names = listed.get(root);
    if (!names) listed.set(root, names = branchesOf(root).catch(() => undefined));
    return (await names)?.has(branch) ?? true;
  };
  for (const spec of specs) {
    if (spec.archived || spec.status !== 'in_progress' || !spec.path.startsWith(`${spec.root}/`)) continue;
    const branch = runBranchOf(spec);
    const bytes = branch && await mayExist(spec.root, branch)
      ? await read(spec.root, branch, `./${spec.path.slice(spec.root.length + 1)}`).catch(() => undefined)
      : undefined;
    out.push({ path: spec.path, bytes });
  }
  return out;
}
