import { describe, expect, it } from 'vitest';
import { formatMultiError, formatWarnings } from './multierror.js';

describe('formatMultiError', () => {
  it('words one error and several as go-multierror does', () => {
    expect(formatMultiError(['a'])).toBe('1 error occurred:\n\t* a\n\n');
    expect(formatMultiError(['a', 'b'])).toBe('2 errors occurred:\n\t* a\n\t* b\n\n');
  });
});

describe('formatWarnings', () => {
  it('lists warnings as nomad job validation does', () => {
    expect(formatWarnings(['a', 'b'])).toBe('2 warning(s):\n\n* a\n* b');
  });
});
