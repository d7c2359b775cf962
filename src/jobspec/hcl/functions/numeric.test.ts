import { describe, it, expect } from 'vitest';
import { call, callError } from './test-call.js';

const failed = (name: string, ...a: unknown[]) => callError(name, ...a).replace(/^.*?; /, '');

describe('numeric functions', () => {
  it('abs, ceil, floor, signum', () => {
    expect(call('abs', 23)).toBe(23);
    expect(call('abs', 0)).toBe(0);
    expect(call('abs', -12.4)).toBe(12.4);
    expect(call('abs', -18446744073709551616n)).toBe(18446744073709551616n);
    expect(call('ceil', 5)).toBe(5);
    expect(call('ceil', 5.1)).toBe(6);
    expect(call('floor', 4.9)).toBe(4);
    expect(call('floor', -4.1)).toBe(-5);
    expect(call('signum', -13)).toBe(-1);
    expect(call('signum', 0)).toBe(0);
    expect(call('signum', 344)).toBe(1);
    expect(call('ceil', '2.5')).toBe(3);
  });

  it('log, pow, max, min', () => {
    expect(call('log', 50, 10)).toBe(1.6989700043360185);
    expect(call('log', 16, 2)).toBe(4);
    expect(call('pow', 3, 2)).toBe(9);
    expect(call('pow', 4, 0)).toBe(1);
    expect(call('pow', 2, 64)).toBe(18446744073709551616n);
    expect(call('pow', 2, -1)).toBe(0.5);
    expect(call('max', 12, 54, 3)).toBe(54);
    expect(call('max', 1, 18446744073709551616n)).toBe(18446744073709551616n);
    expect(call('min', 12, 54, 3)).toBe(3);
    expect(call('min', '5', 7)).toBe(5);
    expect(failed('max')).toBe('Call to function "max" failed: must pass at least one number.');
  });

  it('parseint', () => {
    expect(call('parseint', '100', 10)).toBe(100);
    expect(call('parseint', 'FF', 16)).toBe(255);
    expect(call('parseint', 'ff', 16)).toBe(255);
    expect(call('parseint', '-10', 16)).toBe(-16);
    expect(call('parseint', '1011111011101111', 2)).toBe(48879);
    expect(call('parseint', 'aA', 62)).toBe(656);
    expect(call('parseint', 'ffffffffffffffffff', 16)).toBe(4722366482869645213695n);
    expect(failed('parseint', '12', 2)).toBe(
      'Invalid value for "number" parameter: cannot parse "12" as a base 2 integer.',
    );
    expect(failed('parseint', '12', 63)).toBe(
      'Invalid value for "base" parameter: base must be a whole number between 2 and 62 inclusive.',
    );
    expect(failed('parseint', 12, 10)).toBe(
      'Invalid value for "number" parameter: first argument must be a string, not number.',
    );
  });
});
