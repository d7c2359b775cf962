import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MOCK_TIME_NS,
  mockAllocStub,
  mockEval,
  mockJobStub,
  mockNode,
  mockNodeStub,
} from '../../api/index.js';
import { sanitizeUUIDPrefix } from './prefix-lookup.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const ALLOC = mockAllocStub();
const NODE = mockNodeStub();
const EVAL = mockEval();

describe('sanitizeUUIDPrefix', () => {
  it('drops the last digit of odd-length prefixes, ignoring hyphens', () => {
    expect(['a', 'abc', 'abcd', 'abcdefgh-1', 'abcdefgh-12'].map(sanitizeUUIDPrefix)).toEqual([
      '',
      'ab',
      'abcd',
      'abcdefgh-',
      'abcdefgh-12',
    ]);
  });
});

describe('caravan node status', () => {
  it('lists the nodes', async () => {
    const r = await runAgainst(['node', 'status'], [], {
      'GET /v1/nodes': {
        body: [
          NODE,
          mockNodeStub({
            ID: 'f0000000-1111',
            Name: 'node-2',
            NodeClass: 'gpu',
            Drain: true,
            SchedulingEligibility: 'ineligible',
          }),
        ],
      },
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'ID        Node Pool  DC   Name    Class   Drain  Eligibility  Status\n' +
        'n1b2c3d4  default    dc1  node-1  <none>  false  eligible     ready\n' +
        'f0000000  default    dc1  node-2  gpu     true   ineligible   ready\n',
    });
  });

  it('-verbose adds the address and version and prints full IDs', async () => {
    const r = await runAgainst(['node', 'status'], ['-verbose'], {
      'GET /v1/nodes': { body: [NODE] },
    });
    expect(r.out).toBe(
      'ID                                    Node Pool  DC   Name    Class   Address    Version  Drain  Eligibility  Status\n' +
        'n1b2c3d4-0000-4000-8000-000000000003  default    dc1  node-1  <none>  127.0.0.1  1.7.0    false  eligible     ready\n',
    );
  });

  it('shows one node by prefix, with its allocations', async () => {
    const r = await runAgainst(['node', 'status'], ['n1b'], {
      'GET /v1/nodes': (req) => ({ body: req.query.prefix === 'n1' ? [NODE] : [] }),
      [`GET /v1/node/${NODE.ID}`]: { body: mockNode() },
      [`GET /v1/node/${NODE.ID}/allocations`]: { body: [ALLOC] },
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'ID          = n1b2c3d4-0000-4000-8000-000000000003\n' +
        'Name        = node-1\n' +
        'Node Pool   = default\n' +
        'Class       = <none>\n' +
        'DC          = dc1\n' +
        'Drain       = false\n' +
        'Eligibility = eligible\n' +
        'Status      = ready\n' +
        'Drivers     = raw_exec\n' +
        '\nAllocations\n' +
        'ID        Node ID   Task Group  Version  Desired  Status   Created  Modified\n' +
        'a1b2c3d4  n1b2c3d4  g           0        run      running  1h ago   1h ago\n',
    });
  });

  it('-self finds the local node through the agent', async () => {
    const r = await runAgainst(['node', 'status'], ['-self', '-short'], {
      'GET /v1/agent/self': { body: { stats: { client: { node_id: NODE.ID } } } },
      'GET /v1/nodes': { body: [NODE] },
      [`GET /v1/node/${NODE.ID}`]: { body: mockNode() },
      [`GET /v1/node/${NODE.ID}/allocations`]: { body: [] },
    });
    expect(r.code).toBe(0);
    expect(r.out.startsWith('ID          = n1b2c3d4-0000-4000-8000-000000000003\n')).toBe(true);
    expect(r.out).not.toContain('Allocations');
  });

  it('lists the matches of an ambiguous prefix', async () => {
    const r = await runAgainst(['node', 'status'], ['n1'], {
      'GET /v1/nodes': { body: [NODE, mockNodeStub({ ID: 'n1ffffff-2', Name: 'node-9' })] },
    });
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err:
        'Prefix matched multiple nodes\n\n' +
        'ID        Node Pool  DC   Name    Class   Drain  Eligibility  Status\n' +
        'n1b2c3d4  default    dc1  node-1  <none>  false  eligible     ready\n' +
        'n1ffffff  default    dc1  node-9  <none>  false  eligible     ready\n',
    });
  });
});

describe('caravan alloc status', () => {
  it('shows the allocation and its task events', async () => {
    const r = await runAgainst(['alloc', 'status'], ['a1b2c3d4'], {
      'GET /v1/allocations': { body: [ALLOC] },
      [`GET /v1/allocation/${ALLOC.ID}`]: {
        body: {
          ...ALLOC,
          Job: { ID: 'web', Version: 0 },
          TaskStates: {
            t: {
              State: 'running',
              Failed: false,
              Restarts: 0,
              StartedAt: '2024-05-01T09:00:02Z',
              FinishedAt: null,
              LastRestart: null,
              Events: [
                { Type: 'Received', Time: MOCK_TIME_NS, DisplayMessage: 'Task received by client' },
                {
                  Type: 'Started',
                  Time: MOCK_TIME_NS + 2e9,
                  DisplayMessage: 'Task started by client',
                },
              ],
            },
          },
        },
      },
    });
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        'ID                  = a1b2c3d4-0000-4000-8000-000000000002',
        'Eval ID             = e1a2b3c4',
        'Name                = web.g[0]',
        'Node ID             = n1b2c3d4',
        'Node Name           = node-1',
        'Job ID              = web',
        'Job Version         = 0',
        'Client Status       = running',
        'Client Description  = <none>',
        'Desired Status      = run',
        'Desired Description = <none>',
        'Created             = 1h ago',
        'Modified            = 1h ago',
        '',
        'Task "t" is "running"',
        'Task Events:',
        'Started At     = 2024-05-01T09:00:02Z',
        'Finished At    = N/A',
        'Total Restarts = 0',
        'Last Restart   = N/A',
        '',
        'Recent Events:',
        'Time                  Type      Description',
        '2024-05-01T09:00:02Z  Started   Task started by client',
        '2024-05-01T09:00:00Z  Received  Task received by client',
        '',
      ].join('\n'),
    );
  });

  it('-short lists the tasks with their last event', async () => {
    const r = await runAgainst(['alloc', 'status'], ['-short', ALLOC.ID], {
      'GET /v1/allocations': { body: [ALLOC] },
      [`GET /v1/allocation/${ALLOC.ID}`]: {
        body: {
          ...ALLOC,
          Job: {
            ID: 'web',
            Version: 0,
            TaskGroups: [
              {
                Name: 'g',
                Tasks: [{ Name: 'init', Lifecycle: { Hook: 'prestart' } }, { Name: 't' }],
              },
            ],
          },
          TaskStates: {
            t: { State: 'running', Events: [{ Type: 'Started', Time: MOCK_TIME_NS + 2e9 }] },
            init: { State: 'dead', Events: [{ Type: 'Terminated', Time: MOCK_TIME_NS + 1e9 }] },
          },
        },
      },
    });
    expect(r.out.split('\n').slice(13)).toEqual([
      '',
      'Tasks',
      'Name  State    Last Event  Time                  Lifecycle',
      'init  dead     Terminated  2024-05-01T09:00:01Z  prestart',
      't     running  Started     2024-05-01T09:00:02Z  main',
      '',
    ]);
  });

  it('needs two characters and says when nothing matches', async () => {
    const one = await runAgainst(['alloc', 'status'], ['a'], {});
    expect(one).toMatchObject({
      code: 1,
      err: 'Identifier must contain at least two characters.\n',
    });
    const none = await runAgainst(['alloc', 'status'], ['ffff'], {
      'GET /v1/allocations': { body: [] },
    });
    expect(none).toMatchObject({
      code: 1,
      err: 'No allocation(s) with prefix or id "ffff" found\n',
    });
  });
});

describe('caravan eval status', () => {
  it('shows the evaluation and its placement failures', async () => {
    const ev = mockEval({
      Status: 'complete',
      BlockedEval: 'b0000000-0000-4000-8000-000000000009',
      FailedTGAllocs: {
        g: { NodesEvaluated: 1, NodesExhausted: 1, DimensionExhausted: { cpu: 1 } },
      },
    });
    const r = await runAgainst(['eval', 'status'], ['e1a2'], {
      'GET /v1/evaluations': { body: [ev] },
      [`GET /v1/evaluation/${EVAL.ID}`]: { body: ev },
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'ID                 = e1a2b3c4\n' +
        'Create Time        = 1h ago\n' +
        'Modify Time        = 1h ago\n' +
        'Status             = complete\n' +
        'Status Description = complete\n' +
        'Type               = service\n' +
        'TriggeredBy        = job-register\n' +
        'Job ID             = web\n' +
        'Namespace          = default\n' +
        'Priority           = 50\n' +
        'Placement Failures = true\n' +
        '\nFailed Placements\n' +
        'Task Group "g" (failed to place 1 allocation):\n' +
        '  * Resources exhausted on 1 nodes\n' +
        '  * Dimension "cpu" exhausted on 1 nodes\n' +
        '\n' +
        'Evaluation "b0000000" waiting for additional capacity to place remainder\n',
    });
  });
});

describe('caravan status', () => {
  it('lists the jobs without an ID', async () => {
    const r = await runAgainst(['status'], [], { 'GET /v1/jobs': { body: [mockJobStub()] } });
    expect(r.out).toBe(
      'ID   Type     Priority  Status   Submit Date\nweb  service  50        running  2024-05-01T09:00:00Z\n',
    );
  });

  it('shows the one kind of object a prefix names', async () => {
    const r = await runAgainst(['status'], ['-verbose', 'n1b2'], {
      'GET /v1/jobs': { body: [] },
      'GET /v1/evaluations': { body: [] },
      'GET /v1/allocations': { body: [] },
      'GET /v1/nodes': { body: [NODE] },
      [`GET /v1/node/${NODE.ID}`]: { body: mockNode() },
      [`GET /v1/node/${NODE.ID}/allocations`]: { body: [] },
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Status      = ready\n');
    expect(r.out).toContain('\nAttributes\nkernel.name = linux\n');
  });

  it('says when nothing matches', async () => {
    const empty = { body: [] };
    const r = await runAgainst(['status'], ['zz'], {
      'GET /v1/jobs': empty,
      'GET /v1/evaluations': empty,
      'GET /v1/allocations': empty,
      'GET /v1/nodes': empty,
    });
    expect(r).toMatchObject({ code: 1, err: 'No matches returned for query: "zz"\n' });
  });
});

describe('caravan server members', () => {
  it('lists the servers and marks the leader', async () => {
    const member = (name: string, addr: string) => ({
      Name: `${name}.global`,
      Addr: addr,
      Port: 4648,
      Status: 'alive',
      ProtocolCur: 2,
      Tags: { region: 'global', dc: 'dc1', port: '4647', build: '1.7.0', raft_vsn: '3' },
    });
    const r = await runAgainst(['server', 'members'], [], {
      'GET /v1/agent/members': {
        body: { Members: [member('s2', '10.0.0.2'), member('s1', '10.0.0.1')] },
      },
      'GET /v1/status/leader': { body: JSON.stringify('10.0.0.1:4647') },
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'Name       Address   Port  Status  Leader  Raft Version  Build  Datacenter  Region\n' +
        's1.global  10.0.0.1  4648  alive   true    3             1.7.0  dc1         global\n' +
        's2.global  10.0.0.2  4648  alive   false   3             1.7.0  dc1         global\n',
    });
  });
});
