import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RotatingLogWriter } from './rotating-writer.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RotatingLogWriter', () => {
  it('rotates at the size limit and keeps only the newest maxFiles', () => {
    dir = mkdtempSync(join(tmpdir(), 'logmon-'));
    const w = new RotatingLogWriter(join(dir, 'web.stdout'), 3, 10);
    w.write('0123456789abcdefghij');
    w.write('KLMNOPQRSTuvwxy');
    w.close();
    expect(readdirSync(dir).sort()).toEqual(['web.stdout.1', 'web.stdout.2', 'web.stdout.3']);
    expect(readFileSync(join(dir, 'web.stdout.1'), 'utf8')).toBe('abcdefghij');
    expect(readFileSync(join(dir, 'web.stdout.2'), 'utf8')).toBe('KLMNOPQRST');
    expect(readFileSync(join(dir, 'web.stdout.3'), 'utf8')).toBe('uvwxy');
  });

  it('continues the highest file after a reopen', () => {
    dir = mkdtempSync(join(tmpdir(), 'logmon-'));
    const a = new RotatingLogWriter(join(dir, 't.stderr'), 5, 8);
    a.write('abcdefghij');
    a.close();
    const b = new RotatingLogWriter(join(dir, 't.stderr'), 5, 8);
    expect(b.currentPath()).toBe(join(dir, 't.stderr.1'));
    b.write('klmnopq');
    b.close();
    expect(readFileSync(join(dir, 't.stderr.1'), 'utf8')).toBe('ijklmnop');
    expect(readFileSync(join(dir, 't.stderr.2'), 'utf8')).toBe('q');
  });
});
