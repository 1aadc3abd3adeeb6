// The pictures the graph webview drew this session, kept by the host: bounds and recency.
import * as assert from 'node:assert/strict';
import { PictureCache, type Picture } from '../../src/core/pictureCache';

const pic = (direction: string, look: string, svg: string): Picture => ({ direction, look, svg });

describe('PictureCache', () => {
  it('gives back the pictures of a text, newest first, one per direction and look', () => {
    const cache = new PictureCache<Picture>();
    assert.equal(cache.get('a'), undefined);
    cache.add('a', pic('LR', 'light', '<svg>1</svg>'));
    cache.add('a', pic('TD', 'light', '<svg>2</svg>'));
    cache.add('a', pic('LR', 'light', '<svg>3</svg>'));
    assert.deepEqual(cache.get('a')?.map((p) => p.svg), ['<svg>3</svg>', '<svg>2</svg>']);
    assert.equal(cache.size, '<svg>3</svg>'.length + '<svg>2</svg>'.length + 2 * 'a'.length);
    assert.equal(cache.get('b'), undefined);
  });

  it('keeps a few looks per text', () => {
    const cache = new PictureCache<Picture>();
    for (let k = 0; k < 6; k++) cache.add('a', pic('LR', `look${k}`, `<svg>${k}</svg>`));
    assert.deepEqual(cache.get('a')?.map((p) => p.look), ['look5', 'look4', 'look3', 'look2']);
    assert.equal(cache.size, 4 * ('<svg>0</svg>'.length + 1));
  });

  it('drops the least recently used text past its bounds, and never keeps a picture over the bound', () => {
    const cache = new PictureCache<Picture>(2, 100);
    cache.add('a', pic('LR', 'l', 'x'.repeat(10)));
    cache.add('b', pic('LR', 'l', 'x'.repeat(10)));
    cache.get('a'); // a is now the most recently used
    cache.add('c', pic('LR', 'l', 'x'.repeat(10)));
    assert.ok(cache.get('a'));
    assert.equal(cache.get('b'), undefined, 'over two texts: the least recently used goes');
    assert.ok(cache.get('c'));
    cache.add('d', pic('LR', 'l', 'x'.repeat(90)));
    assert.ok(cache.get('d'));
    assert.equal(cache.get('a'), undefined, 'over the characters: older texts go');
    assert.equal(cache.get('c'), undefined);
    assert.equal(cache.size, 91);
    cache.add('e', pic('LR', 'l', 'x'.repeat(200)));
    assert.equal(cache.get('e'), undefined, 'a picture alone over the bound is not kept');
    assert.ok(cache.get('d'));
  });
});
