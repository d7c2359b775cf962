import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAgent, type FakeAgent, type FakeRoute } from '../../api/index.js';
import { memoryIO } from '../io.js';
import type { Job } from '../jobspec-port.js';
import { main } from '../main.js';

const JOB: Job = { ID: 'web', Name: 'web', TaskGroups: [{ Name: 'g', Count: 1, Tasks: [] }] };
const EVAL = 'e1a2b3c4-0000-4000-8000-000000000001';
const ALLOC = 'a1b2c3d4-0000-4000-8000-000000000002';
const NODE = 'n1b2c3d4-0000-4000-8000-000000000003';

let agent: FakeAgent | undefined;
beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2024-05-01T10:00:00Z'));
});
afterEach(async () => {
  vi.useRealTimers();
  await agent?.close();
  agent = undefined;
});

async function run(args: string[], routes: Record<string, FakeRoute>) {
  agent = await startFakeAgent(routes);
  const dir = mkdtempSync(join(tmpdir(), 'caravan-submit-'));
  writeFileSync(join(dir, 'web.hcl'), 'job "web" {}');
  const io = memoryIO({
    cwd: dir,
    jobspec: { parseJobFile: () => ({ job: JOB, errors: [], warnings: [] }) },
  });
  const code = await main(['job', 'run', '-address', agent.address, ...args, 'web.hcl'], io);
  return { code, out: io.out(), err: io.err() };
}

const registered: FakeRoute = {
  body: { EvalID: EVAL, EvalCreateIndex: 10, JobModifyIndex: 10, Warnings: '' },
  index: 10,
};

function evalRoute(extra: Record<string, unknown> = {}): FakeRoute {
  return (req) => {
    const pending = req.query.index === undefined;
    return {
      index: pending ? 10 : 12,
      body: {
        ID: EVAL,
        JobID: 'web',
        Status: pending ? 'pending' : 'complete',
        TriggeredBy: 'job-register',
        CreateIndex: 10,
        ModifyIndex: pending ? 10 : 12,
        ...(pending ? {} : extra),
      },
    };
  };
}

describe('caravan job run (submitting)', () => {
  it('registers the job and monitors the evaluation until it completes', async () => {
    const r = await run([], {
      'PUT /v1/jobs': registered,
      [`GET /v1/evaluation/${EVAL}`]: evalRoute(),
      [`GET /v1/evaluation/${EVAL}/allocations`]: (req) => ({
        index: 12,
        body:
          req.query.index === undefined && agent!.requests.length < 4
            ? []
            : [
                {
                  ID: ALLOC,
                  EvalID: EVAL,
                  Name: 'web.g[0]',
                  NodeID: NODE,
                  JobID: 'web',
                  JobVersion: 0,
                  TaskGroup: 'g',
                  DesiredStatus: 'run',
                  ClientStatus: 'pending',
                  CreateIndex: 11,
                  ModifyIndex: 11,
                  CreateTime: 0,
                  ModifyTime: 0,
                },
              ],
      }),
    });
    expect(r).toEqual({
      code: 0,
      err: '',
      out:
        '==> 2024-05-01T10:00:00Z: Monitoring evaluation "e1a2b3c4"\n' +
        '    2024-05-01T10:00:00Z: Evaluation triggered by job "web"\n' +
        '    2024-05-01T10:00:00Z: Allocation "a1b2c3d4" created: node "n1b2c3d4", group "g"\n' +
        '    2024-05-01T10:00:00Z: Evaluation status changed: "pending" -> "complete"\n' +
        '==> 2024-05-01T10:00:00Z: Evaluation "e1a2b3c4" finished with status "complete"\n',
    });
    const put = agent!.requests[0];
    expect(put?.method).toBe('PUT');
    expect(put?.body).toMatchObject({ Job: JOB, EnforceIndex: false, JobModifyIndex: 0 });
    expect(agent!.requests[3]?.query).toEqual({ index: '10', wait: '60000ms' });
  });

  it('exits 2 and prints the placement failures as nomad does', async () => {
    const r = await run(['-verbose'], {
      'PUT /v1/jobs': registered,
      [`GET /v1/evaluation/${EVAL}`]: evalRoute({
        BlockedEval: 'b0000000-0000-4000-8000-000000000009',
        FailedTGAllocs: {
          g: {
            NodesEvaluated: 2,
            NodesFiltered: 2,
            CoalescedFailures: 2,
            ConstraintFiltered: { '${attr.kernel.name} = windows': 2 },
            NodesExhausted: 1,
            DimensionExhausted: { memory: 1 },
          },
        },
      }),
      [`GET /v1/evaluation/${EVAL}/allocations`]: { index: 12, body: [] },
    });
    expect(r.code).toBe(2);
    expect(r.out).toBe(
      `==> 2024-05-01T10:00:00Z: Monitoring evaluation "${EVAL}"\n` +
        '    2024-05-01T10:00:00Z: Evaluation triggered by job "web"\n' +
        '    2024-05-01T10:00:00Z: Evaluation status changed: "pending" -> "complete"\n' +
        `==> 2024-05-01T10:00:00Z: Evaluation "${EVAL}" finished with status "complete" but failed to place all allocations:\n` +
        '    2024-05-01T10:00:00Z: Task Group "g" (failed to place 3 allocations):\n' +
        '      * Constraint "${attr.kernel.name} = windows": 2 nodes excluded by filter\n' +
        '      * Resources exhausted on 1 nodes\n' +
        '      * Dimension "memory" exhausted on 1 nodes\n' +
        '    2024-05-01T10:00:00Z: Evaluation "b0000000-0000-4000-8000-000000000009" waiting for additional capacity to place remainder\n',
    );
  });

  it('-detach prints the evaluation ID; -check-index enforces the index', async () => {
    const r = await run(['-detach', '-check-index', '7'], { 'PUT /v1/jobs': registered });
    expect(r).toEqual({
      code: 0,
      err: '',
      out: `Job registration successful\nEvaluation ID: ${EVAL}\n`,
    });
    expect(agent!.requests[0]?.body).toMatchObject({ EnforceIndex: true, JobModifyIndex: 7 });
  });

  it('reports a check-index conflict as nomad does', async () => {
    const r = await run(['-check-index', '0'], {
      'PUT /v1/jobs': {
        status: 500,
        body: 'Enforcing job modify index 0: job already exists',
      },
    });
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'Enforcing job modify index 0: job already exists\nJob not updated\n',
    });
  });

  it('reports a server error with its text', async () => {
    const r = await run([], { 'PUT /v1/jobs': { status: 400, body: 'job is invalid' } });
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'Error submitting job: Unexpected response code: 400 (job is invalid)\n',
    });
  });
});
