import { describe, expect, it } from 'vitest';
import { goRegExp, translateGoRegexp } from './go-regexp.js';

const START = '(?<![\\s\\S])';
const END = '(?![\\s\\S])';

describe('translateGoRegexp', () => {
  it('leaves what both syntaxes share as written', () => {
    for (const src of ['web-.*', '^web-0[1-4]$', '^(api|edge)$', '\\d{2,}\\.x', '']) {
      expect(translateGoRegexp(src)).toEqual({ source: src, flags: '' });
    }
  });

  it('turns leading inline flag groups into flags', () => {
    expect(translateGoRegexp('(?i)web')).toEqual({ source: 'web', flags: 'i' });
    expect(translateGoRegexp('(?s)a.b')).toEqual({ source: 'a.b', flags: 's' });
    expect(translateGoRegexp('(?is)^web')).toEqual({ source: '^web', flags: 'is' });
    expect(translateGoRegexp('(?i)(?m)(?ii)x')).toEqual({ source: 'x', flags: 'im' });
    expect(translateGoRegexp('(?i)')).toEqual({ source: '', flags: 'i' });
  });

  it('turns \\A and \\z into ^ and $, or lookarounds under the m flag', () => {
    expect(translateGoRegexp('\\Aweb-\\d+\\z')).toEqual({ source: '^web-\\d+$', flags: '' });
    expect(translateGoRegexp('(?m)\\Aa$\\z')).toEqual({ source: `${START}a$${END}`, flags: 'm' });
  });

  it('leaves escaped backslashes, other escapes and bracket classes alone', () => {
    expect(translateGoRegexp('\\\\A\\\\z').source).toBe('\\\\A\\\\z'); // a backslash, then A
    expect(translateGoRegexp('\\.\\Z\\a').source).toBe('\\.\\Z\\a');
    expect(translateGoRegexp('[\\A\\z]\\A').source).toBe('[\\A\\z]^');
    expect(translateGoRegexp('[\\]\\A]\\z').source).toBe('[\\]\\A]$');
  });

  it('translates only a leading flag group and only the flags JavaScript has', () => {
    expect(translateGoRegexp('a(?i)b')).toEqual({ source: 'a(?i)b', flags: '' });
    expect(translateGoRegexp('(?U)a+')).toEqual({ source: '(?U)a+', flags: '' });
    expect(translateGoRegexp('(?i-s)a')).toEqual({ source: '(?i-s)a', flags: '' });
  });
});

describe('goRegExp', () => {
  it('matches as Go does for the translated forms', () => {
    const ci = goRegExp('(?i)^web-');
    expect(['web-01', 'WEB-10', 'edge-web-01'].map((s) => ci.test(s))).toEqual([true, true, false]);
    expect(goRegExp('(?s)a.b').test('a\nb')).toBe(true);
    expect(goRegExp('a.b').test('a\nb')).toBe(false);
    // \A and \z hold at the ends of the text only, even where (?m) makes ^ and $ line ends.
    const whole = goRegExp('(?m)\\Ab$');
    expect([whole.test('b\nc'), whole.test('a\nb')]).toEqual([true, false]);
    const end = goRegExp('(?m)^b\\z');
    expect([end.test('a\nb'), end.test('b\nc')]).toEqual([true, false]);
  });

  it('throws for what JavaScript still cannot compile', () => {
    for (const src of ['web-(', 'a(?i)b', '(?U)a+']) {
      expect(() => goRegExp(src), src).toThrow(SyntaxError);
    }
  });

  it("writes Go's named groups as JavaScript's, outside bracket classes only", () => {
    expect(goRegExp('(?P<rack>rack\\d)-(?P<n>\\d+)').exec('rack1-42')?.groups).toEqual({
      rack: 'rack1',
      n: '42',
    });
    expect(translateGoRegexp('[(?P<]x').source).toBe('[(?P<]x');
  });
});
