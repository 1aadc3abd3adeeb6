// A seeded generator of Chant workspaces for the differential suite: the same seed always gives
// the same files. It is dense in the cases where readiness, status and lint rules diverge:
// every status on disk (and values chant refuses), dependencies on failed / cancelled / missing /
// archived / cross-repo specs, approvals, drivers and groups with and without criteria, member
// gaps, nested members, members depending on siblings and on their driver, `depends_on: []`,
// in-progress specs whose run branch holds a newer copy (still in progress, finished there, failed,
// cancelled, unparseable, or without the file), titles missing or inside fences, and
// bodies around chant's lint thresholds.

import { random } from '../support/messyCorpus';

/** The seeded PRNG the generated corpus uses too (mulberry32). */
export const rng = random;

export interface GeneratedSpec {
  id: string;
  text: string;
  /** Written under `.chant/archive/<first 10 chars>/` instead of `.chant/specs/`. */
  archived?: boolean;
  /** A newer copy of the file on the run branch `chant/<id>` (empty: the branch has no such file). */
  branchText?: string;
  /** Whether chant can load `branchText` (else it shows the working-tree file). */
  branchLoadable?: boolean;
}

export interface GeneratedWorkspace {
  seed: number;
  projectName: string;
  config: string;
  specs: GeneratedSpec[];
}

const STATUSES = ['pending', 'pending', 'pending', 'pending', 'in_progress', 'paused', 'completed', 'completed', 'completed',
  'failed', 'failed', 'needs_attention', 'ready', 'blocked', 'blocked', 'cancelled', 'cancelled'];
const REFUSED_STATUSES = ['done', 'in-progress', 'Pending'];
const WORDS = ['parser', 'index', 'status', 'render', 'cache', 'token', 'graph', 'branch', 'config', 'report', 'module', 'queue',
  'update', 'the', 'a', 'with', 'for', 'when', 'every', 'field', 'value', 'error', 'limit', 'schema'];

/**
 * A workspace of about `count` active specs (plus some archived), IDs dated `past` and `today`
 * (`today` is chant's local date, so 3-character short IDs and `chant add` see them).
 */
export function generateWorkspace(seed: number, count: number, today: string, past = '2026-01-15'): GeneratedWorkspace {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const b36 = (n: number, w: number) => n.toString(36).padStart(w, '0');
  const suffix = () => b36(Math.floor(r() * 36 ** 3), 3);
  const seq = new Map<string, number>();
  const newId = (date: string) => {
    const n = (seq.get(date) ?? 0) + (chance(0.1) ? int(2, 9) : 1); // gaps in the sequence too
    seq.set(date, n);
    return `${date}-${b36(n, 3)}-${suffix()}`;
  };

  interface Draft {
    id: string; type: string; status: string; deps?: string[] | 'empty' | 'null' | { bare: string };
    archived?: boolean; members?: string[]; memberOf?: string; criteria: boolean;
  }
  const drafts: Draft[] = [];
  const active: Draft[] = [];
  const archivedIds: string[] = [];

  // Archived specs: completed or cancelled, under .chant/archive/.
  for (let i = 0; i < Math.max(2, Math.floor(count / 25)); i++) {
    const d: Draft = { id: newId(past), type: 'code', status: pick(['completed', 'cancelled']), archived: true, criteria: true };
    drafts.push(d);
    archivedIds.push(d.id);
  }
  while (active.length < count) {
    const date = chance(0.3) ? today : past;
    const roll = r();
    if (roll < 0.22) {
      // A driver (or group, or a plain spec that has members) and its members.
      const driver: Draft = { id: newId(date), type: pick(['driver', 'driver', 'group', 'code']), status: pick(STATUSES), criteria: chance(0.5) };
      drafts.push(driver);
      active.push(driver);
      const n = int(1, 5);
      const numbers: number[] = [];
      for (let k = 1, made = 0; made < n; k++) {
        if (chance(0.15)) continue; // a member gap
        numbers.push(k);
        made++;
      }
      driver.members = [];
      for (const k of numbers) {
        const m: Draft = { id: `${driver.id}.${k}`, type: 'code', status: pick(STATUSES), memberOf: driver.id, criteria: chance(0.85) };
        drafts.push(m);
        active.push(m);
        driver.members.push(m.id);
        if (chance(0.15)) {
          const nested: Draft = { id: `${m.id}.${int(1, 2)}`, type: 'code', status: pick(STATUSES), memberOf: driver.id, criteria: true };
          drafts.push(nested);
          active.push(nested);
        }
      }
    } else {
      const refused = chance(0.03);
      const d: Draft = {
        id: newId(date),
        type: refused && chance(0.3) ? 'implementation' : pick(['code', 'code', 'code', 'task', 'documentation', 'research']),
        status: refused ? pick(REFUSED_STATUSES) : pick(STATUSES),
        criteria: chance(0.85),
      };
      drafts.push(d);
      active.push(d);
    }
  }

  // Dependencies, in a second pass so they can point forwards, at members and drivers.
  const ids = active.map((d) => d.id);
  const inProgress = active.filter((d) => d.status === 'in_progress').map((d) => d.id);
  const missing = () => `${past}-${b36(int(900, 1200), 3)}-zzz`;
  const target = (self: Draft): string => {
    const x = r();
    if (x < 0.06) return missing();
    if (x < 0.11) return pick(archivedIds);
    if (x < 0.13) return `other:${pick(ids)}`;
    if (x < 0.15) return self.id; // a cycle of one
    // Specs in progress: their run branch may finish (or fail) them, which their dependents follow.
    if (x < 0.2 && inProgress.length) return pick(inProgress);
    if (self.memberOf && x < 0.3) {
      const siblings = ids.filter((i) => i !== self.id && i.startsWith(`${self.memberOf}.`));
      return siblings.length ? pick(siblings) : self.memberOf;
    }
    if (self.memberOf && x < 0.38) return self.memberOf;
    if (self.members?.length && x < 0.5) return pick(self.members);
    return pick(ids);
  };
  for (const d of active) {
    // A spec waiting on one in-progress spec and nothing else: ready exactly when the run branch
    // finishes that spec (chant reads the branch's copy for it).
    if (inProgress.length && (d.status === 'pending' || d.status === 'failed') && chance(0.12)) {
      d.deps = [pick(inProgress)];
      continue;
    }
    const x = r();
    if (x < 0.35) continue;
    if (x < 0.45) d.deps = 'empty';
    else if (x < 0.48) d.deps = 'null';
    else if (x < 0.53) d.deps = { bare: target(d) };
    else d.deps = Array.from({ length: int(1, 3) }, () => target(d));
  }

  const specs: GeneratedSpec[] = [];
  for (const d of drafts) {
    const lines: string[] = [];
    if (!(d.type === 'code' && chance(0.3))) lines.push(`type: ${d.type}`);
    if (!(d.status === 'pending' && chance(0.2))) lines.push(`status: ${d.status}`);
    if (d.deps === 'empty') lines.push('depends_on: []');
    else if (d.deps === 'null') lines.push('depends_on:');
    else if (d.deps && !Array.isArray(d.deps)) lines.push(`depends_on: ${d.deps.bare}`);
    else if (d.deps) lines.push('depends_on:', ...d.deps.map((x) => `  - ${x}`));
    if (d.members && chance(0.6)) {
      const listed = d.members.filter(() => chance(0.8));
      if (chance(0.1)) listed.push(`${d.id}.${int(7, 9)}`); // a member that does not exist
      lines.push(listed.length ? `members: [${listed.join(', ')}]` : 'members: []');
    }
    if (chance(0.3)) lines.push(`labels: [${pick(['ui', 'core', 'docs'])}]`);
    if (chance(0.12)) {
      const status = pick(['pending', 'pending', 'approved', 'rejected']);
      lines.push('approval:', `  required: ${chance(0.8)}`, `  status: ${status}`);
      if (chance(status === 'pending' ? 0.2 : 0.7)) lines.push('  by: reviewer');
      if (chance(status === 'pending' ? 0.2 : 0.7)) lines.push('  at: 2026-01-16T10:00:00Z');
    }
    const files = chance(0.5) ? int(0, 8) : 0;
    if (files > 0 || (chance(0.2) && (d.type === 'documentation' || d.type === 'research'))) {
      lines.push(`target_files: [${Array.from({ length: files }, (_, i) => `src/f${i}.ts`).join(', ')}]`);
    }
    if (d.type === 'documentation' && chance(0.5)) lines.push('tracks: [src/**/*.ts]');
    if (d.type === 'research' && chance(0.4)) lines.push(`${pick(['informed_by', 'origin'])}: [docs/notes.md]`);
    if (chance(0.25)) lines.push(`model: ${pick(['opus', 'sonnet', 'haiku', 'claude-opus-4', 'claude-sonnet-4-5'])}`);
    if (d.status === 'completed' && chance(0.7)) lines.push('completed_at: 2026-01-20T12:00:00Z');
    if (d.status === 'in_progress' && chance(0.7)) lines.push(`branch: chant/${d.id}`);

    const body: string[] = [];
    const title = `${pick(['Fix', 'Add', 'Rework', 'Document'])} ${pick(WORDS)} ${pick(WORDS)}`;
    const titleStyle = r();
    if (titleStyle < 0.04) body.push('Intro without a heading.');
    else if (titleStyle < 0.07) body.push('```', `# ${title}`, '```');
    else body.push(`# ${title}`);
    body.push('');
    const words = pick([0, 1, 3, 8, 20, 60, 140, 150, 151, 170, 260]);
    if (words) body.push(Array.from({ length: words }, () => pick(WORDS)).join(' '), '');
    if (chance(0.12)) {
      const other = pick(ids);
      body.push(chance(0.3) ? ['```', `see ${other}`, '```'].join('\n') : `Relates to ${other} and [[${pick(ids)}]].`, '');
    }
    const boxes = d.criteria ? pick([1, 1, 2, 3, 5, 10, 11, 14]) : 0;
    const checked = d.status === 'completed' ? boxes : int(0, boxes);
    if (d.criteria) {
      body.push('## Acceptance Criteria', '');
      for (let i = 0; i < boxes; i++) body.push(`- [${i < checked ? 'x' : ' '}] ${pick(WORDS)} ${pick(WORDS)} works and is tested`);
      body.push('');
    }
    const text = `---\n${lines.join('\n')}\n---\n${body.join('\n')}`;
    const spec: GeneratedSpec = { id: d.id, text, archived: d.archived };
    if (d.status === 'in_progress' && !d.archived && chance(0.5)) {
      // The agent's newer copy: criteria ticked, notes added, sometimes a retitle.
      let newer = text.replace(/- \[ \]/g, () => (chance(0.6) ? '- [x]' : '- [ ]')) + '\n## Notes\n\nWork in progress on the run branch.\n';
      if (chance(0.2)) newer = newer.replace(/^# .*$/m, `# ${title} (revised)`);
      // What the run reached there: chant reads the branch's status for the spec and its dependents.
      const reached = pick(['in_progress', 'in_progress', 'completed', 'completed', 'failed', 'cancelled', 'paused', 'pending', 'done', 'unparseable', 'no file']);
      if (reached === 'unparseable') newer = newer.replace(/^status: in_progress$/m, 'status: [in_progress');
      else newer = newer.replace(/^status: in_progress$/m, `status: ${reached}`);
      spec.branchText = reached === 'no file' ? '' : newer;
      spec.branchLoadable = !['done', 'unparseable', 'no file'].includes(reached);
    }
    specs.push(spec);
  }

  const projectName = `diff${seed}`;
  const config: string[] = ['---', 'project:', `  name: ${projectName}`, '', 'defaults:', '  prompt: standard'];
  const lint: string[] = [];
  const disable = r();
  if (disable < 0.15) lint.push('  disable: []');
  else if (disable < 0.25) lint.push('  disable: [complexity_words]');
  else if (disable < 0.35) lint.push('  disable: [coupling, complexity, model_waste]');
  else if (disable < 0.4) lint.push('  disable:');
  if (chance(0.4)) {
    lint.push('  thresholds:');
    if (chance(0.5)) lint.push(`    complexity_criteria: ${int(3, 12)}`);
    if (chance(0.5)) lint.push(`    complexity_files: ${int(2, 6)}`);
    if (chance(0.5)) lint.push(`    complexity_words: ${int(40, 200)}`);
    if (chance(0.5)) lint.push(`    simple_words: ${int(5, 60)}`);
    if (chance(0.5)) lint.push(`    simple_criteria: ${int(1, 4)}`);
  }
  if (lint.length) config.push('lint:', ...lint);
  if (chance(0.25)) config.push('enterprise:', `  required: [${pick(['labels', 'labels, target_files', 'prompt'])}]`);
  config.push('---', '', '# Chant Configuration', '');
  return { seed, projectName, config: config.join('\n'), specs };
}
