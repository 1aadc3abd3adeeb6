// The spec parser against chant's reading rules (chant-format.md §2, §8): frontmatter split,
// field shapes, title and acceptance-criteria counting, and bad input with exact positions.

import assert from 'node:assert/strict';
import { LARGE_SPEC_BYTES, MAX_SPEC_BYTES, parseSpecFile, parseSpecText, specIdFromPath } from '../../src/core/spec';
import { SPEC_STATUSES, SPEC_TYPES, type Spec, type TextRange } from '../../src/core/model';

const source = { path: '/p/.chant/specs/2026-01-01-001-abc.md', root: '/p', archived: false };

function parse(text: string): Spec {
  return parseSpecText(source, text);
}

function parseBytes(bytes: Uint8Array): Spec {
  return parseSpecFile({ ...source, bytes });
}

const codes = (s: Spec) => s.problems.map((p) => p.code);
const problem = (s: Spec, code: string) => {
  const found = s.problems.find((p) => p.code === code);
  assert.ok(found, `expected a \`${code}\` problem, got ${JSON.stringify(codes(s))}`);
  return found;
};
const range = (line: number, start: number, endLine: number, end: number): TextRange => ({
  start: { line, character: start }, end: { line: endLine, character: end },
});

describe('spec parser', () => {
  describe('frontmatter split (chant split_frontmatter)', () => {
    it('reads frontmatter and body', () => {
      const s = parse('---\ntype: task\nstatus: completed\n---\n\n# Title\n');
      assert.equal(s.hasFrontmatter, true);
      assert.equal(s.loadable, true);
      assert.equal(s.type, 'task');
      assert.equal(s.status, 'completed');
      assert.equal(s.title, 'Title');
      assert.deepEqual(s.frontmatterRange, range(0, 0, 3, 3));
      assert.equal(s.bodyStartLine, 5);
      assert.deepEqual(s.problems, []);
    });

    it('gives defaults (pending code spec) when there is no frontmatter', () => {
      const s = parse('# Just a title\n\nstatus: completed\n');
      assert.equal(s.hasFrontmatter, false);
      assert.equal(s.loadable, true);
      assert.equal(s.type, 'code');
      assert.equal(s.status, 'pending');
      assert.equal(s.rawStatus, 'pending');
      assert.equal(s.title, 'Just a title');
    });

    it('trims the whole file first: blank lines and spaces before the opening --- are fine', () => {
      const s = parse('\n\n   \t\n---\nstatus: completed\n---\n# T\n');
      assert.equal(s.hasFrontmatter, true);
      assert.equal(s.status, 'completed');
      assert.deepEqual(s.frontmatterRange, range(3, 0, 5, 3));
    });

    it('trims the way Rust does: U+0085 (NEL) is whitespace, a BOM is not', () => {
      assert.equal(parse('\u0085---\nstatus: completed\n---\n# T\n').status, 'completed');
      const bomAfterBlank = parse('\n\uFEFF---\nstatus: completed\n---\n# T\n');
      assert.equal(bomAfterBlank.hasFrontmatter, false);
      assert.equal(bomAfterBlank.status, 'pending');
    });

    it('ends the frontmatter at the first --- anywhere, even inside a value', () => {
      const s = parse('---\nstatus: completed\nnote: see a---b\ntype: task\n---\n# T\n');
      assert.equal(s.hasFrontmatter, true);
      assert.equal(s.status, 'completed');
      // `type: task` is now body text: the type is the default.
      assert.equal(s.type, 'code');
      assert.deepEqual(problem(s, 'frontmatter-cut').range, range(2, 11, 2, 14));
      assert.equal(s.frontmatterRange?.end.line, 2);
      assert.equal(s.title, 'T');
    });

    it('cuts `title: a---b` and reads the rest of that line as the first body line', () => {
      const s = parse('---\ntitle: a---# Real title\nstatus: completed\n---\n');
      // chant's body is "# Real title\nstatus: completed\n---": its first line is the title.
      assert.equal(s.title, 'Real title');
      assert.deepEqual(s.titleRange, range(1, 11, 1, 23));
      assert.equal(s.status, 'pending');
      assert.ok(codes(s).includes('unknown-key')); // `title` is not a chant field
    });

    it('a cut inside a flow list breaks the YAML: the spec is not loadable', () => {
      const s = parse('---\nlabels: [a---b]\n---\n# T\n');
      assert.equal(s.loadable, false);
      assert.deepEqual(codes(s).sort(), ['frontmatter-cut', 'parse']);
    });

    it('a BOM disables frontmatter detection (and says so)', () => {
      const s = parse('\uFEFF---\nstatus: completed\ntype: task\n---\n# T\n');
      assert.equal(s.hasFrontmatter, false);
      assert.equal(s.status, 'pending');
      assert.equal(s.type, 'code');
      const bom = problem(s, 'bom');
      assert.equal(bom.severity, 'error');
      assert.deepEqual(bom.range, range(0, 0, 0, 1));
      assert.equal(s.title, 'T');
    });

    it('a BOM glued to a `# ` line hides that title from chant', () => {
      const s = parse('\uFEFF# Title\n\nBody\n');
      assert.equal(s.title, undefined);
      assert.ok(codes(s).includes('title'));
      assert.equal(problem(s, 'bom').severity, 'warning');
    });

    it('an unclosed frontmatter means no frontmatter at all', () => {
      const s = parse('---\nstatus: completed\n\n# T\n');
      assert.equal(s.hasFrontmatter, false);
      assert.equal(s.status, 'pending');
      assert.equal(s.title, 'T');
      const p = problem(s, 'frontmatter');
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, range(0, 0, 0, 3));
    });

    it('an empty or comment-only frontmatter gives the defaults', () => {
      for (const text of ['---\n---\n# T\n', '---\n# just a comment\n---\n# T\n']) {
        const s = parse(text);
        assert.equal(s.hasFrontmatter, true);
        assert.equal(s.loadable, true);
        assert.equal(s.status, 'pending');
        assert.equal(s.type, 'code');
        assert.equal(s.title, 'T');
      }
    });

    it('a frontmatter that is not a mapping fails the spec', () => {
      for (const text of ['---\n- a\n- b\n---\n# T\n', '---\njust text\n---\n# T\n']) {
        const s = parse(text);
        assert.equal(s.loadable, false, text);
        assert.deepEqual(problem(s, 'parse').range.start, { line: 1, character: 0 });
      }
    });
  });

  describe('fields', () => {
    const fm = (yaml: string) => parse(`---\n${yaml}\n---\n# T\n`);

    it('accepts every status and type chant knows', () => {
      for (const status of SPEC_STATUSES) assert.equal(fm(`status: ${status}`).status, status);
      for (const type of SPEC_TYPES) assert.equal(fm(`type: ${type}`).type, type);
    });

    it('an unknown status fails the spec, with the value located', () => {
      for (const bad of ['done', 'Completed', 'in-progress', 'inprogress']) {
        const s = fm(`type: code\nstatus: ${bad}`);
        assert.equal(s.loadable, false, bad);
        assert.equal(s.rawStatus, bad);
        assert.equal(s.status, 'pending');
        assert.deepEqual(problem(s, 'unknown-status').range, range(2, 8, 2, 8 + bad.length));
      }
    });

    it('an unknown type (`implementation`) fails the spec', () => {
      const s = fm('type: implementation\nstatus: pending');
      assert.equal(s.loadable, false);
      assert.equal(s.rawType, 'implementation');
      assert.deepEqual(problem(s, 'unknown-type').range, range(1, 6, 1, 20));
    });

    it('an empty status or type fails too', () => {
      assert.equal(fm('status:').loadable, false);
      assert.equal(fm('type: ~').loadable, false);
    });

    it('depends_on: a bare string is one dependency', () => {
      const s = fm('depends_on: 2026-01-01-001-abc');
      assert.equal(s.loadable, true);
      assert.deepEqual(s.dependsOn.map((d) => d.value), ['2026-01-01-001-abc']);
      assert.deepEqual(s.dependsOn[0].range, range(1, 12, 1, 30));
      assert.equal(s.hasDependsOnKey, true);
    });

    it('depends_on: block and flow lists, with each entry located', () => {
      const block = fm('depends_on:\n  - a-1\n  - "b-2"');
      assert.deepEqual(block.dependsOn.map((d) => d.value), ['a-1', 'b-2']);
      assert.deepEqual(block.dependsOn.map((d) => d.range.start), [{ line: 2, character: 4 }, { line: 3, character: 4 }]);
      assert.deepEqual(fm('depends_on: [a, "repo:b"]').dependsOn.map((d) => d.value), ['a', 'repo:b']);
    });

    it('depends_on keeps the text as written (001 is not the number 1)', () => {
      assert.deepEqual(fm('depends_on: 001').dependsOn.map((d) => d.value), ['001']);
      assert.deepEqual(fm('depends_on: [001, 1.50]').dependsOn.map((d) => d.value), ['001', '1.50']);
    });

    it('depends_on: null or empty is no dependency at all, and not an opt-out of sibling order', () => {
      for (const yaml of ['depends_on:', 'depends_on: null', 'depends_on: ~']) {
        const s = fm(yaml);
        assert.equal(s.loadable, true, yaml);
        assert.deepEqual(s.dependsOn, []);
        assert.equal(s.hasDependsOnKey, false, yaml);
      }
    });

    it('depends_on: [] is meaningful (opts out of sibling ordering)', () => {
      const s = fm('depends_on: []');
      assert.deepEqual(s.dependsOn, []);
      assert.equal(s.hasDependsOnKey, true);
    });

    it('depends_on: a mapping fails the spec', () => {
      assert.equal(fm('depends_on:\n  a: b').loadable, false);
    });

    it('a bare string in any other list field fails the spec', () => {
      for (const key of ['labels', 'target_files', 'context', 'commits', 'tracks', 'informed_by', 'origin', 'members', 'blocked_specs']) {
        const s = fm(`${key}: value`);
        assert.equal(s.loadable, false, key);
        assert.deepEqual(problem(s, 'bare-string').range, range(1, key.length + 2, 1, key.length + 7));
      }
    });

    it('reads list fields, keeping scalars as their text', () => {
      const s = fm([
        'labels: [ui, 2]', 'target_files:', '  - src/a.ts', 'tracks: ["src/**/*.py"]', 'informed_by: [docs/x.md]',
        'origin: [data/y.csv]', 'context: [.chant/context/c.md]', 'commits: [abc1234]', 'members: [X.1, X.2]',
      ].join('\n'));
      assert.equal(s.loadable, true);
      assert.deepEqual(s.labels, ['ui', '2']);
      assert.deepEqual(s.targetFiles.map((v) => v.value), ['src/a.ts']);
      assert.deepEqual(s.tracks.map((v) => v.value), ['src/**/*.py']);
      assert.deepEqual(s.informedBy.map((v) => v.value), ['docs/x.md']);
      assert.deepEqual(s.origin.map((v) => v.value), ['data/y.csv']);
      assert.deepEqual(s.context.map((v) => v.value), ['.chant/context/c.md']);
      assert.deepEqual(s.commits, ['abc1234']);
      assert.deepEqual(s.members.map((v) => v.value), ['X.1', 'X.2']);
      assert.deepEqual(s.tracks[0].range, range(4, 9, 4, 22));
    });

    it('a list of non-strings fails the spec', () => {
      assert.equal(fm('labels: [[a]]').loadable, false);
      assert.equal(fm('labels:\n  - a: b').loadable, false);
    });

    it('keeps timestamps as the strings chant wrote', () => {
      const s = fm('status: completed\ncompleted_at: 2026-02-13T03:59:20Z\nlast_verified: 2026-02-14T01:02:03+00:00');
      assert.equal(s.completedAt, '2026-02-13T03:59:20Z');
      assert.equal(typeof s.completedAt, 'string');
      assert.equal(fm('completed_at: 2026-02-13').completedAt, '2026-02-13');
      assert.equal(fm('completed_at: 2026-02-13 03:59:20').completedAt, '2026-02-13 03:59:20');
    });

    it('reads the string fields the extension uses', () => {
      const s = fm('branch: chant/x\nmodel: sonnet\nprompt: standard');
      assert.equal(s.branch, 'chant/x');
      assert.equal(s.model, 'sonnet');
      assert.equal(s.prompt, 'standard');
      assert.equal(fm('prompt: [a]').loadable, false);
    });

    it('reads approval, with chant defaults', () => {
      const s = fm('approval:\n  required: true\n  status: rejected\n  by: ana\n  at: 2026-01-02T03:04:05Z');
      assert.equal(s.loadable, true);
      assert.deepEqual(s.approval, { required: true, status: 'rejected', by: 'ana', at: '2026-01-02T03:04:05Z' });
      assert.deepEqual(fm('approval:\n  required: true').approval, { required: true, status: 'pending' });
      assert.deepEqual(fm('approval: {}').approval, { required: false, status: 'pending' });
      assert.equal(fm('approval: ~').approval, undefined);
    });

    it('bad approval shapes fail the spec', () => {
      assert.equal(fm('approval: yes').loadable, false);
      assert.equal(fm('approval:\n  required: maybe').loadable, false);
      const s = fm('approval:\n  required: true\n  status: granted');
      assert.equal(s.loadable, false);
      assert.deepEqual(problem(s, 'unknown-value').range, range(3, 10, 3, 17));
    });

    it('checks the typed scalar fields', () => {
      assert.equal(fm('public: true').loadable, true);
      assert.equal(fm('public: yes').loadable, false);
      assert.equal(fm('replay_count: 3').loadable, true);
      assert.equal(fm('replay_count: -1').loadable, false);
      assert.equal(fm('verification_status: partial').loadable, true);
      assert.equal(fm('verification_status: ok').loadable, false);
    });

    it('accepts unknown keys but warns that chant drops them on save', () => {
      const s = fm('status: completed\npriority: high\nid: foo\ncreated: 2026-01-01');
      assert.equal(s.loadable, true);
      assert.equal(s.status, 'completed');
      const unknown = s.problems.filter((p) => p.code === 'unknown-key');
      assert.deepEqual(unknown.map((p) => p.range), [range(2, 0, 2, 8), range(3, 0, 3, 2), range(4, 0, 4, 7)]);
      assert.ok(unknown.every((p) => p.severity === 'info'));
      assert.deepEqual([...s.keys.keys()], ['status', 'priority', 'id', 'created']);
      assert.deepEqual(s.keys.get('status'), range(1, 0, 1, 6));
    });
  });

  describe('YAML errors carry exact positions', () => {
    it('duplicate keys', () => {
      const s = parse('---\nstatus: pending\nstatus: completed\n---\n# T\n');
      assert.equal(s.loadable, false);
      assert.deepEqual(problem(s, 'parse').range, range(2, 0, 2, 1));
    });

    it('tabs used as indentation', () => {
      const s = parse('---\nlabels:\n\t- a\n---\n# T\n');
      assert.equal(s.loadable, false);
      assert.deepEqual(problem(s, 'parse').range.start, { line: 2, character: 0 });
    });

    it('a nested mapping in a plain value', () => {
      const s = parse('---\nstatus: pending\nprompt: a: b\n---\n# T\n');
      assert.equal(s.loadable, false);
      assert.deepEqual(problem(s, 'parse').range.start, { line: 2, character: 8 });
    });

    it('positions count from the file start, after leading blank lines', () => {
      const s = parse('\n\n---\nstatus: pending\nstatus: completed\n---\n# T\n');
      assert.deepEqual(problem(s, 'parse').range.start, { line: 4, character: 0 });
    });

    it('positions are right in CRLF files', () => {
      const s = parse('---\r\nstatus: pending\r\nstatus: completed\r\n---\r\n# T\r\n');
      assert.deepEqual(problem(s, 'parse').range.start, { line: 2, character: 0 });
    });
  });

  describe('title (chant extract_title)', () => {
    it('is the first body line whose trim starts with `# `', () => {
      assert.equal(parse('---\n---\nIntro\n## Sub\n#NoSpace\n   # Indented title\n# Second\n').title, 'Indented title');
    });

    it('includes lines inside code fences', () => {
      assert.equal(parse('---\n---\n```sh\n# a shell comment\n```\n# Real\n').title, 'a shell comment');
    });

    it('keeps the text verbatim (no inline markdown stripping, no inner trim)', () => {
      assert.equal(parse('# Fix `parse()` **now**\n').title, 'Fix `parse()` **now**');
      assert.equal(parse('#  Two spaces\n').title, ' Two spaces');
      assert.equal(parse('# Trailing   \n').title, 'Trailing');
    });

    it('a `#` alone, `##` or `#x` is not a title', () => {
      const s = parse('---\nstatus: pending\n---\n#\n## Section\n#x\n');
      assert.equal(s.title, undefined);
      const p = problem(s, 'title');
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, range(2, 0, 2, 3)); // on the closing ---
    });

    it('without frontmatter the title problem is on the first line', () => {
      assert.deepEqual(problem(parse('Some text\n'), 'title').range, range(0, 0, 0, 0));
    });

    it('locates the title', () => {
      const s = parse('---\n---\n\n  # Title here\n');
      assert.deepEqual(s.titleRange, range(3, 2, 3, 14));
    });
  });

  describe('acceptance criteria (chant count_unchecked/total_checkboxes)', () => {
    const body = (text: string) => parse(`---\nstatus: pending\n---\n# T\n\n${text}`);

    it('counts checked and unchecked boxes', () => {
      const s = body('## Acceptance Criteria\n\n- [ ] one\n- [x] two\n- [X] three\n');
      assert.deepEqual(s.criteria, { checked: 2, total: 3 });
      assert.equal(s.hasAcceptanceCriteria, true);
    });

    it('no section means 0/0, even with boxes elsewhere', () => {
      const s = body('## Tasks\n- [ ] a\n- [x] b\n');
      assert.deepEqual(s.criteria, { checked: 0, total: 0 });
      assert.equal(s.hasAcceptanceCriteria, false);
    });

    it('uses the last heading outside ``` fences', () => {
      const s = body([
        '## Acceptance Criteria', '- [ ] first section', '- [ ] first section',
        '## Acceptance Criteria', '- [x] last section',
        '```', '## Acceptance Criteria', '- [ ] inside a fence', '```', '',
      ].join('\n'));
      assert.deepEqual(s.criteria, { checked: 1, total: 1 });
    });

    it('ends at the next `## `; `#` and `###` headings do not end it', () => {
      const s = body([
        '## Acceptance Criteria', '- [ ] a', '### Details', '- [ ] b', '# Big heading', '- [x] c',
        '## Notes', '- [ ] not counted', '',
      ].join('\n'));
      assert.deepEqual(s.criteria, { checked: 1, total: 3 });
    });

    it('a chant Agent Output section after the criteria is not counted', () => {
      const s = body('## Acceptance Criteria\n- [x] a\n\n## Agent Output\n\n2026-01-01T00:00:00Z\n\n```\n- [ ] echoed\n```\n- [ ] after\n');
      assert.deepEqual(s.criteria, { checked: 1, total: 1 });
    });

    it('skips ``` fences inside the section; `~~~` is not a fence', () => {
      const s = body('## Acceptance Criteria\n- [ ] a\n```md\n- [ ] fenced\n## Not a heading in a fence\n```\n~~~\n- [ ] tilde\n~~~\n  ```\n- [ ] indented fence\n  ```\n- [ ] b\n');
      assert.deepEqual(s.criteria, { checked: 0, total: 3 });
    });

    it('counts every `- [ ]` substring, wherever it is on the line', () => {
      const s = body('## Acceptance Criteria\n- [ ] a - [ ] b\n    - [ ] nested\nUse `- [ ]` in docs\n- [x] done, - [X] also\n');
      assert.deepEqual(s.criteria, { checked: 2, total: 6 });
    });

    it('does not count `* [ ]`, `1. [ ]`, `-[ ]` or `- [y]`', () => {
      const s = body('## Acceptance Criteria\n* [ ] star\n1. [ ] numbered\n-[ ] tight\n- [y] other\n+ [x] plus\n- [ ] real\n');
      assert.deepEqual(s.criteria, { checked: 0, total: 1 });
    });

    it('`### Acceptance Criteria` is not the heading; `## Acceptance Criteria (v2)` is', () => {
      assert.deepEqual(body('### Acceptance Criteria\n- [ ] a\n').criteria, { checked: 0, total: 0 });
      assert.deepEqual(body('## acceptance criteria\n- [ ] a\n').criteria, { checked: 0, total: 0 });
      assert.deepEqual(body('  ## Acceptance Criteria (v2)\n- [ ] a\n').criteria, { checked: 0, total: 1 });
    });

    it('has_acceptance_criteria looks at the first section only', () => {
      const s = body('## Acceptance Criteria\nTBD\n## Notes\n## Acceptance Criteria\n- [ ] a\n');
      assert.equal(s.hasAcceptanceCriteria, false);
      assert.deepEqual(s.criteria, { checked: 0, total: 1 });
    });
  });

  describe('bad and unusual input', () => {
    it('CRLF files parse like LF files', () => {
      const lf = '---\ntype: task\nstatus: completed\ndepends_on:\n  - a\n---\n\n# Title\n\n## Acceptance Criteria\n- [x] a\n- [ ] b\n';
      const crlf = parse(lf.replace(/\n/g, '\r\n'));
      const plain = parse(lf);
      assert.equal(crlf.loadable, true);
      assert.equal(crlf.type, 'task');
      assert.equal(crlf.status, 'completed');
      assert.equal(crlf.title, 'Title');
      assert.deepEqual(crlf.dependsOn, plain.dependsOn);
      assert.deepEqual(crlf.criteria, { checked: 1, total: 2 });
      assert.deepEqual(crlf.titleRange, plain.titleRange);
      assert.deepEqual(crlf.frontmatterRange, plain.frontmatterRange);
    });

    it('binary files are unreadable, not a crash', () => {
      const s = parseBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
      assert.equal(s.loadable, false);
      assert.deepEqual(codes(s), ['binary']);
      assert.equal(s.id, '2026-01-01-001-abc');
    });

    it('invalid UTF-8 is unreadable (chant read_to_string fails)', () => {
      const s = parseBytes(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x23, 0x20, 0xc3, 0x28, 0x0a]));
      assert.equal(s.loadable, false);
      assert.deepEqual(codes(s), ['encoding']);
    });

    it('valid UTF-8 bytes decode, multi-byte characters included', () => {
      const s = parseBytes(new TextEncoder().encode('---\nstatus: completed\n---\n# Café ✓ 日本\n'));
      assert.equal(s.loadable, true);
      assert.equal(s.title, 'Café ✓ 日本');
      assert.equal(s.size, 45);
    });

    it('empty and blank files load as pending code specs with a warning', () => {
      for (const text of ['', '  \n\n\t\n']) {
        const s = parse(text);
        assert.equal(s.loadable, true);
        assert.equal(s.status, 'pending');
        assert.equal(s.title, undefined);
        assert.deepEqual(codes(s), ['empty']);
      }
      assert.deepEqual(codes(parseBytes(new Uint8Array())), ['empty']);
    });

    it('a 3 MB spec parses quickly and completely, with a size warning', () => {
      const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20) + '\n';
      const big = `---\nstatus: pending\n---\n# Big\n\n${filler.repeat(Math.ceil((3 * 1024 * 1024) / filler.length))}## Acceptance Criteria\n- [ ] a\n- [x] b\n`;
      const bytes = new TextEncoder().encode(big);
      assert.ok(bytes.length > 3 * 1024 * 1024 && bytes.length < MAX_SPEC_BYTES);
      const t0 = Date.now();
      const s = parseBytes(bytes);
      assert.ok(Date.now() - t0 < 2000, 'parsing 3 MB took too long');
      assert.equal(s.loadable, true);
      assert.equal(s.title, 'Big');
      assert.deepEqual(s.criteria, { checked: 1, total: 2 });
      assert.equal(problem(s, 'large-file').severity, 'warning');
      assert.ok(bytes.length > LARGE_SPEC_BYTES);
    });

    it('a file over the read limit is reported, not read', () => {
      const s = parseSpecFile({ ...source, size: MAX_SPEC_BYTES + 1 });
      assert.equal(s.loadable, false);
      assert.deepEqual(codes(s), ['too-large']);
    });

    it('never throws on odd YAML', () => {
      const odd = ['---\n&a [*a]\n---', '---\n? [a]\n: b\n---', '---\n!!binary x: y\n---', '---\n"\\u0000": x\n---', '---\nstatus: *nope\n---', '---\n{{{\n---'];
      for (const text of odd) assert.doesNotThrow(() => parse(text), text);
    });

    it('refuses YAML nested deeper than chant accepts, without recursing into it', () => {
      // Thousands of `[` used to overflow the parser's stack and could abort the process.
      const hostile = [
        `---\nlabels: ${'['.repeat(5000)}\n---\n# T\n`,
        `---\nlabels: ${'{a: '.repeat(3000)}\n---\n# T\n`,
        `---\n${'- '.repeat(3000)}x\n---\n# T\n`,
        `---\n${Array.from({ length: 1500 }, (_, i) => ' '.repeat(i) + 'k:').join('\n')}\n---\n# T\n`,
      ];
      for (let round = 0; round < 4; round++) {
        for (const text of hostile) {
          const s = parse(text);
          assert.equal(s.loadable, false);
          assert.match(problem(s, 'parse').message, /nested more than 128 levels/);
        }
      }
      const at129 = parse(`---\nlabels: ${'['.repeat(129)}\n---\n# T\n`);
      assert.deepEqual(problem(at129, 'parse').range, range(1, 8 + 128, 1, 8 + 129));
      const at128 = parse(`---\nlabels: ${'['.repeat(128)}a${']'.repeat(128)}\n---\n# T\n`);
      assert.doesNotMatch(at128.problems.map((p) => p.message).join('\n'), /nested more than/);
    });
  });

  it('specIdFromPath is the file stem', () => {
    assert.equal(specIdFromPath('/a/.chant/specs/2026-01-01-001-abc.2.md'), '2026-01-01-001-abc.2');
    assert.equal(specIdFromPath('C:\\a\\.chant\\specs\\001-x.md'), '001-x');
    assert.equal(specIdFromPath('/a/b/no-extension'), 'no-extension');
  });
});
