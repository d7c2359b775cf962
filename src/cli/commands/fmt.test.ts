import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormatHCL } from '../formatter-port.js';
import { memoryIO } from '../io.js';
import { main } from '../main.js';

/** Puts spaces around "=", and refuses text containing "!!". */
const fakeFormat: FormatHCL = (src, filename) =>
  src.includes('!!')
    ? { errors: [`${filename}:1,1-3: Invalid character; This character is not used here.`] }
    : { out: src.replace(/ *= */g, ' = '), errors: [] };

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-fmt-'));
  for (const [name, src] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), src);
  }
  return dir;
}

async function fmt(args: string[], cwd: string, stdin?: string) {
  const io = memoryIO({ cwd, formatHCL: fakeFormat, ...(stdin === undefined ? {} : { stdin }) });
  const code = await main(['fmt', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('caravan fmt', () => {
  it('rewrites and lists unformatted .nomad and .hcl files in the current directory', async () => {
    const dir = tree({
      'a.nomad': 'x=1\n',
      'b.hcl': 'y = 2\n',
      'c.nomad.hcl': 'z=3\n',
      'd.txt': 'w=4\n',
      'sub/e.hcl': 'v=5\n',
    });
    expect(await fmt([], dir)).toEqual({ code: 0, out: 'a.nomad\nc.nomad.hcl\n', err: '' });
    expect(read(dir, 'a.nomad')).toBe('x = 1\n');
    expect(read(dir, 'c.nomad.hcl')).toBe('z = 3\n');
    expect(read(dir, 'd.txt')).toBe('w=4\n');
    expect(read(dir, 'sub/e.hcl')).toBe('v=5\n');
  });

  it('descends into subdirectories with -recursive', async () => {
    const dir = tree({ 'a.hcl': 'x=1\n', 'sub/deeper/e.hcl': 'v=5\n', 'sub/f.nomad': 'ok = 1\n' });
    expect(await fmt(['-recursive', '.'], dir)).toEqual({
      code: 0,
      out: 'a.hcl\nsub/deeper/e.hcl\n',
      err: '',
    });
    expect(read(dir, 'sub/deeper/e.hcl')).toBe('v = 5\n');
  });

  it('names files under the directory given', async () => {
    const dir = tree({ 'jobs/a.hcl': 'x=1\n' });
    expect(await fmt(['jobs'], dir)).toEqual({ code: 0, out: 'jobs/a.hcl\n', err: '' });
  });

  it('-check lists files that need formatting, writes nothing, exit 1', async () => {
    const dir = tree({ 'a.hcl': 'x=1\n', 'b.hcl': 'y = 2\n' });
    expect(await fmt(['-check'], dir)).toEqual({ code: 1, out: 'a.hcl\n', err: '' });
    expect(read(dir, 'a.hcl')).toBe('x=1\n');
  });

  it('-check exits 0 when everything is formatted', async () => {
    const dir = tree({ 'b.hcl': 'y = 2\n' });
    expect(await fmt(['-check'], dir)).toEqual({ code: 0, out: '', err: '' });
  });

  it('-write=false only lists', async () => {
    const dir = tree({ 'a.hcl': 'x=1\n' });
    expect(await fmt(['-write=false', 'a.hcl'], dir)).toEqual({ code: 0, out: 'a.hcl\n', err: '' });
    expect(read(dir, 'a.hcl')).toBe('x=1\n');
  });

  it('-list=false -write=false prints the formatted files', async () => {
    const dir = tree({ 'a.hcl': 'x=1\n', 'b.hcl': 'y = 2\n' });
    expect(await fmt(['-list=false', '-write=false'], dir)).toEqual({
      code: 0,
      out: 'x = 1\ny = 2\n',
      err: '',
    });
  });

  it('formats stdin to stdout for "-"', async () => {
    const dir = tree({});
    expect(await fmt(['-'], dir, 'a=1\n')).toEqual({ code: 0, out: 'a = 1\n', err: '' });
  });

  it('reports syntax errors, leaves the file alone, exit 1', async () => {
    const dir = tree({ 'bad.hcl': 'x=!!\n', 'a.hcl': 'x=1\n' });
    expect(await fmt([], dir)).toEqual({
      code: 1,
      out: 'a.hcl\n',
      err: 'bad.hcl:1,1-3: Invalid character; This character is not used here.\n',
    });
    expect(read(dir, 'bad.hcl')).toBe('x=!!\n');
  });

  it('reports missing paths and other files, exit 1', async () => {
    const dir = tree({ 'notes.txt': '' });
    expect(await fmt(['missing.hcl', 'notes.txt'], dir)).toEqual({
      code: 1,
      out: '',
      err:
        '2 errors occurred:\n\t* No file or directory at missing.hcl\n' +
        '\t* Only .nomad and .hcl files can be processed using caravan fmt\n\n\n' +
        "For additional help try 'caravan fmt -help'\n",
    });
  });

  it('reports one error with the one-error wording', async () => {
    const dir = tree({});
    expect(await fmt(['nope'], dir)).toEqual({
      code: 1,
      out: '',
      err:
        '1 error occurred:\n\t* No file or directory at nope\n\n\n' +
        "For additional help try 'caravan fmt -help'\n",
    });
  });

  it('rejects a bad bool value with the Go flag error', async () => {
    const r = await fmt(['-check=maybe'], tree({}));
    expect(r.code).toBe(1);
    expect(r.err).toBe('invalid boolean value "maybe" for -check: parse error\n');
    expect(r.out.startsWith('Usage: caravan fmt [flags] paths ...\n')).toBe(true);
  });

  it('treats the stub formatter as "already formatted"', async () => {
    const dir = tree({ 'a.hcl': 'x=1\n' });
    const io = memoryIO({ cwd: dir, formatHCL: (src) => ({ out: src, errors: [] }) });
    expect(await main(['fmt', '-check'], io)).toBe(0);
    expect(io.out()).toBe('');
  });
});
