// Drift patterns: chant's glob semantics (Rust glob 0.3) plus directories, and the notes that
// say where chant itself reads a pattern differently.
import * as assert from 'node:assert/strict';
import { compilePattern, fileNotes, normalizePattern, PatternIndex, chantGlobError } from '../../src/core/drift/patterns';

const kinds = (notes: { kind: string }[]) => notes.map((n) => n.kind);

describe('drift patterns', () => {
  it('normalises ./, backslashes, a/../b and trailing slashes', () => {
    assert.equal(normalizePattern('./src/auth/'), 'src/auth');
    assert.equal(normalizePattern('src\\auth\\*.py'), 'src/auth/*.py');
    assert.equal(normalizePattern('src/x/../auth'), 'src/auth');
    assert.equal(normalizePattern('../shared/**'), '../shared/**');
  });

  it('matches like the glob crate: ** recurses, * stays in one component and matches dotfiles', () => {
    const p = compilePattern('src/**/*.py');
    assert.ok(p.matches('src/a.py'));
    assert.ok(p.matches('src/x/y/z.py'));
    assert.ok(p.matches('src/x/.hidden.py'));
    assert.ok(!p.matches('lib/a.py'));
    assert.ok(!p.matches('src/a.pyc'));
    const star = compilePattern('src/*.py');
    assert.ok(star.matches('src/a.py'));
    assert.ok(!star.matches('src/deep/a.py'));
    assert.ok(compilePattern('*.md').matches('.notes.md'));
  });

  it('is case-sensitive', () => {
    assert.ok(!compilePattern('src/*.PY').matches('src/a.py'));
  });

  it('reads [!x] as a negated class and ( ) | + @ ! as plain characters', () => {
    const neg = compilePattern('src/[!t]*.py');
    assert.ok(neg.matches('src/a.py'));
    assert.ok(!neg.matches('src/t.py'));
    const parens = compilePattern('docs/(draft)/*.md');
    assert.ok(parens.matches('docs/(draft)/a.md'));
    assert.ok(!parens.matches('docs/draft/a.md'));
    assert.ok(compilePattern('a+b/*').matches('a+b/x'));
    assert.ok(!compilePattern('a+b/*').matches('aab/x'));
    assert.ok(compilePattern('!important/*').matches('!important/x'));
  });

  it('takes a literal path as the file or everything below the directory', () => {
    const p = compilePattern('src/auth');
    assert.ok(p.matches('src/auth'));
    assert.ok(p.matches('src/auth/routes.py'));
    assert.ok(p.matches('src/auth/deep/x.py'));
    assert.ok(!p.matches('src/authz/x.py'));
    assert.deepEqual(p.bases, ['src/auth']);
  });

  it('takes a glob that names directories as everything below them', () => {
    const p = compilePattern('src/*');
    assert.ok(p.matches('src/auth/routes.py'));
  });

  it('expands braces and notes that chant does not', () => {
    const p = compilePattern('src/{auth,users}/**/*.py');
    assert.deepEqual(p.alternatives, ['src/auth/**/*.py', 'src/users/**/*.py']);
    assert.ok(p.matches('src/users/api.py'));
    assert.ok(!p.matches('src/billing/api.py'));
    assert.deepEqual(kinds(p.notes), ['braces']);
    assert.deepEqual(p.bases, ['src/auth', 'src/users']);
    assert.deepEqual(kinds(compilePattern('src/**/*.py').notes), []);
  });

  it('notes patterns the glob crate rejects', () => {
    assert.equal(chantGlobError('src/**.py'), '`**` must be a whole path component');
    assert.equal(chantGlobError('src/[ab.py'), 'an unclosed `[`');
    assert.equal(chantGlobError('src/**/x.py'), undefined);
    assert.deepEqual(kinds(compilePattern('src/a**/x').notes), ['chant-error']);
  });

  it('notes directories and patterns that match nothing, from the files that exist', () => {
    const files = ['README.md', 'src/auth/models.py', 'src/auth/routes.py', 'src/users/api.py'].sort();
    assert.deepEqual(kinds(fileNotes(compilePattern('src/auth'), files)), ['directory']);
    assert.deepEqual(kinds(fileNotes(compilePattern('README.md'), files)), []);
    assert.deepEqual(kinds(fileNotes(compilePattern('src/**/*.rs'), files)), ['no-match']);
    assert.deepEqual(kinds(fileNotes(compilePattern('docs'), files)), ['no-match']);
    assert.deepEqual(kinds(fileNotes(compilePattern('src/auth/*.py'), files)), []);
    assert.deepEqual(kinds(fileNotes(compilePattern('**/api.py'), files)), []);
  });

  it('resolves absolute patterns inside the project and notes those outside', () => {
    const inside = compilePattern('/work/app/src/**', (abs) => (abs.startsWith('/work/app/') ? abs.slice('/work/app/'.length) : undefined));
    assert.ok(inside.matches('src/a.ts'));
    const outside = compilePattern('/etc/passwd', () => undefined);
    assert.deepEqual(kinds(outside.notes), ['outside']);
    assert.ok(!outside.matches('etc/passwd'));
  });

  it('refuses patterns too long or too wildcard-heavy to match quickly', () => {
    const star = compilePattern('*'.repeat(40) + '.py');
    assert.ok(!star.matches('a.py'));
    assert.deepEqual(star.notes.map((n) => n.message), ['Pattern too long or too complex to check.']);
    assert.ok(!compilePattern('a/'.repeat(600)).matches('a/a'));
    assert.ok(compilePattern('src/*/*/*/*.py').matches('src/a/b/c/d.py'));
  });

  it('indexes patterns by base directory so a lookup only tries the path\'s ancestors', () => {
    const index = new PatternIndex<string>();
    index.add('docs-spec', compilePattern('src/auth/**'));
    index.add('users-spec', compilePattern('src/{users,admin}/*.py'));
    index.add('everything', compilePattern('**/*.md'));
    index.add('file', compilePattern('src/main.rs'));
    assert.deepEqual(index.lookup('src/auth/x/y.py'), ['docs-spec']);
    assert.deepEqual(index.lookup('src/admin/a.py'), ['users-spec']);
    assert.deepEqual(index.lookup('src/admin/deep/a.py'), []);
    assert.deepEqual(index.lookup('notes/a.md'), ['everything']);
    assert.deepEqual(index.lookup('src/main.rs'), ['file']);
    assert.deepEqual(index.lookup('src/main.rsx'), []);
  });
});
