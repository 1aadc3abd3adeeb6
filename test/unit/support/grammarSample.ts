// A markdown spec exercising every scope the injection grammars add, and the assertions on it;
// shared by the unit test and the integration test that tokenizes in the real host.

import assert from 'node:assert/strict';
import type { Token, Tokenize } from './textmate';

export const SAMPLE = [
  '---',
  'type: documentation',
  'status: completed # done',
  'depends_on: [2026-02-01-001-aaa, "2026-02-01-002-bbb"]',
  'members:',
  '  - 2026-02-01-003-ccc.1',
  'branch: chant/2026-02-01-003-ccc',
  '---',
  '',
  '# Title for 2026-02-01-003-ccc',
  '',
  'See [[2026-02-01-001-aaa]] and [[001-risky-refactor]], not x2026-02-01-001-aaaa or `2026-02-01-009-zzz`.',
  '**bold 2026-02-01-001-aaa** and *[a link](https://example.com/2026-02-01-001-aaa)*.',
  '',
  '> quoted 2026-02-01-001-aaa',
  '',
  '| id | note |',
  '|----|------|',
  '| 2026-02-01-001-aaa | first |',
  '',
  '## Acceptance Criteria',
  '',
  '- [ ] open item 2026-02-01-002-bbb',
  '- [x] done item',
  '  * [X] nested',
  '1. [ ] numbered (chant does not count these)',
  '',
  '```sh',
  'chant work 2026-02-01-001-aaa',
  '- [ ] in a fence',
  '```',
  '',
  '<div>2026-02-01-001-aaa</div>',
  'status: completed',
].join('\n');

export function scopesOf(tokens: Token[], line: number, text: string): string[] {
  const t = tokens.find((x) => x.line === line && x.text === text);
  assert.ok(t, `no token "${text}" on line ${line}: ${JSON.stringify(tokens.filter((x) => x.line === line).map((x) => x.text))}`);
  return t.scopes;
}

/** The grammar assertions, shared with the integration test that runs them in the real host. */
export function checkSample(tokenize: Tokenize): void {
  const tokens = tokenize(SAMPLE);
  const has = (line: number, text: string, scope: string) =>
    assert.ok(scopesOf(tokens, line, text).includes(scope), `"${text}" (line ${line}) lacks ${scope}: ${scopesOf(tokens, line, text).join(' ')}`);
  const none = (line: number, text: string) => {
    const ours = tokens.filter((t) => t.line === line && t.text.includes(text) && t.scopes.some((s) => s.endsWith('.chant')));
    assert.deepEqual(ours.map((t) => t.scopes), [], `"${text}" on line ${line} must not get our scopes`);
  };
  has(1, 'documentation', 'support.type.spec-type.documentation.chant');
  has(2, 'completed', 'constant.language.status.completed.chant');
  has(2, 'completed', 'meta.embedded.block.frontmatter');
  has(3, '2026-02-01-001-aaa', 'variable.other.constant.spec-id.chant');
  has(5, '2026-02-01-003-ccc.1', 'variable.other.constant.spec-id.chant');
  has(6, '2026-02-01-003-ccc', 'variable.other.constant.spec-id.chant');
  has(9, '2026-02-01-003-ccc', 'variable.other.constant.spec-id.chant');
  has(9, '2026-02-01-003-ccc', 'markup.heading.markdown');
  has(11, '[[', 'punctuation.definition.reference.begin.chant');
  has(11, '2026-02-01-001-aaa', 'meta.reference.spec.chant');
  has(11, '001-risky-refactor', 'variable.other.constant.spec-id.chant');
  none(11, 'x2026-02-01-001-aaaa');
  none(11, '2026-02-01-009-zzz');
  has(12, '2026-02-01-001-aaa', 'markup.bold.markdown');
  has(12, '2026-02-01-001-aaa', 'variable.other.constant.spec-id.chant');
  none(12, 'https://example.com/');
  has(14, '2026-02-01-001-aaa', 'markup.quote.markdown');
  has(18, '2026-02-01-001-aaa', 'markup.table.markdown');
  has(22, '[', 'meta.checkbox.unchecked.chant');
  has(22, '[', 'markup.list.unnumbered.markdown');
  has(22, '2026-02-01-002-bbb', 'variable.other.constant.spec-id.chant');
  has(23, 'x', 'constant.language.checkbox.checked.chant');
  has(24, 'X', 'constant.language.checkbox.checked.chant');
  none(25, '[');
  none(28, '2026-02-01-001-aaa');
  none(29, '[ ]');
  none(33, 'completed');

  const unknown = tokenize('---\nstatus: done\ntype: implementation\n---\n');
  assert.ok(scopesOf(unknown, 1, 'done').includes('invalid.illegal.status.chant'));
  assert.ok(scopesOf(unknown, 2, 'implementation').includes('invalid.illegal.spec-type.chant'));
}
