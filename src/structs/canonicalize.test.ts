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

  it('takes the count from scaling min, and scaling min from the count', () => {
    const job = canonicalizeJob({
      ID: 'j',
      Namespace: 'ns',
      TaskGroups: [
        { Name: 'a', Scaling: { Min: 2, Max: 5 }, Tasks: [{ Name: 't', Driver: 'd' }] },
        { Name: 'b', Count: 4, Scaling: { Max: 9 }, Tasks: [{ Name: 't', Driver: 'd' }] },
      ],
    });
    const [a, b] = job.TaskGroups;
    expect(a!.Count).toBe(2);
    expect(a!.Scaling).toEqual({
      ID: '',
      Type: 'horizontal',
      Target: { Namespace: 'ns', Job: 'j', Group: 'a' },
      Min: 2,
      Max: 5,
      Policy: null,
      Enabled: true,
    });
    expect(b!.Count).toBe(4);
    expect(b!.Scaling).toMatchObject({ Min: 4, Max: 9 });
  });

  it('uses CPU 0 when cores are asked for', () => {
    const job = canonicalizeJob({
      ID: 'j',
      TaskGroups: [
        { Name: 'g', Tasks: [{ Name: 't', Driver: 'd', Resources: { Cores: 2, MemoryMB: 64 } }] },
      ],
    });
    expect(job.TaskGroups[0]!.Tasks[0]!.Resources).toMatchObject({
      CPU: 0,
      Cores: 2,
      MemoryMB: 64,
    });
  });

  it('splits decoded ports into reserved (static > 0) and dynamic ones', () => {
    const job = canonicalizeJob({
      ID: 'j',
      TaskGroups: [
        {
          Name: 'g',
          Networks: [
            {
              _Ports: [
                { Label: 'http', Value: 8080, To: 80 },
                { Label: 'dyn' },
                { Label: 'zero', Value: 0 },
              ],
            } as never,
          ],
          Tasks: [{ Name: 't', Driver: 'd' }],
        },
      ],
    });
    expect(job.TaskGroups[0]!.Networks).toEqual([
      {
        Mode: 'host',
        Device: '',
        CIDR: '',
        IP: '',
        Hostname: '',
        MBits: 0,
        DNS: null,
        ReservedPorts: [{ Label: 'http', Value: 8080, To: 80, HostNetwork: 'default' }],
        DynamicPorts: [
          { Label: 'dyn', Value: 0, To: 0, HostNetwork: 'default' },
          { Label: 'zero', Value: 0, To: 0, HostNetwork: 'default' },
        ],
      },
    ]);
  });

  it('fills template, service, check, artifact and vault defaults', () => {
    const job = canonicalizeJob({
      ID: 'j',
      TaskGroups: [
        {
          Name: 'g',
          Networks: [{ DynamicPorts: [{ Label: 'http' }] }],
          Tasks: [
            {
              Name: 't',
              Driver: 'd',
              Templates: [{ EmbeddedTmpl: 'x', DestPath: 'local/x', ChangeMode: 'signal' }],
              Artifacts: [{ GetterSource: 'https://example.com/a/file.tgz', GetterMode: 'file' }],
              Vault: { Policies: ['p'] },
              Services: [
                {
                  PortLabel: 'http',
                  CheckRestart: { Limit: 3 },
                  Checks: [{ Type: 'tcp', Interval: 10 * S, Timeout: 2 * S }],
                },
              ],
            },
          ],
        },
      ],
    });
    const t = job.TaskGroups[0]!.Tasks[0]!;
    expect(t.Templates![0]).toEqual({
      SourcePath: '',
      DestPath: 'local/x',
      EmbeddedTmpl: 'x',
      ChangeMode: 'signal',
      ChangeSignal: 'SIGHUP',
      ChangeScript: null,
      Once: false,
      Splay: 5 * S,
      Perms: '0644',
      Uid: null,
      Gid: null,
      LeftDelim: '{{',
      RightDelim: '}}',
      Envvars: false,
      VaultGrace: 0,
      Wait: null,
      ErrMissingKey: false,
    });
    expect(t.Artifacts![0]).toMatchObject({ GetterMode: 'file', RelativeDest: 'local/file.tgz' });
    expect(t.Vault).toEqual({
      Policies: ['p'],
      Role: '',
      Namespace: '',
      Cluster: 'default',
      Env: true,
      DisableFile: false,
      ChangeMode: 'restart',
      ChangeSignal: 'SIGHUP',
      AllowTokenExpiration: false,
    });
    const svc = t.Services![0]!;
    expect(svc).toMatchObject({
      Name: 'j-g-t',
      AddressMode: 'auto',
      Provider: 'consul',
      OnUpdate: 'require_healthy',
    });
    expect(svc).not.toHaveProperty('CheckRestart');
    expect(svc.Checks![0]).toMatchObject({
      Name: 'service: "j-g-t" check',
      OnUpdate: 'require_healthy',
      CheckRestart: { Limit: 3, Grace: S, IgnoreWarnings: false },
    });
  });

  it('wraps a top-level task in a group named after it', () => {
    const job = canonicalizeJob({
      ID: 'j',
      TaskGroups: [{ Name: 'g', Tasks: [{ Name: 'a', Driver: 'd' }] }],
      _Tasks: [{ Name: 'solo', Driver: 'd' }],
    });
    expect(job.TaskGroups.map((g) => [g.Name, g.Count, g.Tasks.map((t) => t.Name)])).toEqual([
      ['g', 1, ['a']],
      ['solo', 1, ['solo']],
    ]);
    expect(job).not.toHaveProperty('_Tasks');
  });

  it('keys volumes by name and drops distinct_hosts = false constraints', () => {
    const job = canonicalizeJob({
      ID: 'j',
      Constraints: [
        { Operand: 'distinct_hosts', _Skip: true } as never,
        { LTarget: 'a', RTarget: 'b', Operand: '=' },
      ],
      TaskGroups: [
        {
          Name: 'g',
          _Volumes: [{ Name: 'data', Type: 'host', Source: 'd' }],
          Tasks: [{ Name: 't', Driver: 'd' }],
        } as never,
      ],
    });
    expect(job.Constraints).toEqual([{ LTarget: 'a', RTarget: 'b', Operand: '=' }]);
    expect(job.TaskGroups[0]!.Volumes).toEqual({
      data: {
        Name: 'data',
        Type: 'host',
        Source: 'd',
        ReadOnly: false,
        Sticky: false,
        AccessMode: '',
        AttachmentMode: '',
        MountOptions: null,
        PerAlloc: false,
      },
    });
  });

  it('fills affinity and spread weights and keeps an affinity label as Name', () => {
    const job = canonicalizeJob({
      ID: 'j',
      Affinities: [
        { Name: 'ssd', LTarget: '${attr.ssd}', RTarget: 'true', Operand: '=' },
        { LTarget: 'x', RTarget: 'y', Operand: '=', Weight: -20 },
      ],
      Spreads: [{ Attribute: '${node.datacenter}', SpreadTarget: [{ Value: 'dc1', Percent: 70 }] }],
      TaskGroups: [{ Name: 'g', Tasks: [{ Name: 't', Driver: 'd' }] }],
    });
    expect(job.Affinities).toEqual([
      { Name: 'ssd', LTarget: '${attr.ssd}', RTarget: 'true', Operand: '=', Weight: 50 },
      { LTarget: 'x', RTarget: 'y', Operand: '=', Weight: -20 },
    ]);
    expect(job.Spreads).toEqual([
      {
        Attribute: '${node.datacenter}',
        Weight: 50,
        SpreadTarget: [{ Value: 'dc1', Percent: 70 }],
      },
    ]);
  });
});
