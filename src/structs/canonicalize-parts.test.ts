import { describe, expect, it } from 'vitest';
import { canonicalizeJob } from './canonicalize.js';

const S = 1e9;

describe('canonicalizeJob: groups, tasks and their parts', () => {
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
