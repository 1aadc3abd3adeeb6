// Drawings kept for the session, by the text they were drawn from: the graph webview's mermaid
// pictures (src/webview/protocol.ts, GraphPicture), so that a graph shown again (the panel
// reopened, its tab shown again, an option switched back) is not laid out again. Bounded in
// number of texts and in characters; the least recently used text goes first.

export interface Picture {
  /** What the drawing depends on besides its text; a picture replaces one with the same of both. */
  direction: string;
  look: string;
  svg: string;
}

const PICTURES_PER_TEXT = 4;

export class PictureCache<P extends Picture> {
  /** In order of use: the first is the least recently used. */
  private readonly byText = new Map<string, P[]>();
  private chars = 0;

  constructor(private readonly maxTexts = 8, private readonly maxChars = 16_000_000) {}

  /** The pictures of `text`, most recent first (none: undefined); marks the text as used. */
  get(text: string): P[] | undefined {
    const list = this.byText.get(text);
    if (!list) return undefined;
    this.byText.delete(text);
    this.byText.set(text, list);
    return [...list];
  }

  /** Keeps `picture` of `text` unless it alone is over the bound, dropping the least recently used. */
  add(text: string, picture: P): void {
    const size = (p: P) => p.svg.length + text.length;
    if (size(picture) > this.maxChars) return;
    const old = this.byText.get(text) ?? [];
    for (const p of old) this.chars -= size(p);
    // One per direction and look, and a few looks (a user going through themes) per text.
    const list = [picture, ...old.filter((p) => p.direction !== picture.direction || p.look !== picture.look)].slice(0, PICTURES_PER_TEXT);
    for (const p of list) this.chars += size(p);
    this.byText.delete(text);
    this.byText.set(text, list);
    for (const [t, list] of this.byText) {
      if (this.byText.size <= this.maxTexts && this.chars <= this.maxChars) break;
      if (t === text) continue;
      this.byText.delete(t);
      for (const p of list) this.chars -= p.svg.length + t.length;
    }
  }

  /** Every text with its pictures, least recently used first (adding them in turn restores the order). */
  entries(): [string, P[]][] {
    return [...this.byText].map(([text, list]) => [text, [...list]]);
  }

  /** Characters held (for tests). */
  get size(): number {
    return this.chars;
  }
}
