// Whether a `.gitattributes` can apply to some paths, answered without `git check-attr` where no
// such file is on their way: git reads each folder's `.gitattributes` from the work tree, or from
// the index where the work tree has none. Only for repositories whose attributes come from
// nothing else (see `DeltaCounting.attributeFilesOnly` in core/gitPort.ts); anything found, even
// a link or a folder of that name, leaves the question to git.

import { lstatSync } from 'node:fs';
import path from 'node:path';

/** Folders' `.gitattributes` looked for before asking git about attributes instead. */
const MAX_FILES_LOOKED_FOR = 4096;

/**
 * True when no folder holding one of `paths` (relative to the repository's `root`) has a
 * `.gitattributes`; `inIndex` says whether the index holds one (stage 0, or stage 2 during a
 * conflict, which git then reads).
 */
export async function noAttributeFileFor(root: string, paths: readonly string[], inIndex: (file: string) => Promise<boolean>): Promise<boolean> {
  const files = new Set<string>(['.gitattributes']);
  for (const p of paths) {
    if (/(^|\/)\.\.(\/|$)/.test(p)) return false; // a hostile history's path out of the tree: git answers
    for (let cut = p.lastIndexOf('/'); cut > 0; cut = p.lastIndexOf('/', cut - 1)) {
      const file = `${p.slice(0, cut)}/.gitattributes`;
      if (files.has(file)) break; // and the folders above it with it
      files.add(file);
    }
    if (files.size > MAX_FILES_LOOKED_FOR) return false;
  }
  // Synchronous: a few microseconds each, where a thousand promised ones took tens of milliseconds.
  for (const file of files) if (lstatSync(path.join(root, file), { throwIfNoEntry: false })) return false;
  return !(await Promise.all([...files].map(inIndex))).includes(true);
}
