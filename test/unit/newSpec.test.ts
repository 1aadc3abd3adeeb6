import * as assert from 'node:assert/strict';
import { freshSpecId, localDate, newSpecText, nextMemberId, randomSuffix, splitDescription } from '../../src/core/newSpec';
import { parseSpecText } from '../../src/core/spec';
import { STANDARD_ID } from '../../src/core/ids';

describe('new specs', () => {
  it('splits long descriptions like chant add: first newline or ". " after 80 characters', () => {
    assert.deepEqual(splitDescription('Short title'), { title: 'Short title', body: '' });
    const long = 'Add rate limiting to the login endpoint. Attackers can try passwords without limit and we saw 10k tries per minute.';
    assert.deepEqual(splitDescription(long), {
      title: 'Add rate limiting to the login endpoint',
      body: 'Attackers can try passwords without limit and we saw 10k tries per minute.',
    });
    const withNewline = `${'x'.repeat(85)}\nsecond line`;
    assert.deepEqual(splitDescription(withNewline), { title: 'x'.repeat(85), body: 'second line' });
  });

  it('writes a spec chant loads: pending code spec with the title and a criteria section', () => {
    const text = newSpecText({ description: 'Cache the session lookups', dependsOn: ['2026-01-10-001-aaa'] });
    const spec = parseSpecText({ path: '/p/.chant/specs/x.md', root: '/p', archived: false }, text);
    assert.equal(spec.loadable, true);
    assert.equal(spec.type, 'code');
    assert.equal(spec.status, 'pending');
    assert.equal(spec.title, 'Cache the session lookups');
    assert.deepEqual(spec.dependsOn.map((d) => d.value), ['2026-01-10-001-aaa']);
    assert.deepEqual(spec.criteria, { checked: 0, total: 1 });
    assert.deepEqual(spec.problems, []);
  });

  it('gives new IDs chant\'s grammar and the next base36 sequence of the day', () => {
    const now = new Date(2026, 0, 24, 15, 0, 0);
    assert.equal(localDate(now), '2026-01-24');
    const existing = ['2026-01-24-009-abc', '2026-01-24-002-xyz', '2026-01-23-0zz-old', '2026-01-24-009-abc.1'];
    let n = 0;
    const fixedRandom = () => [0.5, 0.1, 0.9][n++ % 3];
    const id = freshSpecId(now, existing, new Set(existing), fixedRandom);
    assert.match(id, STANDARD_ID);
    assert.equal(id.slice(0, 14), '2026-01-24-00a', '009 + 1 is 00a in base36');
    assert.equal(randomSuffix(() => 0.999).length, 3);
  });

  it('never returns an ID that is taken, even in the archive', () => {
    const now = new Date(2026, 0, 24);
    const taken = new Set(['2026-01-24-001-aaa']);
    let calls = 0;
    const random = () => (calls++ < 3 ? 0 : 0.5); // first candidate 2026-01-24-001-000 is free anyway
    const id = freshSpecId(now, [], taken, random);
    assert.ok(!taken.has(id));
    const clash = new Set(['2026-01-24-001-000']);
    let k = 0;
    const id2 = freshSpecId(now, [], clash, () => (k++ < 3 ? 0 : 0.7));
    assert.equal(id2, '2026-01-24-001-ppp');
  });

  it('numbers a new member after the highest direct member', () => {
    const ids = ['D', 'D.1', 'D.2', 'D.2.1', 'D.10', 'Dx.11', 'D.foo'];
    assert.equal(nextMemberId('D', ids), 'D.11');
    assert.equal(nextMemberId('D.2', ids), 'D.2.2');
    assert.equal(nextMemberId('E', ids), 'E.1');
  });
});
