// The drift report page: escaping, CSP, and validation of messages coming back from it.
import * as assert from 'node:assert/strict';
import { anchorOf, driftReportHtml, escapeHtml, parseReportMessage } from '../../src/vscode/drift/reportHtml';
import type { DriftFinding } from '../../src/core/drift/model';

const finding = (over: Partial<DriftFinding> = {}): DriftFinding => ({
  specId: '2026-01-28-001-doc', specPath: '/p/.chant/specs/2026-01-28-001-doc.md', root: '/p', type: 'documentation',
  title: 'Docs <script>alert(1)</script>', status: 'completed', completedAt: '2026-01-28T10:00:00Z', state: 'drifted',
  baseline: { kind: 'git', commit: 'a'.repeat(40), date: '2026-01-27T00:00:00Z', source: 'completed_at' },
  files: [{
    path: 'src/"x".py', absPath: '/p/src/"x".py', repoPath: 'src/"x".py', change: 'modified', insertions: 45, deletions: 12,
    binary: false, uncommitted: false, commits: [{ sha: 'b'.repeat(40), date: '2026-02-03T09:00:00Z', subject: 'Add <b>routes</b>' }], matchedBy: [0],
  }],
  insertions: 45, deletions: 12, patterns: [], driftedMembers: [], notes: [], ...over,
});

describe('drift report page', () => {
  it('scales: a summary first, each spec collapsible, files grouped by folder, notes shown', () => {
    const files = Array.from({ length: 160 }, (_, k) => ({
      ...finding().files[0], path: `src/m${k % 4}/f${k}.py`, absPath: `/p/src/m${k % 4}/f${k}.py`, repoPath: `src/m${k % 4}/f${k}.py`,
    }));
    const big = finding({ files, notes: [{ kind: 'moved', message: 'src/a.py moved to lib/a.py with identical content (not drift)' }] });
    const html = driftReportHtml([big, finding({ specId: '2026-01-28-002-x', specPath: '/p/.chant/specs/2026-01-28-002-x.md' })], { nonce: 'n', cspSource: 'c' });
    assert.ok(html.indexOf('summary-table') < html.indexOf('<details class="spec"'), 'the summary comes first');
    assert.equal((html.match(/<details class="spec"/g) ?? []).length, 2);
    assert.equal((html.match(/<details class="folder"(?! open)/g) ?? []).length, 4, 'four folders, closed for a 160-file spec');
    assert.match(html, /<code>src\/m0\/<\/code> <span class="muted">40 files/);
    assert.match(html, /moved to lib\/a\.py with identical content/);
  });

  it('counts a spec\'s notes in the summary in words that agree with the number', () => {
    const note = { kind: 'moved' as const, message: 'src/a.py moved to lib/a.py with identical content (not drift)' };
    const summary = (notes: DriftFinding['notes']) => /<table class="summary-table">.*?<\/table>/s.exec(driftReportHtml([finding({ notes })], { nonce: 'n', cspSource: 'c' }))?.[0] ?? '';
    assert.match(summary([note]), />1 note</);
    assert.doesNotMatch(summary([note]), /1 notes/);
    assert.match(summary([note, note]), />2 notes</);
    assert.doesNotMatch(summary([]), /note/);
  });

  it('escapes every value and carries the nonce in its CSP, style and script', () => {
    const html = driftReportHtml([finding()], { nonce: 'N0nce+/=', cspSource: 'vscode-resource:' });
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('Docs &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('Add &lt;b&gt;routes&lt;/b&gt;'));
    assert.ok(html.includes('data-file="/p/src/&quot;x&quot;.py"'));
    assert.match(html, /default-src 'none'; style-src 'nonce-N0nce\+\/='; script-src 'nonce-N0nce\+\/=';/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes('<script nonce="N0nce+/=">'));
    assert.ok(html.includes(`id="${anchorOf('/p/.chant/specs/2026-01-28-001-doc.md')}"`));
    assert.match(html, /1 drifted · 0 unknown · 0 up to date/);
    assert.match(html, /\+45<\/span> <span class="del">−12/);
  });

  it('lists unknown specs with their reason and says when nothing drifted', () => {
    const html = driftReportHtml([finding({ state: 'unknown', reason: 'shallow clone: x', files: [], baseline: undefined })], { nonce: 'n', cspSource: '' });
    assert.match(html, /Drift unknown/);
    assert.match(html, /shallow clone: x/);
    const clean = driftReportHtml([finding({ state: 'clean', files: [] })], { nonce: 'n', cspSource: '' });
    assert.match(clean, /No drift/);
  });

  it('does not say "no drift" when nothing is tracked at all', () => {
    const none = driftReportHtml([], { nonce: 'n', cspSource: '' });
    assert.doesNotMatch(none, /No drift/);
    assert.match(none, /Nothing to check yet: no completed spec lists files/);
    const rollupOnly = driftReportHtml([finding({ state: 'none', files: [] })], { nonce: 'n', cspSource: '' });
    assert.match(rollupOnly, /Nothing to check yet/);
  });

  it('offers no Re-run for an archived spec (chant only works active specs)', () => {
    assert.match(driftReportHtml([finding({})], { nonce: 'n', cspSource: '' }), /data-action="rerun"/);
    const archived = driftReportHtml([finding({ archived: true })], { nonce: 'n', cspSource: '' });
    assert.doesNotMatch(archived, /data-action="rerun"/);
    assert.match(archived, /data-action="acknowledge"/);
  });

  it('accepts only well-formed messages', () => {
    assert.deepEqual(parseReportMessage({ action: 'diff', spec: 's', file: 'f' }), { action: 'diff', spec: 's', file: 'f' });
    assert.deepEqual(parseReportMessage({ action: 'rerun', spec: 's' }), { action: 'rerun', spec: 's' });
    assert.deepEqual(parseReportMessage({ action: 'ready' }), { action: 'ready' });
    assert.equal(parseReportMessage({ action: 'diff', spec: 's' }), undefined);
    assert.equal(parseReportMessage({ action: 'runShell', spec: 's' }), undefined);
    assert.equal(parseReportMessage({ action: 'openSpec', spec: 3 }), undefined);
    assert.equal(parseReportMessage('openSpec'), undefined);
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
