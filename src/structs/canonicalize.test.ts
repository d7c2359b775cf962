import { describe, expect, it } from 'vitest';
import { canonicalizeJob } from './canonicalize.js';
import type { JobInput } from './input.js';

const S = 1e9;
const M = 60 * S;
const H = 60 * M;

const minimal = (type?: string): JobInput => ({
  ID: 'j',
  ...(type ? { Type: type } : {}),
  TaskGroups: [{ Name: 'g', Tasks: [{ Name: 't', Driver: 'raw_exec' }] }],
});

const serviceRestart = {
  Attempts: 2,
  Interval: 30 * M,
  Delay: 15 * S,
  Mode: 'fail',
  RenderTemplates: false,
};
const batchRestart = {
  Attempts: 3,
  Interval: 24 * H,
  Delay: 15 * S,
  Mode: 'fail',
  RenderTemplates: false,
};
const fullUpdate = {
  Stagger: 30 * S,
  MaxParallel: 1,
  HealthCheck: 'checks',
  MinHealthyTime: 10 * S,
  HealthyDeadline: 5 * M,
  ProgressDeadline: 10 * M,
  Canary: 0,
  AutoRevert: false,
  AutoPromote: false,
};
const zeroUpdate = {
  Stagger: 0,
  MaxParallel: 0,
  HealthCheck: '',
  MinHealthyTime: 0,
  HealthyDeadline: 0,
  ProgressDeadline: 0,
  Canary: 0,
  AutoRevert: false,
  AutoPromote: false,
};

describe('canonicalizeJob', () => {
  it('fills every default of a minimal service job', () => {
    expect(canonicalizeJob(minimal())).toEqual({
      ID: 'j',
      Name: 'j',
      ParentID: '',
      Region: 'global',
      Namespace: 'default',
      Type: 'service',
      Priority: 50,
      AllAtOnce: false,
      Datacenters: ['*'],
      NodePool: 'default',
      Constraints: null,
      Affinities: null,
      Spreads: null,
      Update: { ...zeroUpdate, Stagger: 30 * S, MaxParallel: 1 },
      Multiregion: null,
      Periodic: null,
      ParameterizedJob: null,
      Dispatched: false,
      Payload: null,
      Meta: null,
      ConsulNamespace: '',
      VaultNamespace: '',
      Stop: false,
      Status: '',
      StatusDescription: '',
      Stable: false,
      Version: 0,
      SubmitTime: 0,
      CreateIndex: 0,
      ModifyIndex: 0,
      JobModifyIndex: 0,
      TaskGroups: [
        {
          Name: 'g',
          Count: 1,
          Constraints: null,
          Affinities: null,
          Spreads: null,
          Volumes: null,
          RestartPolicy: serviceRestart,
          ReschedulePolicy: {
            Attempts: 0,
            Interval: 0,
            Delay: 30 * S,
            DelayFunction: 'exponential',
            MaxDelay: H,
            Unlimited: true,
          },
          EphemeralDisk: { Sticky: false, Migrate: false, SizeMB: 300 },
          Update: fullUpdate,
          Migrate: {
            MaxParallel: 1,
            HealthCheck: 'checks',
            MinHealthyTime: 10 * S,
            HealthyDeadline: 5 * M,
          },
          Networks: null,
          Meta: null,
          Services: null,
          ShutdownDelay: null,
          StopAfterClientDisconnect: null,
          MaxClientDisconnect: null,
          Disconnect: null,
          Scaling: null,
          Consul: null,
          Tasks: [
            {
              Name: 't',
              Driver: 'raw_exec',
              User: '',
              Config: null,
              Env: null,
              Meta: null,
              Constraints: null,
              Affinities: null,
              Services: null,
              Resources: {
                CPU: 100,
                Cores: 0,
                MemoryMB: 300,
                MemoryMaxMB: 0,
                DiskMB: 0,
                Networks: null,
                Devices: null,
              },
              RestartPolicy: serviceRestart,
              KillTimeout: 5 * S,
              KillSignal: '',
              ShutdownDelay: 0,
              LogConfig: { MaxFiles: 10, MaxFileSizeMB: 10, Disabled: false },
              Artifacts: null,
              Templates: null,
              Vault: null,
              Consul: null,
              DispatchPayload: null,
              Lifecycle: null,
              VolumeMounts: null,
              CSIPluginConfig: null,
              Leader: false,
              Kind: '',
              Identity: null,
              Identities: null,
              Actions: null,
            },
          ],
        },
      ],
    });
  });

  it('batch jobs: batch restart and reschedule policies, no update, no migrate', () => {
    const job = canonicalizeJob(minimal('batch'));
    const tg = job.TaskGroups[0]!;
    expect(job.Update).toEqual(zeroUpdate);
    expect(tg.RestartPolicy).toEqual(batchRestart);
    expect(tg.Tasks[0]!.RestartPolicy).toEqual(batchRestart);
    expect(tg.ReschedulePolicy).toEqual({
      Attempts: 1,
      Interval: 24 * H,
      Delay: 5 * S,
      DelayFunction: 'constant',
      MaxDelay: 0,
      Unlimited: false,
    });
    expect(tg.Update).toBeNull();
    expect(tg.Migrate).toBeNull();
  });

  it('system jobs: service restart policy, update strategy, no reschedule, no migrate', () => {
    const job = canonicalizeJob(minimal('system'));
    const tg = job.TaskGroups[0]!;
    expect(job.Update).toEqual({ ...zeroUpdate, Stagger: 30 * S, MaxParallel: 1 });
    expect(tg.RestartPolicy).toEqual(serviceRestart);
    expect(tg.ReschedulePolicy).toBeNull();
    expect(tg.Update).toEqual(fullUpdate);
    expect(tg.Migrate).toBeNull();
  });

  it('sysbatch jobs: batch restart policy and nothing else', () => {
    const job = canonicalizeJob(minimal('sysbatch'));
    const tg = job.TaskGroups[0]!;
    expect(job.Update).toEqual(zeroUpdate);
    expect(tg.RestartPolicy).toEqual(batchRestart);
    expect(tg.ReschedulePolicy).toBeNull();
    expect(tg.Update).toBeNull();
    expect(tg.Migrate).toBeNull();
  });

  it('does not change its input', () => {
    const input = minimal();
    const copy = structuredClone(input);
    canonicalizeJob(input);
    expect(input).toEqual(copy);
  });

  it('merges the job-level update, reschedule and migrate blocks into each group', () => {
    const job = canonicalizeJob({
      ID: 'j',
      Update: { MaxParallel: 3, Canary: 1 },
      Reschedule: { Delay: 10 * S },
      Migrate: { MaxParallel: 2 },
      TaskGroups: [
        { Name: 'a', Update: { Canary: 2 }, Tasks: [{ Name: 't', Driver: 'd' }] },
        {
          Name: 'b',
          ReschedulePolicy: { DelayFunction: 'fibonacci' },
          Tasks: [{ Name: 't', Driver: 'd' }],
        },
      ],
    });
    const [a, b] = job.TaskGroups;
    expect(a!.Update).toEqual({ ...fullUpdate, MaxParallel: 3, Canary: 2 });
    expect(b!.Update).toEqual({ ...fullUpdate, MaxParallel: 3, Canary: 1 });
    expect(a!.ReschedulePolicy).toMatchObject({ Delay: 10 * S, DelayFunction: 'exponential' });
    expect(b!.ReschedulePolicy).toMatchObject({ Delay: 10 * S, DelayFunction: 'fibonacci' });
    expect(a!.Migrate).toEqual({
      MaxParallel: 2,
      HealthCheck: 'checks',
      MinHealthyTime: 10 * S,
      HealthyDeadline: 5 * M,
    });
    expect(job.Update).toEqual({ ...zeroUpdate, Stagger: 30 * S, MaxParallel: 3 });
    expect(job).not.toHaveProperty('Reschedule');
    expect(job).not.toHaveProperty('Migrate');
  });
});
