import { describe, expect, it } from 'vitest';
import type { Affinity } from '../../structs/index.js';
import { mockJob } from '../../structs/index.js';
import { mockNode } from '../testing/mocks.js';
import { affinityScorer, groupAffinities } from './node-affinity.js';

const aff = (LTarget: string, Operand: string, RTarget: string, Weight: number): Affinity => ({
  LTarget,
  Operand,
  RTarget,
  Weight,
});

describe('node affinity', () => {
  it('sums matched weights over the sum of absolute weights', () => {
    const score = affinityScorer([
      aff('${attr.kernel.name}', '=', 'linux', 50),
      aff('${meta.database}', '=', 'postgres', 100),
      aff('${attr.cpu.arch}', '=', 'amd64', -50),
    ]);
    // linux (+50) and amd64 (-50) match, postgres does not: 0 / 200.
    expect(score(mockNode())).toBe(0);
    expect(score(mockNode({ Meta: { database: 'postgres' } }))).toBe(0.5);
    expect(score(mockNode({ Attributes: { 'kernel.name': 'linux' } }))).toBe(0.25);
    expect(score(mockNode({ Attributes: { 'cpu.arch': 'amd64' } }))).toBe(-0.25);
  });

  it('takes the constraint operands, both sides resolved against the node', () => {
    const node = mockNode({
      Attributes: { 'nomad.version': '1.7.2', 'unique.hostname': 'web-3', 'cpu.numcores': '8' },
      Meta: { rack: 'r1', want: 'r1', tags: 'a,b,c' },
    });
    const one = (a: Affinity) => affinityScorer([a])(node);
    expect(one(aff('${meta.rack}', '=', '${attr.meta.want}', 10))).toBe(1);
    expect(one(aff('${meta.rack}', '!=', '${meta.want}', 10))).toBe(0);
    expect(one(aff('${attr.cpu.numcores}', '>', '4', 10))).toBe(1);
    expect(one(aff('${attr.cpu.numcores}', '<', '4', 10))).toBe(0);
    expect(one(aff('${attr.unique.hostname}', 'regexp', '^web-', 10))).toBe(1);
    expect(one(aff('${attr.nomad.version}', 'version', '>= 1.7, < 2.0', 10))).toBe(1);
    expect(one(aff('${attr.nomad.version}', 'semver', '< 1.7.0', 10))).toBe(0);
    expect(one(aff('${meta.tags}', 'set_contains_all', 'a,c', 10))).toBe(1);
    expect(one(aff('${meta.tags}', 'set_contains_any', 'x,b', 10))).toBe(1);
    expect(one(aff('${meta.missing}', '=', 'x', -10))).toBe(0);
  });

  it('gathers job, group and task affinities', () => {
    const job = mockJob({
      Affinities: [aff('${node.class}', '=', 'a', 10)],
      TaskGroups: [
        {
          Name: 'web',
          Affinities: [aff('${node.class}', '=', 'b', 20)],
          Tasks: [
            { Name: 't', Driver: 'raw_exec', Affinities: [aff('${node.class}', '=', 'c', 30)] },
          ],
        },
      ],
    });
    expect(groupAffinities(job, job.TaskGroups[0]!).map((a) => a.Weight)).toEqual([10, 20, 30]);
  });

  it('caches per computed class unless a target reads a unique attribute', () => {
    const a = mockNode({ ComputedClass: 'same', Meta: { rack: 'r1' } });
    const b = mockNode({ ComputedClass: 'same', Meta: { rack: 'r2' } });
    const byClass = affinityScorer([aff('${meta.rack}', '=', 'r1', 10)]);
    expect([byClass(a), byClass(b)]).toEqual([1, 1]);
    const unique = affinityScorer([
      aff('${attr.unique.hostname}', '=', a.Attributes['unique.hostname']!, 10),
    ]);
    expect([unique(a), unique(b)]).toEqual([1, 0]);
  });
});
