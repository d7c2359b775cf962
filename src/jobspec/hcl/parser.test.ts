import { describe, expect, it } from 'vitest';
import type { Block } from './ast.js';
import { NativeBody, type NativeBlock, parseExpression, parseNative } from './parse.js';
import { attrStep, exprOf, indexStep, lit, r, ref, shape } from './parser-test-util.js';

describe('structure', () => {
  it('parses attributes and blocks with labels, in source order', () => {
    const src = 'a = 1\njob "web" {\n  group app "x" {\n    count = 2\n  }\n}\nb = true\n';
    const { file, diags } = parseNative(src, 't.hcl');
    expect(diags).toEqual([]);
    expect(file.src).toBe(src);
    expect(file.filename).toBe('t.hcl');
    const { attributes, blocks } = file.body.items();
    expect(attributes.map((x) => x.name)).toEqual(['a', 'b']);
    expect(r(attributes[0]!.range)).toBe('t.hcl:1,1-6');
    expect(r(attributes[0]!.nameRange)).toBe('t.hcl:1,1-2');
    const job = blocks[0] as NativeBlock;
    expect(job.type).toBe('job');
    expect(job.labels).toEqual(['web']);
    expect(r(job.typeRange)).toBe('t.hcl:2,1-4');
    expect(job.labelRanges.map(r)).toEqual(['t.hcl:2,5-10']);
    expect(r(job.defRange)).toBe('t.hcl:2,1-10');
    expect(r(job.openBraceRange)).toBe('t.hcl:2,11-12');
    expect(r(job.range)).toBe('t.hcl:2,1-6,2');
    expect(r(job.body.range)).toBe('t.hcl:2,11-6,2');
    expect(r(job.body.missingItemRange())).toBe('t.hcl:2,11-11');
    const group = job.body.items().blocks[0]!;
    expect(group.labels).toEqual(['app', 'x']);
    expect(group.labelRanges.map(r)).toEqual(['t.hcl:3,9-12', 't.hcl:3,13-16']);
    expect(shape(group.body.items().attributes[0]!.expr)).toEqual(lit(2));
    expect(file.body).toBeInstanceOf(NativeBody);
  });

  it('parses one-line blocks and empty blocks', () => {
    const { file, diags } = parseNative('a { b = 1 }\nc {}\nd "x" {\n}\n', 't.hcl');
    expect(diags).toEqual([]);
    const [a, c, d] = file.body.items().blocks as [Block, Block, Block];
    expect(shape(a.body.items().attributes.map((x) => [x.name, x.expr]))).toEqual([['b', lit(1)]]);
    expect(c.body.items()).toEqual({ attributes: [], blocks: [], diags: [] });
    expect(d.labels).toEqual(['x']);
  });

  it('takes the body range of a file from its first token to the end', () => {
    const { file } = parseNative('# c\na = 1\n', 't.hcl');
    expect(r(file.body.range)).toBe('t.hcl:1,1-3,1');
    expect(r(file.body.missingItemRange())).toBe('t.hcl:1,1-1');
    expect(r(parseNative('', 'e.hcl').file.body.range)).toBe('e.hcl:1,1-1');
  });

  it('ignores comments of every kind', () => {
    const src = '# one\n// two\n/* three\n */ a = 1 /* x */ + 2 # four\nb = 3 // five';
    const { file, diags } = parseNative(src, 't.hcl');
    expect(diags).toEqual([]);
    const attrs = file.body.justAttributes().attributes;
    expect(shape(attrs.get('a')!.expr)).toMatchObject({ kind: 'binary', op: '+' });
    expect(shape(attrs.get('b')!.expr)).toEqual(lit(3));
  });

  it('accepts CRLF line endings and a byte order mark', () => {
    const { file, diags } = parseNative('\ufeffa = 1\r\nb {\r\n  c = "x"\r\n}\r\n', 't.hcl');
    expect(diags).toEqual([]);
    const attr = file.body.items().attributes[0]!;
    expect(r(attr.range)).toBe('t.hcl:1,1-6');
    expect(attr.range.start.offset).toBe(1);
    expect(r(file.body.items().blocks[0]!.range)).toBe('t.hcl:2,1-4,2');
  });

  it('counts columns in code points', () => {
    const { file } = parseNative('a = "😀é" + b\n', 't.hcl');
    const e = file.body.items().attributes[0]!.expr;
    expect(e.kind).toBe('binary');
    if (e.kind !== 'binary') return;
    expect(r(e.lhs.range)).toBe('t.hcl:1,5-9');
    expect(r(e.rhs.range)).toBe('t.hcl:1,12-13');
    expect(e.rhs.range.start.offset).toBe(12);
  });
});

describe('expressions', () => {
  it('parses literals, with exact big integers', () => {
    expect(shape(exprOf('a = true'))).toEqual(lit(true));
    expect(shape(exprOf('a = false'))).toEqual(lit(false));
    expect(shape(exprOf('a = null'))).toEqual(lit(null));
    expect(shape(exprOf('a = 1.5e3'))).toEqual(lit(1500));
    expect(shape(exprOf('a = 0.25'))).toEqual(lit(0.25));
    expect(shape(exprOf('a = 123456789012345678901234567890'))).toEqual(
      lit(123456789012345678901234567890n),
    );
  });

  it('follows HCL operator precedence and left associativity', () => {
    const bin = (op: string, lhs: unknown, rhs: unknown): unknown => ({
      kind: 'binary',
      op,
      lhs,
      rhs,
    });
    expect(shape(exprOf('a = 1 + 2 * 3 - 4'))).toEqual(
      bin('-', bin('+', lit(1), bin('*', lit(2), lit(3))), lit(4)),
    );
    expect(shape(exprOf('a = x || y && z == 1 < 2'))).toEqual(
      bin('||', ref('x'), bin('&&', ref('y'), bin('==', ref('z'), bin('<', lit(1), lit(2))))),
    );
    expect(shape(exprOf('a = 8 / 4 % 3'))).toEqual(bin('%', bin('/', lit(8), lit(4)), lit(3)));
    expect(shape(exprOf('a = -1 + 2'))).toEqual(
      bin('+', { kind: 'unary', op: '-', operand: lit(1) }, lit(2)),
    );
    expect(shape(exprOf('a = !x.y'))).toEqual({
      kind: 'unary',
      op: '!',
      operand: ref('x', attrStep('y')),
    });
    const e = exprOf('a = 1 + 2 * 3');
    expect(r(e.range)).toBe('t.hcl:1,5-14');
  });

  it('parses conditionals and parentheses', () => {
    expect(shape(exprOf('a = x ? 1 : y ? 2 : 3'))).toEqual({
      kind: 'conditional',
      condition: ref('x'),
      trueResult: lit(1),
      falseResult: {
        kind: 'conditional',
        condition: ref('y'),
        trueResult: lit(2),
        falseResult: lit(3),
      },
    });
    const p = exprOf('a = (1 +\n 2)');
    expect(shape(p)).toEqual({
      kind: 'parens',
      expr: { kind: 'binary', op: '+', lhs: lit(1), rhs: lit(2) },
    });
    expect(r(p.range)).toBe('t.hcl:1,5-2,4');
  });

  it('parses tuples and objects with commas or newlines', () => {
    expect(shape(exprOf('a = [1, "x",\n  true,\n]'))).toEqual({
      kind: 'tuple',
      exprs: [lit(1), { kind: 'template', parts: [lit('x')] }, lit(true)],
    });
    const o = exprOf('a = {\n  k = 1\n  "k2": 2, (k3) = 3\n  k.x = 4\n}');
    expect(shape(o)).toEqual({
      kind: 'object',
      items: [
        { key: lit('k'), bareKey: true, value: lit(1) },
        { key: { kind: 'template', parts: [lit('k2')] }, value: lit(2) },
        { key: { kind: 'parens', expr: ref('k3') }, value: lit(3) },
        { key: ref('k', attrStep('x')), value: lit(4) },
      ],
    });
    expect(o.kind === 'object' && r(o.items[0]!.key.range)).toBe('t.hcl:2,3-4');
    expect(o.kind === 'object' && r(o.openRange)).toBe('t.hcl:1,5-6');
  });

  it('parses traversals: attributes, literal indexes, legacy indexes', () => {
    const e = exprOf('a = x.y[0]["z"].w.1');
    expect(shape(e)).toEqual(
      ref('x', attrStep('y'), indexStep(0), indexStep('z'), attrStep('w'), indexStep(1)),
    );
    expect(e.kind === 'traversal' && e.steps.map((s) => r(s.range))).toEqual([
      't.hcl:1,6-8',
      't.hcl:1,8-11',
      't.hcl:1,11-16',
      't.hcl:1,16-18',
      't.hcl:1,18-20',
    ]);
    expect(e.kind === 'traversal' && r(e.rootRange)).toBe('t.hcl:1,5-6');
    expect(r(e.range)).toBe('t.hcl:1,5-20');
  });

  it('makes index expressions for non-literal keys, and relative traversals after them', () => {
    const e = exprOf('a = x[i].y');
    expect(shape(e)).toEqual({
      kind: 'relative_traversal',
      source: { kind: 'index', collection: ref('x'), key: ref('i') },
      steps: [attrStep('y')],
    });
    if (e.kind === 'relative_traversal' && e.source.kind === 'index') {
      expect(r(e.source.bracketRange)).toBe('t.hcl:1,6-9');
    }
    expect(shape(exprOf('a = f(x).y[0]'))).toMatchObject({
      kind: 'relative_traversal',
      source: { kind: 'call', name: 'f' },
      steps: [attrStep('y'), indexStep(0)],
    });
  });

  it('parses full and attribute-only splats', () => {
    const full = exprOf('a = x[*].y[0]');
    expect(shape(full)).toEqual({
      kind: 'splat',
      source: ref('x'),
      each: {
        kind: 'relative_traversal',
        source: { kind: 'anon' },
        steps: [attrStep('y'), indexStep(0)],
      },
      item: { kind: 'anon' },
    });
    if (full.kind === 'splat') {
      expect(full.each.kind === 'relative_traversal' && full.each.source).toBe(full.item);
      expect(r(full.markerRange)).toBe('t.hcl:1,6-9');
      expect(r(full.range)).toBe('t.hcl:1,5-14');
    }
    const attrOnly = exprOf('a = x.*.y.0');
    expect(shape(attrOnly)).toEqual({
      kind: 'splat',
      source: ref('x'),
      each: {
        kind: 'relative_traversal',
        source: { kind: 'anon' },
        steps: [attrStep('y'), indexStep(0)],
      },
      item: { kind: 'anon' },
    });
    expect(shape(exprOf('a = x[*]'))).toEqual({
      kind: 'splat',
      source: ref('x'),
      each: { kind: 'anon' },
      item: { kind: 'anon' },
    });
    // An attribute-only splat stops at an index: `x.*.y[0]` indexes the result.
    expect(shape(exprOf('a = x.*.y[0]'))).toMatchObject({
      kind: 'relative_traversal',
      source: { kind: 'splat' },
      steps: [indexStep(0)],
    });
  });

  it('parses function calls, namespaced names and final-argument expansion', () => {
    const c = exprOf('a = f(1,\n  x...)');
    expect(shape(c)).toEqual({
      kind: 'call',
      name: 'f',
      args: [lit(1), ref('x')],
      expandFinal: true,
    });
    if (c.kind === 'call') {
      expect(r(c.nameRange)).toBe('t.hcl:1,5-6');
      expect(r(c.openParenRange)).toBe('t.hcl:1,6-7');
      expect(r(c.closeParenRange)).toBe('t.hcl:2,7-8');
      expect(r(c.range)).toBe('t.hcl:1,5-2,8');
    }
    expect(shape(exprOf('a = f()'))).toEqual({
      kind: 'call',
      name: 'f',
      args: [],
      expandFinal: false,
    });
    expect(shape(exprOf('a = f(1,)'))).toMatchObject({ args: [lit(1)] });
    expect(shape(exprOf('a = core::f(1)'))).toMatchObject({ kind: 'call', name: 'core::f' });
  });

  it('parses for expressions', () => {
    expect(shape(exprOf('a = [for i, v in xs : v * 2 if i > 0]'))).toEqual({
      kind: 'for',
      keyVar: 'i',
      valueVar: 'v',
      collection: ref('xs'),
      valueExpr: { kind: 'binary', op: '*', lhs: ref('v'), rhs: lit(2) },
      condition: { kind: 'binary', op: '>', lhs: ref('i'), rhs: lit(0) },
      group: false,
    });
    const o = exprOf('a = {\n  for v in xs :\n  v.k => v...\n}');
    expect(shape(o)).toEqual({
      kind: 'for',
      valueVar: 'v',
      collection: ref('xs'),
      keyExpr: ref('v', attrStep('k')),
      valueExpr: ref('v'),
      group: true,
    });
    if (o.kind === 'for') {
      expect(r(o.openRange)).toBe('t.hcl:1,5-6');
      expect(r(o.closeRange)).toBe('t.hcl:4,1-2');
    }
  });
});

describe('parseExpression', () => {
  it('parses a standalone expression, ignoring newlines', () => {
    const { expr, diags } = parseExpression('{\n a = [1,\n 2]\n}', 'var');
    expect(diags).toEqual([]);
    expect(shape(expr)).toEqual({
      kind: 'object',
      items: [{ key: lit('a'), bareKey: true, value: { kind: 'tuple', exprs: [lit(1), lit(2)] } }],
    });
    expect(shape(parseExpression('list(object({a = string}))', 'type').expr)).toMatchObject({
      kind: 'call',
      name: 'list',
    });
    expect(shape(parseExpression('1 +\n 2', 'x').expr)).toMatchObject({ kind: 'binary' });
  });

  it('reports extra characters after the expression', () => {
    const { diags } = parseExpression('1 2', 'x');
    expect(diags.map((d) => [d.summary, d.detail, r(d.subject!)])).toEqual([
      [
        'Extra characters after expression',
        'An expression was successfully parsed, but extra characters were found after it.',
        'x:1,3-4',
      ],
    ]);
  });

  it('positions ranges from a start position', () => {
    const { expr } = parseExpression('a.b', 'f.json', { line: 3, column: 10, offset: 40 });
    expect(r(expr.range)).toBe('f.json:3,10-13');
    expect(expr.range.start.offset).toBe(40);
  });
});
