import { describe, expect, it } from 'vitest';
import { formatHCL } from './index.js';

const fmt = (src: string) => {
  const r = formatHCL(src, 't.hcl');
  expect(r.errors).toEqual([]);
  return r.out;
};

describe('formatHCL', () => {
  it('indents blocks and aligns equals signs', () => {
    expect(
      fmt(`job "web" {
datacenters=["dc1"]
    type =   "service"
group "app" {
count=3
  task "t" {
 driver="docker"
      }
}
}
`),
    ).toBe(`job "web" {
  datacenters = ["dc1"]
  type        = "service"
  group "app" {
    count = 3
    task "t" {
      driver = "docker"
    }
  }
}
`);
  });

  it('normalizes spacing in expressions', () => {
    expect(
      fmt(
        'a = [ 1,2 ,3 ]\nb = {x=1,y=-2}\nc = f( a , b... )\nd = x[ 0 ].y\ne = !true && 1+2 > -3\n',
      ),
    ).toBe(
      'a = [1, 2, 3]\nb = { x = 1, y = -2 }\nc = f(a, b...)\nd = x[0].y\ne = !true && 1 + 2 > -3\n',
    );
  });

  it('keeps strings, heredocs, comments and blank lines as written', () => {
    const src = `# top comment
x = "  spaced  \${ a }  "

y = <<EOT
   keep   this
EOT
z = 1 // trailing
`;
    expect(fmt(src)).toBe(src);
  });

  it('formats multi-line tuples and objects', () => {
    expect(fmt('args = [\n"a",\n    "b",\n]\nm = {\na = 1\nbbb = 2\n}\n')).toBe(
      'args = [\n  "a",\n  "b",\n]\nm = {\n  a   = 1\n  bbb = 2\n}\n',
    );
  });

  it('aligns quoted keys as in agent configs', () => {
    expect(fmt('meta {\n"environment" = "production"\n"rack"="rack1"\n}\n')).toBe(
      'meta {\n  "environment" = "production"\n  "rack"        = "rack1"\n}\n',
    );
  });

  it('is idempotent on the spec jobs style', () => {
    const once = fmt('job "a" {\n  group "b" {\n    count = 1\n  }\n}\n');
    expect(fmt(once as string)).toBe(once);
  });

  it('reports parse errors and returns no output', () => {
    const r = formatHCL('job "a" {\n', 't.hcl');
    expect(r.out).toBeUndefined();
    expect(r.errors[0]).toMatch(/^t\.hcl:1,9-10: Unclosed configuration block/);
  });
});
