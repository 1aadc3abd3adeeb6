// The graph's pictures kept across sessions: PictureCache written to one JSON file in the
// extension's storage for this workspace (never in the project), so that a graph restored after
// a window reload, or opened on an unchanged project the next day, shows without mermaid. Read
// once, bounded, each picture validated as if it came from the webview; written a moment after a
// new picture, to a temporary file renamed over the old one. Pictures of another version of the
// extension (another mermaid) are dropped.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { PictureCache, type Picture } from '../core/pictureCache';

/** Pictures kept on disk: the most recently used texts, up to these bounds. */
const STORED_TEXTS = 4;
const STORED_CHARS = 4_000_000;
/** A bigger file is not ours, or not worth reading. */
const MAX_FILE_BYTES = 2 * STORED_CHARS + 1_000_000;
const WRITE_DELAY_MS = 1000;

export class PictureStore<P extends Picture> {
  readonly cache = new PictureCache<P>();
  private loading: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string | undefined,
    /** Pictures of another version are dropped; a function is asked on the first read or write only. */
    private version: string | (() => string),
    private readonly parse: (x: unknown) => P | undefined,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  /** Reads the file once (later calls wait for that read); a missing or unreadable file leaves the cache empty. */
  load(): Promise<void> {
    this.loading ??= this.read();
    return this.loading;
  }

  add(text: string, picture: P): void {
    this.cache.add(text, picture);
    if (!this.file) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), WRITE_DELAY_MS);
  }

  /** Writes what is pending now. */
  flush(): Promise<void> {
    if (!this.timer || !this.file) return this.writing;
    clearTimeout(this.timer);
    this.timer = undefined;
    const file = this.file;
    const stored = new PictureCache<P>(STORED_TEXTS, STORED_CHARS);
    for (const [text, list] of this.cache.entries()) for (const p of [...list].reverse()) stored.add(text, p);
    const body = JSON.stringify({ version: this.versionNow(), entries: stored.entries() });
    this.writing = this.writing.then(async () => {
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        await fsp.mkdir(path.dirname(file), { recursive: true });
        await fsp.writeFile(tmp, body);
        await fsp.rename(tmp, file);
      } catch (e) {
        this.onError(`graph: could not keep its pictures in ${file}: ${e instanceof Error ? e.message : String(e)}`);
        await fsp.rm(tmp, { force: true }).catch(() => undefined);
      }
    });
    return this.writing;
  }

  private versionNow(): string {
    if (typeof this.version === 'function') this.version = this.version();
    return this.version;
  }

  private async read(): Promise<void> {
    if (!this.file) return;
    try {
      const stat = await fsp.stat(this.file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return;
      const data: unknown = JSON.parse(await fsp.readFile(this.file, 'utf8'));
      if (!isRecord(data) || data.version !== this.versionNow() || !Array.isArray(data.entries)) return;
      for (const entry of data.entries.slice(-STORED_TEXTS)) {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
        const text = entry[0];
        // Oldest first, so that the newest ends first as it was.
        for (const raw of [...(entry[1] as unknown[])].reverse()) {
          const picture = this.parse(raw);
          if (picture) this.cache.add(text, picture);
        }
      }
    } catch {
      // No file yet, or not one we wrote: nothing kept.
    }
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
