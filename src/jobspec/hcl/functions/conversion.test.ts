import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { LAZY_FUNCTIONS, standardFunctions } from './registry.js';
import { call, callError, callWith, v } from './test-call.js';

const failed = (name: string, ...a: unknown[]) => callError(name, ...a).replace(/^.*?; /, '');

describe('conversion functions', () => {
  it('converts as Terraform does', () => {
    expect(call('tostring', 1)).toBe('1');
    expect(call('tostring', true)).toBe('true');
    expect(call('tostring', null)).toBe(null);
    expect(call('tonumber', '1')).toBe(1);
    expect(call('tobool', 'true')).toBe(true);
    expect(call('tolist', ['a', 'b', 3])).toEqual(['a', 'b', '3']);
    expect(call('tomap', v({ a: 'foo', b: true }))).toEqual(v({ a: 'foo', b: 'true' }));
    expect(call('toset', ['a', 'b', 'c', 'a'])).toEqual(['a', 'b', 'c']);
    expect(failed('tonumber', 'no')).toBe(
      'Invalid value for "v" parameter: cannot convert "no" to number; given string must be a decimal representation of a number.',
    );
    expect(failed('tobool', 'yes')).toBe(
      'Invalid value for "v" parameter: cannot convert "yes" to bool; only the strings "true" or "false" are allowed.',
    );
    expect(failed('tolist', [1, true])).toBe(
      'Invalid value for "v" parameter: cannot convert tuple to list of any single type.',
    );
    expect(failed('tostring', [])).toBe(
      'Invalid value for "v" parameter: cannot convert tuple to string.',
    );
  });
});

describe('registry', () => {
  it('has every function Nomad registers', () => {
    const fns = standardFunctions({ allowFileIO: false, baseDir: '.' });
    const nomad =
      'abs base64decode base64encode bcrypt ceil chomp chunklist cidrhost cidrnetmask cidrsubnet cidrsubnets coalesce coalescelist compact concat contains csvdecode distinct element flatten floor format formatdate formatlist indent index join jsondecode jsonencode keys length log lookup lower max md5 merge min parseint pow range reverse replace regex_replace rsadecrypt setintersection setproduct setunion sha1 sha256 sha512 signum slice sort split strlen strrev substr timeadd title trim trimprefix trimspace trimsuffix upper urlencode uuidv4 uuidv5 values yamldecode yamlencode zipmap abspath basename dirname file filebase64 fileexists fileset pathexpand';
    for (const name of nomad.split(' ')) expect(fns.has(name), name).toBe(true);
    for (const name of LAZY_FUNCTIONS) expect(fns.has(name), name).toBe(false);
  });

  it('gates the filesystem functions', () => {
    expect(callError('file', 'x')).toBe(
      'Error in function call; Call to function "file" failed: filesystem function disabled.',
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'caravan-fn-'));
    mkdirSync(path.join(dir, 'conf/sub'), { recursive: true });
    writeFileSync(path.join(dir, 'conf/a.txt'), 'hello');
    writeFileSync(path.join(dir, 'conf/sub/b.txt'), 'b');
    writeFileSync(path.join(dir, 'conf/c.hcl'), 'c');
    const fns = standardFunctions({ allowFileIO: true, baseDir: dir });
    expect(callWith(fns, 'file', 'conf/a.txt')).toBe('hello');
    expect(callWith(fns, 'filebase64', 'conf/a.txt')).toBe('aGVsbG8=');
    expect(callWith(fns, 'fileexists', 'conf/a.txt')).toBe(true);
    expect(callWith(fns, 'fileexists', 'conf/none.txt')).toBe(false);
    expect(callWith(fns, 'fileset', 'conf', '*.txt')).toEqual(['a.txt']);
    expect(callWith(fns, 'fileset', 'conf', '**/*.txt')).toEqual(['a.txt', 'sub/b.txt']);
    expect(callWith(fns, 'fileset', 'conf', '{*.hcl,sub/*}')).toEqual(['c.hcl', 'sub/b.txt']);
    expect(callWith(fns, 'basename', 'foo/bar/baz.txt')).toBe('baz.txt');
    expect(callWith(fns, 'dirname', 'foo/bar/baz.txt')).toBe('foo/bar');
    expect(callWith(fns, 'dirname', 'foo/bar/')).toBe('foo/bar');
    expect(callWith(fns, 'dirname', 'baz.txt')).toBe('.');
    expect(callWith(fns, 'dirname', '/baz.txt')).toBe('/');
    expect(() => callWith(fns, 'file', 'conf/none.txt')).toThrow(/no file exists at/);
    expect(() => callWith(fns, 'fileexists', 'conf')).toThrow(
      /conf is not a regular file, but "d[rwx-]{9}"/,
    );
  });
});
