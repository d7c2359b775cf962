import { describe, expect, it } from 'vitest';
import { mockNode } from '../testing/mocks.js';
import { constraintChecker } from './constraint-checker.js';
import { resolveTarget } from './target.js';
import { globMatch } from '../util/glob.js';

const node = mockNode({
  ID: 'n-1',
  Name: 'alpha',
  Datacenter: 'us-east-1',
  Meta: { rack: 'r1', tags: 'a,b,c' },
  Attributes: {
    'kernel.name': 'linux',
    'kernel.version': '5.10.0',
    'cpu.numcores': '8',
    'unique.hostname': 'h',
  },
});

function ok(LTarget: string, Operand: string, RTarget: string): boolean {
  return constraintChecker({ LTarget, Operand, RTarget }).check(node) === null;
}

describe('constraints', () => {
  it('resolves targets, including the spec spellings', () => {
    expect(resolveTarget('${attr.datacenter}', node)).toBe('us-east-1');
    expect(resolveTarget('${attr.meta.rack}', node)).toBe('r1');
    expect(resolveTarget('${meta.rack}', node)).toBe('r1');
    expect(resolveTarget('${node.unique.name}', node)).toBe('alpha');
    expect(resolveTarget('${node.unique.id}', node)).toBe('n-1');
    expect(resolveTarget('${node.class}', node)).toBe('linux-medium-pci');
    expect(resolveTarget('${node.pool}', node)).toBe('default');
    expect(resolveTarget('${attr.nope}', node)).toBeUndefined();
    expect(resolveTarget('linux', node)).toBe('linux');
  });

  it('checks every operand', () => {
    expect(ok('${attr.kernel.name}', '=', 'linux')).toBe(true);
    expect(ok('${attr.kernel.name}', '!=', 'linux')).toBe(false);
    expect(ok('${attr.missing}', '!=', 'linux')).toBe(true);
    expect(ok('${attr.cpu.numcores}', '>=', '4')).toBe(true);
    expect(ok('${attr.cpu.numcores}', '<', '10')).toBe(true); // numeric, not lexical
    expect(ok('${attr.kernel.name}', 'regexp', '^lin')).toBe(true);
    expect(ok('${attr.kernel.version}', 'version', '>= 5.4, < 6')).toBe(true);
    expect(ok('${attr.kernel.version}', 'version', '~> 5.9')).toBe(true);
    expect(ok('${attr.kernel.version}', 'semver', '>= 5.11.0')).toBe(false);
    expect(ok('${meta.tags}', 'set_contains', 'a,c')).toBe(true);
    expect(ok('${meta.tags}', 'set_contains_all', 'a,d')).toBe(false);
    expect(ok('${meta.tags}', 'set_contains_any', 'd,b')).toBe(true);
    expect(ok('${meta.rack}', 'is_set', '')).toBe(true);
    expect(ok('${meta.zone}', 'is_not_set', '')).toBe(true);
  });

  it('reports the constraint as Nomad prints it', () => {
    const c = { LTarget: '${attr.kernel.name}', Operand: '=', RTarget: 'windows' };
    expect(constraintChecker(c).check(node)).toBe('${attr.kernel.name} = windows');
  });

  it('escapes class caching for unique targets only', () => {
    expect(
      constraintChecker({ LTarget: '${node.unique.id}', Operand: '=', RTarget: 'x' }).classLevel,
    ).toBe(false);
    expect(
      constraintChecker({ LTarget: '${attr.unique.hostname}', Operand: '=', RTarget: 'x' })
        .classLevel,
    ).toBe(false);
    expect(
      constraintChecker({ LTarget: '${meta.rack}', Operand: '=', RTarget: 'x' }).classLevel,
    ).toBe(true);
  });

  it('matches datacenter globs', () => {
    expect(globMatch('us-*', 'us-east-1')).toBe(true);
    expect(globMatch('us-*-1', 'us-east-1')).toBe(true);
    expect(globMatch('eu-*', 'us-east-1')).toBe(false);
    expect(globMatch('*', 'x')).toBe(true);
  });
});
