// /v1/operator/scheduler/configuration over a real socket: Nomad's defaults, whole-object
// writes, check-and-set, validation; and the CLI's get-config/set-config against it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, memoryIO } from '../src/cli/index.js';
import type { Harness } from './http-harness.js';
import { api, startHarness } from './http-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const PATH = '/v1/operator/scheduler/configuration';

describe('scheduler configuration API', () => {
  it('answers Nomad defaults, then writes whole objects with cas', async () => {
    const r = await api(h, 'GET', PATH);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      SchedulerConfig: {
        SchedulerAlgorithm: 'binpack',
        PreemptionConfig: {
          SystemSchedulerEnabled: true,
          SysBatchSchedulerEnabled: false,
          BatchSchedulerEnabled: false,
          ServiceSchedulerEnabled: false,
        },
        MemoryOversubscriptionEnabled: false,
        RejectJobRegistration: false,
        PauseEvalBroker: false,
        CreateIndex: 0,
        ModifyIndex: 0,
      },
      Index: 1,
      LastContact: 0,
      KnownLeader: true,
      NextToken: '',
    });

    // Without cas: applied, and (as Nomad) Updated is false. Missing fields are zero values.
    const w = await api(h, 'PUT', PATH, { SchedulerAlgorithm: 'spread' });
    expect(w.status).toBe(200);
    expect(w.json).toEqual({ Updated: false, Index: expect.any(Number) });
    expect(Number(w.headers.get('x-nomad-index'))).toBe(w.json.Index);
    const after = (await api(h, 'GET', PATH)).json.SchedulerConfig;
    expect(after).toMatchObject({
      SchedulerAlgorithm: 'spread',
      PreemptionConfig: { SystemSchedulerEnabled: false },
      ModifyIndex: w.json.Index,
    });

    const stale = await api(h, 'POST', `${PATH}?cas=${w.json.Index - 1}`, {
      SchedulerAlgorithm: 'binpack',
    });
    expect(stale.json.Updated).toBe(false);
    expect((await api(h, 'GET', PATH)).json.SchedulerConfig.SchedulerAlgorithm).toBe('spread');
    const ok = await api(h, 'PUT', `${PATH}?cas=${w.json.Index}`, {
      SchedulerAlgorithm: 'binpack',
      MemoryOversubscriptionEnabled: true,
    });
    expect(ok.json).toEqual({ Updated: true, Index: expect.any(Number) });
    expect((await api(h, 'GET', PATH)).json.SchedulerConfig).toMatchObject({
      SchedulerAlgorithm: 'binpack',
      MemoryOversubscriptionEnabled: true,
      ModifyIndex: ok.json.Index,
    });
  });

  it('refuses an unknown algorithm, a bad cas and a body of the wrong shape', async () => {
    const alg = await api(h, 'PUT', PATH, { SchedulerAlgorithm: 'random' });
    expect([alg.status, alg.text]).toEqual([400, 'invalid scheduler algorithm: random']);
    const cas = await api(h, 'PUT', `${PATH}?cas=x`, {});
    expect([cas.status, cas.text]).toEqual([
      400,
      'Error parsing cas value: strconv.ParseUint: parsing "x": invalid syntax',
    ]);
    const shape = await api(h, 'PUT', PATH, { PauseEvalBroker: 'yes' });
    expect([shape.status, shape.text]).toEqual([400, 'PauseEvalBroker: a bool is required']);
  });

  it('get-config and set-config round-trip through the CLI', async () => {
    const cli = async (args: string[]) => {
      const io = memoryIO({ env: { NOMAD_ADDR: h.url } });
      const code = await main(args, io);
      return { code, out: io.out(), err: io.err() };
    };
    const set = await cli([
      'operator',
      'scheduler',
      'set-config',
      '-scheduler-algorithm=spread',
      '-preempt-batch-scheduler=true',
    ]);
    expect(set).toEqual({ code: 0, out: 'Scheduler configuration updated!\n', err: '' });
    const get = await cli(['operator', 'scheduler', 'get-config']);
    expect(get.code).toBe(0);
    expect(get.out).toMatch(
      /^Scheduler Algorithm {11}= spread\nMemory Oversubscription {7}= true\n/,
    );
    expect(get.out).toContain('Preemption Batch Scheduler    = true\n');
  });
});
