import { describe, expect, it } from 'vitest';
import { levenshtein, nameSuggestion } from './suggest.js';

describe('levenshtein', () => {
  it('counts edits in code points', () => {
    expect(levenshtein('count', 'count')).toBe(0);
    expect(levenshtein('cont', 'count')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('😀a', 'a')).toBe(1);
  });
});

describe('nameSuggestion', () => {
  it('gives the first candidate closer than 3 edits', () => {
    expect(nameSuggestion('cont', ['driver', 'count'])).toBe('count');
    expect(nameSuggestion('grp', ['group', 'grpc'])).toBe('group');
    expect(nameSuggestion('abcdef', ['xyz'])).toBeUndefined();
    expect(nameSuggestion('abc', ['abcxyz'])).toBeUndefined();
    expect(nameSuggestion('abc', [])).toBeUndefined();
  });
});
