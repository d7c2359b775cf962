import { describe, expect, it } from 'vitest';
import { goJSON } from './json.js';

describe('goJSON', () => {
  it('indents with four spaces and keeps key order', () => {
    expect(goJSON({ b: 1, a: [true, null], c: {} })).toBe(
      '{\n    "b": 1,\n    "a": [\n        true,\n        null\n    ],\n    "c": {}\n}',
    );
  });

  it('escapes HTML characters and line separators as Go does', () => {
    expect(goJSON({ 'k<': 'a&b>c\u2028\u2029' })).toBe(
      '{\n    "k\\u003c": "a\\u0026b\\u003ec\\u2028\\u2029"\n}',
    );
  });

  it('takes another indent', () => {
    expect(goJSON([1], '  ')).toBe('[\n  1\n]');
  });

  it('writes null for undefined', () => {
    expect(goJSON(undefined)).toBe('null');
  });
});
