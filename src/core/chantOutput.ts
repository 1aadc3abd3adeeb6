// What chant said when it stopped: the reason of a refusal in chant's own words, and the option
// chant names that would proceed. Read from the output of the real CLI (0.23.2):
//   work, quality gate   `Error: Spec quality check failed`             (`Use --skip-criteria to bypass…`)
//   work, dependencies   `Error: Spec 'ID' is blocked by dependencies: A` (`--skip-deps`)
//   work, approval       `…requires approval before work can begin. Use --skip-approval to bypass.`
//   work, no commits     `No commits found…`                              (`--allow-no-commits`)
//   work, lint errors    `Error: Spec validation failed with N error(s)…` (no option: lint errors stop
//                        chant even with --skip-deps, although its hint mentions that flag)
//   work, running        `Error: Spec 'ID' is already in progress.`      (no option)
//   archive, unmerged    `Error: Cannot archive spec 'ID': feature branch … has not been merged` (`--force`)
//   merge, conflicts     `✗ ID failed: Error: Content conflicts detected for spec ID` and the paths it
//                        lists under `Files with conflicts:` (no option; chant aborts the git merge)
// Pure: the run adapter passes the captured output; nothing here runs anything.

/** A flag chant itself offers to get past one of its checks. */
export type ProceedFlag = '--skip-criteria' | '--skip-deps' | '--skip-approval' | '--allow-no-commits' | '--force';

export interface ChantRefusal {
  /** What kind of check stopped chant (stable, for code and tests). */
  kind: 'quality' | 'dependencies' | 'approval' | 'no-commits' | 'lint' | 'running' | 'completed' | 'unmerged' | 'conflict' | 'other';
  /** chant's reason, its own words (one or two lines, without `Error: `). */
  reason: string;
  /** The option chant names that proceeds, when it has one; offered to the user, never applied silently. */
  proceed?: ProceedFlag;
}

interface Rule {
  kind: ChantRefusal['kind'];
  test: RegExp;
  proceed?: ProceedFlag;
}

// Order matters: the lint rule comes before the dependency rule because a spec with an unknown
// dependency prints both texts and chant stops on the lint error.
const RULES: Rule[] = [
  { kind: 'lint', test: /Spec validation failed with \d+ error/ },
  { kind: 'quality', test: /Spec quality check failed/, proceed: '--skip-criteria' },
  { kind: 'running', test: /is already in progress/ },
  { kind: 'completed', test: /Cannot work on completed spec/ },
  { kind: 'approval', test: /requires approval before work can begin/, proceed: '--skip-approval' },
  { kind: 'dependencies', test: /is blocked by dependencies/, proceed: '--skip-deps' },
  { kind: 'no-commits', test: /No commits found|--allow-no-commits to/, proceed: '--allow-no-commits' },
  { kind: 'unmerged', test: /has not been merged/, proceed: '--force' },
  { kind: 'conflict', test: /Content conflicts detected for spec \S+/ },
];

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Lines of chant's output without colours, carriage returns and its config warning. */
function cleanLines(output: string): string[] {
  return output.replace(ANSI, '').split(/\r?\n/).map((l) => l.replace(/\r/g, '').trimEnd())
    .filter((l) => l.trim().length > 0 && !/^Warning: parallel\.agents configured/.test(l));
}

/**
 * Why chant stopped, from its output (stdout and stderr together), or undefined when the output
 * holds no `Error:` line. The reason is chant's most specific line: for lint errors the `✗ ID: …`
 * finding, otherwise the first `Error:` line of the matching refusal (else the last `Error:`).
 */
export function chantRefusal(output: string): ChantRefusal | undefined {
  const lines = cleanLines(output);
  const errors = lines.filter((l) => /^Error:/.test(l.trim())).map((l) => l.trim().replace(/^(Error:\s*)+/, ''));
  if (errors.length === 0) return undefined;
  const text = lines.join('\n');
  const rule = RULES.find((r) => r.test.test(text));
  if (!rule) return { kind: 'other', reason: errors[errors.length - 1] };
  let reason = errors.find((e) => rule.test.test(e)) ?? errors[errors.length - 1];
  if (rule.kind === 'conflict') {
    const files = conflictFiles(lines);
    const where = files.length === 0 ? '' : ` in ${files.slice(0, 5).join(', ')}${files.length > 5 ? ` and ${files.length - 5} more` : ''}`;
    reason = `${rule.test.exec(text)![0]}${where} (git merge stopped; chant left main as it was)`;
  }
  if (rule.kind === 'lint') {
    const findings = lines.map((l) => l.trim()).filter((l) => /^✗ \S+: /.test(l)).map((l) => l.replace(/^✗ \S+: /, ''));
    if (findings.length) reason = `${findings.join('; ')} (${reason.replace(/\s*Fix the issues.*$/, '')})`;
  }
  if (rule.kind === 'quality') {
    const suggestions = lines.map((l) => l.trim()).filter((l) => l.startsWith('• ')).map((l) => l.slice(2));
    const first = [...new Set(suggestions)][0];
    if (first) reason = `${reason}: ${first}`;
  }
  return rule.proceed ? { kind: rule.kind, reason, proceed: rule.proceed } : { kind: rule.kind, reason };
}

/** The paths chant lists under `Files with conflicts:` (`  - path` lines), in its order, once each. */
function conflictFiles(lines: string[]): string[] {
  const at = lines.findIndex((l) => l.trim() === 'Files with conflicts:');
  if (at < 0) return [];
  const files: string[] = [];
  for (const line of lines.slice(at + 1)) {
    const m = /^\s+- (.+)$/.exec(line);
    if (!m) break;
    if (!files.includes(m[1].trim())) files.push(m[1].trim());
  }
  return files;
}

/** The last `Run 'chant …'` hint chant printed (e.g. `chant merge ID` after single-spec work). */
export function chantNextCommand(output: string): string | undefined {
  const hints = [...output.replace(ANSI, '').matchAll(/Run '(chant [^']+)'/g)].map((m) => m[1]);
  return hints[hints.length - 1];
}
