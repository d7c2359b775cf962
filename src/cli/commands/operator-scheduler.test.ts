import { describe, expect, it } from 'vitest';
import { runAgainst } from './test-harness.js';

const CONFIG = {
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
  CreateIndex: 5,
  ModifyIndex: 5,
};
const get = {
  'GET /v1/operator/scheduler/configuration': {
    body: { SchedulerConfig: CONFIG, Index: 5, KnownLeader: true, LastContact: 0 },
    index: 5,
  },
};
const put = (updated: boolean) => ({
  'PUT /v1/operator/scheduler/configuration': { body: { Updated: updated, Index: 9 }, index: 9 },
});

describe('caravan operator scheduler get-config', () => {
  it('prints the configuration as nomad does', async () => {
    const r = await runAgainst(['operator', 'scheduler', 'get-config'], [], get);
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        'Scheduler Algorithm           = binpack\n' +
        'Memory Oversubscription       = false\n' +
        'Reject Job Registration       = false\n' +
        'Pause Eval Broker             = false\n' +
        'Preemption System Scheduler   = true\n' +
        'Preemption Service Scheduler  = false\n' +
        'Preemption Batch Scheduler    = false\n' +
        'Preemption SysBatch Scheduler = false\n' +
        'Modify Index                  = 5\n',
    });
  });

  it('-json prints the Go api response: the config, then the query meta', async () => {
    const r = await runAgainst(['operator', 'scheduler', 'get-config'], ['-json'], get);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual([
      'SchedulerConfig',
      'LastIndex',
      'LastContact',
      'KnownLeader',
      'RequestTime',
      'NextToken',
    ]);
    expect(json.SchedulerConfig).toEqual(CONFIG);
    expect(r.out).toContain('\n    "SchedulerConfig": {\n        "SchedulerAlgorithm": "binpack",');
    expect(json.LastIndex).toBe(5);
  });

  it('reports a failed read', async () => {
    const r = await runAgainst(['operator', 'scheduler', 'get-config'], [], {
      'GET /v1/operator/scheduler/configuration': { status: 403, body: 'Permission denied' },
    });
    expect(r).toMatchObject({
      code: 1,
      out: '',
      err: 'Error querying scheduler configuration: Unexpected response code: 403 (Permission denied)\n',
    });
  });
});

describe('caravan operator scheduler set-config', () => {
  it('merges the flags given onto the current configuration and writes with cas', async () => {
    const r = await runAgainst(
      ['operator', 'scheduler', 'set-config'],
      ['-scheduler-algorithm=spread', '-preempt-service-scheduler', '-pause-eval-broker=false'],
      { ...get, ...put(true) },
    );
    expect(r).toMatchObject({ code: 0, err: '', out: 'Scheduler configuration updated!\n' });
    const w = r.agent.requests[1]!;
    expect(w.query).toEqual({ cas: '5' });
    expect(w.body).toEqual({
      ...CONFIG,
      SchedulerAlgorithm: 'spread',
      PreemptionConfig: { ...CONFIG.PreemptionConfig, ServiceSchedulerEnabled: true },
    });
  });

  it('-check-index: refuses a stale index, sends a matching one', async () => {
    const stale = await runAgainst(
      ['operator', 'scheduler', 'set-config'],
      ['-check-index', '4', '-memory-oversubscription=true'],
      get,
    );
    expect(stale).toMatchObject({
      code: 1,
      out: '',
      err:
        'Error performing check index set: check-index 4 does not match does not match ' +
        'current state value 5\n',
    });
    const bad = await runAgainst(['operator', 'scheduler', 'set-config'], ['-check-index=x'], {});
    expect(bad).toMatchObject({
      code: 1,
      err: 'Error parsing check-index value "x": strconv.ParseUint: parsing "x": invalid syntax\n',
    });
  });

  it('says so when the check-and-set lost a race; refuses arguments', async () => {
    const lost = await runAgainst(['operator', 'scheduler', 'set-config'], [], {
      ...get,
      ...put(false),
    });
    expect(lost).toMatchObject({
      code: 1,
      out: 'Scheduler configuration could not be atomically updated, please try again\n',
    });
    const args = await runAgainst(['operator', 'scheduler', 'set-config'], ['spread'], {});
    expect(args).toMatchObject({
      code: 1,
      err:
        'This command takes no arguments\n' +
        "For additional help try 'caravan operator scheduler set-config -help'\n",
    });
  });

  it('the parent commands list their subcommands', async () => {
    const r = await runAgainst(['operator', 'scheduler'], [], {});
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'Subcommands:\n    get-config    Display the current scheduler configuration\n' +
        '    set-config    Modify the current scheduler configuration\n',
    );
  });
});
