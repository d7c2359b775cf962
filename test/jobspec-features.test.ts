// Job files that exercise each HCL2 feature, checked against the job they must produce.
import { describe, expect, it } from 'vitest';
import { parseJob, type ParseJobOptions } from '../src/jobspec/index.js';

function job(src: string, opts: Partial<ParseJobOptions> = {}) {
  const r = parseJob({ src, filename: 'test.nomad.hcl', ...opts });
  expect(r.errors.map((e) => `${e.summary}; ${e.detail}`)).toEqual([]);
  return r.job!;
}

const wrap = (body: string) => `
job "j" {
  group "g" {
    task "t" {
      driver = "raw_exec"
${body}
    }
  }
}`;

const task = (src: string, opts: Partial<ParseJobOptions> = {}) =>
  job(src, opts).TaskGroups[0]!.Tasks[0]!;

describe('variables', () => {
  const decls = `
variable "s" {
  type    = string
  default = "str"
}
variable "n" {
  type    = number
  default = 3
}
variable "b" {
  type    = bool
  default = true
}
variable "l" {
  type    = list(string)
  default = ["a", "b"]
}
variable "st" {
  type    = set(string)
  default = ["x", "x", "y"]
}
variable "m" {
  type    = map(number)
  default = { a = 1, b = "2" }
}
variable "o" {
  type = object({ name = string, port = number })
  default = { name = "web", port = "80", extra = true }
}
variable "tu" {
  type    = tuple([string, number])
  default = ["a", 1]
}
variable "any" {
  default = { k = [1, 2] }
}
variables {
  short = "from-variables-block"
}
`;
  const body = wrap(`      meta = {
        s     = var.s
        n     = var.n + 1
        b     = !var.b
        l     = join(",", var.l)
        st    = join(",", var.st)
        m     = var.m.a + var.m.b
        o     = "\${var.o.name}:\${var.o.port}"
        o_has = contains(keys(var.o), "extra")
        tu    = var.tu[1]
        any   = length(var.any.k)
        short = var.short
      }`);

  it('converts each value to its declared type', () => {
    expect(task(decls + body).Meta).toEqual({
      s: 'str',
      n: '4',
      b: 'false',
      l: 'a,b',
      st: 'x,y',
      m: '3',
      o: 'web:80',
      o_has: 'false',
      tu: '1',
      any: '2',
      short: 'from-variables-block',
    });
  });

  it('takes values from the environment, var files and -var, in that order', () => {
    const t = task(decls + body, {
      env: { NOMAD_VAR_s: 'env', NOMAD_VAR_n: '10', NOMAD_VAR_l: '["e"]' },
      varFiles: [{ filename: 'v.hcl', src: 'n = 20\nb = false\n' }],
      vars: ['n=30', 'l=["p", "q"]'],
    });
    expect(t.Meta).toMatchObject({ s: 'env', n: '31', b: 'true', l: 'p,q' });
  });

  it('reports a value that does not fit the type, an undeclared -var, and a failed validation', () => {
    const src = `
variable "port" {
  type = number
  validation {
    condition     = var.port > 1024
    error_message = "The port must be above 1024."
  }
}
${wrap('      meta = { p = var.port }')}`;
    const r = parseJob({ src, filename: 'v.nomad.hcl', vars: ['port=80', 'nope=1'] });
    expect(r.errors.map((e) => e.summary)).toEqual([
      'Undefined -var variable',
      'Invalid value for variable',
    ]);
    expect(r.errors[1]!.detail).toMatch(/^The port must be above 1024\./);
    const bad = parseJob({ src, filename: 'v.nomad.hcl', vars: ['port=abc'] });
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]!.summary).toBe('Invalid value for variable');
  });

  it('requires a value for a variable without a default', () => {
    const r = parseJob({ src: `variable "x" {}\n${wrap('')}`, filename: 'v.nomad.hcl' });
    expect(r.errors.map((e) => e.summary)).toEqual(['Unset variable "x"']);
  });
});

describe('locals', () => {
  it('are evaluated in dependency order across blocks', () => {
    const t = task(`
locals {
  c = "\${local.b}-c"
}
locals {
  a = "a"
  b = "\${local.a}-b"
}
${wrap('      meta = { v = local.c }')}`);
    expect(t.Meta).toEqual({ v: 'a-b-c' });
  });

  it('report a cycle', () => {
    const r = parseJob({
      src: `locals {\n  a = local.b\n  b = local.a\n}\n${wrap('')}`,
      filename: 'l.hcl',
    });
    expect(r.errors.map((e) => e.summary)).toContain('Circular reference');
  });
});

describe('expressions and functions', () => {
  it('evaluates operators, conditionals, for expressions, splats and functions', () => {
    const t = task(
      wrap(`      meta = {
        arith  = 1 + 2 * 3 - 4 / 2 % 3
        big    = 9007199254740993 + 2
        cmp    = 3 >= 2 && !(1 == 2) || false
        cond   = length([1, 2]) > 1 ? "many" : "one"
        fortup = join(",", [for s in ["a", "b", "c"] : upper(s) if s != "b"])
        forobj = jsonencode({ for k, v in { x = 1, y = 2 } : v => k })
        group  = jsonencode({ for s in ["aa", "ab", "b"] : substr(s, 0, 1) => s... })
        splat  = join(",", [{ n = "p" }, { n = "q" }][*].n)
        fmt    = format("%s-%03d", "id", 7)
        b64    = base64encode("hi")
        sha    = sha256("x")
        cidr   = cidrhost("10.0.0.0/24", 5)
        expand = max([3, 9, 4]...)
        tryv   = try(tonumber("x"), "fallback")
        canv   = can(regex("^a", "abc"))
      }`),
    );
    expect(t.Meta).toEqual({
      arith: '5',
      big: '9007199254740995',
      cmp: 'true',
      cond: 'many',
      fortup: 'A,C',
      forobj: '{"1":"x","2":"y"}',
      group: '{"a":["aa","ab"],"b":["b"]}',
      splat: 'p,q',
      fmt: 'id-007',
      b64: 'aGk=',
      sha: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
      cidr: '10.0.0.5',
      expand: '9',
      tryv: 'fallback',
      canv: 'true',
    });
  });

  it('keeps runtime references as written', () => {
    const t = task(
      wrap(`      env {
        A = "\${attr.kernel.name}"
        B = "node-\${node.datacenter}-\${NOMAD_ALLOC_INDEX}"
        C = "\${env["HOME"]}/x"
        D = "\${meta.rack}"
      }`),
    );
    expect(t.Env).toEqual({
      A: '${attr.kernel.name}',
      B: 'node-${node.datacenter}-${NOMAD_ALLOC_INDEX}',
      C: '${env["HOME"]}/x',
      D: '${meta.rack}',
    });
  });
});

describe('templates and heredocs', () => {
  it('handles heredocs, indented heredocs, directives and escapes', () => {
    const t = task(
      wrap(`      config {
        plain = <<EOT
line one
  line two
EOT
        indented = <<-EOT
          a
            b
          EOT
        ifdir  = "%{ if 1 < 2 }yes%{ else }no%{ endif }"
        fordir = "%{ for i, x in ["a", "b"] }\${i}=\${x};%{ endfor }"
        strip  = "[ %{~ if true ~} x %{~ endif ~} ]"
        esc    = "$\${literal} %%{literal} \\t\\"q\\""
      }`),
    );
    expect(t.Config).toEqual({
      plain: 'line one\n  line two\n',
      indented: 'a\n  b\n',
      ifdir: 'yes',
      fordir: '0=a;1=b;',
      strip: '[x]',
      esc: '${literal} %{literal} \t"q"',
    });
  });
});

describe('dynamic blocks', () => {
  it('generates blocks with labels and nested content', () => {
    const j = job(`
variable "ports" {
  default = [{ name = "http", to = 80 }, { name = "grpc", to = 9090 }]
}
job "j" {
  group "g" {
    network {
      dynamic "port" {
        for_each = var.ports
        iterator = p
        labels   = [p.value.name]
        content {
          to = p.value.to
        }
      }
    }
    task "t" {
      driver = "raw_exec"
    }
  }
}`);
    expect(j.TaskGroups[0]!.Networks![0]!.DynamicPorts!.map((p) => [p.Label, p.To])).toEqual([
      ['http', 80],
      ['grpc', 9090],
    ]);
  });
});

describe('JSON syntax', () => {
  it('reads HCL JSON job files the same as native ones', () => {
    const src = JSON.stringify({
      variable: { img: { default: 'busybox' } },
      job: {
        j: {
          datacenters: ['dc1'],
          group: {
            g: {
              count: 2,
              task: {
                t: {
                  driver: 'docker',
                  config: { image: '${var.img}:1', args: ['a'] },
                  env: { X: '${attr.kernel.name}' },
                },
              },
            },
          },
        },
      },
    });
    const j = job(src, { filename: 'j.nomad.json' });
    expect(j.TaskGroups[0]!.Count).toBe(2);
    expect(j.TaskGroups[0]!.Tasks[0]!.Config).toEqual({ image: 'busybox:1', args: ['a'] });
    expect(j.TaskGroups[0]!.Tasks[0]!.Env).toEqual({ X: '${attr.kernel.name}' });
  });
});
