import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MOCK_TIME_NS, mockEval, mockJobStub } from '../../api/index.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const EVAL = mockEval().ID;
const JOB = { ID: 'web', Name: 'web', Type: 'service', TaskGroups: [{ Name: 'g', Count: 1 }] };
const list = { 'GET /v1/jobs': { body: [mockJobStub()] } };
const monitored = {
  [`GET /v1/evaluation/${EVAL}`]: { index: 12, body: mockEval() },
  [`GET /v1/evaluation/${EVAL}/allocations`]: { index: 12, body: [] },
};
const MONITOR_OUT =
  '==> 2024-05-01T10:00:00Z: Monitoring evaluation "e1a2b3c4"\n' +
  '    2024-05-01T10:00:00Z: Evaluation triggered by job "web"\n' +
  '==> 2024-05-01T10:00:00Z: Evaluation "e1a2b3c4" finished with status "complete"\n';

describe('caravan job inspect', () => {
  it('prints the job as {"Job": ...} with four-space indents', async () => {
    const r = await runAgainst(['job', 'inspect'], ['web'], {
      ...list,
      'GET /v1/job/web': { body: { ID: 'web', Priority: 50 } },
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out: '{\n    "Job": {\n        "ID": "web",\n        "Priority": 50\n    }\n}\n',
    });
  });

  it('-version picks a version from the history', async () => {
    const r = await runAgainst(['job', 'inspect'], ['-version', '0', 'web'], {
      ...list,
      'GET /v1/job/web/versions': {
        body: {
          Versions: [
            { ID: 'web', Version: 1 },
            { ID: 'web', Version: 0 },
          ],
        },
      },
    });
    expect(JSON.parse(r.out)).toEqual({ Job: { ID: 'web', Version: 0 } });
  });
});

describe('caravan job stop', () => {
  it('deregisters and monitors', async () => {
    const r = await runAgainst(['job', 'stop'], ['web'], {
      ...list,
      ...monitored,
      'DELETE /v1/job/web': { body: { EvalID: EVAL, EvalCreateIndex: 10, JobModifyIndex: 10 } },
    });
    expect(r).toMatchObject({ code: 0, err: '', out: MONITOR_OUT });
  });

  it('-purge -detach prints the evaluation ID', async () => {
    const r = await runAgainst(['job', 'stop'], ['-purge', '-detach', 'web'], {
      ...list,
      'DELETE /v1/job/web': { body: { EvalID: EVAL, EvalCreateIndex: 10, JobModifyIndex: 10 } },
    });
    expect(r).toMatchObject({ code: 0, err: '', out: `${EVAL}\n` });
    expect(r.agent.requests[1]?.query).toEqual({ purge: 'true' });
  });

  it('asks before stopping a job named by a prefix', async () => {
    const r = await runAgainst(['job', 'stop'], ['we'], list);
    expect(r).toMatchObject({
      code: 0,
      out: 'Are you sure you want to stop job "web"? [y/N] Cancelling job stop\n',
    });
    expect(r.agent.requests.map((q) => q.method)).toEqual(['GET']);
  });

  it('stops a job named by a prefix after an exact "y"', async () => {
    const routes = {
      ...list,
      'DELETE /v1/job/web': { body: { EvalID: EVAL, EvalCreateIndex: 10, JobModifyIndex: 10 } },
    };
    const yes = await runAgainst(['job', 'stop'], ['-detach', 'we'], routes, 'y\n');
    expect(yes).toMatchObject({
      code: 0,
      out: `Are you sure you want to stop job "web"? [y/N] ${EVAL}\n`,
    });
    const yess = await runAgainst(['job', 'stop'], ['we'], routes, 'yes\n');
    expect(yess.out).toBe(
      'Are you sure you want to stop job "web"? [y/N] ' +
        "For confirmation, an exact 'y' is required.\n",
    );
    const other = await runAgainst(['job', 'stop'], ['we'], routes, 'ok\n');
    expect(other.code).toBe(1);
  });

  it('reports a failure to deregister', async () => {
    const r = await runAgainst(['job', 'stop'], ['web'], {
      ...list,
      'DELETE /v1/job/web': { status: 403, body: 'Permission denied' },
    });
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err: 'Error deregistering job: Unexpected response code: 403 (Permission denied)\n',
    });
  });
});

describe('caravan job scale', () => {
  it('scales the only group when none is named and monitors', async () => {
    const r = await runAgainst(['job', 'scale'], ['web', '3'], {
      ...list,
      ...monitored,
      'GET /v1/job/web': { body: JOB },
      'POST /v1/job/web/scale': { body: { EvalID: EVAL, EvalCreateIndex: 10 } },
    });
    expect(r).toMatchObject({ code: 0, err: '', out: MONITOR_OUT });
    expect(r.agent.requests[2]?.body).toMatchObject({
      Count: 3,
      Target: { Group: 'g', Job: 'web' },
    });
  });

  it('-detach prints the evaluation ID', async () => {
    const r = await runAgainst(['job', 'scale'], ['-detach', 'web', 'g', '0'], {
      ...list,
      'GET /v1/job/web': { body: JOB },
      'POST /v1/job/web/scale': { body: { EvalID: EVAL, EvalCreateIndex: 10 } },
    });
    expect(r).toMatchObject({ code: 0, out: `Evaluation ID: ${EVAL}\n` });
  });

  it('rejects a count that is not a number', async () => {
    const r = await runAgainst(['job', 'scale'], ['web', 'many'], {});
    expect(r).toMatchObject({
      code: 1,
      err: 'Failed to convert count string to int: strconv.Atoi: parsing "many": invalid syntax\n',
    });
  });
});

describe('caravan job history', () => {
  it('lists the versions', async () => {
    const r = await runAgainst(['job', 'history'], ['web'], {
      ...list,
      'GET /v1/job/web/versions': {
        body: {
          Versions: [
            { ID: 'web', Version: 1, Stable: false, SubmitTime: MOCK_TIME_NS + 60e9 },
            { ID: 'web', Version: 0, Stable: true, SubmitTime: MOCK_TIME_NS },
          ],
        },
      },
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'Version     = 1\nStable      = false\nSubmit Date = 2024-05-01T09:01:00Z\n\n' +
        'Version     = 0\nStable      = true\nSubmit Date = 2024-05-01T09:00:00Z\n',
    });
  });
});

describe('caravan eval status -monitor', () => {
  it('follows the evaluation like job run does', async () => {
    const r = await runAgainst(['eval', 'status'], ['-monitor', 'e1a2b3c4'], {
      'GET /v1/evaluations': { body: [mockEval()] },
      ...monitored,
    });
    expect(r).toMatchObject({ code: 0, err: '', out: MONITOR_OUT });
  });
});

describe('caravan job status (periodic)', () => {
  it('shows the children summary instead of the task groups and allocations', async () => {
    const r = await runAgainst(['job', 'status'], ['nightly'], {
      'GET /v1/jobs': { body: [mockJobStub({ ID: 'nightly', Type: 'batch', Periodic: true })] },
      'GET /v1/job/nightly': {
        body: {
          ...mockJobStub({ ID: 'nightly', Name: 'nightly', Type: 'batch' }),
          Periodic: { Enabled: true, Spec: '@daily' },
          ParameterizedJob: null,
        },
      },
      'GET /v1/job/nightly/summary': {
        body: { JobID: 'nightly', Summary: {}, Children: { Pending: 0, Running: 1, Dead: 4 } },
      },
    });
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(9)).toEqual([
      'Periodic      = true',
      'Parameterized = false',
      '',
      'Children Job Summary',
      'Pending  Running  Dead',
      '0        1        4',
      '',
    ]);
  });
});
