// joinPath and drift's relativeTo take shortcuts for already-normal paths; they must answer
// exactly what the general code answers, for any input.

import assert from 'node:assert/strict';
import { joinPath, normalizePath, isInside } from '../../src/core/paths';
import { relativeTo } from '../../src/core/drift/model';

/** The general versions, as they were before the shortcuts. */
function joinReference(...parts: string[]): string {
  return normalizePath(parts.filter((x) => x.length > 0).join('/').replace(/\/{2,}/g, '/'));
}

function relativeReference(root: string, abs: string): string | undefined {
  const r = normalizePath(root);
  const a = normalizePath(abs);
  if (a === r) return '';
  if (isInside(r, a)) return a.slice(r.length + (r.endsWith('/') ? 0 : 1));
  const rp = r.split('/');
  const ap = a.split('/');
  if (rp[0] !== ap[0]) return undefined;
  let i = 0;
  while (i < rp.length && i < ap.length && rp[i] === ap[i]) i++;
  return [...Array(rp.length - i).fill('..'), ...ap.slice(i)].join('/');
}

describe('path helpers: shortcuts agree with the general code', () => {
  const pieces = ['', '/', '//', 'a', 'b', 'src', '.chant', 'C:', 'C:/', '\\', 'a\\b', 'x.md', '..', '.'];
  let seed = 3;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const path = () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pieces[Math.floor(rnd() * pieces.length)]).join(rnd() < 0.8 ? '/' : '');

  it('joinPath', () => {
    for (let n = 0; n < 20000; n++) {
      const a = path();
      const b = path();
      assert.equal(joinPath(a, b), joinReference(a, b), JSON.stringify([a, b]));
    }
    assert.equal(joinPath('/w/ws', 'src/a.ts'), '/w/ws/src/a.ts');
  });

  it('relativeTo', () => {
    for (let n = 0; n < 20000; n++) {
      const root = path();
      const abs = rnd() < 0.5 ? `${root}/${path()}` : path();
      assert.equal(relativeTo(root, abs), relativeReference(root, abs), JSON.stringify([root, abs]));
    }
    assert.equal(relativeTo('/w/ws', '/w/ws/src/a.ts'), 'src/a.ts');
    assert.equal(relativeTo('/w/ws', '/w/other/a.ts'), '../other/a.ts');
  });
});
