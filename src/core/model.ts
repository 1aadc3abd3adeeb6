// The domain model shared by every feature: what a spec file says, as chant reads it.
// Pure data; no I/O. Positions are 0-based (line, character), like VS Code's.

/** Spec types chant accepts (`SpecType` in chant's frontmatter.rs). Anything else fails the spec. */
export const SPEC_TYPES = ['code', 'task', 'driver', 'documentation', 'research', 'group'] as const;
export type SpecType = (typeof SPEC_TYPES)[number];

/** Statuses chant accepts on disk (snake_case only). Anything else fails the spec. */
export const SPEC_STATUSES = [
  'pending', 'in_progress', 'paused', 'completed', 'failed', 'needs_attention', 'ready', 'blocked', 'cancelled',
] as const;
export type SpecStatus = (typeof SPEC_STATUSES)[number];

/**
 * The status shown to users: chant's derived status (pending/blocked recomputed as chant does on
 * load), or `invalid` for a file chant cannot load at all (it silently skips those).
 */
export type DerivedStatus = SpecStatus | 'invalid';

/** Statuses that count as done for chant's dependency and sibling checks (`completed`, `cancelled`). */
export const FINISHED_STATUSES: ReadonlySet<string> = new Set<SpecStatus>(['completed', 'cancelled']);

/** A 0-based position in a text document. */
export interface Position {
  line: number;
  character: number;
}

/** A 0-based, end-exclusive range in a text document. */
export interface TextRange {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A finding about one spec file, with the exact place it concerns. */
export interface SpecProblem {
  /** Stable code, e.g. `parse`, `unknown-status`; chant's own lint rule names where chant has the rule. */
  code: string;
  message: string;
  severity: Severity;
  range: TextRange;
  /** One of the extension's own checks, not a chant lint rule (set by `applyLintPolicy`). */
  ours?: boolean;
}

/** A string value from the frontmatter together with where it stands in the file. */
export interface LocatedValue {
  value: string;
  range: TextRange;
}

/** A spec ID written in a spec's body. */
export interface Mention extends LocatedValue {
  /** Written as `[[id]]` (the range covers the ID only). */
  wiki: boolean;
  /** Inside a ``` fence (chant's coupling rule ignores those). */
  inFence: boolean;
}

/** Acceptance-criteria checkbox counts, exactly as chant counts them. */
export interface CriteriaCount {
  checked: number;
  total: number;
}

export interface Approval {
  required: boolean;
  status: 'pending' | 'approved' | 'rejected';
  by?: string;
  at?: string;
}

/** One spec file as parsed; relations and derived status live in the index. */
export interface Spec {
  /** The file stem: chant's spec ID. */
  id: string;
  /** Absolute path of the `.chant` project root's parent (the directory chant runs in). */
  root: string;
  /** Absolute path of the file. */
  path: string;
  /** True under `.chant/archive/`; chant's loader never reads these. */
  archived: boolean;
  /** True when chant can load the file (valid YAML, known enums, right shapes). */
  loadable: boolean;
  /** True when the file starts (after trimming) with `---`. */
  hasFrontmatter: boolean;
  type: SpecType;
  /** The `status:` string as written (`pending` when absent); may be an unknown value. */
  rawStatus: string;
  /** The status chant uses when the raw one is valid, else `pending` (for display only). */
  status: SpecStatus;
  /** `type:` string as written, when present. */
  rawType?: string;
  /** Title exactly as chant extracts it (first body line starting with `# `), or undefined. */
  title?: string;
  titleRange?: TextRange;
  dependsOn: LocatedValue[];
  members: LocatedValue[];
  labels: string[];
  tracks: LocatedValue[];
  origin: LocatedValue[];
  informedBy: LocatedValue[];
  targetFiles: LocatedValue[];
  context: LocatedValue[];
  commits: string[];
  completedAt?: string;
  branch?: string;
  model?: string;
  prompt?: string;
  approval?: Approval;
  /** Whether a `depends_on` key is present at all (even `[]`): it turns off sibling ordering. */
  hasDependsOnKey: boolean;
  criteria: CriteriaCount;
  /** chant's `has_acceptance_criteria`: a first AC heading with a checkbox line. */
  hasAcceptanceCriteria: boolean;
  /** Each unchecked `- [ ]` chant counts (last AC section, outside fences): what finalize refuses. */
  uncheckedCriteria: TextRange[];
  /** Spec IDs mentioned in the body (standard IDs and `[[id]]` references), in file order. */
  mentions: Mention[];
  /** Whitespace-separated words in the body, as chant's complexity rules count them. */
  bodyWords: number;
  /** Every top-level frontmatter key with the range of the key itself. */
  keys: Map<string, TextRange>;
  /** Range of the whole frontmatter block including the `---` lines, if any. */
  frontmatterRange?: TextRange;
  /** Line where the body starts (0-based). */
  bodyStartLine: number;
  /** Problems found while parsing this one file. */
  problems: SpecProblem[];
  /** Byte length of the file as read. */
  size: number;
}
