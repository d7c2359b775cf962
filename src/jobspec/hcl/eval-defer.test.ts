import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { evaluate } from './eval.js';
import type { EvalContext } from './eval-context.js';
import { parseExpression } from './parse.js';
import type { Range } from './range.js';
import { objectFrom, type Value } from './value.js';

const VARS = new Map<string, Value>([
  [
    'var',
    objectFrom([
      ['y', 'Y'],
      ['list', [1, 2]],
    ]),
  ],
  ['local', objectFrom([['name', 'web']])],
]);

/** As the job decoder evaluates: every root that is not a known variable is deferred. */
function ev(src: string, withSource = true): { value: Value; errors: string[] } {
  const { expr, diags } = parseExpression(src, 't.hcl');
  expect(diags.map(formatDiagnostic)).toEqual([]);
  const ctx: EvalContext = {
    variables: VARS,
    functions: new Map([
      [
        'upper',
        {
          params: [{ name: 's', type: { kind: 'string' } }],
          impl: ([s]) => (s as string).toUpperCase(),
        },
      ],
    ]),
    deferRoot: (root) => !VARS.has(root),
  };
  if (withSource) ctx.source = (r: Range) => src.slice(r.start.offset, r.end.offset);
  const r = evaluate(expr, ctx);
  return { value: r.value, errors: r.diags.map(formatDiagnostic) };
}

function value(src: string, withSource = true): Value {
  const r = ev(src, withSource);
  expect(r.errors).toEqual([]);
  return r.value;
}

describe('deferred references', () => {
  it('keeps a template interpolation as written', () => {
    expect(value('"${attr.kernel.name}"')).toBe('${attr.kernel.name}');
    expect(value('"web-${attr.unique.hostname}-x"')).toBe('web-${attr.unique.hostname}-x');
    expect(value('"${meta.rack}/${NOMAD_ALLOC_ID}"')).toBe('${meta.rack}/${NOMAD_ALLOC_ID}');
    expect(value('"${env["HOME"]}"')).toBe('${env["HOME"]}');
  });

  it('evaluates the known interpolations of the same template', () => {
    expect(value('"x-${node.datacenter}-${var.y}"')).toBe('x-${node.datacenter}-Y');
    expect(value('"${local.name}-${node.unique.name}"')).toBe('web-${node.unique.name}');
  });

  it('turns a bare expression into its interpolation', () => {
    expect(value('attr.kernel.name')).toBe('${attr.kernel.name}');
    expect(value('upper(node.class)')).toBe('${upper(node.class)}');
    expect(value('attr.cpu.numcores * 2')).toBe('${attr.cpu.numcores * 2}');
  });

  it('defers element by element in tuples and objects', () => {
    expect(value('["-host", attr.unique.hostname, var.y]')).toEqual([
      '-host',
      '${attr.unique.hostname}',
      'Y',
    ]);
    expect(value('{ dc = node.datacenter, y = "${var.y}!" }')).toEqual(
      objectFrom([
        ['dc', '${node.datacenter}'],
        ['y', 'Y!'],
      ]),
    );
  });

  it('keeps directives that reference deferred roots as written', () => {
    expect(value('"a%{ if attr.x == "1" }one%{ endif }b"')).toBe(
      'a%{ if attr.x == "1" }one%{ endif }b',
    );
  });

  it('does not defer names bound by for expressions', () => {
    expect(value('[for x in var.list : "${x}-${node.class}"]')).toBe(
      '${[for x in var.list : "${x}-${node.class}"]}',
    );
    expect(value('[for x in var.list : x * 2]')).toEqual([2, 4]);
  });

  it('rebuilds a plain traversal when no source reader is given', () => {
    expect(value('attr.kernel.name', false)).toBe('${attr.kernel.name}');
    expect(value('meta["rack"]', false)).toBe('${meta["rack"]}');
  });

  it('still reports errors in what it evaluates', () => {
    expect(ev('"${node.x}-${var.z}"').errors).toEqual([
      't.hcl:1,17-19: Unsupported attribute; This object does not have an attribute named "z".',
    ]);
  });
});
