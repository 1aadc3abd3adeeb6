// The extensionTestsPath module that run-tests.mjs hands to VS Code. It loads the real tests
// module (CHANT_HOST_TESTS) and fixes two things the web host does not give us:
//  - clean test output: the extension host sends console.* into the workbench log, mixed with
//    hundreds of workbench lines. We copy every console line into CHANT_HOST_OUTPUT, which the
//    runner streams to its stdout.
//  - a trustworthy result: a crashed extension host is reported to the page as exit code 0, so
//    the outcome is written to CHANT_HOST_RESULT and the runner believes only that file.
'use strict';
const fs = require('fs');
const util = require('util');

const { CHANT_HOST_TESTS, CHANT_HOST_OUTPUT, CHANT_HOST_RESULT } = process.env;

if (CHANT_HOST_OUTPUT) {
  const fd = fs.openSync(CHANT_HOST_OUTPUT, 'a');
  const original = globalThis.console;
  // VS Code makes console.log & co. accessors whose setter does nothing, so plain assignment
  // (even on an object inheriting from console) is ignored. Replacing globalThis.console with an
  // object whose own properties are defined explicitly works, and mocha picks it up on require.
  const tee = Object.create(original);
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    Object.defineProperty(tee, level, {
      configurable: true,
      writable: true,
      value(...args) {
        try { fs.writeSync(fd, util.format(...args) + '\n'); } catch { /* output is best effort */ }
        return original[level](...args);
      },
    });
  }
  globalThis.console = tee;
}

function record(result) {
  if (CHANT_HOST_RESULT) fs.writeFileSync(CHANT_HOST_RESULT, result);
}

exports.run = async function run() {
  try {
    if (!CHANT_HOST_TESTS) throw new Error('CHANT_HOST_TESTS is not set (start the tests with tools/vscode/run-tests.mjs)');
    const tests = require(CHANT_HOST_TESTS);
    if (typeof tests.run !== 'function') throw new Error(`${CHANT_HOST_TESTS} does not export run()`);
    // Accept both run(): Promise and the older run(testsRoot, callback(error, failures)).
    await new Promise((resolve, reject) => {
      const done = (err, failures) => (err ? reject(err) : failures ? reject(new Error(`${failures} tests failed.`)) : resolve());
      const ret = tests.run(CHANT_HOST_TESTS, done);
      if (ret && typeof ret.then === 'function') ret.then(resolve, reject);
    });
  } catch (err) {
    record('failed');
    throw err;
  }
  record('passed');
};
