/**
 * HCL's JSON syntax (hashicorp/hcl json/spec.md): a JSON parser of our own that keeps the
 * position of every value and property name, and reports HCL's JSON errors where they are.
 * `parseJSONSyntax` gives a File whose body reads the JSON through a schema (json-body.ts).
 */
import type { File } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { JSONBody } from './json-body.js';
import { nameSuggestion } from './suggest.js';
import { Scanner, type Token } from './json-scanner.js';

export type { JSONNode, JSONProperty } from './json-node.js';
import type { JSONNode, JSONProperty } from './json-node.js';
import { codePoints, decodeString } from './json-string.js';
import { rangeBetween, type Range } from './range.js';
import { parseNumber } from './value-ops.js';

/** Parses a JSON-syntax HCL file. */
export function parseJSONSyntax(
  src: string,
  filename: string,
): { file: File; diags: Diagnostic[] } {
  const { node, diags } = parseJSONValue(src, filename);
  return { file: { filename, src, body: new JSONBody(node) }, diags };
}

/** Parses one JSON value (a whole file), with positions. */
export function parseJSONValue(
  src: string,
  filename: string,
): { node: JSONNode; diags: Diagnostic[] } {
  const p = new Parser(new Scanner(src, filename));
  const diags: Diagnostic[] = [];
  const first = p.peek();
  let node = p.value(diags);
  if (!node) node = { kind: 'invalid', range: first.range };
  else if (diags.length === 0 && p.peek().type !== 'eof') {
    diags.push(
      err(
        'Extraneous data after value',
        'Extra characters appear after the JSON value.',
        p.peek().range,
      ),
    );
  }
  return { node, diags };
}

function err(summary: string, detail: string, subject: Range, context?: Range): Diagnostic {
  const d: Diagnostic = { severity: 'error', summary, detail, subject };
  if (context) d.context = context;
  return d;
}

const VALUE_START =
  'A JSON value must start with a brace, a bracket, a number, a string, or a keyword.';

class Parser {
  private readonly scanner: Scanner;
  private peeked: Token | undefined;

  constructor(scanner: Scanner) {
    this.scanner = scanner;
  }

  peek(): Token {
    return (this.peeked ??= this.scanner.next());
  }

  read(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  /** A value, or undefined after recording an error. */
  value(diags: Diagnostic[]): JSONNode | undefined {
    const tok = this.peek();
    switch (tok.type) {
      case '{':
        return this.object(diags);
      case '[':
        return this.array(diags);
      case 'number':
        return this.number(diags);
      case 'string':
        return this.string(diags);
      case 'keyword':
        return this.keyword(diags);
      case '}':
        diags.push(err('Missing JSON value', VALUE_START, tok.range));
        return undefined;
      case ']':
        diags.push(err('Missing array element value', VALUE_START, tok.range));
        return undefined;
      case 'eof':
        diags.push(err('Missing value', 'The JSON data ends prematurely.', tok.range));
        return undefined;
      default:
        diags.push(err('Invalid start of value', VALUE_START, tok.range));
        return undefined;
    }
  }

  private object(diags: Diagnostic[]): JSONNode | undefined {
    const open = this.read();
    const attrs: JSONProperty[] = [];
    for (;;) {
      if (this.peek().type === '}') break;
      const key = this.value(diags);
      if (!key) return undefined;
      if (key.kind !== 'string') {
        diags.push(
          err(
            'Invalid object property name',
            'A JSON object property name must be a string',
            startOf(key),
          ),
        );
        return undefined;
      }
      const colon = this.read();
      if (colon.type !== ':') {
        if (colon.type === '}' || colon.type === ',') {
          diags.push(
            err(
              'Missing object value',
              'A JSON object attribute must have a value, introduced by a colon.',
              colon.range,
            ),
          );
        } else if (colon.type === '=') {
          diags.push(
            err(
              'Missing property value colon',
              'JSON uses a colon as its name/value delimiter, not an equals sign.',
              colon.range,
            ),
          );
        } else {
          diags.push(
            err(
              'Missing property value colon',
              "A colon must appear between an object property's name and its value.",
              colon.range,
            ),
          );
        }
        return undefined;
      }
      const val = this.value(diags);
      if (!val) return undefined;
      const prop: JSONProperty = { name: key.value, nameRange: key.range, value: val };
      if (key.map) prop.nameMap = key.map;
      attrs.push(prop);
      const next = this.peek();
      if (next.type === ',') {
        const comma = this.read();
        if (this.peek().type === '}') {
          diags.push(
            err(
              'Trailing comma in object',
              'JSON does not permit a trailing comma after the final property in an object.',
              comma.range,
            ),
          );
          return undefined;
        }
        continue;
      }
      if (next.type === '}') break;
      if (next.type === 'eof') {
        diags.push(
          err('Unclosed object', 'No closing brace was found for this JSON object.', open.range),
        );
        return undefined;
      }
      if (next.type === ']') {
        diags.push(
          err(
            'Mismatched braces',
            'A JSON object must be closed with a brace, not a bracket.',
            next.range,
          ),
        );
        return undefined;
      }
      diags.push(
        err(
          'Missing attribute seperator comma',
          'A comma must appear between each property definition in an object.',
          next.range,
        ),
      );
      return undefined;
    }
    const close = this.read();
    return {
      kind: 'object',
      attrs,
      range: rangeBetween(open.range, close.range),
      openRange: open.range,
      closeRange: close.range,
    };
  }

  private array(diags: Diagnostic[]): JSONNode | undefined {
    const open = this.read();
    const values: JSONNode[] = [];
    for (;;) {
      if (this.peek().type === ']') break;
      const v = this.value(diags);
      if (!v) return undefined;
      values.push(v);
      const next = this.peek();
      if (next.type === ',') {
        const comma = this.read();
        if (this.peek().type === ']') {
          diags.push(
            err(
              'Trailing comma in array',
              'JSON does not permit a trailing comma after the final value in an array.',
              comma.range,
            ),
          );
          return undefined;
        }
        continue;
      }
      if (next.type === ']') break;
      if (next.type === ':') {
        diags.push(
          err(
            'Invalid array value',
            'A colon is not used to introduce values in a JSON array.',
            next.range,
          ),
        );
        return undefined;
      }
      if (next.type === 'eof') {
        diags.push(
          err('Unclosed object', 'No closing bracket was found for this JSON array.', open.range),
        );
        return undefined;
      }
      if (next.type === '}') {
        diags.push(
          err(
            'Mismatched brackets',
            'A JSON array must be closed with a bracket, not a brace.',
            next.range,
          ),
        );
        return undefined;
      }
      diags.push(
        err(
          'Missing attribute seperator comma',
          'A comma must appear between each value in an array.',
          next.range,
        ),
      );
      return undefined;
    }
    const close = this.read();
    return {
      kind: 'array',
      values,
      range: rangeBetween(open.range, close.range),
      openRange: open.range,
    };
  }

  private number(diags: Diagnostic[]): JSONNode | undefined {
    const tok = this.read();
    const n = JSON_NUMBER.test(tok.text) ? parseNumber(tok.text) : undefined;
    if (n === undefined) {
      diags.push(
        err('Invalid JSON number', 'There is a syntax error in the given JSON number.', tok.range),
      );
      return undefined;
    }
    return { kind: 'number', value: n, range: tok.range };
  }

  private string(diags: Diagnostic[]): JSONNode | undefined {
    const tok = this.read();
    const r = decodeString(tok.text);
    if (typeof r === 'number') {
      // As HCL: the position just after the character where decoding failed.
      const start = tok.range.start;
      const column = start.column + codePoints(tok.text.slice(0, r));
      const subject: Range = {
        filename: tok.range.filename,
        start: { line: start.line, column, offset: start.offset + r },
        end: { line: start.line, column: column + 1, offset: start.offset + r + 1 },
      };
      diags.push(
        err(
          'Invalid JSON string',
          'There is a syntax error in the given JSON string.',
          subject,
          tok.range,
        ),
      );
      return undefined;
    }
    const node: JSONNode = { kind: 'string', value: r.value, range: tok.range };
    if (r.map) node.map = r.map;
    return node;
  }

  private keyword(diags: Diagnostic[]): JSONNode | undefined {
    const tok = this.read();
    switch (tok.text) {
      case 'true':
      case 'false':
        return { kind: 'bool', value: tok.text === 'true', range: tok.range };
      case 'null':
        return { kind: 'null', range: tok.range };
      case 'undefined':
      case 'NaN':
      case 'Infinity':
        diags.push(
          err(
            'Invalid JSON keyword',
            `The JavaScript identifier ${JSON.stringify(tok.text)} cannot be used in JSON.`,
            tok.range,
          ),
        );
        return undefined;
    }
    const s = nameSuggestion(tok.text, ['true', 'false', 'null']);
    diags.push(
      err(
        'Invalid JSON keyword',
        `${JSON.stringify(tok.text)} is not a valid JSON keyword.${s ? ` Did you mean ${JSON.stringify(s)}?` : ''}`,
        tok.range,
      ),
    );
    return undefined;
  }
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function startOf(n: JSONNode): Range {
  if (n.kind === 'object' || n.kind === 'array') return n.openRange;
  return n.range;
}
