import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockAllocStub, mockEval } from '../../api/index.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const STUB = mockAllocStub();
const ID = STUB.ID;
const EVAL = mockEval({ TriggeredBy: 'alloc-stop' });
const NEXT = mockAllocStub({ ID: 'b2c3d4e5-0000-4000-8000-000000000004', CreateIndex: 20 });
const routes = {
  'GET /v1/allocations': { body: [STUB] },
  [`GET /v1/allocation/${ID}`]: { body: STUB },
  [`POST /v1/allocation/${ID}/stop`]: { body: { EvalID: EVAL.ID, Index: 20 } },
  [`GET /v1/evaluation/${EVAL.ID}`]: { index: 21, body: { ...EVAL, CreateIndex: 19 } },
  [`GET /v1/evaluation/${EVAL.ID}/allocations`]: { index: 21, body: [NEXT] },
};

describe('caravan alloc stop', () => {
  it('stops the allocation and monitors the evaluation', async () => {
    const r = await runAgainst(['alloc', 'stop'], ['a1b2'], routes);
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        '==> 2024-05-01T10:00:00Z: Monitoring evaluation "e1a2b3c4"\n' +
        '    2024-05-01T10:00:00Z: Evaluation triggered by job "web"\n' +
        '    2024-05-01T10:00:00Z: Allocation "b2c3d4e5" created: node "n1b2c3d4", group "g"\n' +
        '==> 2024-05-01T10:00:00Z: Evaluation "e1a2b3c4" finished with status "complete"\n',
    });
    const stop = r.agent.requests.find((q) => q.path.endsWith('/stop'));
    expect(stop?.query).toEqual({ namespace: 'default' });
  });

  it('-detach prints the evaluation ID; -no-shutdown-delay is sent along', async () => {
    const r = await runAgainst(['alloc', 'stop'], ['-detach', '-no-shutdown-delay', ID], routes);
    expect(r).toMatchObject({ code: 0, err: '', out: `${EVAL.ID}\n` });
    const stop = r.agent.requests.find((q) => q.path.endsWith('/stop'));
    expect(stop?.query).toEqual({ namespace: 'default', no_shutdown_delay: 'true' });
  });

  it('reports a failure to stop', async () => {
    const r = await runAgainst(['alloc', 'stop'], [ID], {
      ...routes,
      [`POST /v1/allocation/${ID}/stop`]: { status: 403, body: 'Permission denied' },
    });
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err: 'Error stopping allocation: Unexpected response code: 403 (Permission denied)\n',
    });
  });

  it('says so when no allocation has the prefix, and takes one argument', async () => {
    const none = await runAgainst(['alloc', 'stop'], ['ffff'], {
      'GET /v1/allocations': { body: [] },
    });
    expect(none).toMatchObject({
      code: 1,
      err: 'No allocation(s) with prefix or id "ffff" found\n',
    });
    const two = await runAgainst(['alloc', 'stop'], ['a', 'b'], {});
    expect(two.err).toBe(
      "This command takes one argument: <alloc-id>\nFor additional help try 'caravan alloc stop -help'\n",
    );
  });
});
