import { gunzipSync } from 'node:zlib';
import { describe, it, expect } from 'vitest';
import { call, callError, v } from './test-call.js';

const failed = (name: string, ...a: unknown[]) => callError(name, ...a).replace(/^.*?; /, '');

describe('encoding functions', () => {
  it('base64', () => {
    expect(call('base64encode', 'Hello World')).toBe('SGVsbG8gV29ybGQ=');
    expect(call('base64decode', 'SGVsbG8gV29ybGQ=')).toBe('Hello World');
    expect(failed('base64decode', 'SGVsbG8')).toBe(
      `Call to function "base64decode" failed: failed to decode base64 data 'SGVsbG8'.`,
    );
    expect(failed('base64decode', '/w==')).toBe(
      'Call to function "base64decode" failed: the result of decoding the the provided string is not valid UTF-8.',
    );
    const gz = Buffer.from(call('base64gzip', 'test') as string, 'base64');
    expect(gunzipSync(gz).toString()).toBe('test');
    expect(call('textencodebase64', 'Hello World', 'UTF-16LE')).toBe(
      'SABlAGwAbABvACAAVwBvAHIAbABkAA==',
    );
    expect(call('textdecodebase64', 'SABlAGwAbABvACAAVwBvAHIAbABkAA==', 'UTF-16LE')).toBe(
      'Hello World',
    );
    expect(failed('textencodebase64', 'x', 'EBCDIC-X')).toContain(
      '"EBCDIC-X" is not a supported IANA encoding name',
    );
  });

  it('urlencode', () => {
    expect(call('urlencode', 'Hello World!')).toBe('Hello+World%21');
    expect(call('urlencode', '☃')).toBe('%E2%98%83');
    expect(call('urlencode', 'foo:bar@localhost?foo=bar&bar=baz')).toBe(
      'foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz',
    );
  });

  it('json', () => {
    expect(call('jsonencode', v({ hello: 'world' }))).toBe('{"hello":"world"}');
    expect(call('jsonencode', v({ b: [1, 2.5, true, null], a: '<&>' }))).toBe(
      '{"a":"\\u003c\\u0026\\u003e","b":[1,2.5,true,null]}',
    );
    expect(call('jsonencode', null)).toBe('null');
    expect(call('jsonencode', 18446744073709551616n)).toBe('18446744073709551616');
    expect(call('jsondecode', '{"hello": "world"}')).toEqual(v({ hello: 'world' }));
    expect(call('jsondecode', 'true')).toBe(true);
    expect(call('jsondecode', '[1, 18446744073709551616, 1.5e3, "x\\u00e9"]')).toEqual([
      1,
      18446744073709551616n,
      1500,
      'xé',
    ]);
    expect(failed('jsondecode', '{"a": 1')).toBe(
      'Call to function "jsondecode" failed: unexpected EOF.',
    );
    expect(failed('jsondecode', '[1 2]')).toBe(
      `Call to function "jsondecode" failed: invalid character '2' after array element.`,
    );
    expect(failed('jsondecode', '1 2')).toBe(
      'Call to function "jsondecode" failed: extraneous data after JSON object.',
    );
  });

  it('csvdecode', () => {
    expect(call('csvdecode', 'a,b,c\n1,2,3\n4,5,6')).toEqual(
      v([
        { a: '1', b: '2', c: '3' },
        { a: '4', b: '5', c: '6' },
      ]),
    );
    expect(call('csvdecode', 'a,b\r\n"x,""y""",z\n')).toEqual(v([{ a: 'x,"y"', b: 'z' }]));
    expect(failed('csvdecode', 'a,b\n1\n')).toBe(
      'Call to function "csvdecode" failed: CSV parse error on line 2: wrong number of fields.',
    );
    expect(failed('csvdecode', '')).toBe(
      'Call to function "csvdecode" failed: missing header line.',
    );
    expect(failed('csvdecode', 'a,a\n1,2')).toBe(
      'Call to function "csvdecode" failed: duplicate column name "a".',
    );
    expect(failed('csvdecode', 'a\nx"y')).toBe(
      'Call to function "csvdecode" failed: CSV parse error on line 2: bare " in non-quoted-field.',
    );
  });

  it('yaml', () => {
    expect(call('yamldecode', 'hello: world')).toEqual(v({ hello: 'world' }));
    expect(call('yamldecode', 'true')).toBe(true);
    expect(call('yamldecode', '{a: &foo [1, 2, 3], b: *foo}')).toEqual(
      v({ a: [1, 2, 3], b: [1, 2, 3] }),
    );
    expect(call('yamldecode', 'big: 123456789012345678901\nf: 1.5\nz: ~')).toEqual(
      v({ big: 123456789012345678901n, f: 1.5, z: null }),
    );
    expect(
      call(
        'yamldecode',
        'a: yes\nb: "yes"\nc: 1_000\nd: 0x1F\ne: !!int 0x1F\nf: 2001-12-14\ng: +12\nh: off\n',
      ),
    ).toEqual(
      v({
        a: true,
        b: 'yes',
        c: 1000,
        d: '0x1F',
        e: 31,
        f: '2001-12-14T00:00:00Z',
        g: 12,
        h: false,
      }),
    );
    expect(call('yamldecode', 'base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 3\n')).toEqual(
      v({ base: { p: 1, q: 2 }, m: { q: 3, p: 1 } }),
    );
    expect(call('yamldecode', '')).toBe(null);
    // YAML 1.1, as go-cty-yaml: a bare y or n is a boolean, even as a key.
    expect(call('yamldecode', 'y: n')).toEqual(v({ true: false }));
    expect(call('yamldecode', '1: a\ntrue: b')).toEqual(v({ '1': 'a', true: 'b' }));
    expect(failed('yamldecode', 'a: !!bool maybe')).toBe(
      'Call to function "yamldecode" failed: cannot parse "maybe" as !!bool.',
    );
    expect(failed('yamldecode', 'a: b\n---\nc: d')).toBe(
      'Call to function "yamldecode" failed: unexpected extra content after value.',
    );
    expect(failed('yamldecode', 'a: [1, 2')).toMatch(
      /^Call to function "yamldecode" failed: on line 1, column \d+: /,
    );
    expect(call('yamlencode', v({ a: 'b', c: 'd' }))).toBe('"a": "b"\n"c": "d"\n');
    expect(call('yamlencode', v({ foo: [1, 2, 3], bar: 'baz' }))).toBe(
      '"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n',
    );
    expect(call('yamlencode', v({ foo: [1, { a: 'b', c: 'd' }, 3], bar: 'baz' }))).toBe(
      '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
    );
    expect(call('yamlencode', 'a\nb')).toBe('|-\n  a\n  b\n');
    expect(call('yamlencode', v({ n: 0.0000001, z: null, t: true, e: [], m: {} }))).toBe(
      '"e": []\n"m": {}\n"n": 0.0000001\n"t": true\n"z": null\n',
    );
    expect(call('yamlencode', v({ s: 'x\ny\n' }))).toBe('"s": |\n  x\n  y\n');
  });
});
