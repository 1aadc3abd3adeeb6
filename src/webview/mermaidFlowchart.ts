// mermaid as the graph webview loads it: a module of its own (dist/webview/mermaid.js, with the
// flowchart diagram and the dagre layout inside, see esbuild.mjs), imported by ./graph.ts only
// when it has a picture to draw, so that a picture already drawn shows without mermaid's code.
export { default } from 'mermaid';
