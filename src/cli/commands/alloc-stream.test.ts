import { describe, expect, it } from 'vitest';
import { memoryIO } from '../io.js';
import { ByteWriter, copyTrimmed, lastLinesStart } from './alloc-stream.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('lastLinesStart', () => {
  it('finds where the last n lines start, a final newline ending the last line', () => {
    expect(lastLinesStart(bytes('a\nb\nc\n'), 2)).toBe(2);
    expect(lastLinesStart(bytes('a\nb\nc'), 2)).toBe(2);
    expect(lastLinesStart(bytes('a\nb\nc\n'), 0)).toBe(6);
  });

  it('is -1 when the bytes do not show where (n lines or fewer)', () => {
    expect(lastLinesStart(bytes('b\nc\n'), 2)).toBe(-1);
    expect(lastLinesStart(bytes(''), 1)).toBe(-1);
  });
});

describe('ByteWriter', () => {
  it('decodes characters split across chunks', () => {
    const io = memoryIO();
    const w = new ByteWriter(io.stdout);
    const euro = bytes('€\n');
    w.write(euro.subarray(0, 1));
    w.write(euro.subarray(1));
    w.end();
    expect(io.out()).toBe('€\n');
  });
});

describe('copyTrimmed', () => {
  it('keeps the last n lines of the first bytes, then passes the rest through', async () => {
    const io = memoryIO();
    async function* stream() {
      yield bytes('1\n2\n');
      yield bytes('3\n4\n');
      yield bytes('5\n');
    }
    await copyTrimmed(stream(), new ByteWriter(io.stdout), 2, 8);
    expect(io.out()).toBe('3\n4\n5\n');
  });

  it('trims what came once the stream goes quiet short of the first bytes', async () => {
    const io = memoryIO();
    let release = () => {};
    async function* stream() {
      yield bytes('1\n2\n3\n');
      await new Promise<void>((r) => (release = r));
      yield bytes('4\n');
    }
    const done = copyTrimmed(stream(), new ByteWriter(io.stdout), 1, 100, 20);
    while (io.out() === '') await new Promise((r) => setTimeout(r, 5));
    expect(io.out()).toBe('3\n');
    release();
    await done;
    expect(io.out()).toBe('3\n4\n');
  });
});
