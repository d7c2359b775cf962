import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFilter, FilterSyntaxError, parseFilter } from './index.js';

const node = {
  ID: 'abc',
  Name: 'web-1',
  Status: 'ready',
  Priority: 50,
  Drain: false,
  Datacenters: ['dc1', 'dc2'],
  Meta: { rack: 'r1', 'team.name': 'ops' },
  NodeClass: '',
  TaskGroups: [{ Name: 'api' }, { Name: 'db' }],
  Nothing: null,
};

const matches = (expr: string) => evaluateFilter(parseFilter(expr), node);

describe('filter expressions', () => {
  it('compares with == and != after converting to the field type', () => {
    expect(matches('Status == ready')).toBe(true);
    expect(matches('Status == "ready"')).toBe(true);
    expect(matches('Status != "ready"')).toBe(false);
    expect(matches('Priority == 50')).toBe(true);
    expect(matches('Priority == "50"')).toBe(true);
    expect(matches('Drain == false')).toBe(true);
    expect(matches('Missing == "x"')).toBe(false);
    expect(matches('Missing != "x"')).toBe(true);
  });

  it('selects into maps with dots and brackets, and through lists', () => {
    expect(matches('Meta.rack == r1')).toBe(true);
    expect(matches('Meta["team.name"] == ops')).toBe(true);
    expect(matches('TaskGroups.Name contains db')).toBe(true);
    expect(matches('TaskGroups.Name contains web')).toBe(false);
  });

  it('supports in, not in, contains, is empty, matches', () => {
    expect(matches('"dc1" in Datacenters')).toBe(true);
    expect(matches('dc3 not in Datacenters')).toBe(true);
    expect(matches('rack in Meta')).toBe(true);
    expect(matches('Datacenters contains "dc2"')).toBe(true);
    expect(matches('Name contains "web"')).toBe(true);
    expect(matches('Name not contains "web"')).toBe(false);
    expect(matches('NodeClass is empty')).toBe(true);
    expect(matches('Nothing is empty')).toBe(true);
    expect(matches('Datacenters is not empty')).toBe(true);
    expect(matches('Name matches "^web-[0-9]+$"')).toBe(true);
    expect(matches('Name not matches `^db`')).toBe(true);
  });

  it('combines with and, or, not and parentheses', () => {
    expect(matches('Status == ready and Meta.rack == r2')).toBe(false);
    expect(matches('Status == ready and (Meta.rack == r2 or Meta.rack == r1)')).toBe(true);
    expect(matches('not Status == ready or Priority == 50')).toBe(true);
    expect(matches('not (Status == ready)')).toBe(false);
    // and binds tighter than or
    expect(matches('Priority == 1 and Status == ready or Drain == false')).toBe(true);
  });

  it('reports syntax errors with their column', () => {
    expect(() => parseFilter('Status ==')).toThrow(FilterSyntaxError);
    expect(() => parseFilter('(Status == a')).toThrow('expected ")" (at column 13)');
    expect(() => parseFilter('Status = a')).toThrow(/unexpected character "="/);
    expect(() => parseFilter('Name matches "("')).toThrow(/invalid regular expression/);
    expect(() => parseFilter('Status is full')).toThrow(/expected "empty"/);
    expect(() => parseFilter('"unterminated')).toThrow(/unterminated string/);
    expect(() => parseFilter('('.repeat(10_000))).toThrow(/nested deeper than 64 levels/);
    expect(() => parseFilter('not '.repeat(10_000) + 'A == b')).toThrow(/nested deeper/);
  });

  it('either parses or throws FilterSyntaxError, and evaluation never throws', () => {
    const token = fc.constantFrom(
      'Name',
      'Meta.rack',
      'Meta["x"]',
      '==',
      '!=',
      'and',
      'or',
      'not',
      'in',
      'contains',
      'matches',
      'is',
      'empty',
      '(',
      ')',
      '"a"',
      '`b`',
      '5',
      '[',
      ']',
      '.',
      '"(("',
      'TaskGroups.Name',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(token).map((t) => t.join(' ')),
        ),
        (src) => {
          let expr;
          try {
            expr = parseFilter(src);
          } catch (e) {
            expect(e).toBeInstanceOf(FilterSyntaxError);
            return;
          }
          expect(typeof evaluateFilter(expr, node)).toBe('boolean');
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});
