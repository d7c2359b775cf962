import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { parseJSONValue } from './json-parser.js';
import { formatRange } from './range.js';

function errors(src: string): string[] {
  return parseJSONValue(src, 'j.json').diags.map(formatDiagnostic);
}

describe('JSON parser', () => {
  it('keeps the position of every value and property name', () => {
    const src = '{\n  "a": [1, "x\\u00e9y", true],\n  "b": {"c": null}\n}';
    const { node, diags } = parseJSONValue(src, 'j.json');
    expect(diags).toEqual([]);
    if (node.kind !== 'object') throw new Error('object expected');
    const [a, b] = node.attrs;
    expect(a!.name).toBe('a');
    expect(formatRange(a!.nameRange)).toBe('j.json:2,3-6');
    expect(formatRange(a!.value.range)).toBe('j.json:2,8-29');
    if (a!.value.kind !== 'array') throw new Error('array expected');
    expect(a!.value.values.map((v) => [v.kind, formatRange(v.range)])).toEqual([
      ['number', 'j.json:2,9-10'],
      ['string', 'j.json:2,12-22'],
      ['bool', 'j.json:2,24-28'],
    ]);
    expect(a!.value.values[1]).toMatchObject({ value: 'xéy' });
    expect(b!.value).toMatchObject({ kind: 'object' });
    expect(formatRange(node.range)).toBe('j.json:1,1-4,2');
    expect(node.closeRange.start).toEqual({ line: 4, column: 1, offset: src.length - 1 });
  });

  it('reads numbers exactly', () => {
    const { node } = parseJSONValue('[9007199254740993, 1.5, -0, 1e3, 2.5E-3]', 'j.json');
    expect(
      node.kind === 'array' && node.values.map((v) => (v as { value: unknown }).value),
    ).toEqual([9007199254740993n, 1.5, 0, 1000, 0.0025]);
  });

  it('counts columns in characters and offsets in UTF-16 units', () => {
    const { node } = parseJSONValue('{"é😀": "x"}', 'j.json');
    if (node.kind !== 'object') throw new Error('object expected');
    expect(node.attrs[0]!.nameRange.end).toEqual({ line: 1, column: 6, offset: 6 });
    expect(node.attrs[0]!.value.range.start).toEqual({ line: 1, column: 8, offset: 8 });
  });

  it('gives HCL JSON errors with positions', () => {
    expect(errors('')).toEqual(['j.json:1,1-1: Missing value; The JSON data ends prematurely.']);
    expect(errors('{"a": 1,}')).toEqual([
      'j.json:1,8-9: Trailing comma in object; JSON does not permit a trailing comma after the final property in an object.',
    ]);
    expect(errors('[1, 2,]')).toEqual([
      'j.json:1,6-7: Trailing comma in array; JSON does not permit a trailing comma after the final value in an array.',
    ]);
    expect(errors('{"a" 1}')).toEqual([
      "j.json:1,6-7: Missing property value colon; A colon must appear between an object property's name and its value.",
    ]);
    expect(errors('{"a" = 1}')).toEqual([
      'j.json:1,6-7: Missing property value colon; JSON uses a colon as its name/value delimiter, not an equals sign.',
    ]);
    expect(errors('{"a"}')).toEqual([
      'j.json:1,5-6: Missing object value; A JSON object attribute must have a value, introduced by a colon.',
    ]);
    expect(errors('{1: 2}')).toEqual([
      'j.json:1,2-3: Invalid object property name; A JSON object property name must be a string',
    ]);
    expect(errors('{"a": 1 "b": 2}')).toEqual([
      'j.json:1,9-12: Missing attribute seperator comma; A comma must appear between each property definition in an object.',
    ]);
    expect(errors('{"a": 1')).toEqual([
      'j.json:1,1-2: Unclosed object; No closing brace was found for this JSON object.',
    ]);
    expect(errors('{"a": [1, 2}')).toEqual([
      'j.json:1,12-13: Mismatched brackets; A JSON array must be closed with a bracket, not a brace.',
    ]);
    expect(errors('{"a": 1]')).toEqual([
      'j.json:1,8-9: Mismatched braces; A JSON object must be closed with a brace, not a bracket.',
    ]);
    expect(errors('[1: 2]')).toEqual([
      'j.json:1,3-4: Invalid array value; A colon is not used to introduce values in a JSON array.',
    ]);
    expect(errors('{"a": True}')).toEqual([
      'j.json:1,7-11: Invalid JSON keyword; "True" is not a valid JSON keyword. Did you mean "true"?',
    ]);
    expect(errors('[NaN]')).toEqual([
      'j.json:1,2-5: Invalid JSON keyword; The JavaScript identifier "NaN" cannot be used in JSON.',
    ]);
    expect(errors('[01]')).toEqual([
      'j.json:1,2-4: Invalid JSON number; There is a syntax error in the given JSON number.',
    ]);
    expect(errors('{"a": \'x\'}')).toEqual([
      'j.json:1,7-8: Invalid start of value; A JSON value must start with a brace, a bracket, a number, a string, or a keyword.',
    ]);
    expect(errors('{"a": 1} {}')).toEqual([
      'j.json:1,10-11: Extraneous data after value; Extra characters appear after the JSON value.',
    ]);
    expect(errors('[}')).toEqual([
      'j.json:1,2-3: Missing JSON value; A JSON value must start with a brace, a bracket, a number, a string, or a keyword.',
    ]);
  });

  it('points into strings as HCL does', () => {
    // Just after the bad escape character, as Go's encoding/json counts.
    expect(errors('{"a": "x\\qy"}')).toEqual([
      'j.json:1,11-12: Invalid JSON string; There is a syntax error in the given JSON string.',
    ]);
    expect(errors('\n  ["abc')).toEqual([
      'j.json:2,8-9: Invalid JSON string; There is a syntax error in the given JSON string.',
    ]);
    expect(parseJSONValue('["ab\ncd"]', 'j.json').diags[0]!.context).toMatchObject({
      start: { line: 1, column: 2 },
    });
  });
});
