import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { lex } from './parse.js';
import { r } from './parser-test-util.js';

function types(src: string, mode?: 'template'): string[] {
  return lex(src, 't.hcl', mode ? { mode } : {}).tokens.map((t) => `${t.type}:${t.text}`);
}

describe('lexer', () => {
  it('produces tokens with text and ranges, keeping comments and newlines', () => {
    const { tokens, diags } = lex('a = 1.5e3 # note\nb {\n}', 't.hcl');
    expect(diags).toEqual([]);
    expect(tokens.map((t) => [t.type, t.text, r(t.range)])).toEqual([
      ['ident', 'a', 't.hcl:1,1-2'],
      ['=', '=', 't.hcl:1,3-4'],
      ['number', '1.5e3', 't.hcl:1,5-10'],
      ['comment', '# note', 't.hcl:1,11-17'],
      ['newline', '\n', 't.hcl:1,17-2,1'],
      ['ident', 'b', 't.hcl:2,1-2'],
      ['{', '{', 't.hcl:2,3-4'],
      ['newline', '\n', 't.hcl:2,4-3,1'],
      ['}', '}', 't.hcl:3,1-2'],
      ['eof', '', 't.hcl:3,2-2'],
    ]);
  });

  it('lexes operators and identifiers with dashes', () => {
    expect(types('x-y == !a && b || c != d <= e >= f => ... :: ? : < > + - * / %')).toEqual([
      'ident:x-y',
      '==:==',
      '!:!',
      'ident:a',
      '&&:&&',
      'ident:b',
      '||:||',
      'ident:c',
      '!=:!=',
      'ident:d',
      '<=:<=',
      'ident:e',
      '>=:>=',
      'ident:f',
      '=>:=>',
      '...:...',
      ':::::',
      '?:?',
      ':::',
      '<:<',
      '>:>',
      '+:+',
      '-:-',
      '*:*',
      '/:/',
      '%:%',
      'eof:',
    ]);
  });

  it('ends numbers before a trailing dot', () => {
    expect(types('1. 1.5 1e3 1E-2 1e')).toEqual([
      'number:1',
      '.:.',
      'number:1.5',
      'number:1e3',
      'number:1E-2',
      'number:1',
      'ident:e',
      'eof:',
    ]);
  });

  it('lexes quoted templates and tells template braces from object braces', () => {
    expect(types('"a${ {b = 1} ~}c%{~ if x }\\"$${"')).toEqual([
      'oquote:"',
      'quoted_lit:a',
      'interp:${',
      '{:{',
      'ident:b',
      '=:=',
      'number:1',
      '}:}',
      'seq_end:~}',
      'quoted_lit:c',
      'control:%{~',
      'ident:if',
      'ident:x',
      'seq_end:}',
      'quoted_lit:\\"$${',
      'cquote:"',
      'eof:',
    ]);
  });

  it('lexes heredocs one line at a time, with the closing marker and its newline', () => {
    expect(types('<<-EOT\n  a ${b}\n\n  EOT\n')).toEqual([
      'oheredoc:<<-EOT\n',
      'string_lit:  a ',
      'interp:${',
      'ident:b',
      'seq_end:}',
      'string_lit:\n',
      'string_lit:\n',
      'cheredoc:  EOT',
      'newline:\n',
      'eof:',
    ]);
    // `<<` not followed by a name and a newline is two operators.
    expect(types('<<EOT x')).toEqual(['<:<', '<:<', 'ident:EOT', 'ident:x', 'eof:']);
  });

  it('lexes bare templates', () => {
    expect(types('a\nb ${c} %%{d}', 'template')).toEqual([
      'string_lit:a\n',
      'string_lit:b ',
      'interp:${',
      'ident:c',
      'seq_end:}',
      'string_lit: %%{d}',
      'eof:',
    ]);
  });

  it('keeps block comments whole, and treats an unterminated one as operators', () => {
    expect(types('/* a\n b */ x')).toEqual(['comment:/* a\n b */', 'ident:x', 'eof:']);
    expect(types('/* a')).toEqual(['/:/', '*:*', 'ident:a', 'eof:']);
    expect(types('// x\r\ny')).toEqual(['comment:// x', 'newline:\r\n', 'ident:y', 'eof:']);
  });

  it('accepts Unicode identifiers and counts columns in code points', () => {
    const { tokens } = lex('héllo = "😀" + ñ', 't.hcl');
    expect(tokens.map((t) => [t.type, r(t.range)])).toEqual([
      ['ident', 't.hcl:1,1-6'],
      ['=', 't.hcl:1,7-8'],
      ['oquote', 't.hcl:1,9-10'],
      ['quoted_lit', 't.hcl:1,10-11'],
      ['cquote', 't.hcl:1,11-12'],
      ['+', 't.hcl:1,13-14'],
      ['ident', 't.hcl:1,15-16'],
      ['eof', 't.hcl:1,16-16'],
    ]);
  });

  it('reports characters that are not part of the language', () => {
    const { diags } = lex('a = \'x\' ; @ & | ~ ^ `y`\n"z\n"\n\ud800', 't.hcl');
    expect(diags.map(formatDiagnostic)).toEqual([
      't.hcl:1,5-6: Invalid character; Single quotes are not valid. Use double quotes (") to enclose strings.',
      't.hcl:1,9-10: Invalid character; The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
      't.hcl:1,11-12: Invalid character; This character is not used within the language.',
      't.hcl:1,13-14: Unsupported operator; Bitwise operators are not supported. Did you mean boolean AND ("&&")?',
      't.hcl:1,15-16: Unsupported operator; Bitwise operators are not supported. Did you mean boolean OR ("||")?',
      't.hcl:1,17-18: Unsupported operator; Bitwise operators are not supported. Did you mean boolean NOT ("!")?',
      't.hcl:1,19-20: Unsupported operator; Bitwise operators are not supported.',
      't.hcl:1,21-22: Invalid character; The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
      't.hcl:2,3-3,1: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
      't.hcl:4,1-2: Invalid character encoding; All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.',
    ]);
  });

  it('starts positions where asked', () => {
    const { tokens } = lex('x', 'f.json', {
      mode: 'template',
      start: { line: 4, column: 3, offset: 30 },
    });
    expect(tokens[0]!.range.start).toEqual({ line: 4, column: 3, offset: 30 });
    expect(tokens[0]!.range.end).toEqual({ line: 4, column: 4, offset: 31 });
  });
});
