// The chant process runner keeps chant's output in whole lines per stream, so a refusal is read
// the same however stdout and stderr chunks interleave.
import * as assert from 'node:assert/strict';
import { startChantProcess } from '../../src/node/chantProcess';
import { chantRefusal } from '../../src/core/chantOutput';

describe('chant process output', function () {
  this.timeout(20_000);

  it('keeps whole lines when stderr starts a line and stdout writes before it ends', async () => {
    // As chant's lint refusal can arrive: `Error: ` on stderr, the finding on stdout, the rest on stderr.
    const script = [
      "const wait = (ms) => new Promise((r) => setTimeout(r, ms));",
      "(async () => {",
      "  process.stderr.write('Error: ');",
      "  await wait(100);",
      "  process.stdout.write('✗ 2026-01-15-005-bad: Unknown dependency \\'2026-01-14-999-gone\\'\\n');",
      "  await wait(100);",
      "  process.stderr.write('Spec validation failed with 1 error(s). Fix the issues and try again.\\n');",
      "  await wait(50);",
      "  process.stdout.write('no newline at the end');",
      "  process.exit(1);",
      "})();",
    ].join('\n');
    const shown: string[] = [];
    const run = startChantProcess({ command: process.execPath, args: ['-e', script], cwd: process.cwd(), env: {}, label: 'test' }, (t) => shown.push(t));
    const { code, output } = await run.exited;
    assert.equal(code, 1);
    assert.equal(shown.join(''), "Error: ✗ 2026-01-15-005-bad: Unknown dependency '2026-01-14-999-gone'\nSpec validation failed with 1 error(s). Fix the issues and try again.\nno newline at the end", 'the terminal shows chunks as they came');
    const lines = output.split('\n');
    assert.ok(lines.includes('Error: Spec validation failed with 1 error(s). Fix the issues and try again.'), output);
    assert.ok(lines.includes("✗ 2026-01-15-005-bad: Unknown dependency '2026-01-14-999-gone'"), output);
    assert.ok(lines.includes('no newline at the end'), output);
    const refusal = chantRefusal(output);
    assert.equal(refusal?.kind, 'lint');
    assert.match(refusal?.reason ?? '', /^Unknown dependency '2026-01-14-999-gone' \(Spec validation failed with 1 error/);
  });
});
