import { describe, expect, it } from 'vitest';
import { formatAllocMetrics, formatG } from './eval-monitor.js';

describe('formatG', () => {
  it("prints numbers as Go's %.3g does", () => {
    const cases: [number, string][] = [
      [0, '0'],
      [1, '1'],
      [-1, '-1'],
      [0.5, '0.5'],
      [-0.25, '-0.25'],
      [0.123456, '0.123'],
      [0.8888888, '0.889'],
      [12.345, '12.3'],
      [10, '10'],
      [100, '100'],
      [99.95, '100'],
      [0.9996, '1'],
      [1000, '1e+03'],
      [1234, '1.23e+03'],
      [0.0001234, '0.000123'],
      [0.00001234, '1.23e-05'],
      [0.00005, '5e-05'],
      [Infinity, '+Inf'],
    ];
    expect(cases.map(([x]) => formatG(x, 3))).toEqual(cases.map(([, s]) => s));
  });

  it('rounds exact ties to even, as strconv does', () => {
    expect([0.125, 0.375, 2.5].map((x) => formatG(x, 2))).toEqual(['0.12', '0.38', '2.5']);
    expect(formatG(2.5, 1)).toBe('2');
  });
});

describe('formatAllocMetrics', () => {
  const failure = {
    NodesEvaluated: 6,
    NodesFiltered: 3,
    NodesInPool: 6,
    NodesAvailable: { dc1: 6, dc2: 0 },
    ClassFiltered: { gpu: 2, small: 1 },
    ConstraintFiltered: { '${attr.kernel.name} = windows': 2, 'missing drivers': 1 },
    NodesExhausted: 3,
    ClassExhausted: { large: 3 },
    DimensionExhausted: { memory: 2, 'network: reserved port collision http=8080': 1 },
    QuotaExhausted: ['memory exhausted (2048 > 1024)'],
    CoalescedFailures: 2,
  };

  it('names every filter and exhausted resource, in key order', () => {
    expect(formatAllocMetrics(failure, '  ')).toBe(
      [
        '  * No nodes are available in datacenter "dc2"',
        '  * Class "gpu": 2 nodes excluded by filter',
        '  * Class "small": 1 nodes excluded by filter',
        '  * Constraint "${attr.kernel.name} = windows": 2 nodes excluded by filter',
        '  * Constraint "missing drivers": 1 nodes excluded by filter',
        '  * Resources exhausted on 3 nodes',
        '  * Class "large" exhausted on 3 nodes',
        '  * Dimension "memory" exhausted on 2 nodes',
        '  * Dimension "network: reserved port collision http=8080" exhausted on 1 nodes',
        '  * Quota limit hit "memory exhausted (2048 > 1024)"',
      ].join('\n'),
    );
  });

  it('says when no node was evaluated', () => {
    expect(formatAllocMetrics({ NodesEvaluated: 0, NodesAvailable: { dc1: 0 } }, '')).toBe(
      '* No nodes were eligible for evaluation\n* No nodes are available in datacenter "dc1"',
    );
  });

  it('adds the score table when asked, a column per scorer (0 where one said nothing)', () => {
    const placed = {
      NodesEvaluated: 3,
      ScoreMetaData: [
        { NodeID: 'n1', Scores: { binpack: 0.8734, 'node-affinity': 1 }, NormScore: 0.9367 },
        { NodeID: 'n2', Scores: { binpack: 0.5, 'job-anti-affinity': -0.5 }, NormScore: 0 },
      ],
    };
    expect(formatAllocMetrics(placed, '  ')).toBe('');
    expect(formatAllocMetrics(placed, '  ', true)).toBe(
      [
        'Node  binpack  job-anti-affinity  node-affinity  final score',
        'n1    0.873    0                  1              0.937',
        'n2    0.5      -0.5               0              0',
      ].join('\n'),
    );
    expect(formatAllocMetrics({ ...placed, NodesExhausted: 1 }, '  ', true).split('\n')[1]).toBe(
      'Node  binpack  job-anti-affinity  node-affinity  final score',
    );
  });
});
