// Single hostile inputs, each checked where it is handled: loops bounded by the input's size,
// glob expansion bounded before anything is expanded, files outside the project never read,
// special files never waited on, control characters kept from the terminal. The generated
// suite (test/hostile) runs thousands of these through the headless commands.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { braceCount, compilePattern, MAX_ALTERNATIVES } from '../../src/core/drift/patterns';
import { earlierSiblingNumbers } from '../../src/core/ids';
import { computeRelations } from '../../src/core/relations';
import { parseSpecText } from '../../src/core/spec';
import { describeBlockReason, SpecIndex } from '../../src/core/specIndex';
import { orderPredecessors } from '../../src/core/graph';
import { readLintConfig } from '../../src/core/lint';
import { iconLabelText, markdownCode, markdownText, notificationText } from '../../src/core/text';
import { notesLensTitle } from '../../src/core/drift/notes';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';
import { terminalJson, terminalText } from '../../src/node/terminal';

const ROOT = '/p';
const specAt = (id: string, yaml = 'status: pending') => parseSpecText({ path: `${ROOT}/.chant/specs/${id}.md`, root: ROOT, archived: false }, `---\n${yaml}\n---\n# ${id}\n`);

describe('hostile inputs', () => {
  describe('numbers that drive loops', () => {
    it('earlier siblings: the smaller of N and the IDs, whatever N is', () => {
      const ids = new Map([['d.1', 1], ['d.3', 1], ['d.10', 1], ['d.010', 1], ['e.2', 1]]);
      assert.deepEqual(earlierSiblingNumbers('d', 5, ids), [1, 3]);
      assert.deepEqual(earlierSiblingNumbers('d', 1e300, ids), [1, 3, 10]);
      assert.deepEqual(earlierSiblingNumbers('d', Infinity, ids), [1, 3, 10]);
    });

    it('a member numbered 10^200 costs no more than its project', () => {
      const huge = '1' + '0'.repeat(200);
      const specs = [specAt('d', 'type: driver\nstatus: pending'), specAt('d.1'), specAt(`d.${huge}`), specAt(`x.${huge}`)];
      const t0 = Date.now();
      const rel = computeRelations(specs);
      const member = rel.get(`${ROOT}/.chant/specs/d.${huge}.md`)!;
      assert.ok(Date.now() - t0 < 2000);
      assert.equal(member.ready, false);
      // chant lists every missing sibling; a run this long is one reason.
      const missing = member.workBlockedBy.filter((r) => r.kind === 'sibling' && r.state === 'missing');
      assert.equal(missing.length, 1);
      assert.match(describeBlockReason(missing[0]), /earlier members d\.2 … d\.\S+ are missing/);
      assert.ok(member.workBlockedBy.some((r) => r.kind === 'sibling' && r.id === 'd.1' && r.state === 'unfinished'));
      const active = new Map(specs.map((s) => [s.id, s]));
      assert.deepEqual(orderPredecessors(specs[2], active), ['d.1']);
    });

    it('a few missing siblings are still listed one by one, as chant lists them', () => {
      const rel = computeRelations([specAt('d', 'type: driver\nstatus: pending'), specAt('d.4')]);
      const ids = rel.get(`${ROOT}/.chant/specs/d.4.md`)!.workBlockedBy.filter((r) => r.kind === 'sibling').map((r) => r.kind === 'sibling' && r.id);
      assert.deepEqual(ids, ['d.1', 'd.2', 'd.3']);
    });
  });

  describe('glob expansion', () => {
    it('counts alternatives without expanding them', () => {
      assert.equal(braceCount('{a,b}'.repeat(40)), 2 ** 40);
      assert.equal(braceCount('{1..99999999}'), 99999999);
      assert.equal(braceCount('x{a,{b,c}}y{1..3}'), 9);
      assert.equal(braceCount('\\{a,b}'), 1);
    });

    it('a 100-character entry that would expand to millions is a note on that entry, at once', () => {
      for (const raw of ['{a,b}'.repeat(20), 'src/{1..99999999}/x', '{a..z}'.repeat(6), `{${'{a,b,c}'.repeat(10)}}`]) {
        const t0 = Date.now();
        const p = compilePattern(raw);
        assert.ok(Date.now() - t0 < 200, raw);
        assert.deepEqual(p.notes.map((n) => n.kind), ['too-complex'], raw);
        assert.ok(!p.matches('src/1/x'));
      }
      assert.equal(compilePattern('{a,b}'.repeat(8)).alternatives.length, 256);
      assert.equal(MAX_ALTERNATIVES, 256);
    });

    it('refuses entries that leave the project, with a note', () => {
      for (const raw of ['../**', 'a/../../x', '..', '/etc/**']) {
        const p = compilePattern(raw, (abs) => (abs.startsWith('/p/') ? abs.slice(3) : `../..${abs}`));
        assert.deepEqual(p.notes.map((n) => n.kind), ['outside'], raw);
        assert.deepEqual(p.bases, [], raw);
      }
      assert.deepEqual(compilePattern('{src,../x}/**').notes.map((n) => n.kind), ['outside']);
    });

    it('control characters and slow globs are notes, never a thrown error or a slow match', () => {
      assert.deepEqual(compilePattern('a\u0000b').notes.map((n) => n.kind), ['too-complex']);
      const slow = compilePattern('g/a*a*a*a*b');
      assert.deepEqual(slow.notes.map((n) => n.kind), ['too-complex']);
      const t0 = Date.now();
      assert.ok(!slow.matches(`g/${'a'.repeat(240)}`));
      assert.ok(Date.now() - t0 < 50);
    });
  });

  describe('files', () => {
    let dir: string;
    let outside: string;
    beforeEach(() => {
      dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-hostile-unit-')));
      outside = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-hostile-outside-'));
      fs.mkdirSync(path.join(dir, '.chant', 'specs'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.chant', 'specs', '2026-01-01-001-abc.md'), '---\nstatus: pending\n---\n# Inside\n');
      fs.writeFileSync(path.join(outside, '2026-01-01-002-out.md'), '---\nstatus: pending\n---\n# Outside\n');
      fs.writeFileSync(path.join(outside, 'config.md'), '---\nproject:\n  name: stolen\n---\n');
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    });

    it('config.md as a pipe or a device is never waited on or read', async function () {
      this.timeout(10_000);
      execFileSync('mkfifo', [path.join(dir, '.chant', 'config.md')]);
      const index = new SpecIndex(nodeFileSystem);
      await index.setFolders([dir]);
      assert.equal(index.projects()[0].name, path.basename(dir));
      assert.ok(await readLintConfig(nodeFileSystem, dir));
      fs.rmSync(path.join(dir, '.chant', 'config.md'));
      fs.symlinkSync('/dev/zero', path.join(dir, '.chant', 'config.md'));
      await index.rediscover();
      assert.equal(index.projects()[0].name, path.basename(dir));
      await assert.rejects(nodeFileSystem.readFile('/dev/zero'), /not a regular file/);
    });

    it('spec folders, spec files and config.md linked out of the project are not read', async () => {
      fs.symlinkSync(outside, path.join(dir, '.chant', 'specs', 'linked'));
      fs.symlinkSync(path.join(outside, '2026-01-01-002-out.md'), path.join(dir, '.chant', 'specs', '2026-01-01-003-lnk.md'));
      fs.symlinkSync(path.join(outside, 'config.md'), path.join(dir, '.chant', 'config.md'));
      fs.symlinkSync('/', path.join(dir, 'root'));
      const index = new SpecIndex(nodeFileSystem);
      await index.setFolders([dir]);
      assert.deepEqual(index.all().map((s) => s.id), ['2026-01-01-001-abc']);
      assert.notEqual(index.projects()[0].name, 'stolen');
      assert.deepEqual(index.projects().map((p) => p.root), [dir]);
      // A link made later, reported by the watcher, is not read either.
      fs.symlinkSync(path.join(outside, '2026-01-01-002-out.md'), path.join(dir, '.chant', 'specs', '2026-01-01-004-new.md'));
      await index.applyChanges([{ kind: 'created', path: `${dir}/.chant/specs/2026-01-01-004-new.md` }]);
      assert.deepEqual(index.all().map((s) => s.id), ['2026-01-01-001-abc']);
    });
  });

  describe('text from files', () => {
    it('terminal output drops control characters; JSON escapes them', () => {
      const title = 'a\u001b]0;x\u0007b\u009b31m\u202ec\td\n';
      assert.equal(terminalText(title), 'a]0;xb31mc\td\n');
      const json = terminalJson({ title });
      assert.equal(terminalText(json), json);
      assert.deepEqual(JSON.parse(json), { title });
    });

    it('Markdown from spec data escapes markup and line breaks', () => {
      assert.equal(markdownText('[x](command:evil) **b**\n# h'), '\\[x\\](command:evil) \\*\\*b\\*\\* # h');
      assert.equal(markdownCode('a`b\u001bc'), '`a\'bc`');
    });

    it('notification text keeps a forged link as text', () => {
      // How VS Code finds the links it draws in a notification's message (`[label](target "title")`).
      const links = (s: string) => [...s.matchAll(/\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi)].length;
      const forged = ['[Run](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)', 'see [docs](https://example.com "t") and [f](file:///etc/passwd)', 'a ]( b [c](command:x)'];
      for (const s of forged) {
        assert.ok(links(s) > 0, `the case is a link before: ${s}`);
        assert.equal(links(notificationText(s)), 0, s);
        assert.equal(notificationText(s).replace(/\u2060/g, ''), s, 'the same text, an invisible character added');
      }
      assert.equal(notificationText('plain [x] (y) text'), 'plain [x] (y) text');
    });

    it('labels with icons keep `$(name)` from a title as text', () => {
      assert.equal(iconLabelText('Print $(date) and $(sync~spin)'), 'Print \\$(date) and \\$(sync~spin)');
      assert.equal(iconLabelText('already \\$(x)'), 'already \\$(x)', 'escaped once');
      assert.equal(iconLabelText('$(git rev-parse HEAD) and $() and $(a.b)'), '$(git rev-parse HEAD) and $() and $(a.b)', 'no icon name: left as it is');
      // The quiet drift lens quotes a note, which quotes frontmatter: only its own icon is one.
      const lens = notesLensTitle('commits: $(bug) is not a commit here', 1);
      assert.ok(lens.startsWith('$(info) ') && lens.includes('\\$(bug)'), lens);
    });
  });
});
