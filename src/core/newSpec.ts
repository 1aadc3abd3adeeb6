// New spec files, written the way `chant add` writes them, for when the CLI is not installed,
// and member files (`ID.N.md`), which chant has no command for.

import matter from 'gray-matter';
import { driverIdOf, memberNumberOf, nextSpecId } from './ids';

/** `chant add` splits a description longer than 80 characters at the first newline or ". ". */
export function splitDescription(description: string): { title: string; body: string } {
  const text = description.trim();
  if (text.length <= 80) return { title: text, body: '' };
  const newline = text.indexOf('\n');
  const sentence = text.indexOf('. ');
  const cuts = [newline, sentence].filter((i) => i > 0);
  if (cuts.length === 0) return { title: text, body: '' };
  const cut = Math.min(...cuts);
  const title = text.slice(0, cut).trim();
  const body = text.slice(cut + (cut === sentence ? 2 : 1)).trim();
  return { title: title.endsWith('.') ? title.slice(0, -1) : title, body };
}

export interface NewSpecOptions {
  description: string;
  type?: string;
  dependsOn?: string[];
  prompt?: string;
  needsApproval?: boolean;
}

/** The text of a new pending spec: frontmatter chant accepts, `# title`, and criteria to fill in. */
export function newSpecText(options: NewSpecOptions): string {
  const { title, body } = splitDescription(options.description);
  const data: Record<string, unknown> = { type: options.type ?? 'code', status: 'pending' };
  if (options.dependsOn?.length) data.depends_on = options.dependsOn;
  if (options.prompt) data.prompt = options.prompt;
  if (options.needsApproval) data.approval = { required: true, status: 'pending' };
  const content = [`# ${title.replace(/\s*\n\s*/g, ' ')}`, '', body || '## Problem\n\nDescribe what needs to change and why.', '', '## Acceptance Criteria', '', '- [ ] ', ''].join('\n');
  return matter.stringify(content, data);
}

/** Base36 random characters for a new ID (chant uses 3). */
export function randomSuffix(random: () => number = Math.random, length = 3): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 36).toString(36);
  return out;
}

/** Local `YYYY-MM-DD`, the date chant puts in new IDs. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A fresh ID as chant generates it, avoiding any ID already taken (active or archived). */
export function freshSpecId(now: Date, topLevelActiveIds: string[], taken: Set<string>, random: () => number = Math.random): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const id = nextSpecId(localDate(now), topLevelActiveIds, randomSuffix(random));
    if (!taken.has(id)) return id;
  }
  throw new Error('could not find a free spec ID');
}

/** The next direct member ID of `driverId`: `.N` with N one more than the highest existing direct member. */
export function nextMemberId(driverId: string, existingIds: Iterable<string>): string {
  let max = 0;
  for (const id of existingIds) {
    if (!id.startsWith(`${driverId}.`)) continue;
    const rest = id.slice(driverId.length + 1);
    if (!/^\d+$/.test(rest)) continue; // nested members (`X.2.1`) of `X.2` are not direct members of X
    max = Math.max(max, Number(rest));
  }
  return `${driverId}.${max + 1}`;
}

export { driverIdOf, memberNumberOf };
