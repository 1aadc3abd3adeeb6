// Cross-spec lint rules with exact ranges: what `chant lint` checks (under chant's rule names)
// plus what chant misses (cycles, archived or cross-repo dependencies, `members:` lists that
// disagree with the files, completed specs that finalize would have refused).
//
// The per-file problems (YAML, enums, BOM, shapes, title, unknown keys) come from the parser and
// the index (`SpecIndex.problemsOf`); `problemsForSpec` puts both together. Linting one spec is
// a handful of map lookups (the index's `lookup`), so a batch re-lints only the specs its change
// event names as affected.

import * as l10n from '@vscode/l10n';
import { shortestCycleThrough } from './cycles';
import { driverIdOf, isMemberOf, isStandardId } from './ids';
import type { LocatedValue, Severity, Spec, SpecProblem, TextRange } from './model';
import type { SpecIndex } from './specIndex';
import type { SpecLookup } from './specLookup';
import { readSmallText, type FileSystem } from './ports';
import { joinPath } from './paths';
import { DEFAULT_LINT_CONFIG, parseLintConfig, type LintConfig } from './projectConfig';
import { applyLintPolicy, DEFAULT_LINT_POLICY, OWN_CHECK_SOURCE, type LintPolicy } from './lintPolicy';

export { DEFAULT_LINT_CONFIG, parseLintConfig, type LintConfig, type LintThresholds } from './projectConfig';

const problem = (code: string, severity: Severity, range: TextRange, message: string): SpecProblem => ({ code, severity, range, message });

/**
 * Every problem of one spec: the parser's and the index's, then the cross-spec rules. `spec`
 * may be a parse of unsaved editor text for a file the index holds (its relations come from
 * the saved file, except cycles, which are recomputed from the text).
 */
export function problemsForSpec(
  spec: Spec, index: SpecIndex, config: LintConfig = DEFAULT_LINT_CONFIG, policy: LintPolicy = DEFAULT_LINT_POLICY,
): SpecProblem[] {
  const own = index.problemsOf(spec);
  const cross = lintSpec(spec, index, config);
  return applyLintPolicy(spec, cross.length > 0 ? [...own, ...cross] : own, policy);
}

/** The cross-spec rules for one spec. Archived and unloadable specs get none: chant never lints those. */
export function lintSpec(spec: Spec, index: SpecIndex, config: LintConfig = DEFAULT_LINT_CONFIG): SpecProblem[] {
  if (spec.archived || !spec.loadable) return [];
  const lookup = index.lookup;
  const out: SpecProblem[] = [];
  const keyRange = (k: string): TextRange => spec.keys.get(k) ?? spec.titleRange ?? top;

  {
    for (const d of spec.dependsOn) {
      if (d.value === spec.id) continue; // a cycle of one, reported below
      const why = missingReason(spec, d, lookup);
      if (why) out.push(problem('dependency', 'error', d.range, why));
    }
    for (const m of spec.members) {
      const why = missingReason(spec, m, lookup, true);
      if (why) out.push(problem('dependency', 'error', m.range, why));
    }
  }

  const cycle = cycleThrough(spec, index);
  if (cycle) {
    const entry = spec.dependsOn.find((d) => d.value === (cycle[1] ?? spec.id));
    const shown = [...cycle, cycle[0]].join(' → ');
    out.push(problem('cycle', 'error', entry?.range ?? keyRange('depends_on'), cycle.length === 1
      ? l10n.t('`{0}` depends on itself: it can never become ready (chant does not detect this).', spec.id)
      : l10n.t('Dependency cycle: {0}. None of these specs can become ready (chant does not detect cycles).', shown)));
  }

  out.push(...membersListProblems(spec, index));

  if (spec.status === 'completed') {
    // chant completes a driver when its members are done, whatever its own boxes say.
    const completedByMembers = spec.model === 'auto-completed' || index.relationsOf(spec).members.length > 0;
    for (const r of completedByMembers ? [] : spec.uncheckedCriteria) {
      out.push(problem('unchecked-criteria', 'warning', r,
        l10n.t('The spec is completed but this acceptance criterion is unchecked: chant\'s finalize refuses unchecked criteria, so the status was set by hand.')));
    }
    // Only where drift needs it: the spec tracks files and no `commits:` give its baseline.
    const driftNeedsIt = spec.commits.length === 0 && (spec.tracks.length > 0 || spec.origin.length > 0 || spec.informedBy.length > 0);
    if (driftNeedsIt && !spec.completedAt) {
      out.push(problem('completed-at', 'warning', keyRange('status'),
        l10n.t('Completed spec without `completed_at`: drift cannot be checked (chant skips it without a word).')));
    } else if (driftNeedsIt && spec.completedAt && !RFC3339.test(spec.completedAt)) {
      out.push(problem('completed-at', 'warning', keyRange('completed_at'),
        l10n.t("`completed_at: {0}` is not an RFC 3339 timestamp (like 2026-01-24T15:30:00Z): chant's drift check skips this spec without a word.", spec.completedAt)));
    }
  }

  out.push(...typeProblems(spec, keyRange));
  out.push(...approvalProblems(spec, keyRange('approval')));
  {
    for (const field of config.required) {
      if (!spec.keys.has(field)) {
        out.push(problem('required', 'error', spec.frontmatterRange ? { start: spec.frontmatterRange.start, end: { line: spec.frontmatterRange.start.line, character: 3 } } : top,
          l10n.t('Missing required field `{0}` (enterprise.required in .chant/config.md).', field)));
      }
    }
  }
  out.push(...complexityProblems(spec, config, spec.titleRange ?? top));
  out.push(...couplingProblems(spec));
  {
    const model = spec.model?.toLowerCase() ?? '';
    const simple = spec.criteria.total <= config.thresholds.simpleCriteria && spec.targetFiles.length <= config.thresholds.simpleFiles
      && spec.bodyWords <= config.thresholds.simpleWords;
    if ((model.includes('opus') || model.includes('sonnet')) && !['driver', 'group', 'research'].includes(spec.type) && simple) {
      out.push(problem('model_waste', 'warning', keyRange('model'),
        l10n.t('Spec uses `{0}` but looks simple ({1} criteria, {2} files, {3} words): consider haiku.', spec.model ?? '', spec.criteria.total, spec.targetFiles.length, spec.bodyWords)));
    }
  }
  return out;
}

const top: TextRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** chant writes `YYYY-MM-DDTHH:MM:SSZ`; its drift parses RFC 3339. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Why a depends_on/members entry does not name a spec chant can load (the whole message); undefined when it does. */
function missingReason(spec: Spec, ref: LocatedValue, lookup: SpecLookup, member = false): string | undefined {
  const id = ref.value;
  const target = lookup.active(spec.root, id);
  if (target) {
    if (target.loadable) return undefined;
    return member
      ? l10n.t('members `{0}`: that spec exists but chant cannot load it (see its problems), so it counts as missing.', id)
      : l10n.t('depends_on `{0}`: that spec exists but chant cannot load it (see its problems), so it counts as missing and this spec stays blocked.', id);
  }
  const colon = id.indexOf(':');
  if (colon > 0 && !member) {
    return l10n.t("depends_on `{0}` is a cross-repo dependency: chant's loader never resolves `repo:id`, so this spec stays blocked and `chant lint` fails.", id);
  }
  if (lookup.filesWithId(spec.root, id).some((s) => s.archived)) {
    return member
      ? l10n.t('members `{0}` is archived: chant only sees active specs, so this member is unknown to it.', id)
      : l10n.t('depends_on `{0}` is archived: chant only sees active specs, so this dependency blocks forever.', id);
  }
  return member
    ? l10n.t('members `{0}`: no such spec in this project (chant lint: unknown member).', id)
    : l10n.t('depends_on `{0}`: no such spec in this project (chant lint: unknown dependency); this spec stays blocked.', id);
}

/**
 * The shortest dependency cycle through `spec`, as IDs starting with its own. For a saved spec
 * the index already knows whether it is on a cycle (only then is the search run, inside that
 * cycle); for unsaved text the search starts from the text's depends_on.
 */
export function cycleThrough(spec: Spec, index: SpecIndex): string[] | undefined {
  const lookup = index.lookup;
  if (spec.dependsOn.some((d) => d.value === spec.id)) return [spec.id];
  const saved = index.byPath(spec.path) === spec;
  const known = saved ? index.relationsOf(spec).cycle : undefined;
  if (saved && !known) return undefined;
  const within = known ? new Set(known) : undefined;
  const edges = (id: string): string[] => {
    const deps = id === spec.id ? spec.dependsOn : lookup.active(spec.root, id)?.dependsOn ?? [];
    const target = lookup.active(spec.root, id);
    if (id !== spec.id && !target?.loadable) return [];
    return deps.map((d) => d.value).filter((d) => !within || within.has(d));
  };
  return shortestCycleThrough(spec.id, edges);
}

/** `members:` entries that are not members by name, and member files the list leaves out. */
function membersListProblems(spec: Spec, index: SpecIndex): SpecProblem[] {
  const range = spec.keys.get('members');
  if (!range) return [];
  const lookup = index.lookup;
  const out: SpecProblem[] = [];
  const rel = index.relationsOf(spec);
  for (const m of spec.members) {
    if (m.value === spec.id) {
      out.push(problem('members-mismatch', 'warning', m.range, l10n.t('`{0}` lists itself as a member.', spec.id)));
    } else if (!isMemberOf(m.value, spec.id) && lookup.active(spec.root, m.value)?.loadable) {
      // An existing but unrelated spec: chant finds members by file name, never by this list.
      out.push(problem('members-mismatch', 'warning', m.range,
        l10n.t('`{0}` is not a member of `{1}` by name: chant finds members by their `{1}.N` file names and ignores this entry.', m.value, spec.id)));
    }
  }
  const listed = new Set(spec.members.map((m) => m.value));
  const omitted = rel.children.filter((c) => !listed.has(c));
  if (omitted.length > 0) {
    out.push(problem('members-mismatch', 'warning', range,
      omitted.length === 1
        ? l10n.t('`members:` leaves out {0}: that member file exists (chant uses the files, not this list).', `\`${omitted[0]}\``)
        : l10n.t('`members:` leaves out {0}: those member files exist (chant uses the files, not this list).', omitted.map((c) => `\`${c}\``).join(', '))));
  }
  return out;
}

function typeProblems(spec: Spec, keyRange: (k: string) => TextRange): SpecProblem[] {
  const out: SpecProblem[] = [];
  const at = keyRange('type');
  const missing = (k: string) => !spec.keys.has(k);
  if (spec.type === 'documentation') {
    if (missing('tracks')) out.push(problem('type', 'warning', at, l10n.t('Documentation spec without `tracks`: nothing tells drift which code this documents.')));
    if (missing('target_files')) out.push(problem('type', 'warning', at, l10n.t('Documentation spec without `target_files`.')));
  } else if (spec.type === 'research') {
    if (missing('informed_by') && missing('origin')) out.push(problem('type', 'warning', at, l10n.t('Research spec without `informed_by` or `origin`: it names no inputs.')));
    if (missing('target_files')) out.push(problem('type', 'warning', at, l10n.t('Research spec without `target_files`.')));
  } else if ((spec.type === 'driver' || spec.type === 'group') && spec.keys.has('members') && spec.members.length === 0) {
    out.push(problem('type', 'warning', keyRange('members'), l10n.t('Driver/group spec with an empty `members` list.')));
  }
  return out;
}

function approvalProblems(spec: Spec, at: TextRange): SpecProblem[] {
  const a = spec.approval;
  if (!a) return [];
  const out: SpecProblem[] = [];
  if (a.status === 'approved' || a.status === 'rejected') {
    if (a.by === undefined) out.push(problem('approval', 'error', at, l10n.t('Approval status is {0} but `by` is missing.', a.status)));
    if (a.at === undefined) out.push(problem('approval', 'error', at, l10n.t('Approval status is {0} but the `at` timestamp is missing.', a.status)));
  } else if (a.by !== undefined) {
    out.push(problem('approval', 'error', at, l10n.t('Approval has `by` set but its status is still pending.')));
  }
  return out;
}

function complexityProblems(spec: Spec, config: LintConfig, at: TextRange): SpecProblem[] {
  const t = config.thresholds;
  const out: SpecProblem[] = [];
  const split = `\`chant split ${spec.id}\``;
  if (spec.criteria.total > t.complexityCriteria) {
    out.push(problem('complexity', 'warning', at, l10n.t('{0} acceptance criteria (more than {1}): consider {2}.', spec.criteria.total, t.complexityCriteria, split)));
  }
  if (spec.targetFiles.length > t.complexityFiles) {
    out.push(problem('complexity', 'warning', spec.keys.get('target_files') ?? at, l10n.t('Touches {0} files (more than {1}): consider {2}.', spec.targetFiles.length, t.complexityFiles, split)));
  }
  if (!config.disabled.has('complexity_words') && spec.bodyWords > t.complexityWords) {
    out.push(problem('complexity', 'warning', at, l10n.t('Description is {0} words (more than {1}): may be too complex for a small model; consider {2}.', spec.bodyWords, t.complexityWords, split)));
  }
  return out;
}

/**
 * chant's `coupling`: spec IDs in the body outside fences; drivers exempt, members only for
 * siblings. One problem per spec, as chant reports it, at the first mention and naming every ID
 * (a spec that mentions the same ID five times is one thing to fix, not five).
 */
function couplingProblems(spec: Spec): SpecProblem[] {
  if (spec.type === 'driver' || spec.type === 'group') return [];
  const driver = driverIdOf(spec.id);
  const mentioned = new Map<string, TextRange>();
  for (const m of spec.mentions) {
    if (m.inFence || !isStandardId(m.value)) continue;
    if (m.value.startsWith(spec.id) || spec.id.startsWith(m.value)) continue;
    if (driver !== undefined && driverIdOf(m.value) !== driver) continue;
    if (!mentioned.has(m.value)) mentioned.set(m.value, m.range);
  }
  if (mentioned.size === 0) return [];
  const ids = [...mentioned.keys()].map((id) => `\`${id}\``).join(', ');
  const first = mentioned.values().next().value as TextRange;
  return [problem('coupling', 'warning', first, driver !== undefined
    ? l10n.t('References sibling spec(s) {0}: member specs should be independent; use depends_on instead.', ids)
    : l10n.t('References spec(s) {0} in the body: use depends_on for dependencies (chant lint `coupling`).', ids))];
}

/** Lints every spec of the index: for the headless CLI and "lint workspace". */
export function lintAll(
  index: SpecIndex, configOf: (root: string) => LintConfig = () => DEFAULT_LINT_CONFIG, policy: LintPolicy = DEFAULT_LINT_POLICY,
): Map<string, SpecProblem[]> {
  const out = new Map<string, SpecProblem[]>();
  for (const spec of index.all()) out.set(spec.path, problemsForSpec(spec, index, configOf(spec.root), policy));
  return out;
}

/** Reads a project's lint settings through the file-system port (defaults when there is no config). */
export async function readLintConfig(fs: FileSystem, root: string): Promise<LintConfig> {
  const text = await readSmallText(fs, joinPath(root, '.chant', 'config.md'), { within: root });
  if (text === undefined) return DEFAULT_LINT_CONFIG;
  try {
    return parseLintConfig(text);
  } catch {
    return DEFAULT_LINT_CONFIG;
  }
}

/** One problem as the headless `lint --json` prints it (1-based lines and columns). */
export interface LintReportEntry {
  specId: string;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  /** `chant` for chant's lint rules, `chant specs` for the extension's own checks. */
  source: string;
  message: string;
}

/** Every problem of every spec, ordered by path and position. */
export function lintReport(
  index: SpecIndex, configOf: (root: string) => LintConfig = () => DEFAULT_LINT_CONFIG, policy: LintPolicy = DEFAULT_LINT_POLICY,
): LintReportEntry[] {
  const out: LintReportEntry[] = [];
  for (const [path, problems] of lintAll(index, configOf, policy)) {
    const spec = index.byPath(path);
    if (!spec) continue;
    for (const p of problems) {
      out.push({
        specId: spec.id, path, line: p.range.start.line + 1, column: p.range.start.character + 1,
        endLine: p.range.end.line + 1, endColumn: p.range.end.character + 1, severity: p.severity, code: p.code,
        source: p.ours ? OWN_CHECK_SOURCE : 'chant', message: p.message,
      });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}
