// Path helpers (core paths are absolute with `/`) and the offset ↔ position map.

import assert from 'node:assert/strict';
import { dirName, isInside, joinPath, normalizePath, relativePath } from '../../src/core/paths';
import { LineMap, rangeAtLine } from '../../src/core/text';

describe('paths', () => {
  it('normalizePath turns backslashes into slashes and drops trailing slashes, keeping roots', () => {
    assert.equal(normalizePath('C:\\work\\repo\\'), 'C:/work/repo');
    assert.equal(normalizePath('/a/b///'), '/a/b');
    assert.equal(normalizePath('/'), '/');
    assert.equal(normalizePath('C:\\'), 'C:/');
    assert.equal(normalizePath('C:/'), 'C:/');
  });

  it('joinPath joins with single slashes', () => {
    assert.equal(joinPath('/ws/', '.chant', 'specs'), '/ws/.chant/specs');
    assert.equal(joinPath('/ws', '', 'a//b/'), '/ws/a/b');
    assert.equal(joinPath('C:\\ws', 'x'), 'C:/ws/x');
  });

  it('relativePath is relative only inside the base', () => {
    assert.equal(relativePath('/ws', '/ws/.chant/specs/A.md'), '.chant/specs/A.md');
    assert.equal(relativePath('/ws/', 'C:\\x'), 'C:/x');
    assert.equal(relativePath('/ws', '/wsx/a'), '/wsx/a');
    assert.equal(relativePath('C:\\ws', 'C:\\ws\\a\\b.md'), 'a/b.md');
  });

  it('dirName is the parent folder, roots included', () => {
    assert.equal(dirName('/ws/.chant/specs/A.md'), '/ws/.chant/specs');
    assert.equal(dirName('/ws'), '/');
    assert.equal(dirName('C:\\ws\\a.md'), 'C:/ws');
    assert.equal(dirName('C:/ws'), 'C:/');
  });

  it('isInside does not mistake a sibling with the same prefix', () => {
    assert.equal(isInside('/ws', '/ws'), true);
    assert.equal(isInside('/ws', '/ws/a'), true);
    assert.equal(isInside('/ws/', '/ws/a'), true);
    assert.equal(isInside('/ws', '/wsx/a'), false);
    assert.equal(isInside('C:\\ws', 'C:/ws/a'), true);
  });
});

describe('LineMap', () => {
  const text = 'ab\r\ncd\n\nxyz';
  const map = new LineMap(text);

  it('converts offsets to positions and back', () => {
    assert.equal(map.lineCount, 4);
    assert.deepEqual(map.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(map.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(map.positionAt(8), { line: 3, character: 0 });
    assert.deepEqual(map.positionAt(11), { line: 3, character: 3 });
    for (let o = 0; o <= text.length; o++) assert.equal(map.offsetAt(map.positionAt(o)), o);
  });

  it('clamps out-of-range offsets', () => {
    assert.deepEqual(map.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(map.positionAt(999), { line: 3, character: 3 });
  });

  it('gives line texts without their line break, CR included', () => {
    assert.deepEqual([0, 1, 2, 3].map((l) => map.lineText(l)), ['ab', 'cd', '', 'xyz']);
    assert.deepEqual(map.lineRange(0), rangeAtLine(0, 0, 2));
    assert.equal(map.lineText(9), '');
  });

  it('builds ranges from offsets', () => {
    assert.deepEqual(map.range(1, 5), { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
    assert.deepEqual(new LineMap('').positionAt(0), { line: 0, character: 0 });
  });
});
