// Path helpers for the core. Paths inside the core are absolute and use `/`, whatever the OS,
// so comparisons and prefix checks are plain string operations.

/** Turns `\` into `/` and drops a trailing slash (but keeps a root `/`). */
export function normalizePath(p: string): string {
  let out = p.replace(/\\/g, '/');
  while (out.length > 1 && out.endsWith('/') && !/^[A-Za-z]:\/$/.test(out)) out = out.slice(0, -1);
  return out;
}

export function joinPath(...parts: string[]): string {
  if (parts.length === 2) {
    // The common case, called per file over big trees: two clean parts need no regular expressions.
    const [a, b] = parts;
    if (a.length > 0 && b.length > 0 && !a.endsWith('/') && b[0] !== '/' && !b.endsWith('/') && !a.includes('\\') && !b.includes('\\') && !a.includes('//') && !b.includes('//')) {
      return `${a}/${b}`;
    }
  }
  return normalizePath(parts.filter((x) => x.length > 0).join('/').replace(/\/{2,}/g, '/'));
}

/** `path` relative to `base` when inside it, else `path` unchanged. */
export function relativePath(base: string, path: string): string {
  const b = normalizePath(base);
  const p = normalizePath(path);
  return p.startsWith(b + '/') ? p.slice(b.length + 1) : p;
}

export function dirName(path: string): string {
  const p = normalizePath(path);
  const i = p.lastIndexOf('/');
  if (i <= 0) return '/';
  // A drive root keeps its slash (`C:/`), as normalizePath keeps it.
  return /^[A-Za-z]:$/.test(p.slice(0, i)) ? p.slice(0, i + 1) : p.slice(0, i);
}

export function isInside(base: string, path: string): boolean {
  const b = normalizePath(base);
  const p = normalizePath(path);
  return p === b || p.startsWith(b + '/');
}
