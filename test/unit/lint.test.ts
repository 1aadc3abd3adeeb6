// Every lint rule against small workspaces, with exact ranges; CRLF and Unicode text; cycles of
// length 1–3; unsaved editor text; and incremental re-linting that must agree with a full lint.

import assert from 'node:assert/strict';
import {
  DEFAULT_LINT_CONFIG, cycleThrough, lintAll, lintReport, parseLintConfig, problemsForSpec, type LintConfig,
} from '../../src/core/lint';
import type { SpecProblem, TextRange } from '../../src/core/model';
import { isOwnCheck, lintPolicyFrom } from '../../src/core/lintPolicy';
import { parseSpecText } from '../../src/core/spec';
import { SpecWorkspace, spec } from './support/lintWorkspace';

const A = '2026-02-01-001-aaa';
const B = '2026-02-01-002-bbb';
const C = '2026-02-01-003-ccc';
const D = '2026-02-01-004-ddd';
const E = '2026-02-01-005-eee';

async function lint(files: Record<string, string | Uint8Array>, config: LintConfig = DEFAULT_LINT_CONFIG) {
  const ws = await SpecWorkspace.create(files);
  const of = (rel: string) => problemsForSpec(ws.spec(rel), ws.index, config);
  return { ws, of };
}

const range = (line: number, start: number, endLine: number, end: number): TextRange => ({
  start: { line, character: start }, end: { line: endLine, character: end },
});

/** The text a range covers, computed from the raw file: proves columns count UTF-16 units and ignore `\r`. */
function textAt(text: string, r: TextRange): string {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  assert.equal(r.start.line, r.end.line, 'single-line range expected');
  return lines[r.start.line].slice(r.start.character, r.end.character);
}

function only(problems: SpecProblem[], code: string): SpecProblem[] {
  return problems.filter((p) => p.code === code);
}

function one(problems: SpecProblem[], code: string): SpecProblem {
  const found = only(problems, code);
  assert.equal(found.length, 1, `expected one \`${code}\`, got ${JSON.stringify(problems.map((p) => [p.code, p.message]))}`);
  return found[0];
}

describe('lint rules', () => {
  describe('dependency (chant rule name)', () => {
    it('flags a missing, an archived, a cross-repo and an unloadable dependency at each entry', async () => {
      const text = spec(`depends_on:\n  - ${A}\n  - 2026-01-01-001-old\n  - other:${C}\n  - ${D}\n  - 2026-02-01-009-zzz\n`);
      const { of } = await lint({
        [`specs/${B}.md`]: text,
        [`specs/${A}.md`]: spec('status: completed\ncompleted_at: 2026-02-01T10:00:00Z'),
        'archive/2026-01-01/2026-01-01-001-old.md': spec('status: completed'),
        [`specs/${D}.md`]: spec('status: done'),
      });
      const deps = only(of(`specs/${B}.md`), 'dependency');
      assert.deepEqual(deps.map((p) => p.range), [range(3, 4, 3, 22), range(4, 4, 4, 28), range(5, 4, 5, 22), range(6, 4, 6, 22)]);
      assert.deepEqual(deps.map((p) => textAt(text, p.range)), ['2026-01-01-001-old', `other:${C}`, D, '2026-02-01-009-zzz']);
      assert.match(deps[0].message, /archived.*blocks forever/);
      assert.match(deps[1].message, /cross-repo/);
      assert.match(deps[2].message, /cannot load it/);
      assert.match(deps[3].message, /no such spec/);
      assert.ok(deps.every((p) => p.severity === 'error'));
    });

    it('checks members entries too', async () => {
      const text = spec(`type: driver\nmembers: [${A}.1, ${A}.7]`);
      const { of } = await lint({ [`specs/${A}.md`]: text, [`specs/${A}.1.md`]: spec('status: pending') });
      const p = one(of(`specs/${A}.md`), 'dependency');
      assert.equal(textAt(text, p.range), `${A}.7`);
      assert.match(p.message, /^members/);
    });

    it('a bare-string depends_on (the one field chant accepts that way) is checked at its value', async () => {
      const text = spec('depends_on: 2026-02-01-00x-nop');
      const { of } = await lint({ [`specs/${A}.md`]: text });
      assert.deepEqual(one(of(`specs/${A}.md`), 'dependency').range, range(1, 12, 1, 30));
    });
  });

  describe('cycles', () => {
    it('length 1: a spec that depends on itself', async () => {
      const text = spec(`depends_on: [${A}]`);
      const { of } = await lint({ [`specs/${A}.md`]: text });
      const problems = of(`specs/${A}.md`);
      const p = one(problems, 'cycle');
      assert.equal(textAt(text, p.range), A);
      assert.match(p.message, /depends on itself/);
      assert.equal(only(problems, 'dependency').length, 0, 'self-reference is a cycle, not an unknown dependency');
    });

    it('length 2: both specs, each at the entry that closes the cycle, naming it', async () => {
      const { of } = await lint({
        [`specs/${A}.md`]: spec(`depends_on: [${B}]`),
        [`specs/${B}.md`]: spec(`status: pending\ndepends_on:\n  - ${A}`),
      });
      const pa = one(of(`specs/${A}.md`), 'cycle');
      const pb = one(of(`specs/${B}.md`), 'cycle');
      assert.deepEqual(pa.range, range(1, 13, 1, 31));
      assert.deepEqual(pb.range, range(3, 4, 3, 22));
      assert.ok(pa.message.includes(`${A} → ${B} → ${A}`), pa.message);
      assert.ok(pb.message.includes(`${B} → ${A} → ${B}`), pb.message);
    });

    it('length 3: every spec of the cycle, and not a spec that only leads into it', async () => {
      const { of } = await lint({
        [`specs/${A}.md`]: spec(`depends_on: [${B}]`),
        [`specs/${B}.md`]: spec(`depends_on: [${C}]`),
        [`specs/${C}.md`]: spec(`depends_on: [${A}]`),
        [`specs/${D}.md`]: spec(`depends_on: [${A}]`),
      });
      for (const [id, shown] of [[A, `${A} → ${B} → ${C} → ${A}`], [B, `${B} → ${C} → ${A} → ${B}`], [C, `${C} → ${A} → ${B} → ${C}`]]) {
        assert.ok(one(of(`specs/${id}.md`), 'cycle').message.includes(shown), id);
      }
      assert.equal(only(of(`specs/${D}.md`), 'cycle').length, 0);
    });

    it('finds the shortest cycle through a spec inside a larger tangle', async () => {
      const { ws } = await lint({
        [`specs/${A}.md`]: spec(`depends_on: [${B}, ${C}]`),
        [`specs/${B}.md`]: spec(`depends_on: [${C}]`),
        [`specs/${C}.md`]: spec(`depends_on: [${A}]`),
      });
      assert.deepEqual(cycleThrough(ws.spec(`specs/${A}.md`), ws.index), [A, C]);
      assert.deepEqual(cycleThrough(ws.spec(`specs/${B}.md`), ws.index), [B, C, A]);
    });

    it('sees a cycle in unsaved editor text that the saved files do not have', async () => {
      const { ws } = await lint({
        [`specs/${A}.md`]: spec(`depends_on: [${B}]`),
        [`specs/${B}.md`]: spec('status: pending'),
      });
      assert.equal(only(problemsForSpec(ws.spec(`specs/${B}.md`), ws.index), 'cycle').length, 0);
      const edited = parseSpecText({ path: ws.path(`specs/${B}.md`), root: '/w', archived: false }, spec(`depends_on: [${A}]`));
      const p = one(problemsForSpec(edited, ws.index), 'cycle');
      assert.ok(p.message.includes(`${B} → ${A} → ${B}`));
      assert.deepEqual(p.range, range(1, 13, 1, 31));
    });
  });

  describe('members', () => {
    it('reports member files the members list leaves out, and entries that are not members by name', async () => {
      const text = spec(`type: driver\nmembers:\n  - ${A}.1\n  - ${B}\n  - ${A}`);
      const { of } = await lint({
        [`specs/${A}.md`]: text,
        [`specs/${A}.1.md`]: spec(''),
        [`specs/${A}.2.md`]: spec(''),
        [`specs/${A}.2.1.md`]: spec(''),
        [`specs/${B}.md`]: spec(''),
      });
      const found = only(of(`specs/${A}.md`), 'members-mismatch');
      assert.deepEqual(found.map((p) => textAt(text, p.range)), [B, A, 'members']);
      assert.match(found[2].message, new RegExp(`leaves out \`${A}\\.2\``));
      assert.ok(!found[2].message.includes(`${A}.2.1`), 'nested members belong to their own parent');
    });

    it('an orphan member carries the index finding', async () => {
      const { of } = await lint({ [`specs/${A}.3.md`]: spec('') });
      assert.equal(one(of(`specs/${A}.3.md`), 'orphan').severity, 'warning');
    });
  });

  describe('completed specs', () => {
    it('points at every unchecked criterion, in a CRLF file', async () => {
      const text = spec('status: completed\ncompleted_at: 2026-02-01T10:00:00Z',
        '# T\n\n## Acceptance Criteria\n\n- [x] one\n- [ ] two\n  - [ ] nested and - [ ] twice\n```\n- [ ] fenced\n```\n').replace(/\n/g, '\r\n');
      const { of } = await lint({ [`specs/${A}.md`]: text });
      const found = only(of(`specs/${A}.md`), 'unchecked-criteria');
      assert.deepEqual(found.map((p) => p.range), [range(10, 0, 10, 5), range(11, 2, 11, 7), range(11, 19, 11, 24)]);
      assert.ok(found.every((p) => textAt(text, p.range) === '- [ ]'));
    });

    it('wants a completed_at, in RFC 3339, only where drift needs it (tracked files, no commits:)', async () => {
      const missing = spec('type: documentation\nstatus: completed\ntracks: [src/**]');
      const bad = spec('status: completed\ncompleted_at: yesterday\norigin: [notes.md]');
      const { of } = await lint({
        [`specs/${A}.md`]: missing, [`specs/${B}.md`]: bad, [`specs/${C}.md`]: spec('status: completed\ncompleted_at: 2026-02-01T10:00:00Z\ntracks: [x]'),
        [`specs/${D}.md`]: spec('type: code\nstatus: completed'),
        [`specs/${E}.md`]: spec('status: completed\ntracks: [src/**]\ncommits: [abc1234]'),
      });
      const a = one(of(`specs/${A}.md`), 'completed-at');
      assert.equal(textAt(missing, a.range), 'status');
      assert.equal(a.severity, 'info');
      assert.equal(a.ours, true);
      assert.equal(textAt(bad, one(of(`specs/${B}.md`), 'completed-at').range), 'completed_at');
      assert.equal(only(of(`specs/${C}.md`), 'completed-at').length, 0);
      assert.equal(only(of(`specs/${D}.md`), 'completed-at').length, 0, 'a spec that tracks nothing needs no date');
      assert.equal(only(of(`specs/${E}.md`), 'completed-at').length, 0, 'commits: give the baseline');
    });

    it('does not take a `- [ ]` quoted in inline code on a checked criterion for a criterion', async () => {
      const body = '# T\n\n## Acceptance Criteria\n\n- [x] Lines like `- [ ]` are counted\n- [ ] really open\n';
      const text = spec('status: completed\ncompleted_at: 2026-02-01T10:00:00Z', body);
      const { ws, of } = await lint({ [`specs/${A}.md`]: text });
      assert.deepEqual(ws.spec(`specs/${A}.md`).criteria, { checked: 1, total: 3 }, "chant's counts are unchanged");
      const open = only(of(`specs/${A}.md`), 'unchecked-criteria');
      assert.equal(open.length, 1);
      assert.match(text.split('\n')[open[0].range.start.line], /really open/, 'the real open criterion only');
    });

    it("marks own checks, turns them off or re-ranks them by setting, and leaves chant's rules alone", async () => {
      const files = { [`specs/${A}.md`]: spec(`depends_on: [${A}]\nfoo: 1`), [`specs/${B}.md`]: spec('') };
      const ws = await SpecWorkspace.create(files);
      const with_ = (own: Record<string, unknown>) => problemsForSpec(ws.spec(`specs/${A}.md`), ws.index, DEFAULT_LINT_CONFIG, lintPolicyFrom(own));
      const base = with_({});
      assert.equal(one(base, 'cycle').ours, true);
      assert.equal(one(base, 'cycle').severity, 'error');
      assert.equal(one(base, 'unknown-key').ours, true);
      assert.equal(with_({ 'unknown-key': 'off', cycle: 'warning' }).find((p) => p.code === 'unknown-key'), undefined);
      assert.equal(one(with_({ cycle: 'warning' }), 'cycle').severity, 'warning');
      assert.equal(with_({ cycle: false }).find((p) => p.code === 'cycle'), undefined);
      const chantRule = problemsForSpec(ws.spec(`specs/${A}.md`), ws.index).filter((p) => !p.ours).map((p) => p.code);
      assert.ok(chantRule.every((c) => !isOwnCheck(c)));
    });

    it('archived specs only inform (chant never loads them), unless strict', async () => {
      const files = { [`archive/2026-01-01/${A}.md`]: spec('type: docs\nstatus: completed'), [`specs/${B}.md`]: spec('type: docs') };
      const ws = await SpecWorkspace.create(files);
      const archived = problemsForSpec(ws.spec(`archive/2026-01-01/${A}.md`), ws.index);
      assert.deepEqual(archived.map((p) => `${p.code}/${p.severity}`), ['unknown-type/info']);
      const strict = problemsForSpec(ws.spec(`archive/2026-01-01/${A}.md`), ws.index, DEFAULT_LINT_CONFIG, lintPolicyFrom({}, true));
      assert.deepEqual(strict.map((p) => `${p.code}/${p.severity}`), ['unknown-type/error']);
      assert.equal(one(problemsForSpec(ws.spec(`specs/${B}.md`), ws.index), 'unknown-type').severity, 'error', 'an active spec chant skips stays an error');
    });

    it('does not blame drivers chant completed through their members', async () => {
      const ac = '# T\n\n## Acceptance Criteria\n\n- [ ] all members done\n';
      const { of } = await lint({
        [`specs/${A}.md`]: spec('type: driver\nstatus: completed\ncompleted_at: 2026-02-01T10:00:00Z\nmodel: auto-completed', ac),
        [`specs/${B}.md`]: spec('status: completed\ncompleted_at: 2026-02-01T10:00:00Z', ac),
        [`specs/${B}.1.md`]: spec('status: completed\ncompleted_at: 2026-02-01T10:00:00Z'),
        [`specs/${C}.md`]: spec('status: completed\ncompleted_at: 2026-02-01T10:00:00Z', ac),
      });
      assert.equal(only(of(`specs/${A}.md`), 'unchecked-criteria').length, 0);
      assert.equal(only(of(`specs/${B}.md`), 'unchecked-criteria').length, 0);
      assert.equal(only(of(`specs/${C}.md`), 'unchecked-criteria').length, 1);
    });

    it('leaves pending specs with open criteria alone', async () => {
      const { of } = await lint({ [`specs/${A}.md`]: spec('status: pending', '# T\n\n## Acceptance Criteria\n\n- [ ] open\n') });
      assert.equal(only(of(`specs/${A}.md`), 'unchecked-criteria').length, 0);
    });
  });

  describe('chant\'s type, approval and required rules', () => {
    it('type: documentation without tracks/target_files, research without inputs, driver with empty members', async () => {
      const doc = spec('type: documentation');
      const { of } = await lint({
        [`specs/${A}.md`]: doc,
        [`specs/${B}.md`]: spec('type: research\ntarget_files: [out.md]'),
        [`specs/${C}.md`]: spec('type: driver\nmembers: []'),
        [`specs/${D}.md`]: spec('type: documentation\ntracks: [src/a.ts]\ntarget_files: [docs/a.md]'),
      });
      const docs = only(of(`specs/${A}.md`), 'type');
      assert.equal(docs.length, 2);
      assert.ok(docs.every((p) => textAt(doc, p.range) === 'type' && p.severity === 'warning'));
      assert.match(one(of(`specs/${B}.md`), 'type').message, /informed_by.*origin/);
      assert.match(one(of(`specs/${C}.md`), 'type').message, /empty `members`/);
      assert.equal(only(of(`specs/${D}.md`), 'type').length, 0);
    });

    it('approval: approved without by/at, pending with by', async () => {
      const { of } = await lint({
        [`specs/${A}.md`]: spec('approval:\n  required: true\n  status: approved'),
        [`specs/${B}.md`]: spec('approval:\n  required: true\n  status: pending\n  by: ann'),
        [`specs/${C}.md`]: spec('approval:\n  required: true\n  status: rejected\n  by: ann\n  at: 2026-02-01T10:00:00Z'),
      });
      assert.equal(only(of(`specs/${A}.md`), 'approval').length, 2);
      assert.deepEqual(one(of(`specs/${B}.md`), 'approval').range, range(1, 0, 1, 8));
      assert.equal(only(of(`specs/${C}.md`), 'approval').length, 0);
    });

    it('required fields from enterprise.required in config.md', async () => {
      const config = parseLintConfig('---\nenterprise:\n  required: [labels, prompt]\n---\n');
      const { of } = await lint({ [`specs/${A}.md`]: spec('labels: [x]') }, config);
      const p = one(of(`specs/${A}.md`), 'required');
      assert.match(p.message, /`prompt`/);
      assert.equal(p.severity, 'error');
    });
  });

  describe('chant\'s quality heuristics', () => {
    it('complexity: criteria and files over the thresholds; words only when config.md turns that check on', async () => {
      const many = Array.from({ length: 11 }, (_, i) => `- [ ] c${i}`).join('\n');
      const words = Array.from({ length: 151 }, () => 'w').join(' ');
      const files = Array.from({ length: 6 }, (_, i) => `f${i}.ts`).join(', ');
      const specs = {
        [`specs/${A}.md`]: spec(`target_files: [${files}]`, `# T\n\n## Acceptance Criteria\n\n${many}\n`),
        [`specs/${B}.md`]: spec('type: code', `# T\n\n${words}\n`),
      };
      const { of } = await lint(specs);
      const a = only(of(`specs/${A}.md`), 'complexity');
      assert.deepEqual(a.map((p) => p.message.split(' ')[0]), ['11', 'Touches']);
      // chant's default `lint.disable` is [complexity_words]: no description-length warning.
      assert.equal(only(of(`specs/${B}.md`), 'complexity').length, 0);
      const on = await lint(specs, parseLintConfig('---\nlint:\n  disable: []\n---\n'));
      assert.match(one(on.of(`specs/${B}.md`), 'complexity').message, /153 words/);
    });

    it('thresholds and `lint.disable` as chant reads them: only complexity_words can be disabled', async () => {
      const config = parseLintConfig('---\nlint:\n  thresholds:\n    complexity_words: 2\n  disable: [coupling, modelwaste]\n---\n');
      assert.equal(config.thresholds.complexityWords, 2);
      assert.deepEqual([...config.disabled].sort(), ['coupling', 'modelwaste']);
      const { of } = await lint({ [`specs/${A}.md`]: spec('model: opus', `# T ${B}\n`) }, config);
      const problems = of(`specs/${A}.md`);
      // The list replaced the default, so the words check runs; coupling and model_waste cannot be switched off.
      assert.equal(only(problems, 'complexity').length, 1);
      assert.equal(only(problems, 'coupling').length, 1);
      assert.deepEqual([...parseLintConfig('---\nlint:\n  thresholds:\n    complexity_words: 2\n---\n').disabled], ['complexity_words']);
      assert.deepEqual([...parseLintConfig('---\nlint:\n  disable:\n---\n').disabled], []);
      // A value of the wrong type: chant falls back to every default.
      assert.equal(parseLintConfig('---\nlint:\n  disable: coupling\n  thresholds:\n    complexity_criteria: 3\n---\n'), DEFAULT_LINT_CONFIG);
      assert.equal(parseLintConfig('---\nlint:\n  thresholds:\n    complexity_words: ten\n    complexity_criteria: 3\n---\n'), DEFAULT_LINT_CONFIG);
    });

    it('coupling: IDs in the body outside fences; drivers exempt; members only for siblings', async () => {
      const body = `# T\n\nSee ${B} and [[${C}]], also ${A}.2 and ${B} again.\n\n\`\`\`\n${D}\n\`\`\`\n`;
      const { of } = await lint({
        [`specs/${A}.md`]: spec('type: code', body),
        [`specs/${B}.md`]: spec('type: driver', body),
        [`specs/${D}.1.md`]: spec('', `# T\n\n${D}.2 and ${B}\n`),
      });
      // One problem per spec, as chant reports it: at the first mention, naming every ID.
      const a = one(of(`specs/${A}.md`), 'coupling');
      assert.deepEqual(a.range, range(6, 4, 6, 22));
      assert.ok(a.message.includes(`\`${B}\`, \`${C}\``), a.message);
      assert.ok(!a.message.includes(`${A}.2`) && !a.message.includes(D), 'own member and fenced IDs are skipped');
      assert.equal(only(of(`specs/${B}.md`), 'coupling').length, 0);
      const member = one(of(`specs/${D}.1.md`), 'coupling');
      assert.deepEqual(member.range, range(6, 0, 6, 20));
      assert.match(member.message, /sibling/);
    });

    it('model_waste: an expensive model on a simple spec', async () => {
      const text = spec('model: claude-opus-4');
      const { of } = await lint({ [`specs/${A}.md`]: text, [`specs/${B}.md`]: spec('type: research\nmodel: opus\ninformed_by: [x]\ntarget_files: [y]') });
      assert.equal(textAt(text, one(of(`specs/${A}.md`), 'model_waste').range), 'model');
      assert.equal(only(of(`specs/${B}.md`), 'model_waste').length, 0);
    });
  });

  describe('scope', () => {
    it('archived and unloadable specs get only their file problems (chant lints neither)', async () => {
      const { of } = await lint({
        'archive/2026-01-01/2026-01-01-001-old.md': spec(`type: documentation\ndepends_on: [nope]`),
        [`specs/${A}.md`]: spec(`status: done\ndepends_on: [nope]`),
      });
      assert.deepEqual(of('archive/2026-01-01/2026-01-01-001-old.md').map((p) => p.code), []);
      assert.deepEqual(of(`specs/${A}.md`).map((p) => p.code), ['unknown-status']);
    });

    it('duplicate IDs (specs/ and archive/) are reported on the archived copy', async () => {
      const { of } = await lint({ [`specs/${A}.md`]: spec(''), [`archive/2026-02-01/${A}.md`]: spec('') });
      assert.equal(only(of(`specs/${A}.md`), 'duplicate-id').length, 0);
      assert.equal(one(of(`archive/2026-02-01/${A}.md`), 'duplicate-id').severity, 'info', 'archived: information');
    });

    it('keeps UTF-16 columns after astral and combining characters', async () => {
      const text = spec(`labels: [ünï, "😀"]\ndepends_on: [${B}]`, `# Tïtle 😀\n\n😀 e\u0301${C} 日本 ${C} [[${D}]]\n`);
      const { of } = await lint({ [`specs/${A}.md`]: text, [`specs/${B}.md`]: spec('') });
      const coupling = one(of(`specs/${A}.md`), 'coupling');
      // `é2026…` (e + combining acute) is not an ID (chant's \b is Unicode-aware); the other two are.
      assert.equal(textAt(text, coupling.range), C);
      assert.deepEqual(coupling.range, range(7, 27, 7, 45));
      assert.ok(coupling.message.includes(`\`${C}\`, \`${D}\``), coupling.message);
    });
  });

  it('lintReport gives 1-based positions in path order', async () => {
    const { ws } = await lint({ [`specs/${A}.md`]: spec(`depends_on: [nope]`), [`specs/${B}.md`]: spec('status: done') });
    const report = lintReport(ws.index);
    assert.deepEqual(report.map((r) => [r.specId, r.code, r.line, r.column, r.endLine, r.endColumn]), [
      [A, 'dependency', 2, 14, 2, 18],
      [B, 'unknown-status', 2, 9, 2, 13],
    ]);
  });
});

describe('incremental lint', () => {
  const serialize = (m: Map<string, SpecProblem[]>) => JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : 1)));

  /** Lints all, then applies edits batch by batch, re-linting only what the index's change names as affected; must equal a full lint. */
  async function checkSteps(initial: Record<string, string>, steps: ((ws: SpecWorkspace) => void)[]) {
    const ws = await SpecWorkspace.create(initial);
    void ws.index.lookup; // from now on the index names what each batch affected
    const cache = new Map<string, SpecProblem[]>();
    for (const s of ws.index.all()) cache.set(s.path, problemsForSpec(s, ws.index));
    for (const [i, step] of steps.entries()) {
      step(ws);
      const change = await ws.flush();
      const affected = change.projectsChanged ? undefined : change.affected;
      const paths = affected ?? new Set(ws.index.all().map((s) => s.path));
      for (const path of paths) {
        const s = ws.index.byPath(path);
        if (s) cache.set(path, problemsForSpec(s, ws.index));
        else cache.delete(path);
      }
      assert.equal(serialize(cache), serialize(lintAll(ws.index)), `step ${i}: incremental result differs from a full lint`);
    }
  }

  it('a removed dependency target, a new driver, a closed cycle, a duplicate', async () => {
    await checkSteps({
      [`specs/${A}.md`]: spec(`depends_on: [${B}]`),
      [`specs/${B}.md`]: spec(`depends_on: [${C}]`),
      [`specs/${C}.md`]: spec(''),
      [`specs/${D}.1.md`]: spec(''),
      [`specs/${D}.2.md`]: spec(''),
    }, [
      (ws) => ws.delete(`specs/${B}.md`),
      (ws) => ws.put(`specs/${B}.md`, spec(`depends_on: [${C}]`)),
      (ws) => ws.put(`specs/${D}.md`, spec(`type: driver\nmembers: [${D}.1]`)),
      (ws) => ws.put(`specs/${C}.md`, spec(`depends_on: [${A}]`)),
      (ws) => ws.put(`specs/${C}.md`, spec('status: done')),
      (ws) => ws.put(`archive/2026-02-01/${A}.md`, spec('')),
      (ws) => ws.delete(`specs/${A}.md`),
      (ws) => ws.delete(`specs/${D}.md`).put(`specs/${D}.3.md`, spec(`depends_on: [${D}.3]`)),
    ]);
  });

  it('random edits over a small project agree with a full lint at every step', async () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n; // the low bits of this generator cycle quickly
    };
    const ids = [A, B, C, D, `${A}.1`, `${A}.2`, `${D}.1`];
    const randomSpec = () => {
      const deps = Array.from({ length: rand(3) }, () => ids[rand(ids.length)]);
      const status = ['pending', 'completed', 'done', 'in_progress'][rand(4)];
      const members = rand(3) === 0 ? `\nmembers: [${ids[rand(ids.length)]}]` : '';
      return spec(`status: ${status}\ndepends_on: [${deps.join(', ')}]${members}`, `# T\n\nsee ${ids[rand(ids.length)]}\n`);
    };
    const initial: Record<string, string> = {};
    for (const id of ids.slice(0, 4)) initial[`specs/${id}.md`] = randomSpec();
    const steps = Array.from({ length: 150 }, () => (ws: SpecWorkspace) => {
      for (let k = rand(3) + 1; k > 0; k--) {
        const id = ids[rand(ids.length)];
        const where = rand(5) === 0 ? `archive/2026-02-01/${id}.md` : `specs/${id}.md`;
        if (rand(4) === 0) ws.delete(where);
        else ws.put(where, randomSpec());
      }
    });
    await checkSteps(initial, steps);
  });
});

describe('parseLintConfig', () => {
  it('falls back to chant\'s defaults for missing or malformed config', () => {
    assert.deepEqual(parseLintConfig(''), DEFAULT_LINT_CONFIG);
    assert.deepEqual(parseLintConfig('---\nlint: [\n---\n'), DEFAULT_LINT_CONFIG);
    // chant 0.23.2 drops the whole lint section when one threshold is invalid, not just that value.
    const c = parseLintConfig('---\nlint:\n  thresholds:\n    complexity_files: -1\n    complexity_criteria: 3\n---\n');
    assert.equal(c.thresholds.complexityFiles, 5);
    assert.equal(c.thresholds.complexityCriteria, 10);
  });
});


describe('lint config from config.md', () => {
  it('falls back to the defaults for YAML nested deeper than the parser can take, without crashing', () => {
    const hostile = `---\nlint: ${'['.repeat(5000)}\n---\n# config\n`;
    assert.deepEqual(parseLintConfig(hostile), DEFAULT_LINT_CONFIG);
  });
});
