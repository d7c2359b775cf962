import { describe, expect, it } from 'vitest';
import { goFloat } from './diff-core.js';
import { jobDiff, type FieldDiff, type ObjectDiff } from './diff.js';
import type { Job } from './job.js';
import { mockJob } from './mock.js';

const f = (Type: FieldDiff['Type'], Name: string, Old: string, New: string): FieldDiff => ({
  Type,
  Name,
  Old,
  New,
  Annotations: null,
});

function edit(fn: (j: Job) => void): Job {
  const j = structuredClone(mockJob());
  fn(j);
  return j;
}

const task = (j: Job) => j.TaskGroups[0]!.Tasks[0]!;

describe('jobDiff', () => {
  it('is None, with every group and task listed as None, when nothing but server fields changed', () => {
    const old = { ...mockJob(), Version: 3, JobModifyIndex: 7, Status: 'running', SubmitTime: 9 };
    expect(jobDiff(old, mockJob(), true)).toEqual({
      Type: 'None',
      ID: 'example',
      Fields: null,
      Objects: null,
      TaskGroups: [
        {
          Type: 'None',
          Name: 'web',
          Fields: null,
          Objects: null,
          Tasks: [{ Type: 'None', Name: 'web', Fields: null, Objects: null, Annotations: null }],
          Updates: null,
        },
      ],
    });
  });

  it('lists a new job as Added: its primitive fields (no empty strings), datacenters, groups', () => {
    const d = jobDiff(undefined, mockJob(), false);
    expect(d.Type).toBe('Added');
    expect(d.Fields).toEqual([
      f('Added', 'AllAtOnce', '', 'false'),
      f('Added', 'Dispatched', '', 'false'),
      f('Added', 'Name', '', 'example'),
      f('Added', 'Namespace', '', 'default'),
      f('Added', 'NodePool', '', 'default'),
      f('Added', 'Priority', '', '50'),
      f('Added', 'Region', '', 'global'),
      f('Added', 'Stop', '', 'false'),
      f('Added', 'Type', '', 'service'),
    ]);
    expect(d.Objects).toEqual([
      {
        Type: 'Added',
        Name: 'Datacenters',
        Fields: [f('Added', 'Datacenters', '', 'dc1')],
        Objects: null,
      },
    ]);
    const tg = d.TaskGroups![0]!;
    expect(tg.Type).toBe('Added');
    expect(tg.Fields).toEqual([f('Added', 'Count', '', '1')]);
    expect(tg.Objects!.map((o) => o.Name)).toEqual([
      'RestartPolicy',
      'ReschedulePolicy',
      'EphemeralDisk',
      'Update',
    ]);
    // The group's update block leaves out Stagger.
    expect(tg.Objects![3]!.Fields!.map((x) => x.Name)).not.toContain('Stagger');
    const t = tg.Tasks![0]!;
    expect(t.Type).toBe('Added');
    expect(t.Fields).toEqual([
      f('Added', 'Driver', '', 'raw_exec'),
      f('Added', 'KillTimeout', '', '5000000000'),
      f('Added', 'Leader', '', 'false'),
      f('Added', 'ShutdownDelay', '', '0'),
    ]);
    expect(t.Objects![0]).toEqual({
      Type: 'Added',
      Name: 'Config',
      Fields: [f('Added', 'args[0]', '', '1000'), f('Added', 'command', '', '/bin/sleep')],
      Objects: null,
    });
    expect(t.Objects!.map((o) => o.Name)).toEqual(['Config', 'Resources', 'LogConfig']);
  });

  it('lists a removed job as Deleted', () => {
    const d = jobDiff(mockJob(), undefined, false);
    expect(d.Type).toBe('Deleted');
    expect(d.TaskGroups![0]!.Type).toBe('Deleted');
    expect(d.TaskGroups![0]!.Tasks![0]!.Type).toBe('Deleted');
    expect(d.Fields![0]).toEqual(f('Deleted', 'AllAtOnce', 'false', ''));
  });

  it('shows edited fields, meta as Meta[key], and unchanged config keys only when contextual', () => {
    const next = edit((j) => {
      j.Meta = { owner: 'ops' };
      j.TaskGroups[0]!.Count = 3;
      task(j).Config = { command: '/bin/sleep', args: ['2000'] };
    });
    const plain = jobDiff(mockJob(), next, false);
    expect(plain.Type).toBe('Edited');
    expect(plain.Fields).toEqual([f('Added', 'Meta[owner]', '', 'ops')]);
    const tg = plain.TaskGroups![0]!;
    expect(tg.Type).toBe('Edited');
    expect(tg.Fields).toEqual([f('Edited', 'Count', '1', '3')]);
    expect(tg.Tasks![0]!.Objects).toEqual([
      {
        Type: 'Edited',
        Name: 'Config',
        Fields: [f('Edited', 'args[0]', '1000', '2000')],
        Objects: null,
      },
    ]);
    const ctx = jobDiff(mockJob(), next, true);
    expect(ctx.TaskGroups![0]!.Tasks![0]!.Objects![0]!.Fields).toEqual([
      f('Edited', 'args[0]', '1000', '2000'),
      f('None', 'command', '/bin/sleep', '/bin/sleep'),
    ]);
    // The group's own fields stay changes only.
    expect(ctx.TaskGroups![0]!.Fields).toEqual([f('Edited', 'Count', '1', '3')]);
  });

  it('flattens config lists of maps and prints numbers as Go prints a float64', () => {
    const next = edit((j) => {
      task(j).Config = { image: 'redis:7', port_map: [{ db: 6379 }], big: 1e6, ratio: 0.25 };
    });
    const cfg = jobDiff(mockJob(), next, false).TaskGroups![0]!.Tasks![0]!.Objects![0]!;
    expect(cfg.Fields).toEqual([
      f('Deleted', 'args[0]', '1000', ''),
      f('Added', 'big', '', '1e+06'),
      f('Deleted', 'command', '/bin/sleep', ''),
      f('Added', 'image', '', 'redis:7'),
      f('Added', 'port_map[0][db]', '', '6379'),
      f('Added', 'ratio', '', '0.25'),
    ]);
    expect([goFloat(4294967296), goFloat(123456), goFloat(0.00001), goFloat(-2.5)]).toEqual([
      '4.294967296e+09',
      '123456',
      '1e-05',
      '-2.5',
    ]);
  });

  it('matches constraints by content: a changed one is Added and Deleted, Added first', () => {
    const c = (v: string) => ({ LTarget: '${attr.kernel.name}', RTarget: v, Operand: '=' });
    const a = edit((j) => (j.Constraints = [c('linux')]));
    const b = edit((j) => (j.Constraints = [c('darwin')]));
    const objs = jobDiff(a, b, true).Objects as ObjectDiff[];
    expect(objs.map((o) => [o.Name, o.Type])).toEqual([
      ['Constraint', 'Added'],
      ['Constraint', 'Deleted'],
    ]);
    expect(objs[0]!.Fields).toEqual([
      f('Added', 'LTarget', '', '${attr.kernel.name}'),
      f('Added', 'Operand', '', '='),
      f('Added', 'RTarget', '', 'darwin'),
    ]);
    // An unchanged constraint is not listed, even in a contextual diff.
    expect(jobDiff(a, structuredClone(a), true).Objects).toBeNull();
  });

  it('diffs resources with their networks and ports, and services with checks', () => {
    const withNet = (port: number) =>
      edit((j) => {
        const t = task(j);
        t.Resources.Networks = [
          {
            Mode: 'host',
            Device: '',
            CIDR: '',
            IP: '',
            Hostname: '',
            DNS: null,
            MBits: 0,
            ReservedPorts: [{ Label: 'http', Value: port, To: 0, HostNetwork: 'default' }],
            DynamicPorts: null,
          },
        ];
      });
    const res = jobDiff(withNet(80), withNet(8080), false).TaskGroups![0]!.Tasks![0]!.Objects![0]!;
    expect(res.Name).toBe('Resources');
    expect(res.Type).toBe('Edited');
    expect(res.Fields).toBeNull();
    expect(res.Objects!.map((o) => [o.Name, o.Type])).toEqual([
      ['Network', 'Added'],
      ['Network', 'Deleted'],
    ]);
    expect(res.Objects![0]!.Objects).toEqual([
      {
        Type: 'Added',
        Name: 'Static Port',
        Fields: [
          f('Added', 'HostNetwork', '', 'default'),
          f('Added', 'Label', '', 'http'),
          f('Added', 'To', '', '0'),
          f('Added', 'Value', '', '8080'),
        ],
        Objects: null,
      },
    ]);
  });

  it('pairs services and their checks, with tags as a set', () => {
    const withService = (interval: number, tags: string[]) =>
      mockJob({
        TaskGroups: [
          {
            Name: 'web',
            Services: [
              {
                Name: 'web',
                PortLabel: 'http',
                Tags: tags,
                Checks: [{ Name: 'alive', Type: 'tcp', Interval: interval, Timeout: 2e9 }],
              },
            ],
            Tasks: [{ Name: 'web', Driver: 'raw_exec', Config: { command: '/bin/sleep' } }],
          },
        ],
      });
    const d = jobDiff(withService(10e9, []), withService(20e9, ['v2']), false);
    expect(d.TaskGroups![0]!.Objects).toEqual([
      {
        Type: 'Edited',
        Name: 'Service',
        Fields: null,
        Objects: [
          { Type: 'Added', Name: 'Tags', Fields: [f('Added', 'Tags', '', 'v2')], Objects: null },
          {
            Type: 'Edited',
            Name: 'Check',
            Fields: [f('Edited', 'Interval', '10000000000', '20000000000')],
            Objects: null,
          },
        ],
      },
    ]);
  });

  it('lists groups and tasks by name: added and removed ones', () => {
    const next = edit((j) => {
      const g = structuredClone(j.TaskGroups[0]!);
      g.Name = 'api';
      j.TaskGroups.push(g);
      const t = structuredClone(task(j));
      t.Name = 'sidecar';
      j.TaskGroups[0]!.Tasks.push(t);
    });
    const d = jobDiff(mockJob(), next, false);
    expect(d.TaskGroups!.map((g) => [g.Name, g.Type])).toEqual([
      ['api', 'Added'],
      ['web', 'Edited'],
    ]);
    expect(d.TaskGroups![1]!.Tasks!.map((t) => [t.Name, t.Type])).toEqual([
      ['sidecar', 'Added'],
      ['web', 'None'],
    ]);
  });

  it('refuses jobs with different IDs', () => {
    expect(() => jobDiff(mockJob(), mockJob({ ID: 'other' }), false)).toThrow(
      'can not diff jobs with different IDs: "example" and "other"',
    );
  });
});
