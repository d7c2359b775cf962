/**
 * Collection functions, as cty's stdlib (plus Terraform's alltrue, anytrue, one, sum and
 * transpose). Lists, sets and tuples are arrays; maps and objects are objects.
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../function.js';
import { inferType } from '../types-infer.js';
import { convertToType, unifyTypes } from '../types-convert.js';
import { valuesEqual, typeName } from '../value-ops.js';
import { isObject, newObject, objectFrom, type Value, type ValueObject } from '../value.js';
import { graphemes, param, T, toInt } from './helpers.js';

const seq = (v: Value): Value[] => v as Value[];

function flatten(list: Value[]): Value[] {
  return list.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));
}

function sortedKeys(o: ValueObject): string[] {
  return Object.keys(o).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** Converts every element to one type, as cty does when a tuple is passed as a list. */
export function unifyElements(list: Value[], argIndex: number, message: string): Value[] {
  const t = unifyTypes(list.map(inferType));
  if (!t) throw new FunctionArgError(argIndex, message);
  return list.map((v) => convertToType(v, t));
}

export const collectionFunctions: Record<string, HclFunction> = {
  alltrue: {
    params: [param('list', T.list(T.bool))],
    impl: ([list]) => seq(list as Value).every((v) => v === true),
  },
  anytrue: {
    params: [param('list', T.list(T.bool))],
    impl: ([list]) => seq(list as Value).some((v) => v === true),
  },
  chunklist: {
    params: [param('list', T.list(T.any)), param('size', T.number)],
    impl: ([listV, sizeV]) => {
      const list = seq(listV as Value);
      const size = toInt(sizeV as Value, 1);
      if (size < 0) throw new FunctionError('the size argument must be positive');
      if (list.length === 0) return [];
      if (size === 0) return [list];
      const out: Value[] = [];
      for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
      return out;
    },
  },
  coalesce: {
    params: [],
    varParam: param('vals', T.any, true),
    impl: (args) => {
      if (args.length === 0) throw new FunctionError('at least one argument is required');
      const t = unifyTypes(args.map(inferType));
      if (!t) throw new FunctionError('all arguments must have the same type');
      for (const a of args) {
        if (a === null) continue;
        const v = convertToType(a, t);
        if (t.kind === 'string' && v === '') continue;
        return v;
      }
      throw new FunctionError('no non-null, non-empty-string arguments');
    },
  },
  coalescelist: {
    params: [],
    varParam: param('vals', T.any, true),
    impl: (args) => {
      if (args.length === 0) throw new FunctionError('at least one argument is required');
      for (const a of args) {
        if (a !== null && !Array.isArray(a)) {
          throw new FunctionError('coalescelist arguments must be lists or tuples');
        }
      }
      for (const a of args) if (a !== null && (a as Value[]).length > 0) return a;
      throw new FunctionError('no non-null arguments');
    },
  },
  compact: {
    params: [param('list', T.list(T.string))],
    impl: ([list]) => seq(list as Value).filter((v) => v !== null && v !== ''),
  },
  concat: {
    params: [],
    varParam: param('seqs', T.any),
    impl: (args) => {
      if (args.length === 0) throw new FunctionError('at least one argument is required');
      args.forEach((a, i) => {
        if (!Array.isArray(a)) {
          throw new FunctionArgError(
            i,
            `all arguments must be lists or tuples; got ${typeName(a)}`,
          );
        }
      });
      return args.flatMap((a) => a as Value[]);
    },
  },
  contains: {
    params: [param('list', T.any), param('value', T.any)],
    impl: ([list, value]) => {
      if (!Array.isArray(list)) throw new FunctionError('argument must be list, tuple, or set');
      return list.some((v) => valuesEqual(v, value as Value));
    },
  },
  distinct: {
    params: [param('list', T.list(T.any))],
    impl: ([list]) => {
      const out: Value[] = [];
      for (const v of seq(list as Value)) if (!out.some((x) => valuesEqual(x, v))) out.push(v);
      return out;
    },
  },
  element: {
    params: [param('list', T.any), param('index', T.number)],
    impl: ([list, indexV]) => {
      if (!Array.isArray(list)) {
        throw new FunctionError(`cannot read elements from ${typeName(list as Value)}`);
      }
      const index = toInt(indexV as Value, 1);
      if (index < 0) throw new FunctionError('cannot use element function with a negative index');
      if (list.length === 0)
        throw new FunctionError('cannot use element function with an empty list');
      return list[index % list.length] as Value;
    },
  },
  flatten: {
    params: [param('list', T.any)],
    impl: ([list]) => {
      if (!Array.isArray(list)) throw new FunctionError('can only flatten lists, sets and tuples');
      return flatten(list);
    },
  },
  index: {
    // Nomad registers cty's index(collection, key): an element by key. A list searched for a
    // string value (Terraform's index(list, value)) gives the value's position.
    params: [param('collection', T.any), param('key', T.any)],
    impl: ([coll, key]) => {
      if (Array.isArray(coll)) {
        if (typeof key === 'number' || typeof key === 'bigint') {
          const i = toInt(key, 1);
          if (i < 0 || i >= coll.length) throw new FunctionError('invalid index');
          return coll[i] as Value;
        }
        const pos = coll.findIndex((v) => valuesEqual(v, key as Value));
        if (pos < 0) throw new FunctionError('item not found');
        return pos;
      }
      if (isObject(coll as Value)) {
        if (typeof key !== 'string') throw new FunctionError('key for map must be string');
        const o = coll as ValueObject;
        if (!(key in o)) throw new FunctionError('invalid index');
        return o[key] as Value;
      }
      throw new FunctionError('collection must be a list, a map or a tuple');
    },
  },
  keys: {
    params: [param('inputMap', T.any)],
    impl: ([m]) => {
      if (!isObject(m as Value)) throw new FunctionArgError(0, 'must have map or object type');
      return sortedKeys(m as ValueObject);
    },
  },
  length: {
    params: [param('value', T.any)],
    impl: ([v]) => {
      if (typeof v === 'string') return graphemes(v).length;
      if (Array.isArray(v)) return v.length;
      if (isObject(v as Value)) return Object.keys(v as ValueObject).length;
      throw new FunctionArgError(
        0,
        'argument must be a string, a collection type, or a structural type',
      );
    },
  },
  lookup: {
    params: [param('inputMap', T.any), param('key', T.string)],
    varParam: param('default', T.any, true),
    impl: (args) => {
      const [m, key] = args as [Value, string];
      if (args.length > 3) throw new FunctionError('lookup() takes no more than three arguments');
      if (!isObject(m))
        throw new FunctionArgError(0, 'lookup() requires a map as the first argument');
      if (key in m) return m[key] as Value;
      if (args.length === 3) return args[2] as Value;
      throw new FunctionError(`lookup failed to find key ${JSON.stringify(key)}`);
    },
  },
  merge: {
    params: [],
    varParam: param('maps', T.any, true),
    impl: (args) => {
      const out = newObject();
      for (const a of args) {
        if (a === null) continue;
        if (!isObject(a)) {
          throw new FunctionError(`arguments must be maps or objects, got "${typeName(a)}"`);
        }
        for (const k of Object.keys(a)) out[k] = a[k] as Value;
      }
      return out;
    },
  },
  one: {
    params: [param('list', T.any)],
    impl: ([list]) => {
      if (!Array.isArray(list) || list.length > 1) {
        throw new FunctionArgError(
          0,
          Array.isArray(list)
            ? 'must be a list, set, or tuple value with either zero or one elements'
            : 'must be a list, set, or tuple value with either zero or one elements',
        );
      }
      return list.length === 0 ? null : (list[0] as Value);
    },
  },
  reverse: {
    // Nomad registers cty's string reverse under this name too; Terraform's reverses lists.
    params: [param('list', T.any)],
    impl: ([list]) => {
      if (Array.isArray(list)) return [...list].reverse();
      if (typeof list === 'string' || typeof list === 'number' || typeof list === 'bigint') {
        return graphemes(convertToType(list, T.string) as string)
          .reverse()
          .join('');
      }
      throw new FunctionArgError(
        0,
        `can only reverse list or tuple values, not ${typeName(list as Value)}`,
      );
    },
  },
  slice: {
    params: [param('list', T.any), param('start_index', T.number), param('end_index', T.number)],
    impl: ([list, s, e]) => {
      if (!Array.isArray(list)) throw new FunctionArgError(0, 'must be a list or tuple value');
      const start = toInt(s as Value, 1);
      const end = toInt(e as Value, 2);
      if (start < 0) throw new FunctionArgError(1, 'start index must not be less than zero');
      if (start > list.length) {
        throw new FunctionArgError(
          1,
          'start index must not be greater than the length of the list',
        );
      }
      if (end < 0) throw new FunctionArgError(2, 'end index must not be less than zero');
      if (end > list.length) {
        throw new FunctionArgError(2, 'end index must not be greater than the length of the list');
      }
      if (start > end)
        throw new FunctionArgError(1, 'start index must not be greater than end index');
      return list.slice(start, end);
    },
  },
  sort: {
    params: [param('list', T.list(T.string))],
    impl: ([list]) => {
      const l = seq(list as Value);
      l.forEach((v, i) => {
        if (v === null) {
          throw new FunctionError(
            `given list element ${i} is null; a null string cannot be sorted`,
          );
        }
      });
      return [...(l as string[])].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    },
  },
  transpose: {
    params: [param('values', T.map(T.list(T.string)))],
    impl: ([m]) => {
      const input = m as ValueObject;
      const groups = new Map<string, string[]>();
      for (const k of sortedKeys(input)) {
        const list = input[k] as Value[] | null;
        if (list === null) continue;
        for (const v of list) {
          if (v === null) throw new FunctionError('cannot use null value as a map key');
          const g = groups.get(v as string) ?? [];
          g.push(k);
          groups.set(v as string, g);
        }
      }
      const out = newObject();
      for (const k of [...groups.keys()].sort()) out[k] = groups.get(k) as string[];
      return out;
    },
  },
  values: {
    params: [param('mapping', T.any)],
    impl: ([m]) => {
      if (!isObject(m as Value))
        throw new FunctionError('values() requires a map as the first argument');
      const o = m as ValueObject;
      return sortedKeys(o).map((k) => o[k] as Value);
    },
  },
  zipmap: {
    params: [param('keys', T.list(T.string)), param('values', T.any)],
    impl: ([k, vals]) => {
      const keys = seq(k as Value);
      if (!Array.isArray(vals))
        throw new FunctionError('values argument must be a list or tuple value');
      if (keys.length !== vals.length) {
        throw new FunctionError(
          `number of keys (${keys.length}) does not match number of values (${vals.length})`,
        );
      }
      keys.forEach((key, i) => {
        if (key === null) throw new FunctionError(`keys list has null value at index ${i}`);
      });
      return objectFrom(keys.map((key, i) => [key as string, vals[i] as Value]));
    },
  },
};
