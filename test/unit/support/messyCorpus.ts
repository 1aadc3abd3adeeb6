// A seeded generator of messy, real-world-shaped Chant workspaces, written by the project for the
// tests that must run on a bare clone (the real corpus beside the repository is an extra suite).
//
// It writes several projects side by side, the way real repositories and example collections
// look: a long archived history (date folders and loose files, statuses and types outside the
// enums, missing fields, unknown keys, long bodies, agent output with fences, restated criteria,
// archived drivers and members), an example collection of active specs where each spec is a
// scenario with a known outcome (drivers with members, a member without its driver, cycles,
// missing and archived dependencies, approvals, invalid types), an archive-only project whose
// folders are named after the first 10 characters of each ID, a nested project, and a
// `node_modules` copy of a project that discovery must skip. Non-spec markdown sits under
// `.chant/` (prompts, templates, research notes) and must not be read as specs.
//
// Every spec comes with what the index and lint must say about it, derived from how the file was
// built (the chant rules in chant-format.md): derived status, readiness, type, criteria counts and
// the exact problems (code and start position). Nothing here runs the code under test.

import fs from 'node:fs';
import path from 'node:path';
import type { CriteriaCount, SpecType } from '../../../src/core/model';

export interface ExpectedProblem {
  code: string;
  /** 0-based start position. */
  line: number;
  character: number;
}

export interface GeneratedSpec {
  /** Absolute path with forward slashes. */
  file: string;
  /** Project root (the folder holding `.chant/`), absolute with forward slashes. */
  root: string;
  id: string;
  archived: boolean;
  /** `status:` as written (`pending` when absent). */
  rawStatus: string;
  /** `type:` as written, when present. */
  rawType?: string;
  loadable: boolean;
  /** The type chant uses (`code` when absent). */
  type: SpecType;
  /** The derived status the index reports (`invalid` for a spec chant cannot load). */
  status: string;
  ready: boolean;
  criteria: CriteriaCount;
  /** Every problem `problemsForSpec` reports for the file, exactly. */
  problems: ExpectedProblem[];
  /** What the file was built to exercise. */
  shape: string;
}

export interface GeneratedCorpus {
  dir: string;
  /** Project root → the name the index shows. */
  projects: Map<string, string>;
  specs: GeneratedSpec[];
  /** Markdown files under `.chant/` that are not specs, and a project inside node_modules. */
  notSpecs: string[];
}

/** mulberry32: small, fast and the same on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'index parser cache watcher queue worker config option flag output report status graph node edge path file folder ' +
  'branch commit merge rebase session token buffer stream timeout retry limit batch render view panel command prompt ' +
  'agent driver member archive history summary detail error warning message log trace schema field value entry list ' +
  'table column row filter sort group label target context origin source upstream release version migration fixture'
).split(' ');
const VERBS = 'add fix remove rename document split merge validate cache handle report refactor speed up guard'.split(' ');
const AREAS = 'CLI Parser Index Drift Lint Graph Docs Worktree Config Tests Explorer Runner'.split(' ');
const MODELS = ['sonnet', 'opus', 'haiku', 'claude-sonnet-4-20250514', 'claude-opus-4-5', 'gpt-4o', 'qwen2.5-coder:7b', 'auto-completed'];
const EXTENSIONS = ['rs', 'ts', 'md', 'py', 'toml', 'json', 'sh'];

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = random(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  words(n: number): string {
    return Array.from({ length: n }, () => this.pick(WORDS)).join(' ');
  }
  sentence(lo = 6, hi = 16): string {
    const s = this.words(this.int(lo, hi));
    return s[0].toUpperCase() + s.slice(1) + '.';
  }
  base36(n: number): string {
    return Array.from({ length: n }, () => '0123456789abcdefghijklmnopqrstuvwxyz'[this.int(0, 35)]).join('');
  }
  hex(n: number): string {
    return Array.from({ length: n }, () => '0123456789abcdef'[this.int(0, 15)]).join('');
  }
  filePath(): string {
    const depth = this.int(1, 3);
    const parts = Array.from({ length: depth }, () => this.pick(WORDS));
    return `${parts.join('/')}_${this.pick(WORDS)}.${this.pick(EXTENSIONS)}`;
  }
  title(): string {
    return `${this.pick(AREAS)}: ${this.pick(VERBS)} ${this.words(this.int(2, 6))}`;
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A spec file being written line by line, remembering where each frontmatter value starts. */
class SpecText {
  readonly lines: string[] = ['---'];
  readonly problems: ExpectedProblem[] = [];
  readonly keyLine = new Map<string, number>();
  criteria: CriteriaCount = { checked: 0, total: 0 };
  /** Positions of the counted unchecked boxes. */
  readonly unchecked: { line: number; character: number }[] = [];
  titleLine = -1;

  /** `key: value` (or `key:` when value is undefined); returns the value's start position. */
  key(name: string, value?: string): { line: number; character: number } {
    this.keyLine.set(name, this.lines.length);
    this.lines.push(value === undefined ? `${name}:` : `${name}: ${value}`);
    return { line: this.lines.length - 1, character: name.length + 2 };
  }

  /** A block list; returns each item's value position. */
  list(name: string, items: string[], indent = ''): { line: number; character: number }[] {
    this.key(name);
    return items.map((item) => {
      this.lines.push(`${indent}- ${item}`);
      return { line: this.lines.length - 1, character: indent.length + 2 };
    });
  }

  raw(...lines: string[]): void {
    this.lines.push(...lines);
  }

  endFrontmatter(): void {
    this.lines.push('---', '');
  }

  title(text: string): void {
    this.titleLine = this.lines.length;
    this.lines.push(`# ${text}`, '');
  }

  /** A criteria section chant counts (the last `## Acceptance Criteria` outside fences wins). */
  criteriaSection(boxes: boolean[], opts: { fencedBox?: boolean; subsection?: boolean[] } = {}): void {
    this.criteria = { checked: 0, total: 0 };
    this.unchecked.length = 0;
    this.lines.push('## Acceptance Criteria', '');
    const box = (done: boolean, text: string) => {
      if (!done) this.unchecked.push({ line: this.lines.length, character: 0 });
      this.lines.push(`- [${done ? 'x' : ' '}] ${text}`);
      this.criteria.total++;
      if (done) this.criteria.checked++;
    };
    for (const done of boxes) box(done, 'criterion');
    if (opts.fencedBox) this.lines.push('', '```markdown', '- [ ] an example inside a fence is not a criterion', '```');
    if (opts.subsection) {
      // `### ` does not end the section: these boxes count too.
      this.lines.push('', '### Edge Cases', '');
      for (const done of opts.subsection) box(done, 'edge case');
    }
    this.lines.push('');
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

interface Project {
  root: string;
  name: string;
}

export function writeMessyCorpus(dir: string, options: { seed?: number; historySpecs?: number } = {}): GeneratedCorpus {
  const rng = new Rng(options.seed ?? 20260124);
  const base = path.resolve(dir).replace(/\\/g, '/');
  const specs: GeneratedSpec[] = [];
  const notSpecs: string[] = [];
  const projects = new Map<string, string>();

  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const project = (rel: string, name: string | undefined): Project => {
    const root = `${base}/${rel}`;
    // A config without `project.name` shows the folder name.
    write(`${root}/.chant/config.md`, name ? `---\nproject:\n  name: ${name}\n---\n\n# Config\n` : '---\ndefaults:\n  branch: false\n---\n');
    projects.set(root, name ?? path.basename(root));
    return { root, name: name ?? path.basename(root) };
  };
  const add = (p: Project, id: string, spec: SpecText, expect: Omit<GeneratedSpec, 'file' | 'root' | 'id' | 'archived' | 'criteria' | 'problems'> & { archiveFolder?: string | null }) => {
    const archived = expect.archiveFolder !== undefined;
    const folder = archived ? `archive${expect.archiveFolder === null ? '' : `/${expect.archiveFolder}`}` : 'specs';
    const file = `${p.root}/.chant/${folder}/${id}.md`;
    write(file, spec.text());
    const rest: Partial<typeof expect> = { ...expect };
    delete rest.archiveFolder;
    specs.push({ ...(rest as GeneratedSpec), file, root: p.root, id, archived, criteria: { ...spec.criteria }, problems: [...spec.problems] });
  };

  // Standard IDs, unique within the generated tree.
  let serial = 0;
  const standardId = (day: number) => `2026-0${1 + Math.floor(day / 28)}-${pad(1 + (day % 28), 2)}-${pad(++serial, 3)}-${rng.base36(3)}`;

  writeHistory(rng, project('history', 'history-sample'), standardId, add, options.historySpecs ?? 240);
  for (const extra of ['prompts/standard.md', 'prompts/documentation.md', 'templates/bug.md', 'research/notes-on-locking.md']) {
    const file = `${base}/history/.chant/${extra}`;
    write(file, `---\nname: ${path.basename(extra, '.md')}\n---\n\n# ${rng.title()}\n\n${rng.sentence()}\n`);
    notSpecs.push(file);
  }
  writeScenarios(rng, project('examples/workflow', 'workflow-example'), standardId, add);
  writeArchiveOnly(rng, project('examples/archive-only', undefined), add);
  writeNested(rng, project('nested/packages/research', 'research-example'), standardId, add);
  // A vendored copy of a project: discovery never enters node_modules.
  const vendored = `${base}/nested/node_modules/some-tool/.chant/specs/001-vendored.md`;
  write(vendored, '---\ntype: code\nstatus: pending\n---\n\n# Vendored\n');
  write(`${base}/nested/node_modules/some-tool/.chant/config.md`, '---\nproject:\n  name: vendored\n---\n');
  notSpecs.push(vendored);
  return { dir: base, projects, specs, notSpecs };
}

type StandardId = (day: number) => string;
type Add = (p: Project, id: string, spec: SpecText, expect: Omit<GeneratedSpec, 'file' | 'root' | 'id' | 'archived' | 'criteria' | 'problems'> & { archiveFolder?: string | null }) => void;

/** The body most specs have: sections of prose, criteria, sometimes agent output with fences. */
function typicalBody(rng: Rng, s: SpecText, boxes: boolean[], opts: { words?: number; agentOutput?: boolean; ids?: string[] } = {}): void {
  s.title(rng.title());
  for (const heading of rng.chance(0.5) ? ['## Problem', '## Solution'] : ['## Summary']) {
    s.raw(heading, '');
    let words = opts.words ?? rng.int(10, 60);
    while (words > 0) {
      const n = Math.min(words, rng.int(6, 16));
      s.raw(rng.words(n) + '.');
      words -= n;
    }
    s.raw('');
  }
  if (rng.chance(0.3)) s.raw('---', '', '**Note:** ' + rng.sentence(), '');
  if (boxes.length > 0) s.criteriaSection(boxes, { fencedBox: rng.chance(0.2), subsection: rng.chance(0.15) ? [true, rng.chance(0.5)] : undefined });
  if (opts.agentOutput) {
    s.raw('## Agent Output', '', `2026-02-0${rng.int(1, 9)}T${pad(rng.int(0, 23), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)}Z`, '', '```');
    for (let i = rng.int(3, 30); i > 0; i--) {
      const roll = rng.next();
      if (roll < 0.1) s.raw('- [ ] a box the agent printed');
      else if (roll < 0.15) s.raw('## Acceptance Criteria');
      else if (roll < 0.2 && opts.ids?.length) s.raw(`See ${rng.pick(opts.ids)} for the earlier attempt.`);
      else if (roll < 0.25) s.raw('---');
      else s.raw(rng.sentence(4, 24));
    }
    s.raw('```', '');
  }
}

/** An archived history: the bulk of the data, every shape chant's own history shows. */
function writeHistory(rng: Rng, p: Project, standardId: StandardId, add: Add, count: number): void {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = standardId(Math.floor((i * 40) / count));
    const folder = rng.chance(0.15) ? null : id.slice(0, 10);
    const s = new SpecText();
    const roll = rng.next();
    let rawType: string | undefined = 'code';
    let rawStatus = 'completed';
    let shape = 'completed code';
    if (roll < 0.05) {
      rawType = rng.pick(['docs', 'conflict', 'implementation', 'bugfix']);
      shape = 'type outside the enum';
    } else if (roll < 0.08) {
      rawStatus = rng.pick(['done', 'in-progress', 'Completed', 'wip']);
      shape = 'status outside the enum';
    } else if (roll < 0.13) {
      rawStatus = 'cancelled';
      shape = 'cancelled';
    } else if (roll < 0.16) {
      rawStatus = rng.pick(['pending', 'in_progress', 'failed', 'needs_attention']);
      shape = 'left unfinished';
    } else if (roll < 0.3) {
      rawType = rng.pick(['task', 'documentation', 'research', 'group', 'driver']);
      shape = `completed ${rawType}`;
    } else if (roll < 0.35) {
      rawType = rng.chance(0.5) ? undefined : 'code';
      shape = 'missing fields';
    }
    const validType = rawType === undefined || ['code', 'task', 'driver', 'documentation', 'research', 'group'].includes(rawType);
    const validStatus = ['pending', 'in_progress', 'paused', 'completed', 'failed', 'needs_attention', 'ready', 'blocked', 'cancelled'].includes(rawStatus);

    if (rawType !== undefined) {
      const at = s.key('type', rawType);
      if (!validType) s.problems.push({ code: 'unknown-type', ...at });
    }
    const statusAt = s.key('status', rawStatus);
    if (!validStatus) s.problems.push({ code: 'unknown-status', ...statusAt });
    if (shape !== 'missing fields') {
      if (rng.chance(0.6)) s.list('target_files', Array.from({ length: rng.int(1, 8) }, () => rng.filePath()), rng.chance(0.2) ? '  ' : '');
      if (rng.chance(0.2)) s.list('labels', Array.from({ length: rng.int(1, 3) }, () => rng.pick(WORDS)));
      if (ids.length > 0 && rng.chance(0.2)) {
        if (rng.chance(0.3)) s.key('depends_on', '[]');
        else s.list('depends_on', [rng.pick(ids)]);
      }
      if (rawStatus === 'completed') {
        // Short hashes that look like numbers are quoted, as chant writes them.
        s.list('commits', Array.from({ length: rng.int(0, 3) }, () => (rng.chance(0.1) ? `'${rng.int(1000000, 9999999)}'` : rng.hex(7))));
        if (rng.chance(0.9)) {
          s.key('completed_at', rng.chance(0.8) ? `2026-02-0${rng.int(1, 9)}T${pad(rng.int(0, 23), 2)}:${pad(rng.int(0, 59), 2)}:${pad(rng.int(0, 59), 2)}Z`
            : `2026-02-0${rng.int(1, 9)}T10:00:00.${rng.int(100000, 999999)}-08:00`);
        }
        if (rng.chance(0.85)) s.key('model', rng.pick(MODELS));
      }
      if (rng.chance(0.1)) s.key('branch', `chant/${id}`);
      if (rng.chance(0.05)) s.key('prompt', rng.pick(['standard', 'documentation', 'research-analysis']));
      if (rawStatus === 'cancelled' || rng.chance(0.03)) {
        // Keys chant does not know: it drops them on its next save.
        const unknown = rng.pick(['cancelled_reason', 'superseded_by', 'pr', 'commit']);
        s.problems.push({ code: 'unknown-key', line: s.key(unknown, unknown === 'pr' ? String(rng.int(1, 400)) : rng.words(3)).line, character: 0 });
      }
    }
    s.endFrontmatter();
    const boxes = Array.from({ length: rng.int(0, 14) }, () => rng.chance(rawStatus === 'completed' ? 0.9 : 0.3));
    typicalBody(rng, s, boxes, { words: rng.chance(0.1) ? rng.int(300, 2500) : undefined, agentOutput: rng.chance(0.55), ids });
    if (rng.chance(0.05)) {
      // The agent restated the criteria at the end: chant counts the last section only.
      s.raw('## Notes', '', rng.sentence(), '');
      s.criteriaSection([true, rng.chance(0.5)]);
    }
    const loadable = validType && validStatus;
    add(p, id, s, {
      archiveFolder: folder, rawStatus, rawType, loadable, type: (validType ? rawType ?? 'code' : 'code') as SpecType,
      status: loadable ? rawStatus : 'invalid', ready: false, shape,
    });
    ids.push(id);
    // Now and then a driver's members, archived with it.
    if (rawType === 'driver' && loadable) {
      for (let m = 1; m <= rng.int(2, 4); m++) {
        const ms = new SpecText();
        ms.key('type', 'code');
        ms.key('status', 'completed');
        ms.key('completed_at', '2026-02-03T12:00:00Z');
        ms.endFrontmatter();
        typicalBody(rng, ms, [true, true]);
        add(p, `${id}.${m}`, ms, { archiveFolder: folder, rawStatus: 'completed', rawType: 'code', loadable: true, type: 'code', status: 'completed', ready: false, shape: 'archived member' });
      }
    }
  }
}

/** Active specs, each a scenario with a known derived status, readiness and problem list. */
function writeScenarios(rng: Rng, p: Project, standardId: StandardId, add: Add): void {
  const rfc = '2026-03-02T09:30:00Z';
  const day = 60;
  type Build = (s: SpecText) => void;
  const spec = (id: string, shape: string, build: Build, outcome: { status: string; ready: boolean; rawStatus?: string; rawType?: string; loadable?: boolean; type?: SpecType; archiveFolder?: string }) => {
    const s = new SpecText();
    build(s);
    add(p, id, s, {
      rawStatus: outcome.rawStatus ?? outcome.status, rawType: outcome.rawType, loadable: outcome.loadable ?? true,
      type: outcome.type ?? (outcome.rawType as SpecType | undefined) ?? 'code', status: outcome.status, ready: outcome.ready,
      shape, ...(outcome.archiveFolder ? { archiveFolder: outcome.archiveFolder } : {}),
    });
    return s;
  };
  const head = (s: SpecText, type: string | undefined, status: string | undefined) => {
    if (type !== undefined) s.key('type', type);
    if (status !== undefined) s.key('status', status);
  };
  const short = (s: SpecText, boxes: boolean[]) => {
    s.endFrontmatter();
    s.title(rng.title());
    s.raw(rng.sentence(), '');
    if (boxes.length) s.criteriaSection(boxes);
  };

  const done = standardId(day);
  spec(done, 'completed, tidy', (s) => {
    head(s, 'code', 'completed');
    s.list('target_files', ['src/cache/store.rs', 'src/cache/mod.rs']);
    s.list('commits', [rng.hex(7)]);
    s.key('completed_at', rfc);
    s.key('model', 'sonnet');
    short(s, [true, true, true]);
  }, { status: 'completed', ready: false, rawType: 'code' });

  spec(standardId(day), 'pending task, tidy', (s) => {
    head(s, 'task', 'pending');
    s.list('labels', ['ops']);
    short(s, [false, false]);
  }, { status: 'pending', ready: true, rawType: 'task' });

  spec(standardId(day), 'pending, its dependency completed', (s) => {
    head(s, 'code', 'pending');
    s.list('depends_on', [done]);
    short(s, [false]);
  }, { status: 'pending', ready: true, rawType: 'code' });

  spec(standardId(day), 'only a status (no type: code)', (s) => {
    head(s, undefined, 'pending');
    short(s, []);
  }, { status: 'pending', ready: true, type: 'code' });

  spec(standardId(day), 'pending, a dependency that does not exist', (s) => {
    head(s, 'code', 'pending');
    const [at] = s.list('depends_on', ['2025-12-31-zzz-zzz']);
    s.problems.push({ code: 'dependency', ...at });
    short(s, [false]);
  }, { status: 'blocked', rawStatus: 'pending', ready: false, rawType: 'code' });

  const archivedDep = standardId(day - 30);
  spec(archivedDep, 'archived, depended on', (s) => {
    head(s, 'code', 'completed');
    s.key('completed_at', rfc);
    short(s, [true]);
  }, { status: 'completed', ready: false, rawType: 'code', archiveFolder: archivedDep.slice(0, 10) });
  spec(standardId(day), 'pending, its dependency archived', (s) => {
    head(s, 'code', 'pending');
    const [at] = s.list('depends_on', [archivedDep]);
    s.problems.push({ code: 'dependency', ...at });
    short(s, [false]);
  }, { status: 'blocked', rawStatus: 'pending', ready: false, rawType: 'code' });

  const a = standardId(day);
  const b = standardId(day);
  for (const [self, other] of [[a, b], [b, a]]) {
    spec(self, 'dependency cycle', (s) => {
      head(s, 'code', 'pending');
      const [at] = s.list('depends_on', [other]);
      s.problems.push({ code: 'cycle', ...at });
      short(s, [false]);
    }, { status: 'blocked', rawStatus: 'pending', ready: false, rawType: 'code' });
  }

  spec(standardId(day), 'completed by hand, criteria unchecked', (s) => {
    head(s, 'code', 'completed');
    s.key('completed_at', rfc);
    s.endFrontmatter();
    s.title(rng.title());
    s.criteriaSection([true, false, false], { fencedBox: true });
    for (const box of s.unchecked) s.problems.push({ code: 'unchecked-criteria', ...box });
  }, { status: 'completed', ready: false, rawType: 'code' });

  // completed-at only matters where drift needs a baseline: specs that track files.
  spec(standardId(day), 'completed without completed_at', (s) => {
    head(s, 'code', 'completed');
    s.list('tracks', ['src/app.ts']);
    s.problems.push({ code: 'completed-at', line: s.keyLine.get('status')!, character: 0 });
    short(s, [true]);
  }, { status: 'completed', ready: false, rawType: 'code' });

  spec(standardId(day), 'completed_at without a time', (s) => {
    head(s, 'code', 'completed');
    s.list('tracks', ['src/app.ts']);
    s.problems.push({ code: 'completed-at', line: s.key('completed_at', '2026-03-02').line, character: 0 });
    short(s, [true]);
  }, { status: 'completed', ready: false, rawType: 'code' });

  spec(standardId(day), 'names another spec in its body', (s) => {
    head(s, 'task', 'pending');
    s.endFrontmatter();
    s.title(rng.title());
    s.problems.push({ code: 'coupling', line: s.lines.length, character: 'Follows '.length });
    s.raw(`Follows ${done} closely.`, '', '```', `chant show ${done}`, '```', '');
  }, { status: 'pending', ready: true, rawType: 'task' });

  spec(standardId(day), 'documentation without tracks or target_files', (s) => {
    head(s, 'documentation', 'pending');
    s.problems.push({ code: 'type', line: 1, character: 0 }, { code: 'type', line: 1, character: 0 });
    short(s, []);
  }, { status: 'pending', ready: true, rawType: 'documentation' });

  spec(standardId(day), 'research with its inputs', (s) => {
    head(s, 'research', 'pending');
    s.list('informed_by', ['docs/design.md', 'https://example.invalid/paper']);
    s.list('target_files', ['docs/findings.md']);
    short(s, [false]);
  }, { status: 'pending', ready: true, rawType: 'research' });

  spec(standardId(day), 'too big: criteria, files, words', (s) => {
    head(s, 'code', 'pending');
    s.list('target_files', Array.from({ length: 7 }, (_, i) => `src/part${i}.ts`));
    s.problems.push({ code: 'complexity', line: s.keyLine.get('target_files')!, character: 0 });
    s.endFrontmatter();
    s.title(rng.title());
    for (let i = 0; i < 30; i++) s.raw(rng.words(10));
    s.raw('');
    s.criteriaSection(Array.from({ length: 12 }, () => false));
    // Criteria over the threshold; the description-length rule (complexity_words) is off by default in chant.
    s.problems.push({ code: 'complexity', line: s.titleLine, character: 0 });
  }, { status: 'pending', ready: true, rawType: 'code' });

  spec(standardId(day), 'keys chant does not know', (s) => {
    head(s, 'code', 'completed');
    s.key('completed_at', rfc);
    s.problems.push({ code: 'unknown-key', line: s.key('pr', '42').line, character: 0 });
    s.problems.push({ code: 'unknown-key', line: s.key('superseded_by', standardIdLike(rng)).line, character: 0 });
    short(s, [true]);
  }, { status: 'completed', ready: false, rawType: 'code' });

  spec(standardId(day), 'no title', (s) => {
    head(s, 'task', 'pending');
    s.endFrontmatter();
    s.problems.push({ code: 'title', line: s.lines.length - 2, character: 0 });
    s.raw(rng.sentence(), '');
  }, { status: 'pending', ready: true, rawType: 'task' });

  // A driver with its members in order: the first completed, the second next in line.
  const driver = standardId(day);
  spec(driver, 'driver with members', (s) => {
    head(s, 'driver', 'pending');
    s.list('members', [1, 2, 3].map((n) => `${driver}.${n}`));
    short(s, [true, true, true]);
  }, { status: 'pending', ready: false, rawType: 'driver' });
  spec(`${driver}.1`, 'member, completed', (s) => {
    head(s, 'code', 'completed');
    s.key('completed_at', rfc);
    short(s, [true]);
  }, { status: 'completed', ready: false, rawType: 'code' });
  spec(`${driver}.2`, 'member, next in line', (s) => {
    head(s, 'code', 'pending');
    short(s, [false]);
  }, { status: 'pending', ready: true, rawType: 'code' });
  spec(`${driver}.3`, 'member, waits for the one before', (s) => {
    head(s, 'code', 'pending');
    short(s, [false]);
  }, { status: 'pending', ready: false, rawType: 'code' });

  // A driver whose members: list leaves out a member file.
  const partial = standardId(day);
  spec(partial, 'driver whose members list is short', (s) => {
    head(s, 'group', 'pending');
    s.list('members', [`${partial}.1`]);
    s.problems.push({ code: 'members-mismatch', line: s.keyLine.get('members')!, character: 0 });
    short(s, []);
  }, { status: 'pending', ready: false, rawType: 'group' }); // chant list --ready never lists group specs
  for (const n of [1, 2]) {
    spec(`${partial}.${n}`, 'member', (s) => {
      head(s, 'task', 'pending');
      s.key('depends_on', '[]');
      short(s, []);
    }, { status: 'pending', ready: true, rawType: 'task' });
  }

  spec(`${standardIdLike(rng)}.1`, 'member without a driver', (s) => {
    head(s, 'code', 'pending');
    s.problems.push({ code: 'orphan', line: 0, character: 0 });
    short(s, []);
  }, { status: 'pending', ready: true, rawType: 'code' });

  spec(standardId(day), 'type outside the enum, with an approval', (s) => {
    s.problems.push({ code: 'unknown-type', ...s.key('type', 'implementation') });
    s.key('status', 'pending');
    s.raw('approval:', '  required: true', '  status: pending');
    short(s, [false, false]);
  }, { status: 'invalid', ready: false, rawStatus: 'pending', rawType: 'implementation', loadable: false });

  spec(standardId(day), 'status outside the enum', (s) => {
    s.key('type', 'code');
    s.problems.push({ code: 'unknown-status', ...s.key('status', 'done') });
    short(s, [true]);
  }, { status: 'invalid', ready: false, rawStatus: 'done', rawType: 'code', loadable: false });

  spec(standardId(day), 'approved', (s) => {
    head(s, 'code', 'pending');
    s.raw('approval:', '  required: true', '  status: approved', '  by: reviewer', `  at: ${rfc}`);
    short(s, [false]);
  }, { status: 'pending', ready: true, rawType: 'code' });

  spec(standardId(day), 'rejected, without by or at', (s) => {
    head(s, 'code', 'pending');
    const line = s.lines.length;
    s.raw('approval:', '  required: true', '  status: rejected');
    s.keyLine.set('approval', line);
    s.problems.push({ code: 'approval', line, character: 0 }, { code: 'approval', line, character: 0 });
    short(s, [false]);
    // A required approval that was rejected blocks the spec.
  }, { status: 'blocked', rawStatus: 'pending', ready: false, rawType: 'code' });
}

/** An ID in chant's standard shape that no generated spec has. */
function standardIdLike(rng: Rng): string {
  return `2025-11-${pad(rng.int(1, 28), 2)}-${rng.base36(3)}-${rng.base36(3)}`;
}

/** Archive only, with short IDs: chant names each archive folder after the ID's first 10 characters. */
function writeArchiveOnly(rng: Rng, p: Project, add: Add): void {
  const types: SpecType[] = ['documentation', 'research', 'code', 'task', 'code', 'documentation'];
  types.forEach((type, i) => {
    const id = `${pad(i + 1, 3)}-${rng.pick(WORDS)}-${rng.pick(WORDS)}`;
    const s = new SpecText();
    s.key('type', type);
    s.key('status', 'completed');
    if (type === 'documentation') s.list('tracks', [rng.filePath()]);
    if (type === 'research') s.list('origin', [rng.filePath()]);
    s.list('target_files', [rng.filePath()]);
    s.key('completed_at', '2026-01-20T08:00:00Z');
    s.endFrontmatter();
    typicalBody(rng, s, [true, true, rng.chance(0.5)]);
    add(p, id, s, { archiveFolder: id.slice(0, 10), rawStatus: 'completed', rawType: type, loadable: true, type, status: 'completed', ready: false, shape: 'archived, short ID' });
  });
}

/** A project two folders down (monorepos keep one per package). */
function writeNested(rng: Rng, p: Project, standardId: StandardId, add: Add): void {
  const s = new SpecText();
  s.key('type', 'research');
  s.key('status', 'in_progress');
  s.list('origin', ['data/metrics.csv']);
  s.list('target_files', ['analysis/findings.md']);
  s.endFrontmatter();
  typicalBody(rng, s, [false, false]);
  add(p, standardId(70), s, { rawStatus: 'in_progress', rawType: 'research', loadable: true, type: 'research', status: 'in_progress', ready: false, shape: 'nested project' });
}
