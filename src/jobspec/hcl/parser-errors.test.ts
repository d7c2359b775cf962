// Every message checked against HashiCorp's HCL (hclsyntax) for the same input.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { parseNative } from './parse.js';

const corpus: [string, string[]][] = [
  [
    'a = 1\na = 2\n',
    [
      't.hcl:2,1-2: Attribute redefined; The argument "a" was already set at t.hcl:1,1-2. Each argument may be set only once.',
    ],
  ],
  [
    'a = 1 b = 2\n',
    [
      't.hcl:1,7-8: Missing newline after argument; An argument definition must end with a newline.',
    ],
  ],
  [
    'a = 1, b = 2\n',
    [
      't.hcl:1,6-7: Unexpected comma after argument; Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.',
    ],
  ],
  [
    'a = )\n',
    [
      't.hcl:1,5-6: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    ],
  ],
  [
    'a = \n',
    [
      't.hcl:1,5-2,1: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    ],
  ],
  [
    'a =',
    [
      't.hcl:1,4-4: Missing expression; Expected the start of an expression, but found the end of the file.',
    ],
  ],
  [
    'job "x" {\n  a = 1\n',
    [
      't.hcl:1,9-10: Unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
    ],
  ],
  [
    'a { b = 1, c = 2 }\n',
    [
      't.hcl:1,10-11: Invalid single-argument block definition; Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
    ],
  ],
  [
    'a { b = 1\n}\n',
    [
      "t.hcl:1,10-2,1: Invalid single-argument block definition; An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
    ],
  ],
  [
    'a { b c }\n',
    [
      't.hcl:1,5-8: Argument definition required; A single-line block definition can contain only a single argument. If you meant to define argument "b", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.',
    ],
  ],
  [
    'a { b = 1 c }\n',
    [
      't.hcl:1,11-12: Invalid single-argument block definition; A single-line block definition must end with a closing brace immediately after its single argument definition.',
    ],
  ],
  [
    'a = "x${y:z}"\n',
    [
      't.hcl:1,10-11: Extra characters after interpolation expression; Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
    ],
  ],
  [
    'a = "x${y z}"\n',
    [
      't.hcl:1,11-12: Extra characters after interpolation expression; Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
    ],
  ],
  [
    'a = "abc\n',
    [
      't.hcl:1,9-2,1: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
      't.hcl:1,9-2,1: Unterminated template string; No closing marker was found for the string.',
    ],
  ],
  ['"a" = 1\n', ['t.hcl:1,1-2: Invalid argument name; Argument names must not be quoted.']],
  [
    'a\n',
    [
      't.hcl:1,1-2: Argument or block definition required; An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
    ],
  ],
  [
    'a = {b c = 1}\n',
    [
      't.hcl:1,8-9: Missing key/value separator; Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
    ],
  ],
  [
    'a = {b = 1 c = 2}\n',
    [
      't.hcl:1,12-13: Missing attribute separator; Expected a newline or comma to mark the beginning of the next attribute.',
    ],
  ],
  [
    'a = {b}\n',
    [
      't.hcl:1,7-8: Missing key/value separator; Expected an equals sign ("=") to mark the beginning of the attribute value.',
    ],
  ],
  [
    'a = {b = 1\n',
    [
      't.hcl:2,1-1: Missing expression; Expected the start of an expression, but found the end of the file.',
    ],
  ],
  [
    'a = f(1 2)\n',
    [
      't.hcl:1,9-10: Missing argument separator; A comma is required to separate each function argument from the next.',
    ],
  ],
  [
    'a = f(1,\n',
    [
      't.hcl:2,1-1: Missing expression; Expected the start of an expression, but found the end of the file.',
    ],
  ],
  [
    'a = f(x... , y)\n',
    [
      't.hcl:1,8-11: Missing closing parenthesis; An expanded function argument (with ...) must be immediately followed by closing parentheses.',
    ],
  ],
  [
    'a = [1 2]\n',
    [
      't.hcl:1,8-9: Missing item separator; Expected a comma to mark the beginning of the next item.',
    ],
  ],
  [
    'a = [1,\n',
    [
      't.hcl:2,1-1: Missing expression; Expected the start of an expression, but found the end of the file.',
    ],
  ],
  [
    'a = @\n',
    [
      't.hcl:1,5-6: Invalid character; This character is not used within the language.',
      't.hcl:1,5-6: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    ],
  ],
  [
    "a = 'x'\n",
    [
      't.hcl:1,5-6: Invalid character; Single quotes are not valid. Use double quotes (") to enclose strings.',
      't.hcl:1,5-6: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    ],
  ],
  [
    'a = 1;\n',
    [
      't.hcl:1,6-7: Invalid character; The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
      't.hcl:1,6-7: Missing newline after argument; An argument definition must end with a newline.',
    ],
  ],
  [
    'a = x & y\n',
    [
      't.hcl:1,7-8: Unsupported operator; Bitwise operators are not supported. Did you mean boolean AND ("&&")?',
      't.hcl:1,7-8: Missing newline after argument; An argument definition must end with a newline.',
    ],
  ],
  [
    'a = x | y\n',
    [
      't.hcl:1,7-8: Unsupported operator; Bitwise operators are not supported. Did you mean boolean OR ("||")?',
      't.hcl:1,7-8: Missing newline after argument; An argument definition must end with a newline.',
    ],
  ],
  [
    'a = ~x\n',
    [
      't.hcl:1,5-6: Unsupported operator; Bitwise operators are not supported. Did you mean boolean NOT ("!")?',
      't.hcl:1,5-6: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    ],
  ],
  [
    'a = `x`\n',
    [
      't.hcl:1,5-6: Invalid character; The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
      't.hcl:1,5-6: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    ],
  ],
  [
    'a = "\\q"\n',
    [
      't.hcl:1,6-8: Invalid escape sequence; The symbol "q" is not a valid escape sequence selector.',
    ],
  ],
  [
    'a = "\\u12"\n',
    [
      't.hcl:1,6-10: Invalid escape sequence; The \\u escape sequence must be followed by four hexadecimal digits.',
    ],
  ],
  [
    'a = "\\U0001F60"\n',
    [
      't.hcl:1,6-15: Invalid escape sequence; The \\U escape sequence must be followed by eight hexadecimal digits.',
    ],
  ],
  [
    'a = "%{ iff x }"\n',
    [
      't.hcl:1,9-12: Invalid template control keyword; "iff" is not a valid template control keyword. Did you mean "if"?',
    ],
  ],
  [
    'a = "%{ if x }y"\n',
    [
      't.hcl:1,16-17: Unexpected end of template; The if directive at t.hcl:1,6-15 is missing its corresponding endif directive.',
    ],
  ],
  [
    'a = "%{ if x }y%{ endfor }"\n',
    [
      't.hcl:1,16-27: Unexpected endfor directive; Expecting an endif directive for the if started at t.hcl:1,6-15.',
    ],
  ],
  [
    'a = "%{ endif }"\n',
    [
      't.hcl:1,6-16: Unexpected endif directive; The control directives within this template are unbalanced.',
    ],
  ],
  [
    'a = "%{ else }"\n',
    [
      't.hcl:1,6-15: Unexpected else directive; The control directives within this template are unbalanced.',
    ],
  ],
  [
    'a = "%{ for x in y }z%{ else }%{ endfor }"\n',
    [
      't.hcl:1,22-31: Unexpected else directive; An else clause is not expected for a for directive.',
      't.hcl:1,31-42: Unexpected endfor directive; The control directives within this template are unbalanced.',
    ],
  ],
  [
    'a = "%{ if x }a%{ else }b%{ else }c%{ endif }"\n',
    [
      't.hcl:1,26-35: Unexpected else directive; Already in the else clause for the if started at t.hcl:1,6-15.',
      't.hcl:1,36-46: Unexpected endif directive; The control directives within this template are unbalanced.',
    ],
  ],
  [
    'a = "%{ if x y }%{ endif }"\n',
    [
      't.hcl:1,14-15: Extra characters in if marker; Expected a closing brace to end the sequence, but found extra characters.',
    ],
  ],
  [
    'a = "%{ 1 }"\n',
    [
      't.hcl:1,9-10: Invalid template directive; A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
    ],
  ],
  [
    'a = "%{ for }%{ endfor }"\n',
    [
      "t.hcl:1,13-14: Invalid 'for' directive; For directive requires variable name after 'for'.",
      't.hcl:1,14-25: Unexpected endfor directive; The control directives within this template are unbalanced.',
    ],
  ],
  [
    'a = "%{ for a, }%{ endfor }"\n',
    [
      "t.hcl:1,16-17: Invalid 'for' directive; For directive requires value variable name after comma.",
      't.hcl:1,17-28: Unexpected endfor directive; The control directives within this template are unbalanced.',
    ],
  ],
  [
    'a = "%{ for a b }%{ endfor }"\n',
    [
      "t.hcl:1,15-16: Invalid 'for' directive; For directive requires 'in' keyword after names.",
      't.hcl:1,18-29: Unexpected endfor directive; The control directives within this template are unbalanced.',
    ],
  ],
  [
    'a = <<EOT\nfoo\nEOT',
    ['t.hcl:3,4-4: Unterminated template string; No closing marker was found for the string.'],
  ],
  [
    'a = <<EOT\nfoo\n',
    ['t.hcl:3,1-1: Unterminated template string; No closing marker was found for the string.'],
  ],
  [
    'a = [for x in y: x => x]\n',
    ["t.hcl:1,18-19: Invalid 'for' expression; Key expression is not valid when building a tuple."],
  ],
  [
    'a = {for x in y: x}\n',
    [
      "t.hcl:1,18-19: Invalid 'for' expression; Key expression is required when building an object.",
    ],
  ],
  [
    'a = [for x in y: x...]\n',
    [
      "t.hcl:1,19-22: Invalid 'for' expression; Grouping ellipsis (...) cannot be used when building a tuple.",
    ],
  ],
  [
    'a = [for in y: x]\n',
    [
      "t.hcl:1,13-14: Invalid 'for' expression; For expression requires the 'in' keyword after its name declarations.",
    ],
  ],
  [
    'a = [for a, in y: x]\n',
    [
      "t.hcl:1,16-17: Invalid 'for' expression; For expression requires the 'in' keyword after its name declarations.",
    ],
  ],
  [
    'a = [for a y: x]\n',
    [
      "t.hcl:1,12-13: Invalid 'for' expression; For expression requires the 'in' keyword after its name declarations.",
    ],
  ],
  [
    'a = [for a in y x]\n',
    [
      "t.hcl:1,17-18: Invalid 'for' expression; For expression requires a colon after the collection expression.",
    ],
  ],
  [
    'a = [for a in y: x if z w]\n',
    [
      "t.hcl:1,25-26: Invalid 'for' expression; Extra characters after the end of the 'for' expression.",
    ],
  ],
  [
    'a = x.0.1\n',
    [
      't.hcl:1,7-10: Invalid legacy index syntax; When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [0][1].',
    ],
  ],
  [
    'a = x.*.*\n',
    [
      't.hcl:1,9-10: Nested splat expression not allowed; A splat expression (*) cannot be used inside another attribute-only splat expression.',
    ],
  ],
  [
    'a = x.\n',
    ['t.hcl:1,7-2,1: Invalid attribute name; An attribute name is required after a dot.'],
  ],
  [
    'a = x[*\n',
    [
      't.hcl:2,1-1: Missing close bracket on splat index; The star for a full splat operator must be immediately followed by a closing bracket ("]").',
    ],
  ],
  [
    'a = x[1\n',
    [
      't.hcl:2,1-1: Missing close bracket on index; The index operator must end with a closing bracket ("]").',
    ],
  ],
  [
    'a b = 1\n',
    [
      't.hcl:1,5-6: Invalid block definition; The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
    ],
  ],
  [
    'a = b ? c\n',
    [
      't.hcl:1,10-2,1: Missing false expression in conditional; The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
    ],
  ],
  [
    'a = (1\n',
    [
      't.hcl:2,1-1: Unbalanced parentheses; Expected a closing parenthesis to terminate the expression.',
    ],
  ],
  [
    'a = (1 2)\n',
    [
      't.hcl:1,8-9: Unbalanced parentheses; Expected a closing parenthesis to terminate the expression.',
    ],
  ],
  [
    'a b\n{\n}\n',
    [
      't.hcl:1,4-2,1: Invalid block definition; A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
    ],
  ],
  [
    'a b c\n',
    [
      't.hcl:1,6-2,1: Invalid block definition; A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
    ],
  ],
  [
    'a {\n} b = 1\n',
    [
      't.hcl:2,3-4: Missing newline after block definition; A block definition must end with a newline.',
    ],
  ],
  [
    'a = "${"\n',
    [
      't.hcl:1,9-2,1: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
      't.hcl:1,9-2,1: Unterminated template string; No closing marker was found for the string.',
    ],
  ],
  [
    'a = "${x"\n',
    [
      't.hcl:1,10-2,1: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
      't.hcl:1,6-8: Unclosed template interpolation sequence; There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.',
    ],
  ],
  [
    'a = 1.2.3\n',
    ['t.hcl:1,5-10: Invalid number literal; Failed to recognize the value of this number literal.'],
  ],
  [
    'a = f::\n',
    [
      't.hcl:1,8-2,1: Missing function name; Function scope resolution symbol :: must be followed by a function name in this scope.',
    ],
  ],
  [
    'a = f::g\n',
    [
      't.hcl:1,9-2,1: Missing open parenthesis; Function selector must be followed by an open parenthesis to begin the function call.',
    ],
  ],
  [
    'a "${x}" {\n}\n',
    [
      't.hcl:1,4-6: Invalid string literal; Template sequences are not allowed in this string. To include a literal "$", double it (as "$$") to escape it.',
    ],
  ],
  [
    'a "x\n',
    [
      't.hcl:1,5-2,1: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
      't.hcl:1,5-2,1: Invalid string literal; This item is not valid in a string literal.',
    ],
  ],
  [
    'a "x',
    [
      't.hcl:1,5-5: Unterminated string literal; Unable to find the closing quote mark before the end of the file.',
      't.hcl:1,5-5: Invalid block definition; Either a quoted string block label or an opening brace ("{") is expected here.',
    ],
  ],
  [
    '}\n',
    [
      't.hcl:1,1-2: Argument or block definition required; An argument or block definition is required here.',
    ],
  ],
  [
    'a = 1\n}\nb = 2\n',
    [
      't.hcl:2,1-2: Argument or block definition required; An argument or block definition is required here.',
    ],
  ],
  [
    'x = ${a}\n',
    [
      't.hcl:1,5-6: Invalid character; This character is not used within the language.',
      't.hcl:1,5-6: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    ],
  ],
  [
    'a = "\\uD800"\n',
    ['t.hcl:1,6-12: Invalid escape sequence; Cannot encode character U+d800 in UTF-8.'],
  ],
  [
    'a = "\\\n"\n',
    [
      't.hcl:1,6-7: Invalid character; This character is not used within the language.',
      't.hcl:1,7-2,1: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
      't.hcl:1,6-7: Unterminated template string; No closing marker was found for the string.',
    ],
  ],
];

describe('native syntax errors', () => {
  it.each(corpus)('%j', (src, want) => {
    const { diags } = parseNative(src, 't.hcl');
    expect(diags.map(formatDiagnostic)).toEqual(want);
    expect(diags.every((d) => d.severity === 'error')).toBe(true);
  });
});
