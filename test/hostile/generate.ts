// Seeded generator of hostile Chant workspaces: every workspace holds the same few ordinary
// "control" specs (whose results must not change) plus a random mix of hostile entries from the
// classes below. Same seed, same workspace.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { random as rng } from '../unit/support/messyCorpus';

export interface Plan {
  /** Regular files (root-relative path → content), written and committed first in git mode. */
  files: Map<string, string | Buffer>;
  /** Made after the commit (untracked): links (target as written), pipes, sparse big files, folders. */
  links: [string, string][];
  fifos: string[];
  sparse: [string, number][];
  dirs: string[];
  /** A repository, and lines for its .git/config after the commit. */
  git: boolean;
  gitConfig: [string, string][];
  /** The hostile classes used. */
  classes: string[];
}

/** Where the canaries live: outside every workspace. A read of any of them is a failure. */
export interface Outside {
  dir: string;
  /** A spec-like file whose ID must never show up in any output. */
  secretId: string;
  /** Written by a command the repository's config names, if git ever ran it. */
  marker: string;
}

export const CONTROL_IDS = ['2026-01-01-001-drv', '2026-01-01-001-drv.1', '2026-01-01-001-drv.2', '2026-01-01-002-dep', '2026-01-01-003-bad'];

function spec(front: string[], title: string | undefined, body = ''): string {
  return `---\n${front.join('\n')}\n---\n${title === undefined ? '' : `# ${title}\n`}\n${body}## Acceptance Criteria\n\n- [x] done\n`;
}

function controls(plan: Plan): void {
  plan.files.set('.chant/config.md', '---\nproject:\n  name: hostile\n---\n# Config\n');
  plan.files.set('src/app/main.ts', 'export const a = 1;\n');
  plan.files.set('.chant/specs/2026-01-01-001-drv.md', spec(['type: driver', 'status: pending'], 'Driver'));
  plan.files.set('.chant/specs/2026-01-01-001-drv.1.md', spec(['type: code', 'status: completed', 'completed_at: 2099-01-01T00:00:00Z', 'tracks:', '  - src/app/**'], 'First member'));
  plan.files.set('.chant/specs/2026-01-01-001-drv.2.md', spec(['type: code', 'status: pending'], 'Second member'));
  plan.files.set('.chant/specs/2026-01-01-002-dep.md', spec(['type: code', 'status: pending', 'depends_on:', '  - 2026-01-01-001-drv.1'], 'Depends on the first member'));
  plan.files.set('.chant/specs/2026-01-01-003-bad.md', spec(['type: code', 'status: pending'], undefined));
}

type Gen = (r: () => number, plan: Plan, out: Outside, n: number) => void;

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const hid = (n: number, k: number) => `2026-02-02-${(n * 10 + k).toString(36).padStart(3, '0')}-hx${k}`;
const quoted = (s: string) => JSON.stringify(s); // a YAML double-quoted scalar

const CLASSES: Record<string, Gen> = {
  // Member numbers (and ranges of them) from file names and values drive no loop.
  memberNumbers(r, plan, _out, n) {
    const driver = hid(n, 0);
    const huge = pick(r, ['99999999999', '9007199254740993', '4294967297', '1' + '0'.repeat(int(r, 20, 200)), '999999999999999999999999']);
    plan.files.set(`.chant/specs/${driver}.md`, spec(['type: driver', 'status: pending'], 'Huge driver'));
    plan.files.set(`.chant/specs/${driver}.${huge}.md`, spec(['type: code', 'status: pending'], 'Huge member'));
    plan.files.set(`.chant/specs/${driver}.1.md`, spec(['type: code', 'status: pending'], 'First'));
    plan.files.set(`.chant/specs/${hid(n, 1)}.${huge}.md`, spec(['type: code', 'status: pending', 'depends_on:', `  - ${driver}.${huge}`], 'Orphan with a huge number'));
    plan.files.set(`.chant/specs/${hid(n, 2)}.md`, spec(['type: code', 'status: pending', 'depends_on:', `  - ${driver}.${huge}`, `  - ${driver}.1..${huge}`], 'Depends on a range'));
  },
  // A short tracks entry that brace-expands to millions of patterns.
  globExpansion(r, plan, _out, n) {
    const k = int(r, 8, 40);
    const entries = [
      '{a,b}'.repeat(k),
      `src/{1..${pick(r, ['99999', '99999999', '9999999999999'])}}/x`,
      '{a..z}'.repeat(int(r, 3, 8)),
      '{' + Array.from({ length: int(r, 2, 6) }, () => '{a,b,c}'.repeat(4)).join(',') + '}'.repeat(1) + '{x,y}'.repeat(int(r, 4, 12)),
      Array.from({ length: 100 }, () => pick(r, ['{', '}', ',', 'a', '.', '..', '*', '\\'])).join(''),
      `{1..${int(r, 100, 1000)}..${int(r, 0, 3)}}{a,b}{c,d}`,
    ];
    plan.files.set(`.chant/specs/${hid(n, 0)}.md`, spec(['type: code', 'status: completed', 'completed_at: 2000-01-01T00:00:00Z', 'tracks:', ...entries.map((e) => `  - ${quoted(e)}`)], 'Brace bombs'));
  },
  // Tracked entries that name files outside the project.
  outsideTracks(r, plan, out, n) {
    const entries = ['../**', '../../**', '/etc/**', `${out.dir}/**`, `${out.dir}/secret.txt`, 'a/../../x', '..', '/', '~/**', pick(r, ['../outside/*', '../*/secret.txt'])];
    plan.files.set(`.chant/specs/${hid(n, 0)}.md`, spec(['type: code', 'status: completed', 'completed_at: 2000-01-01T00:00:00Z', 'tracks:', ...entries.map((e) => `  - ${quoted(e)}`)], 'Outside'));
  },
  // Terminal control characters, Markdown and mermaid's label syntax in titles, values and file names.
  controlCharacters(r, plan, _out, n) {
    const nasty = pick(r, ['\u001b]0;pwned\u0007', '\u001b[2J\u001b[H', '\u009b31m', '\u202eevil', '\r\u001b[1A', '[x](command:workbench.action.quit)', '`code` **b** <img src=x>',
      '$$x^2$$ C:\\new', 'fa:fa-user fab:fa-github', 'ﬂ°°60¶ß ﬂ°lt¶ß']);
    plan.files.set(`.chant/specs/${hid(n, 0)}.md`, `---\ntype: code\nstatus: pending\nlabels: [${quoted(nasty)}]\ndepends_on:\n  - ${quoted('\u001b[31mX')}\n---\n# Title ${nasty} end\n\nbody ${nasty}\n`);
    plan.files.set(`.chant/specs/${hid(n, 1)}.md`, spec(['type: code', 'status: completed', 'completed_at: 2000-01-01T00:00:00Z', 'tracks:', `  - ${quoted('a\u0000b')}`, `  - ${quoted('x\ny')}`, `  - ${quoted('\u001b[2Jsrc')}`], `Tracks ${nasty}`));
    plan.files.set(`.chant/specs/2026-02-02-${n.toString(36)}-\u001b[1m.md`, spec(['type: code', 'status: pending'], 'Escape in the file name'));
  },
  // config.md that is no regular file, or too big, or a YAML bomb.
  specialConfig(r, plan, out) {
    const kind = pick(r, ['fifo', 'zero', 'urandom', 'outside', 'big', 'aliases', 'dir', 'loop', 'outsideFifo']);
    plan.files.delete('.chant/config.md');
    if (kind === 'fifo') plan.fifos.push('.chant/config.md');
    else if (kind === 'zero') plan.links.push(['.chant/config.md', '/dev/zero']);
    else if (kind === 'urandom') plan.links.push(['.chant/config.md', '/dev/urandom']);
    else if (kind === 'outside') plan.links.push(['.chant/config.md', path.join(out.dir, 'secret.txt')]);
    else if (kind === 'outsideFifo') plan.links.push(['.chant/config.md', path.join(out.dir, 'pipe')]);
    else if (kind === 'big') plan.sparse.push(['.chant/config.md', 3 * 1024 * 1024]);
    else if (kind === 'dir') plan.dirs.push('.chant/config.md');
    else if (kind === 'loop') plan.links.push(['.chant/config.md', 'config.md']);
    else {
      const lines = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
      lines.push('project:', '  name: *m', '---', '# Config');
      plan.files.set('.chant/config.md', lines.join('\n') + '\n');
    }
  },
  // Spec folders and files linked out of the project.
  symlinksOut(r, plan, out, n) {
    const choice = pick(r, ['dir', 'file', 'archive', 'root', 'loop', 'broken', 'tree', 'workspaceLink']);
    if (choice === 'dir') plan.links.push([`.chant/specs/h${n}`, out.dir]);
    else if (choice === 'file') plan.links.push([`.chant/specs/${hid(n, 0)}.md`, path.join(out.dir, 'secret.md')]);
    else if (choice === 'archive') {
      plan.links.push(['.chant/archive', out.dir]);
    } else if (choice === 'root') plan.links.push([`.chant/specs/root${n}`, '/']);
    else if (choice === 'loop') plan.links.push([`.chant/specs/loop${n}`, '.']);
    else if (choice === 'broken') plan.links.push([`.chant/specs/${hid(n, 1)}.md`, 'nowhere.md']);
    else if (choice === 'tree') plan.links.push([`pkg${n}`, path.join(out.dir, 'tree')]);
    else plan.links.push([`up${n}`, '..']);
  },
  // An untracked link (or pipe) under a tracked folder: never read to count lines.
  untrackedLinks(r, plan, out, n) {
    plan.files.set('h/tracked/real.txt', 'one\n');
    plan.files.set(`.chant/specs/${hid(n, 0)}.md`, spec(['type: code', 'status: completed', 'completed_at: 2020-01-01T00:00:00Z', 'tracks:', '  - h/tracked/**', '  - h/tracked'], 'Tracks a folder with links'));
    plan.links.push(['h/tracked/secret.txt', path.join(out.dir, 'secret.txt')]);
    plan.links.push(['h/tracked/zero', '/dev/zero']);
    plan.links.push(['h/tracked/outdir', out.dir]);
    if (r() < 0.5) plan.fifos.push('h/tracked/pipe');
    plan.links.push(['h/tracked/pipe-out', path.join(out.dir, 'pipe')]);
  },
  // Spec files that are pipes, devices, folders, huge or empty.
  specialSpecs(r, plan, _out, n) {
    plan.fifos.push(`.chant/specs/${hid(n, 0)}.md`);
    plan.links.push([`.chant/specs/${hid(n, 1)}.md`, '/dev/zero']);
    plan.dirs.push(`.chant/specs/${hid(n, 2)}.md`);
    plan.files.set(`.chant/specs/${hid(n, 3)}.md`, '');
    if (r() < 0.3) plan.sparse.push([`.chant/specs/${hid(n, 4)}.md`, 17 * 1024 * 1024]);
    plan.files.set(`.chant/specs/${hid(n, 5)}.md`, Buffer.from([0xef, 0xbb, 0xbf, 0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]));
  },
  // YAML that nests, aliases or lists without end.
  yamlBombs(r, plan, _out, n) {
    const depth = int(r, 100, 2000);
    plan.files.set(`.chant/specs/${hid(n, 0)}.md`, `---\ntype: code\nstatus: pending\nlabels: ${'['.repeat(depth)}${']'.repeat(depth)}\n---\n# Deep\n`);
    const lines = ['---', 'type: code', 'status: pending', 'a0: &a0 [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 8; i++) lines.push(`a${i}: &a${i} [*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1}]`);
    lines.push('depends_on: *a7', '---', '# Laughs');
    plan.files.set(`.chant/specs/${hid(n, 1)}.md`, lines.join('\n') + '\n');
    const many = int(r, 200, 1500);
    plan.files.set(`.chant/specs/${hid(n, 2)}.md`, `---\ntype: code\nstatus: pending\ndepends_on:\n${Array.from({ length: many }, (_, k) => `  - ${hid(n, 2)}.${k}`).join('\n')}\n---\n# Many deps\n`);
    plan.files.set(`.chant/specs/${hid(n, 3)}.md`, `---\ntype: code\nstatus: pending\ndepends_on: [${hid(n, 3)}]\n${'x'.repeat(int(r, 1, 50000))}: 1\n---\n# Self and a long key\n`);
  },
  // Many specs in long chains and cycles.
  manySpecs(r, plan, _out, n) {
    const count = int(r, 20, 80);
    for (let k = 0; k < count; k++) {
      const id = `2026-03-03-${(n * 1000 + k).toString(36).padStart(3, '0')}-mny`;
      const dep = `2026-03-03-${(n * 1000 + ((k + 1) % count)).toString(36).padStart(3, '0')}-mny`;
      plan.files.set(`.chant/specs/${id}.md`, spec(['type: code', 'status: pending', 'depends_on:', `  - ${dep}`, 'tracks:', `  - ${quoted(`m/${k % 7}/**`)}`], `Chain ${k}`));
    }
  },
  // A repository whose own config names commands (fsmonitor hook, filters, signature checks).
  gitConfig(r, plan, out, n) {
    plan.git = true;
    plan.files.set('.gitattributes', '* filter=evil diff=evil\n');
    plan.files.set(`.chant/specs/${hid(n, 0)}.md`, spec(['type: code', 'status: completed', 'completed_at: 2099-01-01T00:00:00Z', 'tracks:', '  - "**"'], 'Tracks everything'));
    const run = `sh -c "echo ran >> '${out.marker}'; cat"`;
    plan.gitConfig.push(['core.fsmonitor', `echo fsmonitor >> '${out.marker}'; false`], ['filter.evil.clean', run], ['filter.evil.smudge', run],
      ['diff.evil.textconv', run], ['diff.external', run], ['log.showSignature', 'true'], ['gpg.program', run], ['core.pager', run]);
    if (r() < 0.5) plan.gitConfig.push(['core.hooksPath', out.dir]);
  },
  // File names chant would never write.
  weirdNames(_r, plan, _out, n) {
    for (const name of ['-rf.md', '--help.md', '..md', 'a\nb.md', `${'x'.repeat(250)}.md`, 'é\u0301.md', ' .md', `${hid(n, 0)}..5.md`, `${hid(n, 0)}.-1.md`, `${hid(n, 0)}.01.md`]) {
      plan.files.set(`.chant/specs/${name}`, spec(['type: code', 'status: pending', 'depends_on:', `  - ${quoted(name.replace(/\.md$/, ''))}`], `Name ${JSON.stringify(name)}`));
    }
  },
  // Bodies with huge lines, many checkboxes, CRLF.
  bodies(r, plan, _out, n) {
    plan.files.set(`.chant/specs/${hid(n, 0)}.md`, spec(['type: code', 'status: pending'], 'Long line', 'x'.repeat(int(r, 10_000, 100_000)) + '\n'));
    plan.files.set(`.chant/specs/${hid(n, 1)}.md`, spec(['type: code', 'status: pending'], 'Checkboxes', '- [ ] a\n'.repeat(int(r, 500, 5_000))).replace(/\n/g, '\r\n'));
    plan.files.set(`.chant/specs/${hid(n, 2)}.md`, `---\ntype: code\n${'# not a title\n'.repeat(int(r, 100, 3_000))}---\n` + '```\n'.repeat(int(r, 1, 5000)));
  },
  // Deep and wide folders (spec folders and discovery).
  deepDirs(r, plan, _out, n) {
    const deep = Array.from({ length: int(r, 20, 60) }, (_, k) => `d${k}`).join('/');
    plan.files.set(`.chant/specs/${deep}/${hid(n, 0)}.md`, spec(['type: code', 'status: pending'], 'Deep'));
    const wide = int(r, 50, 400);
    for (let k = 0; k < wide; k++) plan.dirs.push(`w/${k}/.chant`);
    plan.files.set(`nested/a/b/.chant/specs/${hid(n, 1)}.md`, spec(['type: code', 'status: pending'], 'Nested project'));
  },
  // Globs that are slow to match, or that the glob crate rejects.
  slowGlobs(r, plan, _out, n) {
    plan.files.set(`g/${'a'.repeat(int(r, 100, 240))}`, 'x\n');
    const entries = ['**/'.repeat(30) + '*', 'g/' + 'a*'.repeat(15) + 'b', '[', '[!]', 'g/[a-', '*?'.repeat(16), 'g/**a**', '\\', '{', '}', ',', '!', '!(x)', '+(a|b)', '@(a)', '[[:alpha:]]'];
    plan.files.set(`.chant/specs/${hid(n, 0)}.md`, spec(['type: code', 'status: completed', 'completed_at: 2000-01-01T00:00:00Z', 'tracks:', ...entries.map((e) => `  - ${quoted(e)}`)], 'Slow globs'));
  },
};

export const CLASS_NAMES = Object.keys(CLASSES);

/** The workspace for `seed`: the controls plus 1-4 hostile classes (git in some). */
export function planFor(seed: number, out: Outside, hostile = true): Plan {
  const r = rng(seed);
  const plan: Plan = { files: new Map(), links: [], fifos: [], sparse: [], dirs: [], git: false, gitConfig: [], classes: [] };
  controls(plan);
  if (!hostile) return plan;
  plan.git = r() < 0.15;
  const count = int(r, 1, 3);
  for (let k = 0; k < count; k++) {
    const name = CLASS_NAMES[(seed + k * 7) % CLASS_NAMES.length];
    if (plan.classes.includes(name)) continue;
    plan.classes.push(name);
    CLASSES[name](r, plan, out, k + 1);
  }
  return plan;
}

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull,
  GIT_AUTHOR_NAME: 'Hostile', GIT_AUTHOR_EMAIL: 'h@invalid', GIT_COMMITTER_NAME: 'Hostile', GIT_COMMITTER_EMAIL: 'h@invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

/** A value as `.git/config` holds it (double-quoted; `git config KEY VALUE` would write the same). */
const configValue = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A loose object in `gitDir`; returns its id. */
function writeObject(gitDir: string, type: string, body: Buffer): Buffer {
  const data = Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]);
  const id = createHash('sha1').update(data).digest();
  const hex = id.toString('hex');
  fs.mkdirSync(path.join(gitDir, 'objects', hex.slice(0, 2)), { recursive: true });
  const file = path.join(gitDir, 'objects', hex.slice(0, 2), hex.slice(2));
  if (!fs.existsSync(file)) fs.writeFileSync(file, zlib.deflateSync(data, { level: 1 }), { mode: 0o444 });
  return id;
}

/**
 * What `git add -A && git commit -m first` makes of the regular files `files` (written under
 * `dir`, nothing else there yet): blobs, trees, the commit on HEAD's branch, and the index with
 * the files' stat data (so git sees them unchanged without reading them).
 */
function commitFiles(dir: string, files: Map<string, string | Buffer>): void {
  const gitDir = path.join(dir, '.git');
  interface Tree { [name: string]: Tree | Buffer }
  const root: Tree = {};
  const index: { name: Buffer; id: Buffer; stat: fs.BigIntStats }[] = [];
  for (const [rel, content] of files) {
    const id = writeObject(gitDir, 'blob', Buffer.from(content));
    const parts = rel.split('/');
    let tree = root;
    for (const part of parts.slice(0, -1)) tree = (tree[part] ??= {}) as Tree;
    tree[parts[parts.length - 1]] = id;
    index.push({ name: Buffer.from(rel), id, stat: fs.lstatSync(path.join(dir, rel), { bigint: true }) });
  }
  // Tree entries sort by name, a folder's as if it ended in '/'.
  const writeTree = (tree: Tree): Buffer => {
    const items = Object.entries(tree).map(([name, v]) => ({ name, v, key: Buffer.from(Buffer.isBuffer(v) ? name : `${name}/`) }));
    items.sort((a, b) => Buffer.compare(a.key, b.key));
    return writeObject(gitDir, 'tree', Buffer.concat(items.flatMap(({ name, v }) => (Buffer.isBuffer(v) ? [Buffer.from(`100644 ${name}\0`), v] : [Buffer.from(`40000 ${name}\0`), writeTree(v)]))));
  };
  const who = 'Hostile <h@invalid> 1767225600 +0000'; // GIT_ENV's names and date
  const commit = writeObject(gitDir, 'commit', Buffer.from(`tree ${writeTree(root).toString('hex')}\nauthor ${who}\ncommitter ${who}\n\nfirst\n`));
  const branch = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim().replace(/^ref: /, '');
  fs.mkdirSync(path.dirname(path.join(gitDir, branch)), { recursive: true });
  fs.writeFileSync(path.join(gitDir, branch), `${commit.toString('hex')}\n`);
  // The index (version 2): entries sorted by path, each padded with NULs to a multiple of 8.
  index.sort((a, b) => Buffer.compare(a.name, b.name));
  const u32 = (n: bigint) => Number(BigInt.asUintN(32, n));
  const header = Buffer.alloc(12);
  header.write('DIRC', 0);
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(index.length, 8);
  const entries = index.map(({ name, id, stat }) => {
    const e = Buffer.alloc(Math.floor((62 + name.length) / 8) * 8 + 8);
    [stat.ctimeNs / 1_000_000_000n, stat.ctimeNs % 1_000_000_000n, stat.mtimeNs / 1_000_000_000n, stat.mtimeNs % 1_000_000_000n,
      stat.dev, stat.ino, 0o100644n, stat.uid, stat.gid, stat.size].forEach((n, k) => e.writeUInt32BE(u32(n), k * 4));
    id.copy(e, 40);
    e.writeUInt16BE(Math.min(name.length, 0xfff), 60);
    name.copy(e, 62);
    return e;
  });
  const body = Buffer.concat([header, ...entries]);
  fs.writeFileSync(path.join(gitDir, 'index'), Buffer.concat([body, createHash('sha1').update(body).digest()]));
}

/**
 * Writes plans to disk, sharing what every workspace of a worker would otherwise redo: the
 * `.git` of a fresh repository (made once with `git init`, then copied), and named pipes (made
 * in batches with one `mkfifo`, then moved into place). The first commit is written here, as
 * `git add -A && git commit` would write it (same objects, same commit id: the dates and names
 * are fixed), with no git process; a workspace with a hostile `.git/config` runs one to read it back.
 */
export class Workshop {
  private readonly gitTemplate: string;
  private readonly pipes: string;
  private pool: string[] = [];
  private made = 0;

  constructor(scratch: string) {
    this.gitTemplate = path.join(scratch, 'git-template');
    this.pipes = path.join(scratch, 'pipes');
    fs.mkdirSync(this.gitTemplate, { recursive: true });
    fs.mkdirSync(this.pipes, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: this.gitTemplate, env: GIT_ENV, stdio: 'ignore' });
  }

  private fifo(target: string): void {
    if (this.pool.length === 0) {
      this.pool = Array.from({ length: 32 }, () => path.join(this.pipes, `p${this.made++}`));
      execFileSync('mkfifo', this.pool);
    }
    fs.renameSync(this.pool.pop()!, target);
  }

  /** Writes `plan` under `dir` (created); throws on a failure of the test machine. */
  write(plan: Plan, dir: string): void {
    const made = new Set<string>();
    const mkdir = (d: string) => {
      if (!made.has(d)) fs.mkdirSync(d, { recursive: true });
      made.add(d);
    };
    mkdir(dir);
    for (const [rel, content] of plan.files) {
      const abs = path.join(dir, rel);
      mkdir(path.dirname(abs));
      fs.writeFileSync(abs, content);
    }
    if (plan.git) {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      fs.cpSync(path.join(this.gitTemplate, '.git'), path.join(dir, '.git'), { recursive: true });
      commitFiles(dir, plan.files);
      // Uncommitted work for the control spec, and the repository's own commands.
      fs.appendFileSync(path.join(dir, 'src/app/main.ts'), 'export const b = 2;\n');
      if (plan.gitConfig.length > 0) {
        const lines = plan.gitConfig.map(([key, value]) => {
          const dot = key.lastIndexOf('.');
          return `[${key.slice(0, dot).replace(/\.(.*)$/, ' "$1"')}]\n\t${key.slice(dot + 1)} = ${configValue(value)}\n`;
        });
        fs.appendFileSync(path.join(dir, '.git/config'), lines.join(''));
        // Read back by git itself: the hostile entries are there, as written.
        const read = git('config', '--local', '--list', '-z').split('\0');
        for (const [key, value] of plan.gitConfig) {
          if (!read.includes(`${key.toLowerCase()}\n${value}`)) throw new Error(`.git/config does not hold ${key} = ${value}`);
        }
      }
    }
    for (const rel of plan.dirs) mkdir(path.join(dir, rel));
    for (const [rel, size] of plan.sparse) {
      mkdir(path.dirname(path.join(dir, rel)));
      fs.writeFileSync(path.join(dir, rel), '---\n');
      fs.truncateSync(path.join(dir, rel), size);
    }
    for (const rel of plan.fifos) {
      mkdir(path.dirname(path.join(dir, rel)));
      this.fifo(path.join(dir, rel));
    }
    for (const [rel, target] of plan.links) {
      const abs = path.join(dir, rel);
      mkdir(path.dirname(abs));
      fs.rmSync(abs, { recursive: true, force: true });
      for (const d of made) if (d === abs || d.startsWith(abs + path.sep)) made.delete(d);
      fs.symlinkSync(target, abs);
    }
  }
}

/** The canaries outside the workspaces: a secret file, a spec-like file, a pipe, a tree. */
export function makeOutside(base: string): Outside {
  const dir = path.join(base, 'outside');
  const secretId = '2026-09-09-999-sec';
  fs.mkdirSync(path.join(dir, 'tree', '.chant', 'specs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret\n'.repeat(100));
  fs.writeFileSync(path.join(dir, 'secret.md'), spec(['type: code', 'status: pending'], `Secret ${secretId}`));
  fs.writeFileSync(path.join(dir, `${secretId}.md`), spec(['type: code', 'status: pending'], 'Secret spec'));
  fs.writeFileSync(path.join(dir, 'tree', '.chant', 'specs', `${secretId}.md`), spec(['type: code', 'status: pending'], 'Secret tree spec'));
  fs.writeFileSync(path.join(dir, 'tree', '.chant', 'config.md'), '---\nproject:\n  name: secret\n---\n');
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  return { dir, secretId, marker: path.join(base, 'ran-marker') };
}
