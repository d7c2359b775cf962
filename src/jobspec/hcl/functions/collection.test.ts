import { describe, it, expect } from 'vitest';
import { call, callError, v } from './test-call.js';

const failed = (name: string, ...a: unknown[]) => callError(name, ...a).replace(/^.*?; /, '');

describe('collection functions', () => {
  it('alltrue, anytrue, chunklist, compact, concat, contains, distinct', () => {
    expect(call('alltrue', ['true', true])).toBe(true);
    expect(call('alltrue', [true, false])).toBe(false);
    expect(call('alltrue', [])).toBe(true);
    expect(call('anytrue', ['true', false])).toBe(true);
    expect(call('anytrue', [])).toBe(false);
    expect(call('chunklist', ['a', 'b', 'c', 'd', 'e'], 2)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ]);
    expect(call('chunklist', ['a', 'b'], 0)).toEqual([['a', 'b']]);
    expect(failed('chunklist', ['a'], -1)).toBe(
      'Call to function "chunklist" failed: the size argument must be positive.',
    );
    expect(call('compact', ['a', '', 'b', null, 'c'])).toEqual(['a', 'b', 'c']);
    expect(call('concat', ['a', ''], ['b', 'c'])).toEqual(['a', '', 'b', 'c']);
    expect(failed('concat', ['a'], 'b')).toBe(
      'Invalid value for "seqs" parameter: all arguments must be lists or tuples; got string.',
    );
    expect(call('contains', ['a', 'b', 'c'], 'a')).toBe(true);
    expect(call('contains', ['a', 'b', 'c'], 'd')).toBe(false);
    expect(call('contains', [1, 2], '1')).toBe(false);
    expect(call('distinct', ['a', 'b', 'a', 'c', 'd', 'b'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('coalesce and coalescelist', () => {
    expect(call('coalesce', 'a', 'b')).toBe('a');
    expect(call('coalesce', '', 'b')).toBe('b');
    expect(call('coalesce', 1, 2)).toBe(1);
    expect(call('coalesce', null, 2)).toBe(2);
    expect(call('coalesce', 1, 'two')).toBe('1');
    expect(failed('coalesce', null, '')).toBe(
      'Call to function "coalesce" failed: no non-null, non-empty-string arguments.',
    );
    expect(failed('coalesce', 1, [2])).toBe(
      'Call to function "coalesce" failed: all arguments must have the same type.',
    );
    expect(call('coalescelist', ['a', 'b'], ['c', 'd'])).toEqual(['a', 'b']);
    expect(call('coalescelist', [], ['c', 'd'])).toEqual(['c', 'd']);
  });

  it('element, index, flatten, keys, values, length, lookup', () => {
    expect(call('element', ['a', 'b', 'c'], 1)).toBe('b');
    expect(call('element', ['a', 'b', 'c'], 3)).toBe('a');
    expect(failed('element', [], 0)).toBe(
      'Call to function "element" failed: cannot use element function with an empty list.',
    );
    expect(failed('element', ['a'], -1)).toBe(
      'Call to function "element" failed: cannot use element function with a negative index.',
    );
    expect(call('index', ['a', 'b', 'c'], 1)).toBe('b');
    expect(call('index', ['a', 'b', 'c'], 'b')).toBe(1);
    expect(call('index', v({ a: 1 }), 'a')).toBe(1);
    expect(failed('index', ['a'], 3)).toBe('Call to function "index" failed: invalid index.');
    expect(call('flatten', [['a', 'b'], [], ['c']])).toEqual(['a', 'b', 'c']);
    expect(call('flatten', [[['a', 'b'], []], ['c']])).toEqual(['a', 'b', 'c']);
    expect(call('keys', v({ a: 1, c: 2, d: 3 }))).toEqual(['a', 'c', 'd']);
    expect(call('keys', v({ b: 1, a: 2 }))).toEqual(['a', 'b']);
    expect(call('values', v({ b: 1, a: 2 }))).toEqual([2, 1]);
    expect(failed('keys', ['a'])).toBe(
      'Invalid value for "inputMap" parameter: must have map or object type.',
    );
    expect(call('length', [])).toBe(0);
    expect(call('length', ['a', 'b'])).toBe(2);
    expect(call('length', v({ a: 'b' }))).toBe(1);
    expect(call('length', 'hello')).toBe(5);
    expect(call('length', '👾🕹️')).toBe(2);
    expect(call('lookup', v({ a: 'ay', b: 'bee' }), 'a', 'what?')).toBe('ay');
    expect(call('lookup', v({ a: 'ay', b: 'bee' }), 'c', 'what?')).toBe('what?');
    expect(failed('lookup', v({ a: 'ay' }), 'c')).toBe(
      'Call to function "lookup" failed: lookup failed to find key "c".',
    );
  });

  it('merge, one, reverse, slice, sort, transpose, zipmap', () => {
    expect(call('merge', v({ a: 'b', c: 'd' }), v({ e: 'f', c: 'z' }))).toEqual(
      v({ a: 'b', c: 'z', e: 'f' }),
    );
    expect(call('merge', v({ a: 'b' }), null, v({ x: [1] }))).toEqual(v({ a: 'b', x: [1] }));
    expect(failed('merge', v({ a: 'b' }), ['x'])).toBe(
      'Call to function "merge" failed: arguments must be maps or objects, got "tuple".',
    );
    expect(call('one', [])).toBe(null);
    expect(call('one', ['hello'])).toBe('hello');
    expect(failed('one', ['a', 'b'])).toBe(
      'Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements.',
    );
    expect(call('reverse', [1, 2, 3])).toEqual([3, 2, 1]);
    expect(call('reverse', 'hello')).toBe('olleh');
    expect(call('slice', ['a', 'b', 'c', 'd'], 1, 3)).toEqual(['b', 'c']);
    expect(failed('slice', ['a'], 0, 2)).toBe(
      'Invalid value for "end_index" parameter: end index must not be greater than the length of the list.',
    );
    expect(call('sort', ['e', 'd', 'a', 'x'])).toEqual(['a', 'd', 'e', 'x']);
    expect(call('sort', [10, 9, 1])).toEqual(['1', '10', '9']);
    expect(call('transpose', v({ a: ['1', '2'], b: ['2', '3'] }))).toEqual(
      v({ '1': ['a'], '2': ['a', 'b'], '3': ['b'] }),
    );
    expect(call('zipmap', ['a', 'b'], [1, 2])).toEqual(v({ a: 1, b: 2 }));
    expect(failed('zipmap', ['a'], [1, 2])).toBe(
      'Call to function "zipmap" failed: number of keys (1) does not match number of values (2).',
    );
  });

  it('range and sum', () => {
    expect(call('range', 3)).toEqual([0, 1, 2]);
    expect(call('range', 1, 4)).toEqual([1, 2, 3]);
    expect(call('range', 1, 8, 2)).toEqual([1, 3, 5, 7]);
    expect(call('range', 1, 4, 0.5)).toEqual([1, 1.5, 2, 2.5, 3, 3.5]);
    expect(call('range', 0, 0.5, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(call('range', 4, 1)).toEqual([4, 3, 2]);
    expect(call('range', 10, 5, -2)).toEqual([10, 8, 6]);
    expect(call('range', -3)).toEqual([0, -1, -2]);
    expect(failed('range', 1, 2, 0)).toBe(
      'Invalid value for "params" parameter: step must not be zero.',
    );
    expect(failed('range', 1, 2, -1)).toBe(
      'Invalid value for "params" parameter: end must be less than start when step is negative.',
    );
    expect(failed('range', 2000)).toBe(
      'Call to function "range" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step.',
    );
    expect(call('sum', [10, 13, 6, 4.5])).toBe(33.5);
    expect(call('sum', [0.1, 0.2])).toBe(0.3);
    expect(failed('sum', [])).toBe('Call to function "sum" failed: cannot sum an empty list.');
  });

  it('set functions', () => {
    expect(call('setunion', ['a', 'b'], ['b', 'c'], ['d'])).toEqual(['a', 'b', 'c', 'd']);
    expect(call('setintersection', ['a', 'b'], ['b', 'c'], ['b', 'd'])).toEqual(['b']);
    expect(call('setsubtract', ['a', 'b', 'c'], ['a', 'c'])).toEqual(['b']);
    expect(call('setproduct', ['development', 'staging'], ['app1', 'app2'])).toEqual([
      ['development', 'app1'],
      ['development', 'app2'],
      ['staging', 'app1'],
      ['staging', 'app2'],
    ]);
    expect(call('setproduct', ['a'], [])).toEqual([]);
    expect(failed('setproduct', ['a'])).toBe(
      'Call to function "setproduct" failed: at least two arguments are required.',
    );
    expect(call('toset', ['c', 'b', 'b'])).toEqual(['b', 'c']);
  });
});
