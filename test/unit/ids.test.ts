// chant's ID rules (chant-format.md §3): driver/member relations, ordering, short-ID resolution,
// the next generated ID, and the guard against hostile IDs.

import assert from 'node:assert/strict';
import {
  compareSpecIds, driverIdOf, isMemberOf, isSafeId, isStandardId, memberNumberOf, nextSpecId, parentIdOf,
  resolveShortId, shortId, sortIds,
} from '../../src/core/ids';

const X = '2026-01-25-00y-abc';

describe('ids', () => {
  describe('driverIdOf (chant extract_driver_id)', () => {
    it('is the text before the first dot when a digit follows it', () => {
      assert.equal(driverIdOf(`${X}.1`), X);
      assert.equal(driverIdOf(`${X}.12`), X);
      assert.equal(driverIdOf(`${X}.1a`), X);
      assert.equal(driverIdOf('002-driver-churn-fixes.3'), '002-driver-churn-fixes');
    });

    it('of a nested member is the top-level driver, not the intermediate one', () => {
      assert.equal(driverIdOf(`${X}.2.1`), X);
    });

    it('is undefined for non-members', () => {
      assert.equal(driverIdOf(X), undefined);
      assert.equal(driverIdOf(`${X}.foo`), undefined);
      assert.equal(driverIdOf(`${X}.`), undefined);
      assert.equal(driverIdOf('a.b.1'), undefined); // only the first dot counts
      assert.equal(driverIdOf('001-risky-refactor'), undefined);
    });
  });

  describe('memberNumberOf (chant extract_member_number)', () => {
    it('is the first numeric run after the first dot', () => {
      assert.equal(memberNumberOf(`${X}.1`), 1);
      assert.equal(memberNumberOf(`${X}.10`), 10);
      assert.equal(memberNumberOf(`${X}.3.2`), 3);
      assert.equal(memberNumberOf(`${X}.12abc`), 12);
    });

    it('is undefined without a number right after the first dot', () => {
      assert.equal(memberNumberOf(X), undefined);
      assert.equal(memberNumberOf(`${X}.abc`), undefined);
      assert.equal(memberNumberOf('a.b.1'), undefined);
    });
  });

  describe('isMemberOf (chant is_member_of: prefix, a dot, one more character)', () => {
    it('X.2.1 is a member of both X and X.2', () => {
      assert.equal(isMemberOf(`${X}.2.1`, X), true);
      assert.equal(isMemberOf(`${X}.2.1`, `${X}.2`), true);
    });

    it('X.foo is a member of X', () => {
      assert.equal(isMemberOf(`${X}.foo`, X), true);
    });

    it('rejects the spec itself, a bare trailing dot, other prefixes and the reverse', () => {
      assert.equal(isMemberOf(X, X), false);
      assert.equal(isMemberOf(`${X}.`, X), false);
      assert.equal(isMemberOf(`${X}x.1`, X), false);
      assert.equal(isMemberOf(`${X}.2`, `${X}.2.1`), false);
      assert.equal(isMemberOf('2026-01-25-00y-abd.1', X), false);
    });
  });

  describe('parentIdOf (tree nesting)', () => {
    it('nests X.2.1 under X.2 when it exists, else under X', () => {
      assert.equal(parentIdOf(`${X}.2.1`, (id) => id === X || id === `${X}.2`), `${X}.2`);
      assert.equal(parentIdOf(`${X}.2.1`, (id) => id === X), X);
      assert.equal(parentIdOf(`${X}.2.1`, () => false), undefined);
      assert.equal(parentIdOf(X, () => true), undefined);
    });
  });

  describe('compareSpecIds (chant compare_spec_ids)', () => {
    const sorted = (ids: string[]) => [...ids].sort(compareSpecIds);

    it('orders by date first', () => {
      assert.ok(compareSpecIds('2026-01-25-00z-aaa', '2026-01-26-001-aaa') < 0);
      assert.ok(compareSpecIds('2027-01-01-001-aaa', '2026-12-31-zzz-zzz') > 0);
    });

    it('compares the base36 sequence numerically: 00a after 009, 010 after 00z', () => {
      assert.ok(compareSpecIds('2026-01-25-00a-aaa', '2026-01-25-009-zzz') > 0);
      assert.ok(compareSpecIds('2026-01-25-010-aaa', '2026-01-25-00z-zzz') > 0);
      assert.ok(compareSpecIds('2026-01-25-0zz-aaa', '2026-01-25-100-aaa') < 0);
      assert.deepEqual(
        sorted(['2026-01-25-010-a1b', '2026-01-25-00z-c2d', '2026-01-25-00a-e3f', '2026-01-25-009-g4h']),
        ['2026-01-25-009-g4h', '2026-01-25-00a-e3f', '2026-01-25-00z-c2d', '2026-01-25-010-a1b'],
      );
    });

    it('breaks sequence ties by the random suffix', () => {
      assert.ok(compareSpecIds('2026-01-25-001-abc', '2026-01-25-001-abd') < 0);
      assert.equal(compareSpecIds(X, X), 0);
    });

    it('puts a driver before its members, and members by number (.2 before .10)', () => {
      assert.ok(compareSpecIds(X, `${X}.1`) < 0);
      assert.ok(compareSpecIds(`${X}.1`, X) > 0);
      assert.ok(compareSpecIds(`${X}.2`, `${X}.10`) < 0);
      assert.deepEqual(sorted([`${X}.10`, `${X}.2`, X, `${X}.1`]), [X, `${X}.1`, `${X}.2`, `${X}.10`]);
    });

    it('members of an earlier driver come before a later spec', () => {
      assert.ok(compareSpecIds(`${X}.9`, '2026-01-25-00z-aaa') < 0);
      assert.ok(compareSpecIds(`${X}.9`, '2026-01-25-010-aaa') < 0);
    });

    it('calls X.2 and X.2.1 equal, as chant does', () => {
      assert.equal(compareSpecIds(`${X}.2`, `${X}.2.1`), 0);
    });

    it('falls back to string order for non-standard IDs, still with drivers before members', () => {
      assert.ok(compareSpecIds('001-risky-refactor', '002-approved-feature') < 0);
      assert.deepEqual(
        sorted(['002-driver.10', '002-driver.2', '002-driver', '001-research', '002-driver.1']),
        ['001-research', '002-driver', '002-driver.1', '002-driver.2', '002-driver.10'],
      );
    });

    it('sortIds adds a stable tie-break: X.2 before X.2.1', () => {
      assert.deepEqual(sortIds([`${X}.2.1`, `${X}.3`, `${X}.2`, X]), [X, `${X}.2`, `${X}.2.1`, `${X}.3`]);
    });
  });

  describe('resolveShortId (chant resolve_spec)', () => {
    const today = '2026-03-01';
    const ids = ['2026-03-01-001-abc', '2026-03-01-002-xyz', '2026-02-28-001-abc', '2026-02-28-00a-q7k', '2026-03-01-00a-z9z', '2026-03-01-002-xyz.1'];

    it('1. an exact match wins over everything', () => {
      assert.deepEqual(resolveShortId('2026-03-01-002-xyz', ids, today), { kind: 'found', id: '2026-03-01-002-xyz' });
      assert.deepEqual(resolveShortId('a-1', ['a-1', 'b-a-1'], today), { kind: 'found', id: 'a-1' });
    });

    it('2. a unique suffix', () => {
      assert.deepEqual(resolveShortId('q7k', ids, today), { kind: 'found', id: '2026-02-28-00a-q7k' });
      assert.deepEqual(resolveShortId('xyz.1', ids, today), { kind: 'found', id: '2026-03-01-002-xyz.1' });
    });

    it('3. three characters: a unique sequence of today', () => {
      // `00a` ends no ID; two contain it, but only one is today's.
      assert.deepEqual(resolveShortId('00a', ids, today), { kind: 'found', id: '2026-03-01-00a-z9z' });
      assert.deepEqual(resolveShortId('00a', ids, '2026-02-28'), { kind: 'found', id: '2026-02-28-00a-q7k' });
    });

    it('4. a unique substring', () => {
      assert.deepEqual(resolveShortId('02-28-00a', ids, today), { kind: 'found', id: '2026-02-28-00a-q7k' });
    });

    it('5. several substring matches are ambiguous, listing them', () => {
      const r = resolveShortId('abc', ids, today);
      assert.deepEqual(r, { kind: 'ambiguous', matches: ['2026-03-01-001-abc', '2026-02-28-001-abc'] });
      assert.equal(resolveShortId('2026', ids, today).kind, 'ambiguous');
    });

    it('6. otherwise missing', () => {
      assert.deepEqual(resolveShortId('nope', ids, today), { kind: 'missing' });
      assert.deepEqual(resolveShortId('001', [], today), { kind: 'missing' });
    });
  });

  describe('nextSpecId (chant generate_id)', () => {
    const d = '2026-03-01';

    it('starts at 001 for a new day and appends the random part', () => {
      assert.equal(nextSpecId(d, [], 'k3x'), '2026-03-01-001-k3x');
      assert.equal(nextSpecId(d, ['2026-02-28-009-aaa'], 'k3x'), '2026-03-01-001-k3x');
    });

    it('is the base36 max + 1 over that date: 009 → 00a, 00z → 010, zzz → 1000', () => {
      assert.equal(nextSpecId(d, ['2026-03-01-001-aaa', '2026-03-01-009-bbb', '2026-03-01-002-ccc'], 'r4n'), '2026-03-01-00a-r4n');
      assert.equal(nextSpecId(d, ['2026-03-01-00z-aaa'], 'r4n'), '2026-03-01-010-r4n');
      assert.equal(nextSpecId(d, ['2026-03-01-zzz-aaa'], 'r4n'), '2026-03-01-1000-r4n');
    });

    it('counts member files too (chant reads every DATE-SSS-XXX[.N].md name)', () => {
      assert.equal(nextSpecId(d, ['2026-03-01-001-aaa', '2026-03-01-004-bbb.2'], 'r4n'), '2026-03-01-005-r4n');
    });

    it('ignores non-standard names', () => {
      assert.equal(nextSpecId(d, ['001-risky-refactor', '2026-03-01-0A1-aaa', 'notes'], 'r4n'), '2026-03-01-001-r4n');
    });
  });

  describe('isSafeId (IDs passed to the CLI as arguments)', () => {
    it('accepts the IDs chant writes and the examples use', () => {
      for (const id of [X, `${X}.2`, `${X}.2.1`, '001-risky-refactor', '002-driver-churn-fixes.3', 'ABC_1', 'v1.2']) {
        assert.equal(isSafeId(id), true, id);
      }
    });

    it('refuses IDs that a shell, the CLI or a path would read as something else', () => {
      const hostile = [
        'x;touch PWNED;', '$(touch PWNED)', '`touch PWNED`', 'a|b', 'a&&b', '--help', '-x', '.hidden', '../x', 'a/../b',
        'a/b', 'a\\b', '..', 'a..b', 'a b', "a'b", 'a"b', 'a\nb', 'a\rb', 'a\tb', 'a\0b', '', 'é', '*', 'a*', 'x'.repeat(201),
      ];
      for (const id of hostile) assert.equal(isSafeId(id), false, JSON.stringify(id));
    });
  });

  it('isStandardId follows the practical regex', () => {
    assert.equal(isStandardId(X), true);
    assert.equal(isStandardId(`${X}.2.1`), true);
    assert.equal(isStandardId('2026-01-25-0010-abc'), true);
    assert.equal(isStandardId('2026-01-25-00Y-abc'), false);
    assert.equal(isStandardId('001-risky-refactor'), false);
    assert.equal(isStandardId(`${X}.foo`), false);
  });

  it('shortId keeps sequence, suffix and member part of standard IDs', () => {
    assert.equal(shortId(`${X}.2`), '00y-abc.2');
    assert.equal(shortId('001-risky-refactor'), '001-risky-refactor');
  });
});
