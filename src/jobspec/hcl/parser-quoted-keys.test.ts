import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import type { NativeBody } from './native-body.js';
import { parseNative } from './parse.js';
import { formatRange } from './range.js';

function body(src: string): NativeBody {
  const { file, diags } = parseNative(src, 'c.hcl', { allowQuotedKeys: true });
  expect(diags.map(formatDiagnostic)).toEqual([]);
  return file.body as NativeBody;
}

describe('parseNative with allowQuotedKeys (HCL1 config files)', () => {
  it('reads quoted argument names as attributes, their range covering the quotes', () => {
    const b = body('meta {\n  "rack" = "rack1"\n  "driver.raw_exec.enable" = "1"\n}\n');
    const meta = b.blocks[0]!.body as NativeBody;
    expect([...meta.attributes.keys()]).toEqual(['rack', 'driver.raw_exec.enable']);
    expect(formatRange(meta.attributes.get('rack')!.nameRange)).toBe('c.hcl:2,3-9');
  });

  it('reads quoted names in one-line blocks and quoted block types', () => {
    const b = body('meta { "a" = "b" }\n"client" {\n  enabled = true\n}\n');
    expect([...(b.blocks[0]!.body as NativeBody).attributes.keys()]).toEqual(['a']);
    expect(b.blocks[1]!.type).toBe('client');
  });

  it('still refuses quoted names by default', () => {
    const { diags } = parseNative('"a" = 1\n', 't.hcl');
    expect(diags.map(formatDiagnostic)).toEqual([
      't.hcl:1,1-2: Invalid argument name; Argument names must not be quoted.',
    ]);
  });
});
