import { describe, expect, it } from 'vitest';
import type { Body, BodySchema } from './ast.js';
import { formatDiagnostic } from './diagnostic.js';
import { parseNative } from './parse.js';
import { r } from './parser-test-util.js';

function body(src: string): Body {
  const { file, diags } = parseNative(src, 't.hcl');
  expect(diags).toEqual([]);
  return file.body;
}

const schema: BodySchema = {
  attributes: [{ name: 'count' }, { name: 'name', required: true }, { name: 'meta' }],
  blocks: [
    { type: 'group', labelNames: ['name'] },
    { type: 'network' },
    { type: 'task', labelNames: ['name', 'kind'] },
  ],
};

describe('NativeBody.content', () => {
  it('returns what fits the schema', () => {
    const b = body('name = "x"\ncount = 2\ngroup "a" {\n}\ngroup "b" {\n}\nnetwork {\n}\n');
    const { content, diags } = b.content(schema);
    expect(diags).toEqual([]);
    expect([...content.attributes.keys()]).toEqual(['count', 'name']);
    expect(content.blocks.map((x) => [x.type, x.labels])).toEqual([
      ['group', ['a']],
      ['group', ['b']],
      ['network', []],
    ]);
    expect(r(content.missingItemRange)).toBe('t.hcl:1,1-1');
  });

  it('reports unsupported arguments and blocks with suggestions', () => {
    const b = body(
      'name = "x"\ncont = 1\ngroup = 2\nzzz = 3\ngrop "a" {\n}\ncount {\n}\nqqq {\n}\n',
    );
    expect(b.content(schema).diags.map(formatDiagnostic)).toEqual([
      't.hcl:2,1-5: Unsupported argument; An argument named "cont" is not expected here. Did you mean "count"?',
      't.hcl:3,1-6: Unsupported argument; An argument named "group" is not expected here. Did you mean to define a block of type "group"?',
      't.hcl:4,1-4: Unsupported argument; An argument named "zzz" is not expected here.',
      't.hcl:5,1-5: Unsupported block type; Blocks of type "grop" are not expected here. Did you mean "group"?',
      't.hcl:7,1-6: Unsupported block type; Blocks of type "count" are not expected here. Did you mean to define argument "count"? If so, use the equals sign to assign it a value.',
      't.hcl:9,1-4: Unsupported block type; Blocks of type "qqq" are not expected here.',
    ]);
  });

  it('does not suggest an argument that is already set', () => {
    const b = body('name = "x"\ncount = 1\ncounts = 2\n');
    expect(b.content(schema).diags.map(formatDiagnostic)).toEqual([
      't.hcl:3,1-7: Unsupported argument; An argument named "counts" is not expected here.',
    ]);
  });

  it('reports missing required arguments at the missing item range', () => {
    const { file } = parseNative('job "x" {\n  count = 1\n}\n', 't.hcl');
    const job = file.body.items().blocks[0]!;
    expect(job.body.content(schema).diags.map(formatDiagnostic)).toEqual([
      't.hcl:1,9-9: Missing required argument; The argument "name" is required, but no definition was found.',
    ]);
  });

  it('checks block labels', () => {
    const b = body('name = "x"\ngroup {\n}\ngroup "a" "b" {\n}\nnetwork "n" {\n}\ntask "t" {\n}\n');
    expect(b.content(schema).diags.map(formatDiagnostic)).toEqual([
      't.hcl:2,7-8: Missing name for group; All group blocks must have 1 labels (name).',
      't.hcl:4,11-14: Extraneous label for group; Only 1 labels (name) are expected for group blocks.',
      't.hcl:6,9-12: Extraneous label for network; No labels are expected for network blocks.',
      't.hcl:8,10-11: Missing kind for task; All task blocks must have 2 labels (name, kind).',
    ]);
  });
});

describe('NativeBody.partialContent', () => {
  it('leaves the rest in a remaining body', () => {
    const b = body('name = "x"\ncount = 1\nother = 2\ngroup "g" {\n}\nextra {\n}\n');
    const { content, remain, diags } = b.partialContent({
      attributes: [{ name: 'name' }],
      blocks: [{ type: 'group', labelNames: ['n'] }],
    });
    expect(diags).toEqual([]);
    expect([...content.attributes.keys()]).toEqual(['name']);
    expect(content.blocks.map((x) => x.type)).toEqual(['group']);
    const rest = remain.items();
    expect(rest.attributes.map((a) => a.name)).toEqual(['count', 'other']);
    expect(rest.blocks.map((x) => x.type)).toEqual(['extra']);
    expect([...remain.justAttributes().attributes.keys()]).toEqual(['count', 'other']);
    // The remaining body does not offer what was taken.
    const again = remain.content({
      attributes: [{ name: 'name', required: true }, { name: 'count' }, { name: 'other' }],
      blocks: [{ type: 'extra' }],
    });
    expect(again.diags.map(formatDiagnostic)).toEqual([
      't.hcl:1,1-1: Missing required argument; The argument "name" is required, but no definition was found.',
    ]);
  });
});

describe('NativeBody.justAttributes and items', () => {
  it('returns attributes in source order, and reports blocks', () => {
    const b = body('b = 1\na = 2\nx {\n}\ny {\n}\n');
    const { attributes, diags } = b.justAttributes();
    expect([...attributes.keys()]).toEqual(['b', 'a']);
    expect(diags.map(formatDiagnostic)).toEqual([
      't.hcl:3,1-2: Unexpected "x" block; Blocks are not allowed here.',
    ]);
    const items = b.items();
    expect(items.attributes.map((a) => a.name)).toEqual(['b', 'a']);
    expect(items.blocks.map((x) => x.type)).toEqual(['x', 'y']);
    expect(items.diags).toEqual([]);
  });

  it('keeps the first definition of a redefined attribute', () => {
    const { file, diags } = parseNative('a = 1\na = 2\n', 't.hcl');
    expect(diags).toHaveLength(1);
    expect(r(file.body.justAttributes().attributes.get('a')!.range)).toBe('t.hcl:1,1-6');
  });
});
