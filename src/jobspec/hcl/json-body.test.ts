import { describe, expect, it } from 'vitest';
import type { Body, BodySchema, Expression } from './ast.js';
import { formatDiagnostic } from './diagnostic.js';
import { evaluate } from './eval.js';
import { parseJSONSyntax } from './json-parser.js';
import { formatRange, type Range } from './range.js';
import { objectFrom, type Value } from './value.js';

function parse(src: string): { body: Body; src: string } {
  const { file, diags } = parseJSONSyntax(src, 'j.json');
  expect(diags).toEqual([]);
  return { body: file.body, src };
}

const TOP: BodySchema = {
  attributes: [{ name: 'region' }],
  blocks: [
    { type: 'job', labelNames: ['name'] },
    { type: 'variable', labelNames: ['name'] },
  ],
};
const JOB: BodySchema = {
  attributes: [{ name: 'datacenters' }, { name: 'type' }],
  blocks: [{ type: 'group', labelNames: ['name'] }, { type: 'constraint' }],
};

function evalIn(expr: Expression, src: string, vars: Record<string, Value> = {}): Value {
  const variables = new Map(Object.entries(vars));
  const r = evaluate(expr, {
    variables,
    functions: new Map(),
    deferRoot: (root) => !variables.has(root),
    source: (rg: Range) => src.slice(rg.start.offset, rg.end.offset),
  });
  expect(r.diags.map(formatDiagnostic)).toEqual([]);
  return r.value;
}

describe('JSON bodies', () => {
  it('reads blocks with labels as nested objects, and attributes as expressions', () => {
    const { body, src } = parse(
      JSON.stringify({
        '//': 'a comment',
        job: {
          web: {
            datacenters: ['dc1', '${var.dc}'],
            group: { app: { count: 2 }, db: { count: 1 } },
            constraint: [{ attribute: '${attr.kernel.name}' }, { attribute: 'b' }],
          },
        },
      }),
    );
    const top = body.content(TOP);
    expect(top.diags).toEqual([]);
    expect(top.content.blocks.map((b) => [b.type, b.labels])).toEqual([['job', ['web']]]);
    const job = top.content.blocks[0]!;
    expect(formatRange(job.typeRange)).toBe('j.json:1,19-24');
    expect(job.labelRanges.map(formatRange)).toEqual(['j.json:1,26-31']);
    const jc = job.body.content(JOB);
    expect(jc.diags).toEqual([]);
    expect(jc.content.blocks.map((b) => [b.type, b.labels])).toEqual([
      ['group', ['app']],
      ['group', ['db']],
      ['constraint', []],
      ['constraint', []],
    ]);
    const dcs = jc.content.attributes.get('datacenters')!;
    expect(evalIn(dcs.expr, src, { var: objectFrom([['dc', 'dc2']]) })).toEqual(['dc1', 'dc2']);
    const c0 = jc.content.blocks[2]!.body.justAttributes();
    expect(evalIn(c0.attributes.get('attribute')!.expr, src)).toBe('${attr.kernel.name}');
    const g = jc.content.blocks[0]!.body.content({ attributes: [{ name: 'count' }] });
    expect(evalIn(g.content.attributes.get('count')!.expr, src)).toBe(2);
  });

  it('reads an array of objects as several bodies of one block', () => {
    const { body } = parse('{"job": [{"a": {}}, {"b": {}}]}');
    expect(body.content(TOP).content.blocks.map((b) => b.labels)).toEqual([['a'], ['b']]);
  });

  it('reports unknown properties with suggestions, and ignores comments', () => {
    const { body } = parse('{\n  "//": "x",\n  "regoin": "a",\n  "jobs": {}\n}');
    expect(body.content(TOP).diags.map(formatDiagnostic)).toEqual([
      'j.json:3,3-11: Unsupported argument; An argument named "regoin" is not expected here. Did you mean "region"?',
      'j.json:4,3-9: Unsupported argument; An argument named "jobs" is not expected here. Did you mean "job"?',
    ]);
  });

  it('gives the rest of the body after partialContent', () => {
    const { body } = parse('{"region": "r", "extra": 1}');
    const { content, remain } = body.partialContent({ attributes: [{ name: 'region' }] });
    expect([...content.attributes.keys()]).toEqual(['region']);
    expect(remain.justAttributes().attributes.has('region')).toBe(false);
    expect([...remain.justAttributes().attributes.keys()]).toEqual(['extra']);
  });

  it('reports missing, duplicate and mistyped content', () => {
    const { body } = parse('{\n  "region": "a",\n  "region": "b",\n  "job": "x"\n}');
    expect(
      body
        .content({
          attributes: [{ name: 'region' }, { name: 'name', required: true }],
          blocks: TOP.blocks!,
        })
        .diags.map(formatDiagnostic),
    ).toEqual([
      'j.json:3,3-11: Duplicate argument; The argument "region" was already set at j.json:2,3-16.',
      'j.json:4,10-13: Incorrect JSON value type; Either a JSON object or JSON array of objects is required here, to specify name labels for this block.',
      "j.json:4,10-13: Missing block label; At least one object property is required, whose name represents the job block's name.",
      'j.json:5,1-2: Missing required argument; The argument "name" is required, but no definition was found.',
    ]);
  });

  it('reports a block that is neither an object nor an array', () => {
    const { body } = parse('{"constraint": 5}');
    expect(body.content(JOB).diags.map(formatDiagnostic)).toEqual([
      'j.json:1,16-17: Incorrect JSON value type; Either a JSON object or a JSON array is required, representing the contents of one or more "constraint" blocks.',
    ]);
  });

  it('justAttributes needs an object, and reports duplicates', () => {
    expect(parse('[1]').body.justAttributes().diags.map(formatDiagnostic)).toEqual([
      'j.json:1,1-2: Incorrect JSON value type; A JSON object is required here, setting the arguments for this block.',
    ]);
    expect(parse('{"a": 1, "a": 2}').body.justAttributes().diags.map(formatDiagnostic)).toEqual([
      'j.json:1,10-13: Duplicate attribute definition; The argument "a" was already set at j.json:1,2-8.',
    ]);
  });

  it('items() gives every property as an attribute', () => {
    const { body, src } = parse(
      '{"image": "redis", "ports": ["db"], "mount": {"type": "bind"}, "//": 1}',
    );
    const { attributes, blocks } = body.items();
    expect(blocks).toEqual([]);
    expect(attributes.map((a) => a.name)).toEqual(['image', 'ports', 'mount']);
    expect(evalIn(attributes[2]!.expr, src)).toEqual(objectFrom([['type', 'bind']]));
  });

  it('points at the closing brace for missing items', () => {
    const { body } = parse('{\n  "a": 1\n}');
    expect(formatRange(body.missingItemRange())).toBe('j.json:3,1-2');
    expect(formatRange(body.range)).toBe('j.json:1,1-3,2');
  });

  it('evaluates strings as templates with positions in the JSON file', () => {
    const src = '{"a": "x-${var.missing}"}';
    const { body } = parse(src);
    const a = body.justAttributes().attributes.get('a')!;
    const r = evaluate(a.expr, { variables: new Map([['var', objectFrom([])]]) });
    expect(r.diags.map(formatDiagnostic)).toEqual([
      'j.json:1,15-23: Unsupported attribute; This object does not have an attribute named "missing".',
    ]);
  });

  it('reports template syntax errors in strings', () => {
    const { body } = parse('{"a": "x-${var."}');
    expect(body.justAttributes().diags.length).toBeGreaterThan(0);
  });

  it('evaluates object keys as templates, with duplicate keys an error', () => {
    const src = '{"m": {"${var.k}": 1, "b": 2}, "d": {"x": 1, "x": 2}}';
    const { body } = parse(src);
    const attrs = body.justAttributes().attributes;
    expect(evalIn(attrs.get('m')!.expr, src, { var: objectFrom([['k', 'a']]) })).toEqual(
      objectFrom([
        ['a', 1],
        ['b', 2],
      ]),
    );
    const r = evaluate(attrs.get('d')!.expr, {});
    expect(r.diags.map(formatDiagnostic)).toEqual([
      'j.json:1,46-49: Duplicate object attribute; An attribute named "x" was already defined at j.json:1,38-41.',
    ]);
  });
});

describe('JSON strings with escapes', () => {
  it('keep deferred interpolations and error positions true to the JSON text', () => {
    const src = '{"cmd": "echo \\"${NOMAD_ALLOC_ID}\\" ${var.x}\\t${var.nope}"}';
    const { body } = parse(src);
    const cmd = body.justAttributes().attributes.get('cmd')!;
    const variables = new Map<string, Value>([['var', objectFrom([['x', 'X']])]]);
    const r = evaluate(cmd.expr, {
      variables,
      deferRoot: (root) => !variables.has(root),
      source: (rg: Range) => src.slice(rg.start.offset, rg.end.offset),
    });
    expect(r.diags.map(formatDiagnostic)).toEqual([
      'j.json:1,52-57: Unsupported attribute; This object does not have an attribute named "nope".',
    ]);
    const ok = evaluate(cmd.expr, {
      variables: new Map([
        [
          'var',
          objectFrom([
            ['x', 'X'],
            ['nope', 1],
          ]),
        ],
      ]),
      deferRoot: (root) => root !== 'var',
      source: (rg: Range) => src.slice(rg.start.offset, rg.end.offset),
    });
    expect(ok.value).toBe('echo "${NOMAD_ALLOC_ID}" X\t1');
  });
});
