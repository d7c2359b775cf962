import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MOCK_TIME_NS, mockAllocStub } from '../../api/index.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const ALLOC = mockAllocStub();
const N1 = 'n1b2c3d4-0000-4000-8000-000000000003';
const N2 = 'n2b2c3d4-0000-4000-8000-000000000004';

/** The allocation as GET /v1/allocation/:id returns it, with the scheduler's metrics. */
const DETAIL = {
  ...ALLOC,
  Job: { ID: 'web', Version: 0 },
  NextAllocation: 'a9000000-0000-4000-8000-000000000009',
  Metrics: {
    NodesEvaluated: 4,
    NodesFiltered: 1,
    NodesInPool: 4,
    NodesAvailable: { dc1: 4 },
    ClassFiltered: null,
    ConstraintFiltered: { '${meta.rack} = r1': 1 },
    NodesExhausted: 1,
    ClassExhausted: null,
    DimensionExhausted: { memory: 1 },
    QuotaExhausted: null,
    ResourcesExhausted: null,
    ScoreMetaData: [
      {
        NodeID: N1,
        Scores: { binpack: 0.62109375, 'job-anti-affinity': 0, 'node-affinity': 1 },
        NormScore: 0.8105469,
      },
      {
        NodeID: N2,
        Scores: { binpack: 0.314, 'node-reschedule-penalty': -1 },
        NormScore: -0.343,
      },
    ],
    AllocationTime: 123456,
    CoalescedFailures: 0,
  },
  TaskStates: {
    t: {
      State: 'running',
      StartedAt: '2024-05-01T09:00:02Z',
      Events: [{ Type: 'Started', Time: MOCK_TIME_NS + 2e9, DisplayMessage: 'Task started' }],
    },
  },
};

function routes(alloc: object) {
  return {
    'GET /v1/allocations': { body: [ALLOC] },
    [`GET /v1/allocation/${ALLOC.ID}`]: { body: alloc },
  };
}

describe('caravan alloc status -verbose', () => {
  it('adds the placement counts and time, then the Placement Metrics with the score table', async () => {
    const r = await runAgainst(['alloc', 'status'], ['-verbose', 'a1b2'], routes(DETAIL));
    expect(r.err).toBe('');
    const [header, tasks] = r.out.split('\n\nTask "t" is "running"\n') as [string, string];
    expect(header.split('\n').slice(10)).toEqual([
      'Desired Description  = <none>',
      'Created              = 2024-05-01T09:00:00Z',
      'Modified             = 2024-05-01T09:00:00Z',
      'Replacement Alloc ID = a9000000-0000-4000-8000-000000000009',
      'Evaluated Nodes      = 4',
      'Filtered Nodes       = 1',
      'Exhausted Nodes      = 1',
      'Allocation Time      = 123.456µs',
      'Failures             = 0',
    ]);
    // After the tasks, as nomad prints it.
    expect(tasks.split('\n\nPlacement Metrics\n')[1]).toBe(
      [
        '  * Constraint "${meta.rack} = r1": 1 nodes excluded by filter',
        '  * Resources exhausted on 1 nodes',
        '  * Dimension "memory" exhausted on 1 nodes',
        'Node                                  binpack  job-anti-affinity  node-affinity  node-reschedule-penalty  final score',
        `${N1}  0.621    0                  1              0                        0.811`,
        `${N2}  0.314    0                  0              -1                       -0.343`,
        '',
      ].join('\n'),
    );
  });

  it('prints no placement lines without -verbose; the replacement with a short ID', async () => {
    const r = await runAgainst(['alloc', 'status'], ['a1b2'], routes(DETAIL));
    expect(r.out).not.toContain('Evaluated Nodes');
    expect(r.out).not.toContain('Placement Metrics');
    expect(r.out).toContain('\nReplacement Alloc ID = a9000000\n');
  });

  it('prints a zero allocation time as Go does, and no table without scored nodes', async () => {
    const metrics = { ...DETAIL.Metrics, AllocationTime: 0, ScoreMetaData: null };
    const r = await runAgainst(
      ['alloc', 'status'],
      ['-verbose', 'a1b2'],
      routes({ ...DETAIL, Metrics: metrics, TaskStates: {} }),
    );
    expect(r.out).toContain('\nAllocation Time      = 0s\n');
    expect(r.out.split('Placement Metrics\n')[1]).toBe(
      '  * Constraint "${meta.rack} = r1": 1 nodes excluded by filter\n' +
        '  * Resources exhausted on 1 nodes\n' +
        '  * Dimension "memory" exhausted on 1 nodes\n',
    );
  });
});
