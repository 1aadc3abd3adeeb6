// Which problems are chant's lint rules and which are the extension's own checks, and the
// user's say over the latter: each own check can be turned off or given another severity.
// Archived specs (chant never loads them, and older ones were written for an older format)
// only ever get information, unless strict.

import * as l10n from '@vscode/l10n';
import type { Severity, Spec, SpecProblem } from './model';

/**
 * Problem codes that are chant's own lint rules (`chant lint` reports them). Loading failures
 * carry finer codes but chant reports each of them under its rule `parse`.
 */
const CHANT_CODES = new Set([
  'parse', 'title', 'dependency', 'required', 'approval', 'output', 'type', 'complexity', 'coupling', 'model_waste',
  'unknown-type', 'unknown-status', 'unknown-value', 'wrong-type', 'bare-string', 'encoding', 'unreadable',
]);

/** The extension's own checks, with the severity their certainty deserves by default. */
export const OWN_CHECKS: Readonly<Record<string, { severity: Severity; description: () => string }>> = {
  cycle: { severity: 'error', description: () => l10n.t('dependency cycles (none of the specs can ever become ready)') },
  'duplicate-id': { severity: 'warning', description: () => l10n.t('two files with the same ID') },
  orphan: { severity: 'warning', description: () => l10n.t('members whose driver does not exist') },
  'unknown-key': { severity: 'info', description: () => l10n.t('frontmatter keys chant drops when it saves') },
  bom: { severity: 'warning', description: () => l10n.t('a byte-order mark (an error when it hides the frontmatter)') },
  frontmatter: { severity: 'warning', description: () => l10n.t('frontmatter never closed') },
  'frontmatter-cut': { severity: 'warning', description: () => l10n.t('frontmatter cut at a `---` inside a value') },
  empty: { severity: 'warning', description: () => l10n.t('empty spec files') },
  'large-file': { severity: 'warning', description: () => l10n.t('very large spec files') },
  'members-mismatch': { severity: 'info', description: () => l10n.t('`members:` lists that disagree with the member files') },
  'unchecked-criteria': { severity: 'info', description: () => l10n.t('completed specs with unchecked criteria') },
  'completed-at': { severity: 'info', description: () => l10n.t('completed specs drift cannot date (no commits and no valid completed_at)') },
};

/** What diagnostics of the extension's own checks carry as their source (chant's rules: `chant`). */
export const OWN_CHECK_SOURCE = 'chant specs';

export type OwnCheckSetting = 'default' | 'off' | 'error' | 'warning' | 'information' | 'hint';

export interface LintPolicy {
  /** Per own-check code: `off`, a severity, or `default`. Codes not listed keep their default. */
  ownChecks: Readonly<Record<string, OwnCheckSetting>>;
  /** Archived specs' problems keep their severity (the CLI's `--strict`); else they are information. */
  strict: boolean;
}

export const DEFAULT_LINT_POLICY: LintPolicy = { ownChecks: {}, strict: false };

/** Whether a problem code is one of the extension's own checks rather than a chant rule. */
export function isOwnCheck(code: string): boolean {
  return !CHANT_CODES.has(code);
}

/** A policy from a settings value (anything malformed is ignored entry by entry). */
export function lintPolicyFrom(ownChecks: unknown, strict = false): LintPolicy {
  const out: Record<string, OwnCheckSetting> = {};
  if (ownChecks && typeof ownChecks === 'object' && !Array.isArray(ownChecks)) {
    for (const [code, value] of Object.entries(ownChecks as Record<string, unknown>)) {
      if (typeof value === 'boolean') out[code] = value ? 'default' : 'off';
      else if (typeof value === 'string' && ['default', 'off', 'error', 'warning', 'information', 'hint'].includes(value)) out[code] = value as OwnCheckSetting;
    }
  }
  return { ownChecks: out, strict };
}

const SEVERITY: Record<Exclude<OwnCheckSetting, 'default' | 'off'>, Severity> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

/**
 * The problems as the user sees them: own checks marked (`ours`), turned off or re-ranked as
 * the policy says, and an archived spec's problems as information unless strict.
 */
export function applyLintPolicy(spec: Spec, problems: readonly SpecProblem[], policy: LintPolicy = DEFAULT_LINT_POLICY): SpecProblem[] {
  const out: SpecProblem[] = [];
  for (const p of problems) {
    let severity = p.severity;
    const ours = isOwnCheck(p.code);
    if (ours) {
      const setting = policy.ownChecks[p.code] ?? 'default';
      if (setting === 'off') continue;
      if (setting !== 'default') severity = SEVERITY[setting];
      else if (p.code !== 'bom' && OWN_CHECKS[p.code]) severity = OWN_CHECKS[p.code].severity;
    }
    if (spec.archived && !policy.strict && (severity === 'error' || severity === 'warning')) severity = 'info';
    out.push(severity === p.severity && ours === !!p.ours ? p : { ...p, severity, ours });
  }
  return out;
}
