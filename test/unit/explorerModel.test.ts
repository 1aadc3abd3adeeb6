// The Spec Explorer's groups as plain data (src/core/explorerModel.ts): which start collapsed.

import assert from 'node:assert/strict';
import { groupStartsCollapsed, LARGE_GROUP_SPECS, STATUS_GROUPS } from '../../src/core/explorerModel';

describe('groupStartsCollapsed', () => {
  const group = (key: string) => STATUS_GROUPS.find((g) => g.key === key)!;

  it('keeps the open groups open up to the large-group size, and collapses beyond it', () => {
    assert.equal(groupStartsCollapsed(group('ready'), 1), false);
    assert.equal(groupStartsCollapsed(group('ready'), LARGE_GROUP_SPECS), false);
    assert.equal(groupStartsCollapsed(group('ready'), LARGE_GROUP_SPECS + 1), true);
    assert.equal(groupStartsCollapsed(group('pending'), 5000), true);
  });

  it('keeps finished groups collapsed whatever their size', () => {
    for (const key of ['completed', 'cancelled', 'archived']) assert.equal(groupStartsCollapsed(group(key), 1), true, key);
    assert.equal(groupStartsCollapsed(group('drifted'), 1), false);
  });
});
