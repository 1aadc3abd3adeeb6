#!/usr/bin/env node
// Generates a deterministic Chant workspace with a long git history, as real projects have it:
// documentation specs completed one after the other (each with its own `chant(<id>): …` work
// commit; some record `commits:`, others only a completed_at, some of those in local time
// labelled Z), source files edited, moved and renamed (some edited in the same commit, some
// moved between the folders specs track and the rest), and most specs archived later
// (`.chant/specs/` → `.chant/archive/<date>/`, some reformatted on the way). With
// `--tracking-every K`, only every K-th spec is such a documentation spec; the others are code
// specs that track nothing (as in chant's own repository, where 18 of 846 specs track files).
// Usage: gen-history.mjs DIR [--specs N] [--files N] [--seed S] [--tracking-every K]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const dir = args[0];
if (!dir) { console.error('usage: gen-history.mjs DIR [--specs N] [--files N] [--seed S] [--tracking-every K]'); process.exit(2); }
const opt = (name, dflt) => { const i = args.indexOf(name); return i < 0 ? dflt : Number(args[i + 1]); };
const nSpecs = opt('--specs', 900);
const nFiles = opt('--files', 3000);
let seed = opt('--seed', 7);
const trackingEvery = Math.max(1, opt('--tracking-every', 1));
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pickIndex = (n) => Math.floor(rand() * n);
const b36 = (n, w) => n.toString(36).padStart(w, '0');

const modules = ['auth', 'users', 'billing', 'reporting', 'notifications', 'search', 'payments', 'gateway', 'storage', 'queue', 'web', 'cli'];
// `lib/` is tracked by no spec: moves between it and `src/` cross the tracked folders' edge.
const roots = ['src', 'src', 'src', 'lib'];

fs.mkdirSync(dir, { recursive: true });
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: process.platform === 'win32' ? 'NUL' : '/dev/null' };
const git = (date, ...a) => execFileSync('git', ['-C', dir, '-c', 'user.email=gen@example.invalid', '-c', 'user.name=gen', '-c', 'commit.gpgsign=false', ...a], {
  env: date ? { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
});
git(null, 'init', '-q', '-b', 'main');

const write = (rel, text) => {
  fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
};
const body = (name, n) => Array.from({ length: n }, (_, k) => `// ${name} line ${k + 1}: ${Math.floor(rand() * 1e6)}`).join('\n') + '\n';

// Source files, first commit.
const files = [];
for (let i = 0; i < nFiles; i++) {
  const f = `${roots[i % roots.length]}/${modules[Math.floor(i / roots.length) % modules.length]}/pkg${i % 7}/file${i}.ts`;
  files.push(f);
  write(f, body(f, 8 + (i % 20)));
}
write('.chant/config.md', '---\nproject:\n  name: history\n---\n# Config\n');
fs.mkdirSync(path.join(dir, '.chant/specs'), { recursive: true });
const start = Date.parse('2025-01-01T09:00:00Z');
const iso = (t) => new Date(t).toISOString().replace('.000Z', 'Z');
git(iso(start), 'add', '-A');
git(iso(start), 'commit', '-q', '-m', 'initial sources');

const perDay = 3;
const days = Math.ceil(nSpecs / perDay);
const active = []; // { id, rel, day }
let specNo = 0;
let moveNo = 0;
for (let day = 1; day <= days; day++) {
  const dayStart = start + day * 86_400_000;
  const date = iso(dayStart).slice(0, 10);
  // Everyday work: a few edits, a pure move and a move with an edit (some across src/ and lib/).
  for (let k = 0; k < 6; k++) {
    const f = files[pickIndex(files.length)];
    fs.appendFileSync(path.join(dir, f), `// day ${day} edit ${k}\n`);
  }
  for (let k = 0; k < 2; k++) {
    const i = pickIndex(files.length);
    const from = files[i];
    const to = `${roots[pickIndex(roots.length)]}/${modules[pickIndex(modules.length)]}/moved${moveNo++}/${path.basename(from)}`;
    fs.mkdirSync(path.join(dir, path.dirname(to)), { recursive: true });
    git(null, 'mv', from, to);
    if (k === 1) fs.appendFileSync(path.join(dir, to), '// edited while moved\n');
    files[i] = to;
  }
  git(iso(dayStart + 3_600_000), 'add', '-A');
  git(iso(dayStart + 3_600_000), 'commit', '-q', '-m', `day ${day}: edits and moves`);

  // Specs completed today: a chant work commit each, then the finished spec.
  for (let k = 0; k < perDay && specNo < nSpecs; k++, specNo++) {
    const id = `${date}-${b36(k + 1, 3)}-${b36(specNo % 46656, 3)}`;
    const mod = modules[pickIndex(modules.length)];
    const tracked = files.filter((f) => f.startsWith(`src/${mod}/`)).slice(0, 3);
    for (const f of tracked) fs.appendFileSync(path.join(dir, f), `// documented by ${id}\n`);
    const workTime = dayStart + (4 + k) * 3_600_000;
    git(iso(workTime), 'add', '-A');
    git(iso(workTime), 'commit', '-q', '--allow-empty', '-m', `chant(${id}): document ${mod}`);
    const sha = git(null, 'rev-parse', 'HEAD').trim();
    const kind = specNo % 3;
    // completed_at: right (UTC), or local time labelled Z (UTC-5 or UTC+9), as older chant wrote it.
    const offset = kind === 2 ? (specNo % 2 ? -5 : 9) * 3_600_000 : 0;
    const documents = specNo % trackingEvery === 0;
    const fm = [
      ...(documents
        ? ['type: documentation', 'status: completed', 'tracks:', `  - src/${mod}/**`, ...(tracked[0] ? [`  - ${tracked[0]}`] : []), 'target_files:', `  - docs/${mod}.md`]
        : ['type: code', 'status: completed', 'target_files:', ...tracked.map((f) => `  - ${f}`)]),
      ...(kind === 0 ? ['commits:', `  - ${sha.slice(0, 7)}`] : []),
      `completed_at: ${iso(workTime + 60_000 + offset)}`,
    ];
    const rel = `.chant/specs/${id}.md`;
    write(rel, documents
      ? `---\n${fm.join('\n')}\n---\n# Document ${mod} (${specNo})\n\n## Acceptance Criteria\n\n- [x] ${mod} documented\n`
      : `---\n${fm.join('\n')}\n---\n# Change ${mod} (${specNo})\n\n## Acceptance Criteria\n\n- [x] ${mod} changed\n`);
    active.push({ id, rel, day });
  }
  git(iso(dayStart + 12 * 3_600_000), 'add', '-A');
  git(iso(dayStart + 12 * 3_600_000), 'commit', '-q', '-m', `chant: record specs of ${date}`);

  // Archive what completed more than ten days ago (keep the last ~30 active).
  const old = active.filter((s) => s.day <= day - 10);
  if (old.length > 0 && day % 2 === 0) {
    for (const s of old) {
      const to = `.chant/archive/${s.id.slice(0, 10)}/${s.id}.md`;
      fs.mkdirSync(path.join(dir, path.dirname(to)), { recursive: true });
      git(null, 'mv', s.rel, to);
      // chant rewrites some specs when it archives them (key order, an agent output section).
      if (s.day % 3 === 0) fs.appendFileSync(path.join(dir, to), '\n## Agent Output\n\n```\ndone\n```\n');
      active.splice(active.indexOf(s), 1);
    }
    git(iso(dayStart + 13 * 3_600_000), 'add', '-A');
    git(iso(dayStart + 13 * 3_600_000), 'commit', '-q', '-m', `chant: archive ${old.length} specs`);
  }
}
// Packed, as a clone of it is (git's automatic gc left thousands of loose objects behind, which
// made every git read of the benchmark slower than on a real project's repository).
git(null, 'gc', '--quiet', '--prune=now');
process.stderr.write(`history workspace: ${specNo} specs (${active.length} active), ${files.length} files, ${moveNo} moves\n`);
