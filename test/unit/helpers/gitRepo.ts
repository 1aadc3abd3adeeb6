// Real temporary git repositories for drift tests: fixed identity, fixed dates, no global config.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ISOLATED_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_AUTHOR_NAME: 'Chant Tests',
  GIT_AUTHOR_EMAIL: 'tests@chant.invalid',
  GIT_COMMITTER_NAME: 'Chant Tests',
  GIT_COMMITTER_EMAIL: 'tests@chant.invalid',
};

export class TempRepo {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir.replace(/\\/g, '/');
  }

  /** A new directory under the OS temp dir; with `git`, a repository on branch main. */
  static create(name: string, options: { git?: boolean } = { git: true }): TempRepo {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `chant-drift-${name}-`)));
    const repo = new TempRepo(dir);
    if (options.git !== false) {
      repo.git('init', '-q', '-b', 'main');
      repo.git('config', 'user.name', 'Chant Tests');
      repo.git('config', 'user.email', 'tests@chant.invalid');
      repo.git('config', 'commit.gpgsign', 'false');
    }
    return repo;
  }

  static at(dir: string): TempRepo {
    return new TempRepo(dir);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, ...ISOLATED_ENV } });
  }

  /** Commits everything staged/unstaged with the given ISO date as author and committer date. */
  commit(message: string, date: string): string {
    this.git('add', '-A');
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: this.dir, env: { ...process.env, ...ISOLATED_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    return this.git('rev-parse', 'HEAD').trim();
  }

  write(rel: string, text: string): void {
    const abs = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }

  append(rel: string, text: string): void {
    fs.appendFileSync(path.join(this.dir, rel), text);
  }

  /** `git mv` (staged, not committed), making the target's folder first as a user's shell would. */
  move(from: string, to: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, to)), { recursive: true });
    this.git('mv', from, to);
  }

  remove(rel: string): void {
    fs.rmSync(path.join(this.dir, rel), { recursive: true, force: true });
  }

  path(rel: string): string {
    return `${this.dir}/${rel}`;
  }

  /** Writes `.chant/config.md` and a spec file. */
  spec(id: string, frontmatter: string[], title = `Spec ${id}`): void {
    if (!fs.existsSync(path.join(this.dir, '.chant', 'config.md'))) {
      this.write('.chant/config.md', '---\nproject:\n  name: test\n---\n# Config\n');
    }
    this.write(`.chant/specs/${id}.md`, `---\n${frontmatter.join('\n')}\n---\n# ${title}\n\n## Acceptance Criteria\n\n- [x] Done\n`);
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `n` lines `prefix 1` … `prefix n`. */
export function lines(n: number, prefix = 'line'): string {
  return Array.from({ length: n }, (_, k) => `${prefix} ${k + 1}\n`).join('');
}
