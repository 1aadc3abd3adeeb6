// mermaid's module (dist/webview/mermaid.js, beside this script), loaded once: its fetch starts as
// soon as the page runs, and a render waits for it only when it has to draw, not when it shows a
// picture drawn before. A dynamic import from this nonce'd module carries the nonce, so the CSP
// stays `script-src 'nonce-…'`.
import type { Mermaid, MermaidConfig } from 'mermaid';

let loading: Promise<Mermaid> | undefined;
let loadedAt = 0;
/** The configuration mermaid was last initialised with, as JSON. */
let applied = '';

export function loadMermaid(): Promise<Mermaid> {
  if (!loading) {
    const url = new URL('./mermaid.js', import.meta.url).href;
    loading = (import(url) as Promise<{ default: Mermaid }>).then((m) => {
      loadedAt = Math.round(performance.now());
      return m.default;
    });
    // Awaited by the render that needs it, which reports the failure.
    loading.catch(() => undefined);
  }
  return loading;
}

/** When mermaid's module was ready (ms since the page's navigation); 0 before. */
export const mermaidLoadedAt = (): number => loadedAt;

/** When mermaid's module file had arrived (ms since the page's navigation); 0 before. */
export function mermaidFetchedAt(): number {
  const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => /\/mermaid\.js$/.test(new URL(e.name).pathname));
  return Math.round(entry?.responseEnd ?? 0);
}

/** mermaid, initialised with `config` (whose JSON is `look`) unless it already was. */
export async function mermaidWith(config: MermaidConfig, look: string): Promise<Mermaid> {
  const m = await loadMermaid();
  if (look !== applied) {
    m.initialize(config);
    applied = look;
  }
  return m;
}
