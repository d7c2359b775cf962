import { describe, expect, it } from 'vitest';
import { mockJob } from '../../structs/index.js';
import { schedulers } from '../registry.js';
import { Harness, mockEval } from '../testing/harness.js';
import { mockNode } from '../testing/mocks.js';
import { constraintChecker } from './constraint-checker.js';
import { compileOperand } from './operands.js';
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
    expect(ok('${attr.kernel.name}', 'regexp', '(?i)\\ALINUX\\z')).toBe(true); // Go syntax
    expect(ok('${attr.kernel.name}', 'regexp', '\\ALINUX\\z')).toBe(false);
    expect(ok('${attr.kernel.version}', 'version', '>= 5.4, < 6')).toBe(true);
    expect(ok('${attr.kernel.version}', 'version', '~> 5.9')).toBe(true);
    expect(ok('${attr.kernel.version}', 'semver', '>= 5.11.0')).toBe(false);
    expect(ok('${meta.tags}', 'set_contains', 'a,c')).toBe(true);
    expect(ok('${meta.tags}', 'set_contains_all', 'a,d')).toBe(false);
    expect(ok('${meta.tags}', 'set_contains_any', 'd,b')).toBe(true);
    expect(ok('${meta.rack}', 'is_set', '')).toBe(true);
    expect(ok('${meta.zone}', 'is_not_set', '')).toBe(true);
  });

  it('compares an unset target with != as the empty string, as Nomad does', () => {
    expect(ok('${attr.missing}', '!=', '')).toBe(false);
    expect(ok('${attr.missing}', '!=', '${attr.other}')).toBe(false);
    expect(ok('${attr.kernel.name}', '!=', '')).toBe(true);
  });

  it('orders as Go reads numbers: int64, then float, else text', () => {
    const lt = compileOperand('<', undefined);
    expect(lt('9', '10')).toBe(true); // integers
    expect(lt('9007199254740992', '9007199254740993')).toBe(true); // exact int64
    expect(lt('999', '1e3')).toBe(true); // floats
    expect(lt('-Inf', '-1e300')).toBe(true);
    expect(lt('0x10', '9')).toBe(true); // not a Go number: text
    expect(lt(' 5', '10')).toBe(true); // spaces: text (" " < "1")
    expect(lt('NaN', '1')).toBe(false);
    expect(compileOperand('>=', undefined)('1e400', '9')).toBe(false); // out of range: text
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

  it('names the failed constraint on every node once a group constraint escapes the class', async () => {
    // Nomad's EvalEligibility: an escaped group is checked node by node, so no filtered node
    // shows up as "computed class ineligible" (here all four share one computed class).
    const h = new Harness();
    for (const name of ['web-1', 'web-2', 'db-1', 'db-2']) {
      h.state.upsertNode(
        mockNode({ Attributes: { ...mockNode().Attributes, 'kernel.name': 'darwin' }, Name: name }),
      );
    }
    const j = h.state.upsertJob(
      mockJob({
        TaskGroups: [
          {
            Name: 'web',
            Count: 1,
            Constraints: [
              { LTarget: '${attr.kernel.name}', Operand: '=', RTarget: 'linux' },
              { LTarget: '${node.unique.name}', Operand: 'regexp', RTarget: '^web' },
            ],
            Tasks: [{ Name: 'web', Driver: 'raw_exec' }],
          },
        ],
      }),
    );
    await h.process(schedulers.service, mockEval(j));
    expect(h.updatedEvals[0]!.FailedTGAllocs!.web!.ConstraintFiltered).toEqual({
      '${attr.kernel.name} = linux': 4,
    });
  });

  it('matches datacenter globs', () => {
    expect(globMatch('us-*', 'us-east-1')).toBe(true);
    expect(globMatch('us-*-1', 'us-east-1')).toBe(true);
    expect(globMatch('eu-*', 'us-east-1')).toBe(false);
    expect(globMatch('*', 'x')).toBe(true);
  });
});
