// Chant's ID rules: grammar, driver/member relations, ordering and short-ID resolution,
// mirroring the CLI (chant-format.md §3) so the extension agrees with what `chant` does.

/** IDs chant generates: `YYYY-MM-DD-SSS-XXX`, optionally with `.N` member suffixes. */
export const STANDARD_ID = /^\d{4}-\d{2}-\d{2}-[0-9a-z]{3,}-[0-9a-z]{3}(\.\d+)*$/;

/** Chant's lint `SPEC_ID_PATTERN`, for finding IDs inside text. */
export const ID_IN_TEXT = /\b\d{4}-\d{2}-\d{2}-[0-9a-z]{3}-[0-9a-z]{3}(?:\.\d+)*\b/g;

/**
 * IDs the extension accepts as command-line arguments. Chant accepts any file stem, so
 * non-standard IDs like `001-risky-refactor` exist; we still refuse anything that could be
 * read as an option or carry shell/path syntax.
 */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isSafeId(id: string): boolean {
  return id.length <= 200 && SAFE_ID.test(id) && !id.includes('..');
}

export function isStandardId(id: string): boolean {
  return STANDARD_ID.test(id);
}

/** chant's `extract_driver_id`: text before the first `.` when a digit follows it. */
export function driverIdOf(id: string): string | undefined {
  const dot = id.indexOf('.');
  if (dot <= 0) return undefined;
  const next = id.charCodeAt(dot + 1);
  return next >= 48 && next <= 57 ? id.slice(0, dot) : undefined;
}

/** chant's `extract_member_number`: the first numeric run after the first dot. */
export function memberNumberOf(id: string): number | undefined {
  const dot = id.indexOf('.');
  if (dot < 0) return undefined;
  const m = /^\d+/.exec(id.slice(dot + 1));
  return m ? Number(m[0]) : undefined;
}

/**
 * The numbers k < n for which `driver.k` is one of `ids`, ascending. chant walks 1 … n-1; for a
 * member named `X.99999999999` that is a loop of that many steps, so here the work is the smaller
 * of n and the number of IDs.
 */
export function earlierSiblingNumbers(driver: string, n: number, ids: { has(id: string): boolean; keys(): Iterable<string>; readonly size: number }): number[] {
  const out: number[] = [];
  if (n - 1 <= ids.size) {
    for (let k = 1; k < n; k++) if (ids.has(`${driver}.${k}`)) out.push(k);
    return out;
  }
  const prefix = `${driver}.`;
  for (const id of ids.keys()) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (!/^[1-9]\d*$/.test(rest)) continue;
    const k = Number(rest);
    if (k < n && `${k}` === rest) out.push(k);
  }
  return out.sort((a, b) => a - b);
}

/** chant's `is_member_of`: `member` starts with `driver.` and has at least one more character. */
export function isMemberOf(member: string, driver: string): boolean {
  return member.length > driver.length + 1 && member.startsWith(driver) && member[driver.length] === '.';
}

/** The closest existing ancestor of a member for tree nesting: `X.2` for `X.2.1` when it exists, else `X`. */
export function parentIdOf(id: string, exists: (id: string) => boolean): string | undefined {
  let cut = id.lastIndexOf('.');
  while (cut > 0) {
    const candidate = id.slice(0, cut);
    if (exists(candidate) && driverIdOf(id) !== undefined) return candidate;
    cut = candidate.lastIndexOf('.');
  }
  return undefined;
}

const STANDARD_PARTS = /^(\d{4}-\d{2}-\d{2})-([0-9a-z]+)-(.*)$/;

/**
 * chant's `compare_spec_ids`: standard IDs by date, then base36 sequence, then suffix, with a
 * driver before its members and members by their first member number; others as plain strings.
 */
export function compareSpecIds(a: string, b: string): number {
  const pa = standardParts(a);
  const pb = standardParts(b);
  if (pa && pb) {
    if (pa.date !== pb.date) return pa.date < pb.date ? -1 : 1;
    if (pa.sequence !== pb.sequence) return pa.sequence - pb.sequence;
    return compareSuffix(pa.suffix, pb.suffix);
  }
  return compareMembersOrPlain(a, b);
}

/** Parsed standard IDs, remembered: sorting ten thousand specs compares each ID ~14 times. */
const partsCache = new Map<string, { date: string; sequence: number; suffix: string } | null>();

function standardParts(id: string): { date: string; sequence: number; suffix: string } | null {
  let parts = partsCache.get(id);
  if (parts === undefined) {
    const m = STANDARD_PARTS.exec(id);
    parts = m ? { date: m[1], sequence: parseInt(m[2], 36), suffix: m[3] } : null;
    if (partsCache.size >= 100_000) partsCache.clear();
    partsCache.set(id, parts);
  }
  return parts;
}

function compareSuffix(a: string, b: string): number {
  const [baseA] = a.split('.');
  const [baseB] = b.split('.');
  if (baseA !== baseB) return baseA < baseB ? -1 : baseA > baseB ? 1 : 0;
  return compareMemberNumbers(a, b);
}

function compareMemberNumbers(a: string, b: string): number {
  const ma = memberNumberOf(a);
  const mb = memberNumberOf(b);
  if (ma === undefined && mb === undefined) return 0;
  if (ma === undefined) return -1; // the driver sorts before its members
  if (mb === undefined) return 1;
  return ma - mb;
}

function compareMembersOrPlain(a: string, b: string): number {
  const da = driverIdOf(a) ?? a;
  const db = driverIdOf(b) ?? b;
  if (da === db) {
    const byNumber = compareMemberNumbers(a, b);
    if (byNumber !== 0) return byNumber;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort for display: chant's order, with a stable tie-break so `X.2` precedes `X.2.1`. */
export function sortIds(ids: string[]): string[] {
  return ids.sort((a, b) => compareSpecIds(a, b) || (a < b ? -1 : a > b ? 1 : 0));
}

export type Resolution =
  | { kind: 'found'; id: string }
  | { kind: 'ambiguous'; matches: string[] }
  | { kind: 'missing' };

/**
 * chant's `resolve_spec` over active IDs: exact, unique suffix, (3 chars) unique today-prefix,
 * unique substring; several substring matches are ambiguous.
 */
export function resolveShortId(input: string, activeIds: Iterable<string>, today: string): Resolution {
  const ids = [...activeIds];
  if (ids.includes(input)) return { kind: 'found', id: input };
  const suffix = ids.filter((id) => id.endsWith(input));
  if (suffix.length === 1) return { kind: 'found', id: suffix[0] };
  if (input.length === 3) {
    const prefix = ids.filter((id) => id.startsWith(`${today}-${input}-`));
    if (prefix.length === 1) return { kind: 'found', id: prefix[0] };
  }
  const contains = ids.filter((id) => id.includes(input));
  if (contains.length === 1) return { kind: 'found', id: contains[0] };
  if (contains.length > 1) return { kind: 'ambiguous', matches: contains };
  return { kind: 'missing' };
}

/** A short form for descriptions: the sequence and suffix of standard IDs (`001-x7k.2`), else the ID. */
export function shortId(id: string): string {
  const m = STANDARD_PARTS.exec(id);
  return m ? `${m[2]}-${m[3]}` : id;
}

/**
 * The next ID chant would generate on `date` (local `YYYY-MM-DD`): max base36 sequence among
 * the IDs of that date in `specs/` (top-level folder only, members included: chant reads every
 * `DATE-SSS-XXX[.N].md` name there) + 1, zero-padded to 3, then 3 random base36 characters.
 */
export function nextSpecId(date: string, topLevelIds: Iterable<string>, random3: string): string {
  let max = 0;
  for (const id of topLevelIds) {
    const m = STANDARD_PARTS.exec(id);
    if (m && m[1] === date) max = Math.max(max, parseInt(m[2], 36));
  }
  return `${date}-${(max + 1).toString(36).padStart(3, '0')}-${random3}`;
}
