// Parsers for the machine-readable (`-z`) git outputs the git port asks for. Pure string work,
// shared by the node adapter and the unit tests.

import type { FirstParentCommit, GitChangeStatus, GitCommit, GitFileDelta, GitHistoryEntry, GitLogEntry, GitStatusEntry } from './gitPort';

const HEX_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function statusLetter(s: string): GitChangeStatus {
  const c = s.charAt(0);
  return ('AMDRCTUX'.includes(c) && c !== '' ? c : 'M') as GitChangeStatus;
}

/**
 * Parses `--raw --numstat -z` output (optionally several diffs, each led by a commit line as
 * `diff-tree --stdin --always` prints). Returns one list per diff; without headers, one list.
 */
export function parseRawNumstat(out: string, withHeaders = false): GitFileDelta[][] {
  const tokens = out.split('\0');
  const diffs: GitFileDelta[][] = [];
  let byPath = new Map<string, GitFileDelta>();
  let current: GitFileDelta[] | undefined = withHeaders ? undefined : [];
  if (current) diffs.push(current);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t === '' || t === '\n') {
      i++;
      continue;
    }
    const token = t.startsWith('\n') ? t.slice(1) : t;
    if (withHeaders && HEX_SHA.test(token)) {
      current = [];
      byPath = new Map();
      diffs.push(current);
      i++;
      continue;
    }
    if (token.startsWith(':')) {
      // :mode mode sha sha STATUS, then one path (two for renames/copies).
      const fields = token.split(' ');
      const status = statusLetter(fields[4] ?? 'M');
      let delta: GitFileDelta;
      if (status === 'R' || status === 'C') {
        const score = Number((fields[4] ?? '').slice(1));
        delta = { status, from: tokens[i + 1], path: tokens[i + 2], insertions: 0, deletions: 0, binary: false };
        if (Number.isInteger(score) && score > 0) delta.similarity = score;
        i += 3;
      } else {
        delta = { status, path: tokens[i + 1], insertions: 0, deletions: 0, binary: false };
        i += 2;
      }
      if (fields[2]) delta.oldSha = fields[2];
      if (fields[3]) delta.sha = fields[3];
      if (fields[0].length > 1) delta.oldMode = fields[0].slice(1);
      if (fields[1]) delta.mode = fields[1];
      if (!current) {
        current = [];
        diffs.push(current);
      }
      current.push(delta);
      byPath.set(delta.path, delta);
      continue;
    }
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(token);
    if (m) {
      let path = m[3];
      let step = 1;
      if (path === '') {
        // Rename: "ins\tdel\t" NUL old NUL new.
        path = tokens[i + 2] ?? '';
        step = 3;
      }
      const delta = byPath.get(path);
      if (delta) {
        delta.binary = m[1] === '-' || m[2] === '-';
        delta.insertions = m[1] === '-' ? 0 : Number(m[1]);
        delta.deletions = m[2] === '-' ? 0 : Number(m[2]);
      }
      i += step;
      continue;
    }
    i++;
  }
  return diffs;
}

/**
 * Parses `git log -z --raw --no-renames --format=%x1e%H%x1f%P%x1f%cI%x1f%s` output: one entry per
 * commit (its parents counted), its changes in order.
 */
export function parseCommitChanges(out: string): FirstParentCommit[] {
  const commits: FirstParentCommit[] = [];
  const tokens = out.split('\0');
  let current: FirstParentCommit | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].startsWith('\n') ? tokens[i].slice(1) : tokens[i];
    if (t.startsWith('\x1e')) {
      const [sha = '', parents = '', date = '', ...subject] = t.slice(1).split('\x1f');
      current = HEX_SHA.test(sha) ? { sha, date, subject: subject.join('\x1f'), parents: parents.split(' ').filter(Boolean).length, changes: [] } : undefined;
      if (current) commits.push(current);
    } else if (t.startsWith(':') && current) {
      // :mode mode sha sha STATUS, then the path (two for a rename or copy, which --no-renames rules out).
      const fields = t.split(' ');
      const status = statusLetter(fields[4] ?? 'M');
      const two = status === 'R' || status === 'C';
      const path = tokens[i + (two ? 2 : 1)];
      if (path !== undefined) current.changes.push({ status, path, oldSha: fields[2], sha: fields[3], oldMode: fields[0].slice(1), mode: fields[1], insertions: 0, deletions: 0, binary: false });
      i += two ? 2 : 1;
    }
  }
  return commits;
}

/** Parses `git status --porcelain=v1 -z`. */
export function parseStatus(out: string): GitStatusEntry[] {
  const tokens = out.split('\0');
  const entries: GitStatusEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.length < 4) continue;
    const index = t[0];
    const worktree = t[1];
    const path = t.slice(3);
    if (index === 'R' || index === 'C' || worktree === 'R' || worktree === 'C') {
      entries.push({ index, worktree, path, from: tokens[i + 1] });
      i++;
    } else {
      entries.push({ index, worktree, path });
    }
  }
  return entries;
}

/** Parses `git log -z --format=%x1e%H%x1f%cI%x1f%s --name-status`. */
export function parseLog(out: string): GitLogEntry[] {
  const entries: GitLogEntry[] = [];
  for (const chunk of out.split('\x1e')) {
    if (!chunk) continue;
    const headerEnd = chunk.indexOf('\0');
    const header = headerEnd < 0 ? chunk : chunk.slice(0, headerEnd);
    const [sha, date, ...subject] = header.split('\x1f');
    if (!sha || !HEX_SHA.test(sha)) continue;
    const entry: GitLogEntry = { sha, date: date ?? '', subject: subject.join('\x1f').trim(), files: [] };
    const tokens = headerEnd < 0 ? [] : chunk.slice(headerEnd + 1).split('\0').map((t) => t.replace(/^\n/, ''));
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (!t || !/^[AMDRCTUX]\d*$/.test(t)) continue;
      const status = statusLetter(t);
      if (status === 'R' || status === 'C') {
        entry.files.push({ status, from: tokens[i + 1], path: tokens[i + 2] });
        i += 2;
      } else {
        entry.files.push({ status, path: tokens[i + 1] });
        i += 1;
      }
    }
    entries.push(entry);
  }
  return entries;
}

/** Parses `git rev-list --timestamp` lines: `<seconds> <sha>`. */
export function parseTimestamps(out: string): GitHistoryEntry[] {
  const entries: GitHistoryEntry[] = [];
  for (const line of out.split('\n')) {
    const m = /^(\d+) ([0-9a-f]+)$/.exec(line.trim());
    if (m) entries.push({ time: Number(m[1]), sha: m[2] });
  }
  return entries;
}

/** Parses `git show -s --format=%H%x1f%cI%x1f%s` (one line per commit). */
export function parseCommitLines(out: string): GitCommit[] {
  const commits: GitCommit[] = [];
  for (const line of out.split('\n')) {
    const [sha, date, ...subject] = line.split('\x1f');
    if (sha && HEX_SHA.test(sha)) commits.push({ sha, date: date ?? '', subject: subject.join('\x1f') });
  }
  return commits;
}

/** git's whitespace at a line's end and in a blank line (its `isspace`: no \v or \f). */
const GIT_SPACE_AT_END = /[ \t\r]+$/;

/**
 * A commit object's committer date and subject as `git show -s --format=%cI%x1f%s` prints them
 * (`%s`: the message's first paragraph, its lines joined by spaces); undefined where git would
 * print them differently from what is read here (a message in another encoding, a NUL byte, a
 * committer line git would not parse).
 */
export function parseCommitObject(sha: string, bytes: Uint8Array): GitCommit | undefined {
  if (bytes.includes(0)) return undefined;
  const text = new TextDecoder().decode(bytes);
  const headerEnd = text.indexOf('\n\n');
  const header = headerEnd < 0 ? text : text.slice(0, headerEnd);
  let date: string | undefined;
  for (const line of header.split('\n')) {
    // git re-encodes a message in another encoding to UTF-8 when it prints it.
    if (line.startsWith('encoding ') && !/^encoding utf-?8$/i.test(line)) return undefined;
    if (line.startsWith('committer ')) date = strictIsoDate(line);
  }
  if (date === undefined) return undefined;
  const lines = headerEnd < 0 ? [] : text.slice(headerEnd + 2).split('\n');
  let k = 0;
  while (k < lines.length && lines[k].replace(GIT_SPACE_AT_END, '') === '') k++;
  const subject: string[] = [];
  for (; k < lines.length; k++) {
    const line = lines[k].replace(GIT_SPACE_AT_END, '');
    if (line === '') break;
    subject.push(line);
  }
  return { sha, date, subject: subject.join(' ') };
}

/** `%cI` of a `committer <name> <<email>> <seconds> <±hhmm>` line: the time in its own offset. */
function strictIsoDate(line: string): string | undefined {
  const m = /> (\d{1,12}) ([+-])(\d\d)(\d\d)$/.exec(line);
  if (!m) return undefined;
  const offset = (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4]));
  const local = new Date((Number(m[1]) + offset * 60) * 1000);
  if (Number.isNaN(local.getTime())) return undefined;
  // git prints a zero offset as +00:00, whatever its sign.
  return `${local.toISOString().slice(0, 19)}${offset < 0 ? '-' : '+'}${m[3]}:${m[4]}`;
}

/** The spec ID of a chant work commit subject (`chant(2026-01-28-001-abc): …`), else undefined. */
export function chantSubjectId(subject: string): string | undefined {
  const m = /^chant\(([^()\s]+)\):/.exec(subject);
  return m ? m[1] : undefined;
}
