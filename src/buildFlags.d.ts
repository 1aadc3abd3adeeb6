/**
 * Set by esbuild.mjs: true in development and test builds (`npm run build`), false in the
 * packaged extension (`--production`), where the code behind it is left out of the bundles
 * (the graph webview's test channel, src/webview/testProtocol.ts).
 */
declare const __CHANT_TEST_HOOKS__: boolean;
