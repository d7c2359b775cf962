import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { evaluate } from './eval.js';
import { FunctionArgError, FunctionError, type HclFunction } from './function.js';
import { parseExpression } from './parse.js';
import { objectFrom, type Value } from './value.js';

const STR = { kind: 'string' } as const;
const NUM = { kind: 'number' } as const;
const ANY = { kind: 'dynamic' } as const;

const FUNCTIONS = new Map<string, HclFunction>([
  ['upper', { params: [{ name: 'str', type: STR }], impl: ([s]) => (s as string).toUpperCase() }],
  [
    'max',
    {
      params: [],
      varParam: { name: 'numbers', type: NUM },
      impl: (args) => {
        if (args.length === 0) throw new FunctionError('must pass at least one number');
        return Math.max(...(args as number[]));
      },
    },
  ],
  [
    'substr',
    {
      params: [
        { name: 'str', type: STR },
        { name: 'offset', type: NUM },
        { name: 'length', type: NUM },
      ],
      impl: ([s, o, l]) => (s as string).substr(o as number, l as number),
    },
  ],
  [
    'coalesce',
    {
      params: [],
      varParam: { name: 'vals', type: ANY, allowNull: true },
      impl: (args) => args.find((a) => a !== null) ?? null,
    },
  ],
  ['length', { params: [{ name: 'value', type: ANY }], impl: ([v]) => (v as Value[]).length }],
  [
    'join',
    {
      params: [{ name: 'separator', type: STR }],
      varParam: { name: 'lists', type: { kind: 'list', elem: STR } },
      impl: ([sep, ...lists]) => (lists as string[][]).flat().join(sep as string),
    },
  ],
  [
    'picky',
    {
      params: [
        { name: 'a', type: ANY },
        { name: 'b', type: ANY },
      ],
      impl: () => {
        throw new FunctionArgError(1, 'b must be picked with care');
      },
    },
  ],
]);

const VARS = new Map<string, Value>([
  [
    'var',
    objectFrom([
      ['l', ['a', 'b']],
      ['nul', null],
      ['o', objectFrom([['k', 1]])],
    ]),
  ],
]);

function ev(src: string): { value: Value; errors: string[] } {
  const { expr, diags } = parseExpression(src, 't.hcl');
  expect(diags.map(formatDiagnostic)).toEqual([]);
  const r = evaluate(expr, { variables: VARS, functions: FUNCTIONS });
  return { value: r.value, errors: r.diags.map(formatDiagnostic) };
}

function value(src: string): Value {
  const r = ev(src);
  expect(r.errors).toEqual([]);
  return r.value;
}

const errors = (src: string) => ev(src).errors;

describe('function calls', () => {
  it('calls with arguments converted to the parameter types', () => {
    expect(value('upper("web")')).toBe('WEB');
    expect(value('upper(12)')).toBe('12');
    expect(value('max(1, "7", 3)')).toBe(7);
    expect(value('substr("nomad", "1", 3)')).toBe('oma');
    expect(value('join("-", ["a", 1], var.l)')).toBe('a-1-a-b');
  });

  it('expands a final argument with ...', () => {
    expect(value('max([4, 9, 2]...)')).toBe(9);
    expect(value('substr("nomad", [0, 2]...)')).toBe('no');
    expect(errors('max(var.nul...)')).toEqual([
      't.hcl:1,5-12: Invalid expanding argument value; The expanding argument (indicated by ...) must not be null.',
    ]);
    expect(errors('max(var.o...)')).toEqual([
      't.hcl:1,5-10: Invalid expanding argument value; The expanding argument (indicated by ...) must be of a tuple, list, or set type.',
    ]);
  });

  it('reports unknown functions, with a suggestion', () => {
    expect(errors('uper("x")')).toEqual([
      't.hcl:1,1-5: Call to unknown function; There is no function named "uper". Did you mean "upper"?',
    ]);
    expect(errors('nothing()')).toEqual([
      't.hcl:1,1-8: Call to unknown function; There is no function named "nothing".',
    ]);
    const r = evaluate(parseExpression('upper("x")', 't.hcl').expr, { variables: VARS });
    expect(r.diags.map(formatDiagnostic)).toEqual([
      't.hcl:1,1-11: Function calls not allowed; Functions may not be called here.',
    ]);
  });

  it('reports argument counts as HCL words them', () => {
    expect(errors('substr("a", 1)')).toEqual([
      't.hcl:1,14-15: Not enough function arguments; Function "substr" expects 3 argument(s). Missing value for "length".',
    ]);
    expect(errors('join()')).toEqual([
      't.hcl:1,6-7: Not enough function arguments; Function "join" expects at least 1 argument(s). Missing value for "separator".',
    ]);
    expect(errors('upper("a", "b")')).toEqual([
      't.hcl:1,13-14: Too many function arguments; Function "upper" expects only 1 argument(s).',
    ]);
  });

  it('points at the argument that cannot be converted', () => {
    expect(errors('upper(["x"])')).toEqual([
      't.hcl:1,7-8: Invalid function argument; Invalid value for "str" parameter: string required.',
    ]);
    expect(errors('max(1, "x")')).toEqual([
      't.hcl:1,9-10: Invalid function argument; Invalid value for "numbers" parameter: a number is required.',
    ]);
    expect(errors('join(",", [[1]])')).toEqual([
      't.hcl:1,11-12: Invalid function argument; Invalid value for "lists" parameter: element 0: string required.',
    ]);
  });

  it('rejects null arguments unless the parameter allows them', () => {
    expect(errors('upper(var.nul)')).toEqual([
      't.hcl:1,7-14: Invalid function argument; Invalid value for "str" parameter: argument must not be null.',
    ]);
    expect(value('coalesce(null, var.nul, "x")')).toBe('x');
  });

  it('maps errors thrown by functions', () => {
    expect(errors('max()')).toEqual([
      't.hcl:1,1-5: Error in function call; Call to function "max" failed: must pass at least one number.',
    ]);
    expect(errors('picky(1, 2)')).toEqual([
      't.hcl:1,10-11: Invalid function argument; Invalid value for "b" parameter: b must be picked with care.',
    ]);
  });

  it('does not call a function whose arguments failed', () => {
    expect(errors('upper(nope)')).toEqual([
      't.hcl:1,7-11: Unknown variable; There is no variable named "nope".',
    ]);
  });
});

describe('try, can and convert', () => {
  it('try gives the first argument without errors', () => {
    expect(value('try(var.o.missing, var.nul.x, "fallback")')).toBe('fallback');
    expect(value('try(var.o.k, 2)')).toBe(1);
    expect(value('try(upper(1), 2)')).toBe('1');
  });

  it('try reports every failure when none succeeds', () => {
    expect(errors('try(var.o.a, nope)')).toEqual([
      't.hcl:1,1-5: Error in function call; Call to function "try" failed: no expression succeeded:\n' +
        '- Unsupported attribute (at t.hcl:1,10-12)\n  This object does not have an attribute named "a".\n' +
        '- Unknown variable (at t.hcl:1,14-18)\n  There is no variable named "nope".\n' +
        '\nAt least one expression must produce a successful result.',
    ]);
    expect(errors('try()')).toEqual([
      't.hcl:1,1-5: Error in function call; Call to function "try" failed: at least one argument is required.',
    ]);
  });

  it('can says whether an expression evaluates without errors', () => {
    expect(value('can(var.o.k)')).toBe(true);
    expect(value('can(var.o.x)')).toBe(false);
    expect(value('can(1 / 0)')).toBe(false);
    expect(errors('can()')).toEqual([
      't.hcl:1,5-6: Not enough function arguments; Function "can" expects 1 argument(s). Missing value for "expression".',
    ]);
  });

  it('convert converts to a type constraint', () => {
    expect(value('convert([1, 2], list(string))')).toEqual(['1', '2']);
    expect(value('convert("5", number)')).toBe(5);
    expect(value('convert(null, string)')).toBe(null);
    expect(errors('convert("x", number)')).toEqual([
      't.hcl:1,10-11: Invalid function argument; Invalid value for "value" parameter: a number is required.',
    ]);
    expect(errors('convert(1, lisst(string))')).toEqual([
      't.hcl:1,12-25: Invalid type specification; Keyword "lisst" is not a valid type constructor.',
    ]);
  });
});
