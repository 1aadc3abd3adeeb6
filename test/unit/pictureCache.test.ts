// The pictures the graph webview drew, kept by the host: bounds and recency, and on disk for the next session.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PictureCache, type Picture } from '../../src/core/pictureCache';
import { PictureStore } from '../../src/node/pictureStore';

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

describe('PictureStore', () => {
  const parse = (x: unknown): Picture | undefined => {
    const p = x as Partial<Picture> | null;
    return p && typeof p.direction === 'string' && typeof p.look === 'string' && typeof p.svg === 'string' && p.svg.startsWith('<svg') ? { direction: p.direction, look: p.look, svg: p.svg } : undefined;
  };
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chant-pictures-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the most recently used pictures for the next session of the same version', async () => {
    const file = path.join(dir, 'storage', 'graph-pictures.json');
    const store = new PictureStore<Picture>(file, 'v1', parse);
    await store.load();
    for (let k = 0; k < 6; k++) store.add(`text${k}`, pic('LR', 'light', `<svg>${k}</svg>`));
    store.add('text5', pic('TD', 'light', '<svg>5 TD</svg>'));
    store.cache.get('text1'); // used again: among the kept ones
    await store.flush();
    const next = new PictureStore<Picture>(file, 'v1', parse);
    await next.load();
    assert.deepEqual(next.cache.entries().map(([t, list]) => [t, list.map((p) => p.svg)]), [
      ['text3', ['<svg>3</svg>']], ['text4', ['<svg>4</svg>']], ['text5', ['<svg>5 TD</svg>', '<svg>5</svg>']], ['text1', ['<svg>1</svg>']],
    ]);
    const other = new PictureStore<Picture>(file, 'v2', parse);
    await other.load();
    assert.deepEqual(other.cache.entries(), [], 'another version drew them: none kept');
  });

  it('reads nothing from a file it did not write, and keeps nothing without a file', async () => {
    const file = path.join(dir, 'graph-pictures.json');
    for (const body of ['not json', JSON.stringify({ version: 'v1', entries: [['t', [{ direction: 'LR', look: 'l', svg: '<script>x</script>' }]], 5] })]) {
      fs.writeFileSync(file, body);
      const store = new PictureStore<Picture>(file, 'v1', parse);
      await store.load();
      assert.deepEqual(store.cache.entries(), [], body.slice(0, 20));
    }
    const none = new PictureStore<Picture>(undefined, 'v1', parse);
    await none.load();
    none.add('t', pic('LR', 'l', '<svg/>'));
    await none.flush();
    assert.equal(none.cache.entries().length, 1, 'kept in memory');
  });
});
