import { describe, expect, it } from 'vitest';
import {
  FlagSet,
  boolFlag,
  durationFlag,
  goQuote,
  intFlag,
  keyValueFlag,
  parseGoInt,
  stringFlag,
  stringListFlag,
} from './flags.js';

function demo() {
  return new FlagSet('demo', {
    s: stringFlag('def'),
    b: boolFlag(false),
    t: boolFlag(true),
    n: intFlag(7),
    d: durationFlag('1s'),
    var: stringListFlag(),
    meta: keyValueFlag(),
  });
}

function ok(args: string[]) {
  const r = demo().parse(args);
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
}

function err(args: string[]): string {
  const r = demo().parse(args);
  if (r.kind !== 'error') throw new Error(`expected error, got ${JSON.stringify(r)}`);
  return r.message;
}

describe('FlagSet.parse', () => {
  it('gives defaults when no flags are set', () => {
    const r = ok([]);
    expect(r.values).toEqual({ s: 'def', b: false, t: true, n: 7, d: 1e9, var: [], meta: {} });
    expect(r.args).toEqual([]);
    expect([...r.set]).toEqual([]);
  });

  it('accepts -flag, --flag, -flag=value and -flag value', () => {
    expect(ok(['-s', 'a']).values.s).toBe('a');
    expect(ok(['--s', 'a']).values.s).toBe('a');
    expect(ok(['-s=a']).values.s).toBe('a');
    expect(ok(['--s=a=b']).values.s).toBe('a=b');
    expect(ok(['-s=']).values.s).toBe('');
    expect(ok(['-s', '-b']).values).toMatchObject({ s: '-b', b: false });
  });

  it('never lets a bool flag consume the next argument', () => {
    const r = ok(['-b', 'false', 'x']);
    expect(r.values.b).toBe(true);
    expect(r.args).toEqual(['false', 'x']);
  });

  it('reads bool values with strconv.ParseBool spellings', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True'])
      expect(ok([`-b=${t}`]).values.b).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False'])
      expect(ok([`-t=${f}`]).values.t).toBe(false);
    expect(err(['-b=yes'])).toBe('invalid boolean value "yes" for -b: parse error');
    expect(err(['--t='])).toBe('invalid boolean value "" for -t: parse error');
  });

  it('stops at the first non-flag argument, leaving later flags positional', () => {
    const r = ok(['-s', 'x', 'job.hcl', '-b', '-n', '3']);
    expect(r.values).toMatchObject({ s: 'x', b: false, n: 7 });
    expect(r.args).toEqual(['job.hcl', '-b', '-n', '3']);
  });

  it('treats a lone "-" as a positional argument', () => {
    const r = ok(['-b', '-', '-s', 'x']);
    expect(r.args).toEqual(['-', '-s', 'x']);
  });

  it('ends flags at "--" and consumes it', () => {
    const r = ok(['-b', '--', '-s', 'x']);
    expect(r.values.s).toBe('def');
    expect(r.args).toEqual(['-s', 'x']);
    expect(ok(['--', '--']).args).toEqual(['--']);
  });

  it('collects repeated list and key=value flags', () => {
    const r = ok(['-var', 'a=1', '-var=b=2', '--var', 'a=3', '-meta', 'k=v', '-meta=k2=x=y']);
    expect(r.values.var).toEqual(['a=1', 'b=2', 'a=3']);
    expect(r.values.meta).toEqual({ k: 'v', k2: 'x=y' });
    expect(err(['-meta', 'novalue'])).toBe(
      'invalid value "novalue" for flag -meta: expected key=value',
    );
  });

  it('records which flags were set, and the last value wins for scalars', () => {
    const r = ok(['-n', '1', '-n=2', '-b']);
    expect(r.values.n).toBe(2);
    expect([...r.set].sort()).toEqual(['b', 'n']);
  });

  it('does not share list defaults between parses', () => {
    const fs = demo();
    const a = fs.parse(['-var', 'x']);
    const b = fs.parse([]);
    expect(a.kind === 'ok' && a.values.var).toEqual(['x']);
    expect(b.kind === 'ok' && b.values.var).toEqual([]);
  });

  it('asks for help on -h, -help and --help when they are not defined', () => {
    for (const h of ['-h', '-help', '--help', '--h', '-help=x'])
      expect(demo().parse(['-s', 'a', h, 'x'])).toEqual({ kind: 'help' });
    const own = new FlagSet('own', { h: boolFlag() });
    const r = own.parse(['-h']);
    expect(r.kind === 'ok' && r.values.h).toBe(true);
  });

  it('reports Go error messages exactly', () => {
    expect(err(['-x'])).toBe('flag provided but not defined: -x');
    expect(err(['--unknown=1'])).toBe('flag provided but not defined: -unknown');
    expect(err(['-n', 'abc'])).toBe('invalid value "abc" for flag -n: parse error');
    expect(err(['-n=99999999999999999999'])).toBe(
      'invalid value "99999999999999999999" for flag -n: value out of range',
    );
    expect(err(['-d', '10'])).toBe('invalid value "10" for flag -d: parse error');
    expect(err(['-s'])).toBe('flag needs an argument: -s');
    expect(err(['-var'])).toBe('flag needs an argument: -var');
    expect(err(['---s'])).toBe('bad flag syntax: ---s');
    expect(err(['-=x'])).toBe('bad flag syntax: -=x');
    expect(err(['--=x'])).toBe('bad flag syntax: --=x');
    expect(err(['-n', 'a"b'])).toBe('invalid value "a\\"b" for flag -n: parse error');
  });

  it('parses Go durations into nanoseconds', () => {
    expect(ok(['-d', '1h30m']).values.d).toBe(5400e9);
    expect(ok(['-d=500ms']).values.d).toBe(500e6);
    expect(ok(['-d=0']).values.d).toBe(0);
    expect(ok(['-d=-1.5s']).values.d).toBe(-1.5e9);
  });

  it('rejects invalid flag names at definition', () => {
    expect(() => new FlagSet('x', { '-a': boolFlag() })).toThrow(
      'flag "-a" begins with - or contains =',
    );
    expect(() => new FlagSet('x', { 'a=b': boolFlag() })).toThrow();
  });

  it('does not treat inherited object keys as flags', () => {
    expect(err(['-toString'])).toBe('flag provided but not defined: -toString');
    expect(err(['-__proto__'])).toBe('flag provided but not defined: -__proto__');
  });
});

describe('parseGoInt (strconv.ParseInt base 0)', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['+42', 42],
    ['-42', -42],
    ['0x1F', 31],
    ['0X1f', 31],
    ['-0x10', -16],
    ['0o17', 15],
    ['017', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['0x_1f', 31],
    ['0_7', 7],
    ['9223372036854775807', 9223372036854775807],
    ['-9223372036854775808', -9223372036854775808],
  ])('%s', (text, n) => {
    expect(parseGoInt(text)).toBe(n);
  });

  it.each(['', '-', '+', 'abc', '1.5', '08', '0x', '0b2', '_1', '1_', '1__0', ' 1', '1e3', '٣'])(
    'rejects %j',
    (text) => {
      expect(parseGoInt(text)).toBe('parse error');
    },
  );

  it.each(['9223372036854775808', '-9223372036854775809', '0xffffffffffffffffff'])(
    'out of range: %s',
    (text) => {
      expect(parseGoInt(text)).toBe('value out of range');
    },
  );
});

describe('goQuote', () => {
  it('quotes like Go %q for common characters', () => {
    expect(goQuote('abc')).toBe('"abc"');
    expect(goQuote('a"b\\c\n\t')).toBe('"a\\"b\\\\c\\n\\t"');
    expect(goQuote('\x01')).toBe('"\\x01"');
    expect(goQuote('héllo')).toBe('"héllo"');
  });
});
