import { describe, expect, it } from 'vitest';
import type { Expression } from './ast.js';
import { formatDiagnostic } from './diagnostic.js';
import { evaluate, exprVariables } from './eval.js';
import { parseExpression } from './parse.js';
import { objectFrom, type Value } from './value.js';

const obj = (o: Record<string, Value>) => objectFrom(Object.entries(o));

const VARS = new Map<string, Value>([
  [
    'var',
    obj({
      s: 'str',
      n: 5,
      t: true,
      nul: null,
      list: [1, 2, 3],
      empty: [],
      objs: [obj({ name: 'a' }), obj({ name: 'b' })],
      m: obj({ b: 2, a: 1, c: 3 }),
      nested: obj({ inner: obj({ x: 'deep' }) }),
    }),
  ],
  ['local', obj({ port: 8080 })],
]);

function parse(src: string): Expression {
  const { expr, diags } = parseExpression(src, 't.hcl');
  expect(diags.map(formatDiagnostic)).toEqual([]);
  return expr;
}

function ev(src: string, vars: Map<string, Value> = VARS): { value: Value; errors: string[] } {
  const r = evaluate(parse(src), { variables: vars, functions: new Map() });
  return { value: r.value, errors: r.diags.map(formatDiagnostic) };
}

function value(src: string): Value {
  const r = ev(src);
  expect(r.errors).toEqual([]);
  return r.value;
}

function errors(src: string): string[] {
  return ev(src).errors;
}

describe('literals, tuples and objects', () => {
  it('evaluates literals exactly', () => {
    expect(value('42')).toBe(42);
    expect(value('1.5')).toBe(1.5);
    expect(value('12345678901234567890')).toBe(12345678901234567890n);
    expect(value('true')).toBe(true);
    expect(value('null')).toBe(null);
    expect(value('"a\\nb"')).toBe('a\nb');
  });

  it('builds tuples and objects', () => {
    expect(value('[1, "a", [true]]')).toEqual([1, 'a', [true]]);
    expect(value('{ a = 1, "b" = 2, (var.s) = 3 }')).toEqual(obj({ a: 1, b: 2, str: 3 }));
    expect(value('{ 1 = "x", true = "y" }')).toEqual(obj({ 1: 'x', true: 'y' }));
  });

  it('rejects null, unconvertible and duplicate keys', () => {
    expect(errors('{ (null) = 1 }')).toEqual([
      "t.hcl:1,12-13: Null value as key; Can't use a null value as a key.",
    ]);
    expect(errors('{ (var.list) = 1 }')).toEqual([
      "t.hcl:1,3-13: Incorrect key type; Can't use this value as a key: string required.",
    ]);
    expect(errors('{ a = 1, a = 2 }')).toEqual([
      't.hcl:1,10-11: Duplicate object attribute; An attribute named "a" was already defined at t.hcl:1,3-4.',
    ]);
  });
});

describe('traversals', () => {
  it('reads attributes, indexes, legacy indexes and map keys', () => {
    expect(value('var.s')).toBe('str');
    expect(value('var.list[1]')).toBe(2);
    expect(value('var.list["2"]')).toBe(3);
    expect(value('var.list.0')).toBe(1);
    expect(value('var.m["a"]')).toBe(1);
    expect(value('var.nested.inner.x')).toBe('deep');
    expect(value('var.objs[1].name')).toBe('b');
    expect(value('[10, 20][var.list[0]]')).toBe(20);
    expect(value('{ a = { b = 1 } }.a.b')).toBe(1);
  });

  it('reports unknown variables, with a suggestion', () => {
    expect(errors('nope.x')).toEqual([
      't.hcl:1,1-5: Unknown variable; There is no variable named "nope".',
    ]);
    expect(errors('vr.s')).toEqual([
      't.hcl:1,1-3: Unknown variable; There is no variable named "vr". Did you mean "var"?',
    ]);
  });

  it('reports missing attributes and bad indexes as HCL does', () => {
    expect(errors('var.x')).toEqual([
      't.hcl:1,4-6: Unsupported attribute; This object does not have an attribute named "x".',
    ]);
    expect(errors('var.m["z"]')).toEqual([
      't.hcl:1,6-11: Invalid index; The given key does not identify an element in this collection value.',
    ]);
    expect(errors('var.m[0]')).toEqual([
      't.hcl:1,6-9: Invalid index; The given key does not identify an element in this collection value. An object only supports looking up attributes by name, not by numeric index.',
    ]);
    expect(errors('var.list[3]')).toEqual([
      't.hcl:1,9-12: Invalid index; The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.',
    ]);
    expect(errors('var.list[-1]')).toEqual([
      't.hcl:1,9-13: Invalid index; The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.',
    ]);
    expect(errors('var.list[0.5]')).toEqual([
      't.hcl:1,9-14: Invalid index; The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.',
    ]);
    expect(errors('var.empty[0]')).toEqual([
      't.hcl:1,10-13: Invalid index; The given key does not identify an element in this collection value: the collection has no elements.',
    ]);
    expect(errors('var.list["x"]')).toEqual([
      't.hcl:1,9-14: Invalid index; The given key does not identify an element in this collection value: a number is required.',
    ]);
    expect(errors('var.s[0]')).toEqual([
      't.hcl:1,6-9: Invalid index; This value does not have any indices.',
    ]);
    expect(errors('var.nul.x')).toEqual([
      't.hcl:1,8-10: Attempt to get attribute from null value; This value is null, so it does not have any attributes.',
    ]);
    expect(errors('var.nul[0]')).toEqual([
      't.hcl:1,8-11: Attempt to index null value; This value is null, so it does not have any indices.',
    ]);
    expect(errors('var.s.x')).toEqual([
      "t.hcl:1,6-8: Unsupported attribute; Can't access attributes on a primitive-typed value (string).",
    ]);
    expect(errors('var.objs.name')).toEqual([
      't.hcl:1,9-14: Unsupported attribute; Can\'t access attributes on a list of objects. Did you mean to access attribute "name" for a specific element of the list, or across all elements of the list?',
    ]);
    expect(errors('var.list.x')).toEqual([
      't.hcl:1,9-11: Unsupported attribute; This value does not have any attributes.',
    ]);
  });

  it('gives one message for one mistake', () => {
    expect(errors('nope.a.b[0] + 1')).toEqual([
      't.hcl:1,1-5: Unknown variable; There is no variable named "nope".',
    ]);
  });

  it('says when variables are not allowed at all', () => {
    const r = evaluate(parse('a.b'), {});
    expect(r.diags.map(formatDiagnostic)).toEqual([
      't.hcl:1,1-2: Variables not allowed; Variables may not be used here.',
    ]);
    expect(r.value).toBe(null);
  });
});

describe('splats', () => {
  it('maps over sequences, wraps single values, and gives [] for null', () => {
    expect(value('var.objs[*].name')).toEqual(['a', 'b']);
    expect(value('var.objs.*.name')).toEqual(['a', 'b']);
    expect(value('var.list[*]')).toEqual([1, 2, 3]);
    expect(value('var.nul[*]')).toEqual([]);
    expect(value('var.s[*]')).toEqual(['str']);
    expect(value('var.nested[*].inner.x')).toEqual(['deep']);
  });

  it('reports errors inside the splat', () => {
    expect(errors('var.objs[*].nope')).toEqual([
      't.hcl:1,12-17: Unsupported attribute; This object does not have an attribute named "nope".',
      't.hcl:1,12-17: Unsupported attribute; This object does not have an attribute named "nope".',
    ]);
  });
});

describe('conditionals', () => {
  it('evaluates the chosen branch only', () => {
    expect(value('var.t ? "yes" : nope')).toBe('yes');
    expect(value('!var.t ? nope : 2')).toBe(2);
    expect(value('"true" ? 1 : 2')).toBe(1);
    expect(value('"false" ? 1 : 2')).toBe(2);
  });

  it('unifies the result with a literal of another type in the other branch', () => {
    expect(value('var.t ? 1 : "x"')).toBe('1');
    expect(value('!var.t ? "x" : true')).toBe('true');
    expect(value('var.t ? var.n : null')).toBe(5);
    expect(errors('var.t ? 1 : false')).toEqual([
      "t.hcl:1,9-18: Inconsistent conditional result types; The true and false result expressions must have consistent types. The 'true' value is number, but the 'false' value is bool.",
    ]);
  });

  it('requires a bool condition', () => {
    expect(errors('"yes" ? 1 : 2')).toEqual([
      't.hcl:1,1-6: Incorrect condition type; The condition expression must be of type bool.',
    ]);
    expect(errors('var.nul ? 1 : 2')).toEqual([
      't.hcl:1,1-8: Null condition; The condition value is null. Conditions must either be true or false.',
    ]);
  });
});

describe('operators', () => {
  it('does arithmetic with conversions', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('"5" + 1')).toBe(6);
    expect(value('7 / 2')).toBe(3.5);
    expect(value('7 % 3')).toBe(1);
    expect(value('-7 % 3')).toBe(-1);
    expect(value('-var.n')).toBe(-5);
    expect(value('0.1 + 0.2')).toBe(0.30000000000000004);
    expect(value('10 - 20')).toBe(-10);
  });

  it('keeps big integers exact', () => {
    expect(value('9007199254740993 + 2')).toBe(9007199254740995n);
    expect(value('9007199254740991 + 1')).toBe(9007199254740992n);
    expect(value('9007199254740992 - 1')).toBe(9007199254740991);
    expect(value('4294967296 * 4294967296')).toBe(18446744073709551616n);
    expect(value('18446744073709551616 / 4294967296')).toBe(4294967296);
    expect(value('18446744073709551616 > 18446744073709551615')).toBe(true);
  });

  it('compares', () => {
    expect(value('1 < 2')).toBe(true);
    expect(value('"10" > 9')).toBe(true);
    expect(value('2 <= 2')).toBe(true);
    expect(value('1 >= 2')).toBe(false);
  });

  it('tests equality without conversion', () => {
    expect(value('1 == 1.0')).toBe(true);
    expect(value('1 == "1"')).toBe(false);
    expect(value('[1, "a"] == [1, "a"]')).toBe(true);
    expect(value('{ a = 1 } != { a = 1 }')).toBe(false);
    expect(value('var.nul == null')).toBe(true);
    expect(value('null != "x"')).toBe(true);
  });

  it('has logic operators that decide on one side', () => {
    expect(value('true && "false"')).toBe(false);
    expect(value('!var.t || var.t')).toBe(true);
    expect(value('var.nul != null && var.nul.x == 1')).toBe(false);
    expect(value('var.nul == null || var.nul.x == 1')).toBe(true);
    expect(errors('true && var.nul.x')).toEqual([
      't.hcl:1,16-18: Attempt to get attribute from null value; This value is null, so it does not have any attributes.',
    ]);
  });

  it('reports unsuitable operands', () => {
    expect(errors('"a" + 1')).toEqual([
      't.hcl:1,1-4: Invalid operand; Unsuitable value for left operand: a number is required.',
    ]);
    expect(errors('1 * [1]')).toEqual([
      't.hcl:1,5-8: Invalid operand; Unsuitable value for right operand: number required.',
    ]);
    expect(errors('!"x"')).toEqual([
      't.hcl:1,2-5: Invalid operand; Unsuitable value for unary operand: a bool is required.',
    ]);
    expect(errors('1 && true')).toEqual([
      't.hcl:1,1-2: Invalid operand; Unsuitable value for left operand: bool required.',
    ]);
    expect(errors('null + 1')).toEqual([
      't.hcl:1,1-9: Operation failed; Error during operation: argument must not be null.',
    ]);
  });

  it('reports division by zero', () => {
    expect(errors('1 / 0')).toEqual([
      't.hcl:1,1-6: Operation failed; Error during operation: divide by zero.',
    ]);
    expect(errors('5 % 0')).toEqual([
      't.hcl:1,1-6: Operation failed; Error during operation: divide by zero.',
    ]);
  });
});

describe('for expressions', () => {
  it('builds tuples, with filters', () => {
    expect(value('[for x in var.list : x * 2]')).toEqual([2, 4, 6]);
    expect(value('[for i, x in var.list : i if x > 1]')).toEqual([1, 2]);
    expect(value('[for x in var.list : x if "true"]')).toEqual([1, 2, 3]);
  });

  it('iterates objects in lexical key order', () => {
    expect(value('[for k, v in var.m : "${k}=${v}"]')).toEqual(['a=1', 'b=2', 'c=3']);
    expect(value('[for v in { b = 1, a = 2, "10" = 3, "9" = 4 } : v]')).toEqual([3, 4, 2, 1]);
  });

  it('builds objects, grouping with ...', () => {
    expect(value('{ for k, v in var.m : v => k }')).toEqual(obj({ 1: 'a', 2: 'b', 3: 'c' }));
    expect(value('{ for s in ["aa", "ab", "b"] : (s == "b" ? "b" : "a") => s... }')).toEqual(
      obj({ a: ['aa', 'ab'], b: ['b'] }),
    );
    expect(value('{ for o in var.objs : o.name => o }')).toEqual(
      obj({ a: obj({ name: 'a' }), b: obj({ name: 'b' }) }),
    );
  });

  it('reports duplicate keys without grouping', () => {
    expect(errors('{ for x in ["a", "b", "a"] : x => 1 }')).toEqual([
      `t.hcl:1,30-31: Duplicate object key; Two different items produced the key "a" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
    ]);
  });

  it('reports what cannot be iterated, and bad keys and conditions', () => {
    expect(errors('[for x in var.nul : x]')).toEqual([
      "t.hcl:1,11-18: Iteration over null value; A null value cannot be used as the collection in a 'for' expression.",
    ]);
    expect(errors('[for x in var.s : x]')).toEqual([
      "t.hcl:1,11-16: Iteration over non-iterable value; A value of type string cannot be used as the collection in a 'for' expression.",
    ]);
    expect(errors('{ for x in [null] : x => 1 }')).toEqual([
      "t.hcl:1,21-22: Invalid object key; Key expression in 'for' expression must not produce a null value.",
    ]);
    expect(errors('{ for x in [[1]] : x => 1 }')).toEqual([
      't.hcl:1,20-21: Invalid object key; The key expression produced an invalid result: string required.',
    ]);
    expect(errors('[for x in var.list : x if x]')).toEqual([
      "t.hcl:1,27-28: Invalid 'for' condition; The 'if' clause value is invalid: bool required.",
    ]);
    expect(errors('[for x in var.list : x if nope]')).toEqual([
      't.hcl:1,27-31: Unknown variable; There is no variable named "nope".',
    ]);
  });

  it('scopes its names to its body', () => {
    expect(value('[for var in [1] : var]')).toEqual([1]);
    expect(value('[for x in [[1, 2], [3]] : [for y in x : y * 10]]')).toEqual([[10, 20], [30]]);
  });
});

describe('templates', () => {
  it('joins parts converted to strings', () => {
    expect(value('"n=${var.n} t=${var.t} big=${12345678901234567890} f=${1.5}"')).toBe(
      'n=5 t=true big=12345678901234567890 f=1.5',
    );
    expect(value('"$${literal} %%{x}"')).toBe('${literal} %{x}');
  });

  it('returns a lone interpolation unconverted', () => {
    expect(value('"${var.list}"')).toEqual([1, 2, 3]);
    expect(value('"${var.n}"')).toBe(5);
  });

  it('renders if and for directives', () => {
    expect(value('"%{ if var.t }on%{ else }off%{ endif }"')).toBe('on');
    expect(value('"%{ if !var.t }on%{ endif }"')).toBe('');
    expect(value('"%{ for i, x in var.list }${i}:${x};%{ endfor }"')).toBe('0:1;1:2;2:3;');
    expect(value('"%{ for k, v in var.m }${k}${v}%{ endfor }"')).toBe('a1b2c3');
    expect(value('<<EOT\n%{ for x in var.list ~}\n${x}\n%{ endfor ~}\nEOT\n')).toBe('1\n2\n3\n');
  });

  it('rejects null and unconvertible interpolations', () => {
    expect(errors('"a${var.nul}b"')).toEqual([
      't.hcl:1,5-12: Invalid template interpolation value; The expression result is null. Cannot include a null value in a string template.',
    ]);
    expect(errors('"a${var.list}b"')).toEqual([
      't.hcl:1,5-13: Invalid template interpolation value; Cannot include the given value in a string template: string required.',
    ]);
    expect(errors('"%{ if "x" }a%{ endif }"')).toEqual([
      't.hcl:1,8-11: Incorrect condition type; The condition expression must be of type bool.',
    ]);
    expect(errors('"%{ for x in 1 }a%{ endfor }"')).toEqual([
      "t.hcl:1,14-15: Iteration over non-iterable value; A value of type number cannot be used as the collection in a 'for' expression.",
    ]);
  });
});

describe('exprVariables', () => {
  it('lists root references, not for or splat locals', () => {
    const refs = exprVariables(
      parse('[for k, v in local.m : "${k}${v}${var.x}" if each.key != k][0] + attr.a[*].b'),
    );
    expect(refs.map((r) => r.root)).toEqual(['local', 'var', 'each', 'attr']);
    expect(refs[0]!.traversal.steps).toEqual([
      expect.objectContaining({ kind: 'attr', name: 'm' }),
    ]);
  });

  it('lists template for directive bodies without their names', () => {
    const refs = exprVariables(parse('"%{ for x in var.l }${x}${node.y}%{ endfor }"'));
    expect(refs.map((r) => r.root)).toEqual(['var', 'node']);
  });

  it('does not count the type of convert() as references', () => {
    expect(exprVariables(parse('convert(var.a, list(string))')).map((r) => r.root)).toEqual([
      'var',
    ]);
  });
});

describe('contexts', () => {
  it('looks names up through parent contexts, nearest first', () => {
    const parent = {
      variables: new Map<string, Value>([
        ['a', 1],
        ['b', 2],
      ]),
    };
    const child = { variables: new Map<string, Value>([['a', 10]]), parent };
    expect(evaluate(parse('a + b'), child)).toEqual({ value: 12, diags: [] });
    expect(evaluate(parse('[for a in [100] : a + b]'), child)).toEqual({ value: [102], diags: [] });
  });

  it('gives null, never an internal unknown, for what failed', () => {
    const r = evaluate(parse('[1, nope, { a = nope.b }]'), { variables: VARS });
    expect(r.value).toEqual([1, null, obj({ a: null })]);
    expect(r.diags).toHaveLength(2);
  });
});
