// The parser must return `{ file, diags }` for any input: never throw, never hang.
import { describe, expect, it } from 'vitest';
import type { Expression } from './ast.js';
import { lex, parseExpression, parseNative, parseTemplate } from './parse.js';

/** mulberry32: a small PRNG, so every run sees the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = `# A job
job "web" {
  datacenters = ["dc1", "dc2"]
  type        = "service"

  group "app" {
    count = 3
    network {
      port "http" { to = 8080 }
    }
    task "server" {
      driver = "docker"
      config {
        image = "nginx:\${var.version}"
        args  = [for a in local.args : upper(a) if a != ""]
        env   = { for k, v in var.env : k => v... }
        ports = var.ports[*].name
        x     = a.b.0.c[1]["d"].*.e
      }
      template {
        data = <<-EOT
          %{ for s in service("db") ~}
          server \${s.Address}:\${s.Port}
          %{ endfor ~}
        EOT
        destination = "local/cfg"
      }
      resources {
        cpu    = 100 * 2 + (3 - 1) / 4 % 5
        memory = var.big ? 1024 : -256
        ok     = !true || false && 1 <= 2 == (3 > 4)
      }
      /* block comment */
      meta = merge(local.m, { "k" = "v", (local.key) : 1 }, f(x...))
    }
  }
}
`;

const SNIPPETS = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  '=',
  '\n',
  '\r\n',
  '$',
  '${',
  '%{',
  '~}',
  '${~',
  '<<EOT\n',
  '<<-EOT\n',
  'EOT\n',
  '#',
  '//',
  '/*',
  '*/',
  ',',
  '.',
  '...',
  ':',
  '?',
  '!',
  '-',
  '\\',
  '~',
  ' ',
  '\t',
  '0',
  '1.5e3',
  'a',
  'for',
  'in',
  'if',
  'endif',
  'endfor',
  'else',
  '=>',
  '::',
  '*',
  '[*]',
  '.*',
  "'",
  '`',
  ';',
  '&',
  '|',
  'é',
  '😀',
  '\u0000',
  '\ud800',
  '\ufeff',
];

function mutate(src: string, random: () => number): string {
  let s = src;
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const pos = Math.floor(random() * (s.length + 1));
    const len = 1 + Math.floor(random() * 10);
    switch (Math.floor(random() * 4)) {
      case 0: // delete
        s = s.slice(0, pos) + s.slice(pos + len);
        break;
      case 1: // insert
        s = s.slice(0, pos) + SNIPPETS[Math.floor(random() * SNIPPETS.length)]! + s.slice(pos);
        break;
      case 2: // duplicate
        s = s.slice(0, pos + len) + s.slice(pos, pos + len) + s.slice(pos + len);
        break;
      default: // truncate
        s = s.slice(0, pos);
    }
  }
  return s;
}

function randomString(random: () => number): string {
  const n = Math.floor(random() * 60);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.6) s += SNIPPETS[Math.floor(random() * SNIPPETS.length)]!;
    else if (r < 0.9) s += String.fromCharCode(32 + Math.floor(random() * 95));
    else s += String.fromCharCode(Math.floor(random() * 0x10000));
  }
  return s;
}

/** Every node has a range inside the source. */
function checkExpr(e: Expression, len: number): void {
  expect(e.range.start.offset).toBeGreaterThanOrEqual(0);
  expect(e.range.end.offset).toBeLessThanOrEqual(len);
}

function checkAll(src: string): void {
  const { file, diags } = parseNative(src, 'f.hcl');
  expect(file.body).toBeDefined();
  expect(Array.isArray(diags)).toBe(true);
  const { attributes, blocks } = file.body.items();
  for (const a of attributes) checkExpr(a.expr, src.length);
  for (const b of blocks) b.body.items();
  const e = parseExpression(src, 'e.hcl');
  checkExpr(e.expr, src.length);
  const t = parseTemplate(src, 't.hcl');
  checkExpr(t.expr, src.length);
  const { tokens } = lex(src, 'l.hcl');
  expect(tokens[tokens.length - 1]!.type).toBe('eof');
}

describe('parser fuzz', () => {
  it('parses the valid seed without errors', () => {
    expect(parseNative(VALID, 'f.hcl').diags).toEqual([]);
  });

  it('survives 2000 random mutations of a valid file', () => {
    const random = prng(42);
    for (let i = 0; i < 2000; i++) checkAll(mutate(VALID, random));
  });

  it('survives 3000 random strings', () => {
    const random = prng(7);
    for (let i = 0; i < 3000; i++) checkAll(randomString(random));
  });

  it('lexes back to the source: tokens cover everything but spaces and tabs', () => {
    const random = prng(99);
    for (let i = 0; i < 200; i++) {
      const src = mutate(VALID, random);
      const { tokens } = lex(src, 'l.hcl');
      let rebuilt = '';
      let at = src.charCodeAt(0) === 0xfeff ? 1 : 0;
      for (const t of tokens) {
        const gap = src.slice(at, t.range.start.offset);
        expect(gap).toMatch(/^[ \t]*$/);
        rebuilt += gap + t.text;
        expect(src.slice(t.range.start.offset, t.range.end.offset)).toBe(t.text);
        at = t.range.end.offset;
      }
      expect(rebuilt).toBe(src.slice(src.charCodeAt(0) === 0xfeff ? 1 : 0));
    }
  });

  it('reports deep nesting instead of overflowing the stack', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['(', ')'],
      ['{a=', '}'],
      ['"${', '}"'],
      ['f(', ')'],
      ['-', ''],
      ['x ? ', ' : 1'],
    ] as const) {
      const src = `a = ${open.repeat(20000)}1${close.repeat(20000)}\n`;
      const { diags } = parseNative(src, 'f.hcl');
      expect(diags.map((d) => d.summary)).toContain('Nesting too deep');
    }
    const blocks = 'a {\n'.repeat(5000) + '}\n'.repeat(5000);
    expect(parseNative(blocks, 'f.hcl').diags.map((d) => d.summary)).toEqual(['Nesting too deep']);
    const tmpl = `a = "${'%{if x}'.repeat(3000)}${'%{endif}'.repeat(3000)}"\n`;
    expect(parseNative(tmpl, 'f.hcl').diags[0]!.summary).toBe('Nesting too deep');
    // 400 levels are fine.
    expect(parseNative(`a = ${'['.repeat(400)}${']'.repeat(400)}\n`, 'f.hcl').diags).toEqual([]);
  });
});
