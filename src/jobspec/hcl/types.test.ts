import { describe, it, expect } from 'vitest';
import type { Expression } from './ast.js';
import { formatDiagnostic } from './diagnostic.js';
import type { Range } from './range.js';
import { convertToType, inferType, typeFromExpr, typeString, unifyTypes } from './types.js';
import { objectFrom, type Type, type Value } from './value.js';

function r(start: number, end: number): Range {
  return {
    filename: 't.hcl',
    start: { line: 1, column: start, offset: start - 1 },
    end: { line: 1, column: end, offset: end - 1 },
  };
}

const kw = (name: string, at = 1): Expression => ({
  kind: 'traversal',
  root: name,
  rootRange: r(at, at + name.length),
  steps: [],
  range: r(at, at + name.length),
});

function call(name: string, args: Expression[], at = 1): Expression {
  const open = at + name.length;
  const end = open + 10;
  return {
    kind: 'call',
    name,
    args,
    expandFinal: false,
    nameRange: r(at, open),
    openParenRange: r(open, open + 1),
    closeParenRange: r(end - 1, end),
    range: r(at, end),
  };
}

function obj(items: [string, Expression][], quoted = false): Expression {
  return {
    kind: 'object',
    items: items.map(([k, v]) => ({
      key: { kind: 'literal', value: k, range: r(1, 2) },
      bareKey: !quoted,
      value: v,
    })),
    range: r(1, 20),
    openRange: r(1, 2),
  };
}

function tuple(exprs: Expression[]): Expression {
  return { kind: 'tuple', exprs, range: r(1, 20), openRange: r(1, 2) };
}

function parse(e: Expression): string {
  const { type, diags } = typeFromExpr(e);
  if (diags.length > 0) return diags.map(formatDiagnostic).join('\n');
  return typeString(type as Type);
}

describe('typeFromExpr', () => {
  it('reads keywords and constructors', () => {
    expect(parse(kw('string'))).toBe('string');
    expect(parse(kw('any'))).toBe('any');
    expect(parse(call('list', [kw('number')]))).toBe('list(number)');
    expect(parse(call('map', [call('set', [kw('bool')])]))).toBe('map(set(bool))');
    expect(parse(call('tuple', [tuple([kw('string'), kw('number')])]))).toBe(
      'tuple([string,number])',
    );
    expect(
      parse(
        call('object', [
          obj([
            ['b', call('optional', [kw('number')])],
            ['a', kw('string')],
          ]),
        ]),
      ),
    ).toBe('object({a=string,b=optional(number)})');
  });

  it('reports bad constraints as HCL does', () => {
    expect(parse(kw('strin'))).toBe(
      't.hcl:1,1-6: Invalid type specification; The keyword "strin" is not a valid type specification.',
    );
    expect(parse(kw('list'))).toBe(
      't.hcl:1,1-5: Invalid type specification; The list type constructor requires one argument specifying the element type.',
    );
    expect(parse(call('string', [kw('x', 8)]))).toBe(
      't.hcl:1,7-17: Invalid type specification; Primitive type keyword "string" does not expect arguments.',
    );
    expect(parse(call('list', [kw('string', 6), kw('number', 14)]))).toBe(
      't.hcl:1,14-20: Invalid type specification; The list type constructor requires one argument specifying the element type.',
    );
    expect(parse(call('frob', [kw('string')]))).toBe(
      't.hcl:1,1-15: Invalid type specification; Keyword "frob" is not a valid type constructor.',
    );
    expect(parse({ kind: 'literal', value: 'string', range: r(1, 9) })).toBe(
      't.hcl:1,1-9: Invalid type specification; A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
    );
    expect(parse(call('object', [obj([['a', kw('string')]], true)]))).toContain(
      'Object constructor map keys must be attribute names.',
    );
    expect(parse(call('optional', [kw('string')]))).toContain(
      'Keyword "optional" is valid only as a modifier for object type attributes.',
    );
    expect(parse(call('tuple', [kw('string')]))).toContain(
      'Tuple type constructor requires a list of element types.',
    );
  });
});

const S: Type = { kind: 'string' };
const N: Type = { kind: 'number' };
const B: Type = { kind: 'bool' };
const o = (e: Record<string, Value>) => objectFrom(Object.entries(e));

function convErr(v: Value, t: Type): string {
  try {
    convertToType(v, t);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('convertToType', () => {
  it('converts primitives', () => {
    expect(convertToType(5, S)).toBe('5');
    expect(convertToType(true, S)).toBe('true');
    expect(convertToType('12', N)).toBe(12);
    expect(convertToType('18446744073709551616', N)).toBe(18446744073709551616n);
    expect(convertToType('1', B)).toBe(true);
    expect(convertToType('false', B)).toBe(false);
    expect(convertToType(null, S)).toBe(null);
    expect(convErr('abc', N)).toBe('a number is required');
    expect(convErr('True', B)).toBe(
      'a bool is required; to convert from string, use lowercase "true"',
    );
    expect(convErr(1, B)).toBe('bool required');
    expect(convErr([1], S)).toBe('string required');
  });

  it('converts collections with paths in errors', () => {
    expect(convertToType([1, 'a', true], { kind: 'list', elem: S })).toEqual(['1', 'a', 'true']);
    expect(convertToType([1, 'a'], { kind: 'list', elem: { kind: 'dynamic' } })).toEqual([
      '1',
      'a',
    ]);
    expect(convErr([1, true], { kind: 'list', elem: { kind: 'dynamic' } })).toBe(
      'all list elements must have the same type',
    );
    expect(convertToType(['b', 'a', 'b'], { kind: 'set', elem: S })).toEqual(['a', 'b']);
    expect(convErr(['a', 'b', [1]], { kind: 'list', elem: S })).toBe('element 2: string required');
    expect(convErr('x', { kind: 'list', elem: S })).toBe('list of string required');
    expect(convErr(o({ a: 'x' }), { kind: 'map', elem: N })).toBe(
      'element "a": a number is required',
    );
    expect(convertToType(o({ a: 1, b: 'x' }), { kind: 'map', elem: { kind: 'dynamic' } })).toEqual(
      o({ a: '1', b: 'x' }),
    );
  });

  it('converts objects', () => {
    const t: Type = {
      kind: 'object',
      attrs: { host: S, port: N, tls: B },
      optional: ['tls'],
    };
    expect(convertToType(o({ host: 'h', port: '80', extra: 1 }), t)).toEqual(
      o({ host: 'h', port: 80, tls: null }),
    );
    expect(convErr(o({ host: 'h', port: 'x' }), t)).toBe('attribute "port": a number is required');
    expect(convErr(o({ host: 'h', port: [] }), t)).toBe('attribute "port": number required');
    expect(convErr(o({}), t)).toBe('attributes "host" and "port" are required');
    expect(convErr(o({ port: 1 }), t)).toBe('attribute "host" is required');
    expect(convErr([o({ port: 1 })], { kind: 'list', elem: t })).toBe(
      'element 0: attribute "host" is required',
    );
    expect(convErr([1], { kind: 'tuple', elems: [S, S] })).toBe('tuple required');
  });

  it('unifies types', () => {
    expect(unifyTypes([inferType(o({ a: 1 })), inferType(o({ b: 'x' }))])).toEqual({
      kind: 'map',
      elem: S,
    });
    expect(unifyTypes([inferType([1]), inferType([1, 2])])).toEqual({ kind: 'list', elem: N });
    expect(unifyTypes([N, { kind: 'dynamic' }])).toEqual(N);
    expect(unifyTypes([inferType([1]), inferType(o({}))])).toBeUndefined();
  });
});

describe('typeFromExpr on parsed source', () => {
  async function parsed(src: string): Promise<string> {
    const { parseExpression } = await import('./parse.js');
    const { expr, diags } = parseExpression(src, 'v.hcl', { line: 1, column: 1, offset: 0 });
    expect(diags).toEqual([]);
    return parse(expr as Expression);
  }

  it('reads written constraints', async () => {
    expect(await parsed('map(object({ port = number, tags = optional(list(string)) }))')).toBe(
      'map(object({port=number,tags=optional(list(string))}))',
    );
    expect(await parsed('list(string, number)')).toBe(
      'v.hcl:1,14-20: Invalid type specification; The list type constructor requires one argument specifying the element type.',
    );
    expect(await parsed('object({ a = strin })')).toBe(
      'v.hcl:1,14-19: Invalid type specification; The keyword "strin" is not a valid type specification.',
    );
    expect(await parsed('number()')).toBe(
      'v.hcl:1,7-9: Invalid type specification; Primitive type keyword "number" does not expect arguments.',
    );
    expect(await parsed('object({ a = optional(string, "x") })')).toBe(
      'v.hcl:1,22-35: Invalid type specification; Optional attribute modifier expects only one argument: the attribute type.',
    );
  });
});
