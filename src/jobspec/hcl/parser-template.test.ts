import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { parseTemplate } from './parse.js';
import { exprOf, lit, r, ref, shape } from './parser-test-util.js';

const tmpl = (...parts: unknown[]): unknown => ({ kind: 'template', parts });

describe('quoted templates', () => {
  it('keeps a plain string as a one-literal template covering the quotes', () => {
    const e = exprOf('a = "hello"');
    expect(shape(e)).toEqual(tmpl(lit('hello')));
    expect(r(e.range)).toBe('t.hcl:1,5-12');
    expect(shape(exprOf('a = ""'))).toEqual(tmpl(lit('')));
  });

  it('decodes escapes and template escapes', () => {
    expect(shape(exprOf('a = "\\n\\r\\t\\"\\\\\\u00e9\\U0001F600 $${x} %%{y} $$ 100%"'))).toEqual(
      tmpl(lit('\n\r\t"\\é😀 ${x} %{y} $$ 100%')),
    );
  });

  it('parses interpolations, and wraps a lone interpolation', () => {
    const e = exprOf('a = "x-${y.z}-${1}"');
    expect(shape(e)).toEqual(
      tmpl(lit('x-'), ref('y', { kind: 'attr', name: 'z' }), lit('-'), lit(1)),
    );
    const w = exprOf('a = "${y}"');
    expect(shape(w)).toEqual({ kind: 'template_wrap', wrapped: ref('y') });
    expect(r(w.range)).toBe('t.hcl:1,5-11');
  });

  it('strips whitespace next to ~ markers, newlines included', () => {
    expect(shape(exprOf('a = "a \\n ${~ x ~} \\n b"'))).toEqual(tmpl(lit('a'), ref('x'), lit('b')));
  });

  it('parses if and for directives', () => {
    expect(shape(exprOf('a = "%{ if x }yes%{ else }no%{ endif }"'))).toEqual(
      tmpl({
        kind: 'template_if',
        condition: ref('x'),
        trueTemplate: tmpl(lit('yes')),
        falseTemplate: tmpl(lit('no')),
      }),
    );
    expect(shape(exprOf('a = "%{ if x }yes%{ endif }"'))).toEqual(
      tmpl({ kind: 'template_if', condition: ref('x'), trueTemplate: tmpl(lit('yes')) }),
    );
    const f = exprOf('a = "[%{ for k, v in m ~} ${k}=${v} %{~ endfor }]"');
    expect(shape(f)).toEqual(
      tmpl(
        lit('['),
        {
          kind: 'template_for',
          keyVar: 'k',
          valueVar: 'v',
          collection: ref('m'),
          // The stripped literals stay, as empty strings.
          template: tmpl(lit(''), ref('k'), lit('='), ref('v'), lit('')),
        },
        lit(']'),
      ),
    );
    if (f.kind === 'template') expect(r(f.parts[1]!.range)).toBe('t.hcl:1,7-49');
  });
});

describe('heredocs', () => {
  it('keeps the text as written, one line at a time', () => {
    const e = exprOf('a = <<EOT\n  hello\n    ${x}\nEOT\n');
    expect(shape(e)).toEqual({
      kind: 'template',
      parts: [lit('  hello\n    '), ref('x'), lit('\n')],
      heredoc: true,
    });
    expect(r(e.range)).toBe('t.hcl:1,5-4,4');
  });

  it('strips the smallest common indentation with <<-, ignoring blank lines', () => {
    const e = exprOf('a = <<-EOT\n    one\n      two\n\n    three\n  EOT\n');
    expect(shape(e)).toEqual({
      kind: 'template',
      parts: [lit('one\n  two\n\nthree\n')],
      heredoc: true,
    });
    // A line that starts with an interpolation has no indentation.
    expect(shape(exprOf('a = <<-EOT\n  x\n${y}\n  EOT\n'))).toMatchObject({
      parts: [lit('  x\n'), ref('y'), lit('\n')],
    });
  });

  it('finds an indented closing marker, and CRLF lines', () => {
    expect(shape(exprOf('a = <<EOT\nx\n   EOT\nb = 1\n'))).toMatchObject({ parts: [lit('x\n')] });
    expect(shape(exprOf('a = <<EOT\r\nx\r\nEOT\r\n'))).toMatchObject({ parts: [lit('x\r\n')] });
    expect(shape(exprOf('a = <<EOT\nEOT\n'))).toMatchObject({ parts: [lit('')] });
  });

  it('applies ~ within the line only', () => {
    expect(shape(exprOf('a = <<EOT\nfoo  \n  ${~ x ~}  \n  bar\nEOT\n'))).toMatchObject({
      parts: [lit('foo  \n'), ref('x'), lit('  bar\n')],
    });
  });
});

describe('parseTemplate', () => {
  it('parses a whole string as a template', () => {
    const { expr, diags } = parseTemplate('Hello, ${name}!\n%{ if x }y%{ endif }', 'f.json');
    expect(diags).toEqual([]);
    expect(shape(expr)).toEqual(
      tmpl(lit('Hello, '), ref('name'), lit('!\n'), {
        kind: 'template_if',
        condition: ref('x'),
        trueTemplate: tmpl(lit('y')),
      }),
    );
  });

  it('wraps a lone interpolation, keeps escapes, and positions from a start', () => {
    const { expr } = parseTemplate('${x}', 'f.json', { line: 2, column: 8, offset: 20 });
    expect(shape(expr)).toEqual({ kind: 'template_wrap', wrapped: ref('x') });
    expect(r(expr.range)).toBe('f.json:2,8-12');
    expect(shape(parseTemplate('a $${b} \\n $', 'f').expr)).toEqual(tmpl(lit('a ${b} \\n $')));
    expect(shape(parseTemplate('', 'f').expr)).toEqual(tmpl(lit('')));
  });

  it('reports errors with positions', () => {
    const { diags } = parseTemplate('x ${ y', 'f.json');
    expect(diags.map(formatDiagnostic)).toEqual([
      'f.json:1,1-3: Unclosed template interpolation sequence; There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.',
    ]);
  });
});
