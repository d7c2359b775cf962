import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockEval } from '../../api/index.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const FAILED = mockEval({
  Status: 'complete',
  PreviousEval: '',
  NextEval: '',
  BlockedEval: 'b0000000-0000-4000-8000-000000000009',
  FailedTGAllocs: {
    api: {
      NodesEvaluated: 5,
      NodesFiltered: 5,
      NodesInPool: 5,
      NodesAvailable: { dc1: 5 },
      ClassFiltered: { linux: 3, windows: 2 },
      ConstraintFiltered: { '${attr.kernel.name} = freebsd': 5 },
      NodesExhausted: 0,
      CoalescedFailures: 2,
    },
    web: {
      NodesEvaluated: 3,
      NodesFiltered: 0,
      NodesInPool: 3,
      NodesAvailable: { dc1: 3 },
      NodesExhausted: 3,
      ClassExhausted: { linux: 3 },
      DimensionExhausted: { memory: 2, 'network: reserved port collision http=8080': 1 },
      CoalescedFailures: 0,
    },
  },
});

const FAILURES = [
  'Failed Placements',
  'Task Group "api" (failed to place 3 allocations):',
  '  * Class "linux": 3 nodes excluded by filter',
  '  * Class "windows": 2 nodes excluded by filter',
  '  * Constraint "${attr.kernel.name} = freebsd": 5 nodes excluded by filter',
  '',
  'Task Group "web" (failed to place 1 allocation):',
  '  * Resources exhausted on 3 nodes',
  '  * Class "linux" exhausted on 3 nodes',
  '  * Dimension "memory" exhausted on 2 nodes',
  '  * Dimension "network: reserved port collision http=8080" exhausted on 1 nodes',
  '',
];

/** `caravan eval status ARGS` against an agent that knows the one evaluation. */
function statusOf(ev: typeof FAILED & Record<string, unknown>, args: string[] = []) {
  return runAgainst(['eval', 'status'], [...args, 'e1a2'], {
    'GET /v1/evaluations': { body: [ev] },
    [`GET /v1/evaluation/${ev.ID}`]: { body: ev },
  });
}

describe('caravan eval status', () => {
  it('-verbose: full IDs, exact times, the chained evals, then each group filtered or exhausted', async () => {
    const r = await statusOf(FAILED, ['-verbose']);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        'ID                 = e1a2b3c4-0000-4000-8000-000000000001',
        'Create Time        = 2024-05-01T09:00:00Z',
        'Modify Time        = 2024-05-01T09:00:00Z',
        'Status             = complete',
        'Status Description = complete',
        'Type               = service',
        'TriggeredBy        = job-register',
        'Job ID             = web',
        'Namespace          = default',
        'Priority           = 50',
        'Placement Failures = true',
        'Previous Eval      = <none>',
        'Next Eval          = <none>',
        'Blocked Eval       = b0000000-0000-4000-8000-000000000009',
        '',
        ...FAILURES,
        'Evaluation "b0000000-0000-4000-8000-000000000009" waiting for additional capacity to place remainder',
        '',
      ].join('\n'),
    );
  });

  it('shows Wait Until and Quota Limit Reached when the evaluation has them', async () => {
    const quiet = { ...FAILED, FailedTGAllocs: null, BlockedEval: '' };
    const r = await statusOf({
      ...quiet,
      WaitUntil: '2024-05-01T10:05:00Z',
      QuotaLimitReached: 'default-quota',
    });
    expect(r.out.split('\n').slice(-4)).toEqual([
      'Placement Failures  = false',
      'Wait Until          = 2024-05-01T10:05:00Z',
      'Quota Limit Reached = default-quota',
      '',
    ]);
    const zero = await statusOf({ ...quiet, WaitUntil: '0001-01-01T00:00:00Z' });
    expect(zero.out).not.toContain('Wait Until');
  });
});
