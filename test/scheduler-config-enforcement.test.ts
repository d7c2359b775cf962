/**
 * The two scheduler-configuration settings the server enforces, on a real server with the
 * real schedulers (nodes registered without clients) and the HTTP API on a socket:
 *
 * - MemoryOversubscriptionEnabled (the cluster's, overridden by the job's node pool): off, a
 *   task's `memory_max` draws Nomad's warning from register, plan and validate, and is placed
 *   as MemoryMaxMB 0; on, it is carried in AllocatedResources. Fit counts `memory` only.
 * - RejectJobRegistration: register, revert and scale are refused with Nomad's 403 for every
 *   caller that is not management, which (no ACLs, as in Nomad with ACLs disabled) is every
 *   HTTP request; deregister, plan and evaluate are not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { schedulers } from '../src/scheduler/index.js';
import type { HttpServerHandle } from '../src/server/index.js';
import { startHttpServer } from '../src/server/index.js';
import { allowedRegistration, REGISTRATION_DISABLED } from '../src/server/job-endpoints.js';
import type { TestServer } from '../src/server/test-harness.js';
import { startTestServer } from '../src/server/test-harness.js';
import { mockNode } from '../src/server/testing.js';
import type { SchedulerConfiguration } from '../src/state/index.js';
import type { Job, NodePoolSchedulerConfiguration } from '../src/structs/index.js';
import { mockJob } from '../src/structs/index.js';
import { api } from './http-harness.js';

let t: TestServer;
/** What each test started, stopped last first. */
const started: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of started.splice(0).reverse()) await s.close();
});

async function start(nodesPerPool: Record<string, number> = { default: 1 }): Promise<void> {
  t = startTestServer({ schedulers, numWorkers: 2 });
  started.push({ close: () => t.stop() });
  for (const [NodePool, n] of Object.entries(nodesPerPool)) {
    for (let i = 0; i < n; i++) {
      await t.server.nodes.register(mockNode({ Status: 'ready', NodePool }));
    }
  }
}

async function startHttp(): Promise<HttpServerHandle> {
  const http = await startHttpServer(t.server, { port: 0, random: () => 0 });
  started.push(http);
  return http;
}

async function setConfig(over: Partial<SchedulerConfiguration>): Promise<void> {
  const config = t.server.store.snapshot().schedulerConfig();
  await t.server.store.apply({
    ops: [{ kind: 'set-scheduler-config', config: { ...config, ...over } }],
  });
}

async function setPool(name: string, sc: NodePoolSchedulerConfiguration): Promise<void> {
  const pool = { Name: name, Description: '', Meta: null, CreateIndex: 0, ModifyIndex: 0 };
  await t.server.store.apply({
    ops: [{ kind: 'upsert-node-pools', pools: [{ ...pool, SchedulerConfiguration: sc }] }],
  });
}

/** Mock nodes have 8192 MB; `memory_max` may exceed that, since only `memory` is reserved. */
function job(id: string, memoryMax: number, over: Partial<Job> = {}): Job {
  const j = mockJob({
    ID: id,
    TaskGroups: [
      {
        Name: 'web',
        Count: 1,
        EphemeralDisk: { SizeMB: 300 },
        Tasks: [
          {
            Name: 'server',
            Driver: 'raw_exec',
            Config: { command: '/bin/sleep', args: ['1000'] },
            Resources: { CPU: 100, MemoryMB: 64, MemoryMaxMB: memoryMax },
          },
        ],
      },
    ],
  } as never);
  return { ...j, Name: id, ...over };
}

const WARNING =
  'Memory oversubscription is not enabled; Task "web.server" memory_max value will be ' +
  'ignored. Update the Scheduler Configuration to allow oversubscription.';

/** The task's allocated memory in the job's one placed allocation. */
async function placedMemory(jobID: string) {
  await t.settle();
  const allocs = t.server.store.snapshot().allocsByJob('default', jobID);
  expect(allocs).toHaveLength(1);
  return allocs[0]!.AllocatedResources.Tasks.server!.Memory;
}

/** The task's memory in the allocation `job plan` would place. */
async function plannedMemory(j: Job) {
  const r = await t.server.planJob(j);
  const placed = Object.values(r.Plan?.NodeAllocation ?? {}).flat();
  expect(placed).toHaveLength(1);
  return { warnings: r.Warnings, memory: placed[0]!.AllocatedResources.Tasks.server!.Memory };
}

describe('memory oversubscription (memory_max)', () => {
  it('off (the default): register, plan and validate warn; placed with MemoryMaxMB 0', async () => {
    await start();
    const { url } = await startHttp();
    const validate = await api({ url }, 'PUT', '/v1/validate/job', {
      Job: job('web', 512),
    });
    expect(validate.json.Warnings).toBe(WARNING);
    expect(await plannedMemory(job('web', 512))).toEqual({
      warnings: WARNING,
      memory: { MemoryMB: 64, MemoryMaxMB: 0 },
    });

    const r = await t.server.registerJob(job('web', 512));
    expect(r.Warnings).toBe(WARNING);
    expect(await placedMemory('web')).toEqual({ MemoryMB: 64, MemoryMaxMB: 0 });

    // A task without memory_max draws no warning.
    expect((await t.server.registerJob(job('plain', 0))).Warnings).toBe('');
  });

  it('on: no warning, MemoryMaxMB carried, fit counted on memory alone', async () => {
    await start();
    await setConfig({ MemoryOversubscriptionEnabled: true });
    expect(await plannedMemory(job('web', 20_000))).toEqual({
      warnings: '',
      memory: { MemoryMB: 64, MemoryMaxMB: 20_000 },
    });
    const r = await t.server.registerJob(job('web', 20_000));
    expect(r.Warnings).toBe('');
    expect(await placedMemory('web')).toEqual({ MemoryMB: 64, MemoryMaxMB: 20_000 });
  });

  it("follows the job's node pool over the cluster, either way", async () => {
    await start({ default: 1, big: 1, small: 1 });
    await setPool('big', { SchedulerAlgorithm: '', MemoryOversubscriptionEnabled: true });
    await setPool('small', { SchedulerAlgorithm: '', MemoryOversubscriptionEnabled: false });

    const big = await t.server.registerJob(job('in-big', 512, { NodePool: 'big' }));
    expect(big.Warnings).toBe('');
    expect(await placedMemory('in-big')).toEqual({ MemoryMB: 64, MemoryMaxMB: 512 });

    await setConfig({ MemoryOversubscriptionEnabled: true });
    const small = await t.server.registerJob(job('in-small', 512, { NodePool: 'small' }));
    expect(small.Warnings).toBe(WARNING);
    expect(await placedMemory('in-small')).toEqual({ MemoryMB: 64, MemoryMaxMB: 0 });
    // A pool that sets nothing follows the cluster.
    expect((await t.server.registerJob(job('in-default', 512))).Warnings).toBe('');
    expect(await placedMemory('in-default')).toEqual({ MemoryMB: 64, MemoryMaxMB: 512 });
  });
});

describe('RejectJobRegistration', () => {
  it('allowedRegistration: refuses only non-management callers, and only when set', () => {
    const on = { RejectJobRegistration: true };
    const off = { RejectJobRegistration: false };
    expect(allowedRegistration(false, off)).toBe(true);
    expect(allowedRegistration(true, off)).toBe(true);
    expect(allowedRegistration(true, on)).toBe(true);
    expect(allowedRegistration(false, on)).toBe(false);
  });

  it('refuses register, revert and scale over HTTP with 403; deregister, plan, evaluate pass', async () => {
    await start();
    const h = await startHttp();
    const body = (j: Job) => ({ Job: j });
    expect((await api(h, 'PUT', '/v1/jobs', body(job('web', 0)))).status).toBe(200);
    expect((await api(h, 'PUT', '/v1/jobs', body(job('web', 0, { Priority: 60 })))).status).toBe(
      200,
    );
    await t.settle();
    const cfg = await api(h, 'PUT', '/v1/operator/scheduler/configuration', {
      ...t.server.store.snapshot().schedulerConfig(),
      RejectJobRegistration: true,
    });
    expect(cfg.status).toBe(200);

    const refused = [
      await api(h, 'PUT', '/v1/jobs', body(job('other', 0))),
      await api(h, 'PUT', '/v1/job/web', body(job('web', 0, { Priority: 70 }))),
      await api(h, 'PUT', '/v1/job/web/revert', { JobID: 'web', JobVersion: 0 }),
      await api(h, 'PUT', '/v1/job/web/scale', { Count: 3, Target: { Group: 'web' } }),
      await api(h, 'PUT', '/v1/job/web/scale', { Target: { Group: 'web' }, Message: 'hi' }),
    ];
    for (const r of refused) expect([r.status, r.text]).toEqual([403, REGISTRATION_DISABLED]);
    const state = t.server.store.snapshot();
    expect(state.job('default', 'other')).toBeUndefined();
    expect(state.job('default', 'web')).toMatchObject({ Version: 1, Priority: 60 });
    expect(state.job('default', 'web')!.TaskGroups[0]!.Count).toBe(1);

    expect((await api(h, 'PUT', '/v1/job/web/plan', body(job('web', 0)))).status).toBe(200);
    expect((await api(h, 'PUT', '/v1/job/web/evaluate', {})).status).toBe(200);
    expect((await api(h, 'DELETE', '/v1/job/web')).status).toBe(200);
    expect(t.server.store.snapshot().job('default', 'web')?.Stop).toBe(true);
  });

  it('lets a management caller through, and everyone once the setting is off', async () => {
    await start();
    await setConfig({ RejectJobRegistration: true });
    await expect(t.server.registerJob(job('web', 0))).rejects.toMatchObject({
      code: 'JOB_REGISTRATION_DISABLED',
      message: REGISTRATION_DISABLED,
    });
    const r = await t.server.jobs.registerJob(job('web', 0), { management: true });
    expect(r.JobModifyIndex).toBeGreaterThan(0);
    await expect(t.server.scaleJob('default', 'web', 'web', 2)).rejects.toMatchObject({
      code: 'JOB_REGISTRATION_DISABLED',
    });
    await t.server.jobs.scaleJob('default', 'web', 'web', 2, '', true);
    expect(t.server.store.snapshot().job('default', 'web')!.TaskGroups[0]!.Count).toBe(2);

    await setConfig({ RejectJobRegistration: false });
    await t.server.scaleJob('default', 'web', 'web', 3);
    expect(t.server.store.snapshot().job('default', 'web')!.TaskGroups[0]!.Count).toBe(3);
  });
});
