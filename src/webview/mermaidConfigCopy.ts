// mermaid's getConfig() as the graph's bundle of mermaid runs it (esbuild.mjs, fastConfigCopy):
// the same copy of mermaid's configuration, made without a property definition per key.
//
// mermaid hands every caller of getConfig() its own copy of the whole configuration, three levels
// deep: ~780 keys (every diagram type's settings and ~200 theme variables), 511 copies for a
// 48-node flowchart and 4,230 for 435 nodes. mermaid makes each copy with Object.entries and
// Object.defineProperty, about 0.45 ms a copy in the webview: 1.9 s of a 4.8 s render of 435
// nodes. This copy gives callers the same objects, in the same order, with the same sharing.

/**
 * What mermaid's `assignWithDepth({}, source, { depth })` returns for a plain-object `source`:
 * own enumerable string keys in order; null values left out; an array copied with each
 * element once; an object copied the same way one level down, and at the last level shallowly
 * (`Object.assign`); deeper objects shared with `source`. An object under `__proto__` is an own
 * key, never the prototype.
 */
export function copyConfig(source: Record<string, unknown>, depth = 2): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    let copied: unknown = value;
    if (typeof value === 'object') {
      if (value === null) continue;
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        for (const item of value) if (!items.includes(item)) items.push(item);
        copied = items;
      } else {
        copied = depth <= 1 ? Object.assign({}, value) : copyConfig(value as Record<string, unknown>, depth - 1);
      }
    }
    if (key !== '__proto__') copy[key] = copied;
    // mermaid's copy keeps an object under `__proto__` as an own key and drops any other value.
    else if (typeof value === 'object') Object.defineProperty(copy, key, { value: copied, writable: true, enumerable: true, configurable: true });
  }
  return copy;
}
