// Our parser against HashiCorp's (the WASM build in @cdktn/hcl2json): the same sources are
// accepted, and broken ones get the same first message at the same position.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/jobspec/hcl/diagnostic.js';
import { parseNative } from '../src/jobspec/hcl/parse.js';
import { hclOracle } from './hcl-oracle.js';
import { mutate, rng } from './mutate.js';
import { specJobs } from './spec-jobs.js';

function ours(src: string): { ok: boolean; errors: string[] } {
  const { diags } = parseNative(src, 't.hcl');
  const errors = diags.filter((d) => d.severity === 'error').map(formatDiagnostic);
  return { ok: errors.length === 0, errors };
}

const corpus: string[] = [
  // Valid.
  'a = 1\n',
  'a = 1',
  '',
  '# only a comment\n',
  'block "l1" l2 "l3" {\n}\n',
  'a { b = 1 }\n',
  'a {}\n',
  'a = { b = 1, c = [1, 2,], "d" = 3, (e) = 4 }\n',
  'a = {\n  b = 1\n  c = 2\n}\n',
  'a = [for k, v in x : k => v if v]\n',
  'a = {for k, v in x : k => v...}\n',
  'a = x[*].y\na2 = x.*.y\na3 = x.0.y\n',
  'a = f(x, y...)\n',
  'a = !b && (c || -d) ? e : f\n',
  'a = "x ${y} %{ if z }t%{ else }f%{ endif } $${no} %%{no}"\n',
  'a = <<EOT\nhello ${x}\nEOT\n',
  'a = <<-EOT\n    indented\n  EOT\n',
  'a = 1 /* inline */ + 2\n',
  '/* multi\nline */\na = 1\n',
  'a = "\\u00e9\\n\\t\\"\\\\"\n',
  'a = 1.5e3\nb = 0.25\nc = 12345678901234567890\n',
  'a = "%{ for x in y ~}\n${x}\n%{~ endfor }"\n',
  'a = null\nb = true\nc = false\n',
  'a = x.y[0]["z"].w\n',
  // Broken.
  'a = 1 +\n',
  'a = "x\nb=1',
  'a = 1\na = 2\n',
  'a { b = 1\n c = 2 }\n',
  'a = [1,2\n',
  'x = ${a}\n',
  'job "x" {\n',
  'job "x" {\n  a = 1\n',
  '}\n',
  'a = 1 b = 2\n',
  'a b = 1\n',
  'a = {\n  b = 1 c = 2\n}\n',
  'a = f(1,\n',
  'a = "${"\n',
  'a = "${x"\n',
  'a = "%{ if x }"\n',
  'a = "%{ endif }"\n',
  'a = "%{ for x in y }"\n',
  'a = <<EOT\nno end\n',
  'a = 1 ==\n',
  'a = x ? y\n',
  'a = [for x in y]\n',
  'a = {for x in y : x}\n',
  'a = 1\n= 2\n',
  '"a" = 1\n',
  'a = 0x10\n',
  'a = 1..2\n',
  'a = `x`\n',
  "a = 'x'\n",
  'a { b = 1 c = 2 }\n',
  'a = @\n',
  'block "l" {\n  nested {\n}\n',
  'a = "\\q"\n',
  'a = x[\n',
  'a = (1 + 2\n',
  'a = {a = 1,,}\n',
  'a = [1,,2]\n',
  'a.b = 1\n',
  'a = x.\n',
  'a = !\n',
  'a = 1 2\n',
];

describe('parser agrees with HashiCorp HCL', () => {
  it.each(corpus.map((s) => [s]))('%j', async (src) => {
    const want = await hclOracle('t.hcl', src);
    const got = ours(src);
    expect(got.ok).toBe(want.ok);
    if (!want.ok) expect(got.errors[0]).toBe(want.errors[0]);
  });

  it('agrees on acceptance and first message for 300 mutated spec jobs', async () => {
    const sources = [...specJobs().values()];
    const random = rng(20261125);
    const mismatches: string[] = [];
    for (let i = 0; i < 300; i++) {
      const src = mutate(sources[i % sources.length] as string, random);
      const want = await hclOracle('t.hcl', src);
      const got = ours(src);
      if (got.ok !== want.ok || (!want.ok && got.errors[0] !== want.errors[0])) {
        mismatches.push(
          `${JSON.stringify(src)}\n  hcl:  ${want.errors[0] ?? 'ok'}\n  ours: ${got.errors[0] ?? 'ok'}`,
        );
      }
    }
    expect(mismatches.slice(0, 5).join('\n')).toBe('');
  });
});
