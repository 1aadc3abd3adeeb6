// The graph's look from the VS Code theme: mermaid's base theme with variables read from VS Code's
// CSS variables, and a watch that re-renders when the user switches themes. No mermaid code here:
// the configuration is data, applied by ./graph.ts once mermaid is loaded.
import type { MermaidConfig } from 'mermaid';
import type { RenderMessage, ThemeKind } from './protocol';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-dark') ? 'dark' : 'light';
}

/** A CSS colour mermaid's colour library can read: hex (alpha dropped) or rgb(a); else undefined. */
export function cssColor(name: string): string | undefined {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/i.exec(v);
  if (hex) return `#${hex[1]}`;
  if (/^rgba?\([\d\s.,%]+\)$/i.test(v)) return v;
  return undefined;
}

/**
 * mermaid's configuration for the current theme and `limits`. Everything a drawing depends on
 * besides its text and direction is in it, so its JSON also tells whether a picture drawn before
 * still looks as a new one would.
 */
export function mermaidConfig(limits: RenderMessage['limits'] = { maxTextSize: 50_000, maxEdges: 500 }): MermaidConfig {
  const kind = themeKind();
  const dark = kind === 'dark' || kind === 'high-contrast';
  const bg = cssColor('--vscode-editor-background') ?? (dark ? '#1e1e1e' : '#ffffff');
  const fg = cssColor('--vscode-editor-foreground') ?? (dark ? '#d4d4d4' : '#1f1f1f');
  const widget = cssColor('--vscode-editorWidget-background') ?? bg;
  const border = cssColor('--vscode-contrastBorder') ?? cssColor('--vscode-editorWidget-border') ?? cssColor('--vscode-descriptionForeground') ?? fg;
  const line = cssColor('--vscode-descriptionForeground') ?? fg;
  const font = getComputedStyle(document.body).getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    // A text mermaid cannot parse throws instead of drawing mermaid's error picture.
    suppressErrorRendering: true,
    maxTextSize: limits.maxTextSize,
    maxEdges: limits.maxEdges,
    theme: 'base',
    darkMode: dark,
    fontFamily: font,
    themeVariables: {
      darkMode: dark,
      background: bg,
      primaryColor: widget,
      primaryTextColor: fg,
      primaryBorderColor: border,
      secondaryColor: widget,
      tertiaryColor: bg,
      lineColor: line,
      textColor: fg,
      mainBkg: widget,
      nodeBorder: border,
      edgeLabelBackground: bg,
      fontFamily: font,
      fontSize: '13px',
    },
    flowchart: { useMaxWidth: false, htmlLabels: true, nodeSpacing: 28, rankSpacing: 48, padding: 10 },
  };
}

/**
 * VS Code swaps the body classes and CSS variables on a theme switch: when that changes
 * mermaid's configuration, `onChange` re-renders.
 */
export function watchTheme(limits: () => RenderMessage['limits'] | undefined, onChange: () => void): void {
  const signature = () => JSON.stringify(mermaidConfig(limits()));
  let last = signature();
  new MutationObserver(() => {
    const sig = signature();
    if (sig === last) return;
    last = sig;
    onChange();
  }).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
}
