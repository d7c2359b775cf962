import { describe, it, expect } from 'vitest';
import { call, callError, v } from './test-call.js';

describe('string functions', () => {
  it('chomp, indent, case, title, strrev, trim*', () => {
    expect(call('chomp', 'hello\n')).toBe('hello');
    expect(call('chomp', 'hello\r\n\n')).toBe('hello');
    expect(call('chomp', 'hel\nlo')).toBe('hel\nlo');
    expect(call('indent', 2, '[\n  foo,\n  bar,\n]\n')).toBe('[\n    foo,\n    bar,\n  ]\n  ');
    expect(call('upper', 'hello ß')).toBe('HELLO ß');
    expect(call('lower', 'HELLO')).toBe('hello');
    expect(call('title', "hello world-wide o'neil")).toBe("Hello World-Wide O'Neil");
    expect(call('strrev', 'hello')).toBe('olleh');
    expect(call('strrev', 'a☃b')).toBe('b☃a');
    expect(call('trim', '?!hello?!', '!?')).toBe('hello');
    expect(call('trimprefix', 'helloworld', 'hello')).toBe('world');
    expect(call('trimprefix', 'helloworld', 'cat')).toBe('helloworld');
    expect(call('trimsuffix', 'helloworld', 'world')).toBe('hello');
    expect(call('trimspace', '  hello\n\t')).toBe('hello');
    expect(call('startswith', 'hello world', 'hello')).toBe(true);
    expect(call('endswith', 'hello world', 'hello')).toBe(false);
    expect(call('strcontains', 'hello world', 'wor')).toBe(true);
    expect(call('strlen', 'e\u0301a')).toBe(2);
  });

  it('join and split', () => {
    expect(call('join', ', ', ['foo', 'bar', 'baz'])).toBe('foo, bar, baz');
    expect(call('join', '-', ['a'], ['b', 'c'])).toBe('a-b-c');
    expect(call('join', ',', [1, true])).toBe('1,true');
    expect(callError('join', ',', ['a', null])).toBe(
      'Invalid function argument; Invalid value for "lists" parameter: element 1 is null; cannot concatenate null values.',
    );
    expect(callError('join', ',')).toBe(
      'Error in function call; Call to function "join" failed: at least one list is required.',
    );
    expect(call('split', ',', 'foo,bar,baz')).toEqual(['foo', 'bar', 'baz']);
    expect(call('split', ',', 'foo')).toEqual(['foo']);
    expect(call('split', ',', '')).toEqual(['']);
    expect(call('split', '', 'abc')).toEqual(['a', 'b', 'c']);
  });

  it('substr', () => {
    expect(call('substr', 'hello world', 1, 4)).toBe('ello');
    expect(call('substr', '🤔🤷', 0, 1)).toBe('🤔');
    expect(call('substr', 'hello world', -5, -1)).toBe('world');
    expect(call('substr', 'hello world', 6, 10)).toBe('world');
    expect(call('substr', 'hello', 10, 1)).toBe('');
    expect(call('substr', 'hello', 1, 0)).toBe('');
  });

  it('replace, regex, regexall', () => {
    expect(call('replace', '1 + 2 + 3', '+', '-')).toBe('1 - 2 - 3');
    expect(call('replace', 'hello world', '/w.*d/', 'everybody')).toBe('hello everybody');
    expect(call('replace', 'abc', '/(b)/', '[$1]')).toBe('a[b]c');
    expect(call('replace', 'abc', '/b*/', '-')).toBe('-a-c-');
    expect(call('replace', 'abc', '', '-')).toBe('-a-b-c-');
    expect(call('regex_replace', 'x1y22', '[0-9]+', '#')).toBe('x#y#');
    expect(call('regex', '[a-z]+', '53453453.345345aaabbbccc23454')).toBe('aaabbbccc');
    expect(call('regex', '(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)', '2019-02-01')).toEqual([
      '2019',
      '02',
      '01',
    ]);
    expect(
      call(
        'regex',
        '^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?',
        'https://terraform.io/docs/',
      ),
    ).toEqual(v({ scheme: 'https', authority: 'terraform.io' }));
    expect(call('regex', '(a)|(b)', 'b')).toEqual([null, 'b']);
    expect(callError('regex', '[a-z]+', '123')).toBe(
      'Error in function call; Call to function "regex" failed: pattern did not match any part of the given string.',
    );
    expect(callError('regex', '(?P<a>x)(y)', 'xy')).toBe(
      'Invalid function argument; Invalid value for "pattern" parameter: invalid regexp pattern: cannot mix both named and unnamed capture groups.',
    );
    expect(call('regexall', '[a-z]+', '1234abcd5678efgh9')).toEqual(['abcd', 'efgh']);
    expect(call('length', call('regexall', '[a-z]+', '123'))).toBe(0);
    expect(call('regexall', '(?i)A(\\d)', 'a1 A2')).toEqual([['1'], ['2']]);
    // An escaped backslash before z is a backslash and a z, not the end of the text.
    expect(call('regex', 'a\\\\z', 'xa\\z')).toBe('a\\z');
    expect(call('regex', 'a\\z', 'a')).toBe('a');
    // Go's (?U) swaps greediness, which a RegExp cannot: refused rather than ignored.
    expect(callError('regex', '(?U)a+', 'aaa')).toMatch(/invalid regexp pattern/);
  });
});

describe('format', () => {
  it('formats verbs as cty does', () => {
    expect(call('format', 'Hello, %s!', 'Ander')).toBe('Hello, Ander!');
    expect(call('format', 'There are %d lights', 4)).toBe('There are 4 lights');
    expect(call('format', '%5.2f', 3.14159)).toBe(' 3.14');
    expect(call('format', '%-5s|', 'ab')).toBe('ab   |');
    expect(call('format', '%5s|', 'ab')).toBe('   ab|');
    expect(call('format', '%q', 'a"b<')).toBe('"a\\"b\\u003c"');
    expect(call('format', '%v %v %v %v', 'x', 1.5, true, null)).toBe('x 1.5 true null');
    expect(call('format', '%v', 10000000)).toBe('1e+07');
    expect(call('format', '%#v', v({ b: [1], a: 'x' }))).toBe('{"a":"x","b":[1]}');
    expect(call('format', '%#v', 'x')).toBe('"x"');
    expect(call('format', '%t', 'true')).toBe('true');
    expect(call('format', '%x %X %o %b', 255, 255, 8, 5)).toBe('ff FF 10 101');
    expect(call('format', '%#x %+d % d %05d', 255, 5, 5, -42)).toBe('0xff +5  5 -0042');
    expect(call('format', '%e %E', 123456.789, 0.000123)).toBe('1.234568e+05 1.230000E-04');
    expect(call('format', '%g %g %.3g', 0.00001, 100000, 3.14159)).toBe('1e-05 100000 3.14');
    expect(call('format', '%f', 18446744073709551616n)).toBe('18446744073709551616.000000');
    expect(call('format', '%d', 18446744073709551616n)).toBe('18446744073709551616');
    expect(call('format', '%.2f %.0f %.0f', 0.125, 2.5, 3.5)).toBe('0.12 2 4');
    expect(call('format', '%.3s', 'abcdef')).toBe('abc');
    expect(call('format', '%[2]s %[1]s %s', 'a', 'b')).toBe('b a b');
    expect(call('format', '100%%')).toBe('100%');
    expect(call('format', '%s', 12)).toBe('12');
    expect(call('format', '%g %.2g %G', 123456, 123, 0.0000001)).toBe('123456 1.2e+02 1E-07');
    expect(call('format', '%08.3f|%-8.2f|%+.1e', -3.14159, 2.5, 12345)).toBe(
      '-003.142|2.50    |+1.2e+04',
    );
    expect(call('format', '%05s|%-4d|%x', 'ab', 7, -255)).toBe('000ab|7   |-ff');
    expect(call('format', '%v', 1e23)).toBe('1e+23');
  });

  it('reports format errors', () => {
    const err = (...a: unknown[]) => callError('format', ...a).replace(/^.*failed: /, '');
    expect(err('%d', 1.5)).toBe('unsupported value for "%d" at 0: an integer is required.');
    expect(err('%s')).toBe('not enough arguments for "%s" at 0: need index 1 but have 0 total.');
    expect(err('%s %d', 'a', 'x')).toBe('unsupported value for "%d" at 3: a number is required.');
    expect(err('%s', null)).toBe(
      'unsupported value for "%s" at 0: null value cannot be formatted.',
    );
    expect(err('%y', 1)).toBe(`unsupported format verb 'y' in "%y" at offset 0.`);
    expect(err('abc %', 1)).toBe('invalid format string starting at offset 5.');
    expect(err('%.!', 1)).toBe(`unrecognized format character '!' at offset 2.`);
    expect(err('hi', 1)).toBe('too many arguments; no verbs in format string.');
    expect(err('%s', 1, 2)).toBe('too many arguments; only 1 used by format string.');
    expect(err('%s', [1])).toBe('unsupported value for "%s" at 0: string required.');
  });

  it('formatlist', () => {
    expect(call('formatlist', 'Hello, %s!', ['Valentina', 'Ander'])).toEqual([
      'Hello, Valentina!',
      'Hello, Ander!',
    ]);
    expect(call('formatlist', '%s, %s!', 'Salutations', ['Valentina', 'Ander'])).toEqual([
      'Salutations, Valentina!',
      'Salutations, Ander!',
    ]);
    expect(call('formatlist', '%s', [])).toEqual([]);
    expect(call('formatlist', 'x')).toEqual(['x']);
    expect(callError('formatlist', '%s%s', ['a'], ['b', 'c'])).toBe(
      'Invalid function argument; Invalid value for "args" parameter: argument 2 has length 2, which is inconsistent with argument 1 of length 1.',
    );
  });
});
