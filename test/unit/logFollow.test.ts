// Following a log for Show Log (src/core/logFollow.ts): appends read from the last offset only,
// truncation and rewrites shown again, the cap with the bytes left out, characters cut between
// reads; and the project reader over real files (links out of the project, a pipe, a file that
// is not there yet) through the node FileSystem port's bounded read.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completeUtf8Length, LogTail, projectFileReader, type LogReadResult, type ReadAt } from '../../src/core/logFollow';
import { nodeFileSystem } from '../../src/node/nodeFileSystem';

/** A file in memory that a test grows, truncates or removes; records every read. */
class FakeLog {
  data: Buffer | undefined = Buffer.alloc(0);
  readonly reads: { from: number; maxBytes: number }[] = [];
  readonly read: ReadAt = async (from, maxBytes): Promise<LogReadResult> => {
    this.reads.push({ from, maxBytes });
    if (!this.data) return { kind: 'missing' };
    const size = this.data.length;
    return size - from > maxBytes ? { kind: 'read', size } : { kind: 'read', size, bytes: new Uint8Array(this.data.subarray(Math.min(from, size))) };
  };
  append(text: string | Buffer): void {
    this.data = Buffer.concat([this.data ?? Buffer.alloc(0), typeof text === 'string' ? Buffer.from(text) : text]);
  }
}

describe('LogTail', () => {
  it('shows the file, then only what was appended, reading from the last offset', async () => {
    const log = new FakeLog();
    const start = `${'a'.repeat(100)}\nline 2\n`;
    log.append(start);
    const tail = new LogTail(log.read);
    assert.deepEqual(await tail.update(), { kind: 'replace', text: start, skippedBytes: 0 });
    assert.deepEqual(await tail.update(), { kind: 'unchanged' });
    log.append('line 3\n');
    log.reads.length = 0;
    assert.deepEqual(await tail.update(), { kind: 'append', text: 'line 3\n' });
    // Read from a few bytes before the old end (to recognise the file), never from the start.
    assert.equal(log.reads.length, 1);
    assert.ok(log.reads[0].from > 0 && log.reads[0].from >= start.length - 64, JSON.stringify(log.reads));
    log.append('partial');
    assert.deepEqual(await tail.update(), { kind: 'append', text: 'partial' });
  });

  it('shows a truncated file again from its start', async () => {
    const log = new FakeLog();
    log.append('first run, a long line of output\n');
    const tail = new LogTail(log.read);
    await tail.update();
    log.data = Buffer.from('new\n');
    assert.deepEqual(await tail.update(), { kind: 'replace', text: 'new\n', skippedBytes: 0 });
    log.append('more\n');
    assert.deepEqual(await tail.update(), { kind: 'append', text: 'more\n' });
  });

  it('recognises a file written anew that grew past the old offset between two reads', async () => {
    const log = new FakeLog();
    log.append('# Agent Log: A\nold output\n');
    const tail = new LogTail(log.read);
    await tail.update();
    log.data = Buffer.from('# Agent Log: A\nNEW output, longer than before\n');
    assert.deepEqual(await tail.update(), { kind: 'replace', text: '# Agent Log: A\nNEW output, longer than before\n', skippedBytes: 0 });
  });

  it('keeps the last maxBytes, from a whole line, and says how much is left out', async () => {
    const log = new FakeLog();
    const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')}\n`); // 9 bytes each
    log.append(lines.join(''));
    const tail = new LogTail(log.read, 105);
    const first = await tail.update();
    assert.equal(first.kind, 'replace');
    if (first.kind !== 'replace') return;
    // The last 105 bytes start mid-line: shown from the next line on; what precedes is counted.
    assert.equal(first.text, lines.slice(-11).join(''));
    assert.equal(first.skippedBytes, 900 - 99);
    // Appends that fit are appended; one that would take the view past the cap shows the tail again.
    log.append('x\n');
    assert.deepEqual(await tail.update(), { kind: 'append', text: 'x\n' });
    log.append('y'.repeat(50) + '\n');
    const again = await tail.update();
    assert.equal(again.kind, 'replace');
    if (again.kind === 'replace') {
      assert.ok(again.text.endsWith('y'.repeat(50) + '\n'));
      assert.ok(Buffer.byteLength(again.text) <= 105);
      assert.equal(again.skippedBytes + Buffer.byteLength(again.text), log.data!.length);
    }
  });

  it('holds back a character cut between two reads', async () => {
    const log = new FakeLog();
    const euro = Buffer.from('€'); // three bytes
    log.append(Buffer.concat([Buffer.from('a'), euro.subarray(0, 2)]));
    const tail = new LogTail(log.read);
    assert.deepEqual(await tail.update(), { kind: 'replace', text: 'a', skippedBytes: 0 });
    log.append(Buffer.concat([euro.subarray(2), Buffer.from('b')]));
    assert.deepEqual(await tail.update(), { kind: 'append', text: '€b' });
  });

  it('says when the file is missing, once, and shows it when it appears', async () => {
    const log = new FakeLog();
    log.data = undefined;
    const tail = new LogTail(log.read);
    assert.deepEqual(await tail.update(), { kind: 'missing' });
    assert.deepEqual(await tail.update(), { kind: 'unchanged' });
    log.append('started\n');
    assert.deepEqual(await tail.update(), { kind: 'replace', text: 'started\n', skippedBytes: 0 });
    log.data = undefined;
    assert.deepEqual(await tail.update(), { kind: 'missing' });
    log.append('again\n');
    assert.deepEqual(await tail.update(), { kind: 'replace', text: 'again\n', skippedBytes: 0 });
  });

  it('completeUtf8Length keeps whole characters only', () => {
    const b = (...x: number[]) => new Uint8Array(x);
    assert.equal(completeUtf8Length(b(0x61, 0x62)), 2);
    assert.equal(completeUtf8Length(b(0x61, 0xe2, 0x82)), 1); // € cut after two bytes
    assert.equal(completeUtf8Length(b(0x61, 0xe2, 0x82, 0xac)), 4);
    assert.equal(completeUtf8Length(b(0xf0, 0x9f, 0x98)), 0); // an emoji cut after three
    assert.equal(completeUtf8Length(b(0x61, 0xc3)), 1);
    assert.equal(completeUtf8Length(b(0x80, 0x80, 0x80, 0x80)), 4, 'stray continuation bytes are not held back');
  });
});

describe('projectFileReader over real files', () => {
  let dir: string;
  let root: string;
  let logPath: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'chant-logfollow-')));
    root = path.join(dir, 'project');
    fs.mkdirSync(path.join(root, '.chant', 'logs'), { recursive: true });
    logPath = path.join(root, '.chant', 'logs', 'A.log');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads from an offset, and follows appends and truncation through LogTail', async () => {
    const read = projectFileReader(nodeFileSystem, root, logPath);
    assert.deepEqual(await read(0, 100), { kind: 'missing' });
    fs.writeFileSync(logPath, 'hello\nworld\n');
    const r = await read(6, 100);
    assert.equal(r.kind, 'read');
    if (r.kind === 'read') {
      assert.equal(r.size, 12);
      assert.equal(Buffer.from(r.bytes!).toString(), 'world\n');
    }
    assert.deepEqual(await read(0, 5), { kind: 'read', size: 12, bytes: undefined }, 'more than asked: only the size');
    const tail = new LogTail(read);
    assert.deepEqual(await tail.update(), { kind: 'replace', text: 'hello\nworld\n', skippedBytes: 0 });
    fs.appendFileSync(logPath, 'again\n');
    assert.deepEqual(await tail.update(), { kind: 'append', text: 'again\n' });
    fs.truncateSync(logPath, 0);
    assert.deepEqual(await tail.update(), { kind: 'replace', text: '', skippedBytes: 0 });
    fs.appendFileSync(logPath, 'fresh\n');
    assert.deepEqual(await tail.update(), { kind: 'append', text: 'fresh\n' });
  });

  it('never reads through a link out of the project, the file\'s or its folder\'s', async () => {
    const outside = path.join(dir, 'secret.txt');
    fs.writeFileSync(outside, 'secret\n');
    fs.symlinkSync(outside, logPath);
    assert.deepEqual(await projectFileReader(nodeFileSystem, root, logPath)(0, 100), { kind: 'refused', reason: 'outside' });
    fs.rmSync(path.join(root, '.chant', 'logs'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.writeFileSync(path.join(dir, 'elsewhere', 'A.log'), 'secret\n');
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(root, '.chant', 'logs'));
    assert.deepEqual(await projectFileReader(nodeFileSystem, root, logPath)(0, 100), { kind: 'refused', reason: 'outside' });
    assert.deepEqual(await projectFileReader(nodeFileSystem, root, path.join(root, '..', 'secret.txt'))(0, 100), { kind: 'refused', reason: 'outside' });
  });

  it('follows a link inside the project, and refuses a pipe without waiting on it', async function () {
    fs.writeFileSync(path.join(root, 'real.log'), 'inside\n');
    fs.symlinkSync(path.join(root, 'real.log'), logPath);
    const r = await projectFileReader(nodeFileSystem, root, logPath)(0, 100);
    assert.equal(r.kind === 'read' && Buffer.from(r.bytes!).toString(), 'inside\n');
    if (process.platform === 'win32') return;
    fs.rmSync(logPath);
    execFileSync('mkfifo', [logPath]);
    assert.deepEqual(await projectFileReader(nodeFileSystem, root, logPath)(0, 100), { kind: 'refused', reason: 'not-file' });
  });
});
