#!/usr/bin/env node
// Generates a deterministic, realistic Chant workspace for benchmarks and scale tests.
// Usage: gen-workspace.mjs DIR [--specs N] [--files N] [--seed S] [--git]
//   DIR/.chant/specs/*.md  N specs: code/task/documentation/research/driver with members,
//                          depends_on chains, tracks/origin/informed_by globs, checklists.
//   DIR/src/**             N source files the specs track; with --git, a git repo whose
//                          history changes some tracked files after their specs completed.
//
// This copy lives in the project so the benchmark runs from a fresh clone. Changed here: both
// commits carry fixed author *and committer* dates (the initial one before every completed_at,
// the change after all of them), so git baselines resolve the same way on every machine and
// day; and the git identity/signing come from -c options, not from the user's config.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const dir = args[0];
if (!dir) { console.error('usage: gen-workspace.mjs DIR [--specs N] [--files N] [--seed S] [--git]'); process.exit(2); }
const opt = (name, dflt) => { const i = args.indexOf(name); return i < 0 ? dflt : Number(args[i + 1]); };
const nSpecs = opt('--specs', 1000), nFiles = opt('--files', 10000);
let seed = opt('--seed', 42);
const useGit = args.includes('--git');
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const b36 = (n, w) => n.toString(36).padStart(w, '0');

const modules = ['auth', 'users', 'billing', 'reporting', 'notifications', 'search', 'payments', 'gateway', 'storage', 'queue'];
const files = [];
for (let i = 0; i < nFiles; i++) {
  const m = modules[i % modules.length];
  const sub = `pkg${Math.floor(i / modules.length) % 50}`;
  files.push(`src/${m}/${sub}/file${i}.${pick(['ts', 'py', 'rs', 'go'])}`);
}
for (const f of files) {
  fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
  fs.writeFileSync(path.join(dir, f), `// ${f}\nexport const v = ${Math.floor(rand() * 1e6)};\n`);
}
const specsDir = path.join(dir, '.chant', 'specs');
fs.mkdirSync(specsDir, { recursive: true });
fs.writeFileSync(path.join(dir, '.chant', 'config.md'), '---\nproject:\n  name: generated\ndefaults:\n  prompt: standard\n---\n# Chant configuration\n');

const ids = [];
const day0 = Date.UTC(2026, 0, 1);
let made = 0, perDay = 0, day = 0;
const completedAt = (k) => new Date(day0 + k * 3600e3).toISOString().replace(/\.\d{3}Z$/, 'Z');
const titles = ['Extract', 'Document', 'Analyze', 'Refactor', 'Migrate', 'Harden', 'Add tests for', 'Split'];
while (made < nSpecs) {
  if (perDay >= 40) { perDay = 0; day++; }
  perDay++;
  const date = new Date(day0 + day * 86400e3).toISOString().slice(0, 10);
  const id = `${date}-${b36(perDay, 3)}-${b36(Math.floor(rand() * 46656), 3)}`;
  const kind = pick(['code', 'code', 'code', 'task', 'documentation', 'research', 'driver']);
  const m = pick(modules);
  const status = pick(['completed', 'completed', 'completed', 'pending', 'in_progress', 'failed', 'cancelled']);
  const fm = [`type: ${kind}`, `status: ${status}`];
  if (ids.length && rand() < 0.3) fm.push(`depends_on:\n  - ${pick(ids)}`);
  if (rand() < 0.5) fm.push(`labels: [${m}, ${pick(['feature', 'bug', 'docs', 'infra'])}]`);
  if (kind === 'documentation') fm.push(`tracks:\n  - src/${m}/**/*.${pick(['ts', 'py', 'rs', 'go'])}\n  - src/${pick(modules)}/pkg${Math.floor(rand() * 50)}/*`);
  if (kind === 'research') fm.push(`origin:\n  - src/${m}/pkg${Math.floor(rand() * 50)}/**\ninformed_by:\n  - docs/${m}.md`);
  fm.push(`target_files:\n  - ${kind === 'documentation' ? `docs/${m}.md` : pick(files)}`);
  if (status === 'completed') fm.push(`completed_at: ${completedAt(made % 5000)}`, `model: claude-sonnet-4`);
  const crit = Array.from({ length: 3 }, (_, k) => `- [${status === 'completed' || rand() < 0.3 ? 'x' : ' '}] Criterion ${k + 1} for ${m}`).join('\n');
  const body = `# ${pick(titles)} ${m} module (${made})\n\n## Problem\n\nThe ${m} module needs work. See [[${ids.length ? pick(ids) : id}]].\n\n## Acceptance Criteria\n\n${crit}\n`;
  fs.writeFileSync(path.join(specsDir, `${id}.md`), `---\n${fm.join('\n')}\n---\n${body}`);
  ids.push(id); made++;
  if (kind === 'driver') {
    const nMembers = 2 + Math.floor(rand() * 4);
    for (let k = 1; k <= nMembers && made < nSpecs; k++, made++) {
      const mid = `${id}.${k}`;
      const ms = pick(['completed', 'pending', 'in_progress']);
      const mfm = [`type: ${pick(['code', 'task'])}`, `status: ${ms}`, `parent: ${id}`];
      if (k === nMembers) mfm.push(`depends_on:\n${Array.from({ length: k - 1 }, (_, j) => `  - ${id}.${j + 1}`).join('\n')}`);
      if (ms === 'completed') mfm.push(`completed_at: ${completedAt(made % 5000)}`);
      fs.writeFileSync(path.join(specsDir, `${mid}.md`), `---\n${mfm.join('\n')}\n---\n# Member ${k} of ${id}\n\n## Acceptance Criteria\n\n- [${ms === 'completed' ? 'x' : ' '}] Done\n`);
      ids.push(mid);
    }
  }
}
if (useGit) {
  const at = (date) => ({ ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  const git = (env, ...a) => execFileSync('git', ['-C', dir, '-c', 'user.email=gen@example.invalid', '-c', 'user.name=gen',
    '-c', 'commit.gpgsign=false', ...a], { stdio: 'ignore', env });
  git(process.env, 'init', '-q', '-b', 'main');
  git(process.env, 'add', '-A'); git(at('2026-01-01T00:00:00Z'), 'commit', '-q', '-m', 'initial');
  // Later change: touch 1% of source files so tracked docs drift.
  for (let i = 0; i < nFiles; i += 100) fs.appendFileSync(path.join(dir, files[i]), `export const changed${i} = true;\n`);
  git(process.env, 'add', '-A'); git(at('2026-09-01T00:00:00Z'), 'commit', '-q', '-m', 'change 1% of sources');
}
console.log(`${made} specs, ${nFiles} files in ${dir}${useGit ? ' (git)' : ''}`);
