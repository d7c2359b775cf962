import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AllocationMetric } from '../../api/index.js';
import { MOCK_TIME_NS, mockAllocStub, mockEval, mockJobStub } from '../../api/index.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const JOB = {
  ...mockJobStub(),
  Periodic: null,
  ParameterizedJob: null,
  TaskGroups: [{ Name: 'g', Count: 1 }],
};

describe('caravan job status', () => {
  it('lists the jobs', async () => {
    const r = await runAgainst(['job', 'status'], [], {
      'GET /v1/jobs': {
        index: 12,
        body: [
          mockJobStub(),
          mockJobStub({
            ID: 'nightly-report',
            Type: 'batch',
            Periodic: true,
            Status: 'dead',
            Stop: true,
          }),
        ],
      },
    });
    expect(r.out).toBe(
      'ID              Type            Priority  Status          Submit Date\n' +
        'web             service         50        running         2024-05-01T09:00:00Z\n' +
        'nightly-report  batch/periodic  50        dead (stopped)  2024-05-01T09:00:00Z\n',
    );
    expect([r.code, r.err]).toEqual([0, '']);
  });

  it('says when there are no jobs', async () => {
    const r = await runAgainst(['job', 'status'], [], { 'GET /v1/jobs': { body: [] } });
    expect([r.code, r.out]).toEqual([0, 'No running jobs\n']);
  });

  it('shows one job: header, summary and allocations', async () => {
    const r = await runAgainst(['job', 'status'], ['we'], {
      'GET /v1/jobs': { body: [mockJobStub()] },
      'GET /v1/job/web': { body: JOB },
      'GET /v1/job/web/summary': {
        body: {
          JobID: 'web',
          Summary: {
            g: { Queued: 0, Starting: 0, Running: 1, Failed: 0, Complete: 1, Lost: 0, Unknown: 0 },
          },
          Children: { Pending: 0, Running: 0, Dead: 0 },
        },
      },
      'GET /v1/job/web/evaluations': { body: [mockEval()] },
      'GET /v1/job/web/allocations': {
        body: [
          mockAllocStub({
            ID: '11111111-aaaa',
            ClientStatus: 'complete',
            DesiredStatus: 'stop',
            CreateIndex: 5,
            CreateTime: MOCK_TIME_NS - 3600e9 * 26,
          }),
          mockAllocStub({ ModifyTime: MOCK_TIME_NS + 3540e9 + 30e9 }),
        ],
      },
    });
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        'ID            = web',
        'Name          = web',
        'Submit Date   = 2024-05-01T09:00:00Z',
        'Type          = service',
        'Priority      = 50',
        'Datacenters   = dc1',
        'Namespace     = default',
        'Node Pool     = default',
        'Status        = running',
        'Periodic      = false',
        'Parameterized = false',
        '',
        'Summary',
        'Task Group  Queued  Starting  Running  Failed  Complete  Lost  Unknown',
        'g           0       0         1        0       1         0     0',
        '',
        'Allocations',
        'ID        Node ID   Task Group  Version  Desired  Status    Created   Modified',
        'a1b2c3d4  n1b2c3d4  g           0        run      running   1h ago    30s ago',
        '11111111  n1b2c3d4  g           0        stop     complete  1d3h ago  1h ago',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
  });

  it('explains placement failures while an evaluation is blocked; -evals lists them', async () => {
    const failed = mockEval({
      ID: 'f0000000-0000-4000-8000-000000000001',
      CreateIndex: 20,
      BlockedEval: 'b0000000-0000-4000-8000-000000000002',
      FailedTGAllocs: {
        g: { NodesEvaluated: 2, NodesExhausted: 2, DimensionExhausted: { memory: 2 } },
      },
    });
    const blocked = mockEval({
      ID: 'b0000000-0000-4000-8000-000000000002',
      CreateIndex: 21,
      Status: 'blocked',
      TriggeredBy: 'queued-allocs',
    });
    const r = await runAgainst(['job', 'status'], ['-evals', 'web'], {
      'GET /v1/jobs': { body: [mockJobStub()] },
      'GET /v1/job/web': { body: { ...JOB, Status: 'pending' } },
      'GET /v1/job/web/summary': {
        body: {
          JobID: 'web',
          Summary: {
            g: { Queued: 1, Starting: 0, Running: 0, Failed: 0, Complete: 0, Lost: 0, Unknown: 0 },
          },
        },
      },
      'GET /v1/job/web/evaluations': { body: [blocked, failed] },
      'GET /v1/job/web/allocations': { body: [] },
    });
    expect(r.err).toBe('');
    expect(r.out.split('\nSummary\n')[1]).toBe(
      [
        'Task Group  Queued  Starting  Running  Failed  Complete  Lost  Unknown',
        'g           1       0         0        0       0         0     0',
        '',
        'Evaluations',
        'ID        Priority  Triggered By   Status    Placement Failures',
        'b0000000  50        queued-allocs  blocked   N/A - In Progress',
        'f0000000  50        job-register   complete  true',
        '',
        'Placement Failure',
        'Task Group "g":',
        '  * Resources exhausted on 2 nodes',
        '  * Dimension "memory" exhausted on 2 nodes',
        '',
        'Allocations',
        'No allocations placed',
        '',
      ].join('\n'),
    );
  });

  it('names the constraint or resource that stopped each group, at most five groups', async () => {
    const groups = ['a', 'b', 'c', 'd', 'e', 'f'];
    const failures: Record<string, AllocationMetric> = {};
    for (const g of groups) failures[g] = { NodesEvaluated: 1, NodesExhausted: 1 };
    failures.a = {
      NodesEvaluated: 3,
      NodesFiltered: 3,
      NodesAvailable: { dc1: 3, dc2: 0 },
      ClassFiltered: { gpu: 3 },
      ConstraintFiltered: { '${attr.kernel.name} = windows': 3 },
    };
    failures.b = {
      NodesEvaluated: 2,
      NodesExhausted: 2,
      DimensionExhausted: { 'network: reserved port collision http=8080': 2 },
    };
    const failed = mockEval({
      ID: 'f0000000-0000-4000-8000-000000000001',
      FailedTGAllocs: failures,
    });
    const blocked = mockEval({ ID: 'b0000000-0000-4000-8000-000000000002', Status: 'blocked' });
    const r = await runAgainst(['job', 'status'], ['web'], {
      'GET /v1/jobs': { body: [mockJobStub()] },
      'GET /v1/job/web': { body: JOB },
      'GET /v1/job/web/summary': { body: { JobID: 'web', Summary: {} } },
      'GET /v1/job/web/evaluations': { body: [blocked, failed] },
      'GET /v1/job/web/allocations': { body: [] },
    });
    expect(r.out.split('\nPlacement Failure\n')[1]).toBe(
      [
        'Task Group "a":',
        '  * No nodes are available in datacenter "dc2"',
        '  * Class "gpu": 3 nodes excluded by filter',
        '  * Constraint "${attr.kernel.name} = windows": 3 nodes excluded by filter',
        '',
        'Task Group "b":',
        '  * Resources exhausted on 2 nodes',
        '  * Dimension "network: reserved port collision http=8080" exhausted on 2 nodes',
        '',
        'Task Group "c":',
        '  * Resources exhausted on 1 nodes',
        '',
        'Task Group "d":',
        '  * Resources exhausted on 1 nodes',
        '',
        'Task Group "e":',
        '  * Resources exhausted on 1 nodes',
        '',
        '',
        'Placement failures truncated. To see remainder run:',
        'caravan eval status f0000000-0000-4000-8000-000000000001',
        '',
        'Allocations',
        'No allocations placed',
        '',
      ].join('\n'),
    );
  });

  it('-short prints the header only', async () => {
    const r = await runAgainst(['job', 'status'], ['-short', 'web'], {
      'GET /v1/jobs': { body: [mockJobStub()] },
      'GET /v1/job/web': { body: { ...JOB, Stop: true, Status: 'dead' } },
    });
    expect(r.out.split('\n').slice(-4)).toEqual([
      'Status        = dead (stopped)',
      'Periodic      = false',
      'Parameterized = false',
      '',
    ]);
  });

  it('lists the matches of an ambiguous prefix and exits 1', async () => {
    const r = await runAgainst(['job', 'status'], ['w'], {
      'GET /v1/jobs': { body: [mockJobStub(), mockJobStub({ ID: 'worker' })] },
    });
    expect(r.agent.requests[0]?.query).toEqual({ prefix: 'w' });
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err:
        'Prefix matched multiple jobs\n\n' +
        'ID      Type     Priority  Status   Submit Date\n' +
        'web     service  50        running  2024-05-01T09:00:00Z\n' +
        'worker  service  50        running  2024-05-01T09:00:00Z\n',
    });
  });

  it('says when no job matches', async () => {
    const r = await runAgainst(['job', 'status'], ['nope'], { 'GET /v1/jobs': { body: [] } });
    expect([r.code, r.err]).toEqual([1, 'No job(s) with prefix or id "nope" found\n']);
  });

  it('-json prints the job as the API returns it', async () => {
    const r = await runAgainst(['job', 'status'], ['-json', 'web'], {
      'GET /v1/jobs': { body: [mockJobStub()] },
      'GET /v1/job/web': { body: { ID: 'web', Name: 'a<b' } },
    });
    expect(r.out).toBe('{\n    "ID": "web",\n    "Name": "a\\u003cb"\n}\n');
  });

  it('reports an unreachable agent', async () => {
    const r = await runAgainst(['job', 'status'], ['-address', 'http://127.0.0.1:1'], {});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^Error querying jobs: no Caravan agent is reachable at http:\/\/127\.0\.0\.1:1: .+\n$/,
    );
  });
});
