import { describe, expect, it } from 'vitest';
import { canonicalizeJobWithWarnings } from './canonicalize.js';
import type { JobInput } from './input.js';
import { validateJob } from './validate.js';

const withService = (svc: object, group: object = {}): JobInput => ({
  ID: 'j',
  TaskGroups: [
    {
      Name: 'web',
      ...group,
      Tasks: [{ Name: 'web', Driver: 'docker', Services: [{ Name: 'web', ...svc }] }],
    },
  ],
});

describe('relaxations of the spec', () => {
  it('adds a dynamic port for an undefined label, in a new network, and warns', () => {
    const { job, warnings } = canonicalizeJobWithWarnings(withService({ PortLabel: 'http' }));
    expect(job.TaskGroups[0]!.Networks).toEqual([
      {
        Mode: 'host',
        Device: '',
        CIDR: '',
        IP: '',
        Hostname: '',
        MBits: 0,
        DNS: null,
        ReservedPorts: null,
        DynamicPorts: [{ Label: 'http', Value: 0, To: 0, HostNetwork: 'default' }],
      },
    ]);
    expect(warnings).toEqual([
      {
        path: ['TaskGroups', 0, 'Tasks', 0, 'Services', 0, 'PortLabel'],
        message:
          'Undefined port label: service "web" uses port "http", which no network block in group "web" defines. ' +
          'Caravan added a dynamic port "http" to the group\'s network; Nomad would reject this job. ' +
          'Declare it with network { port "http" {} } in the group.',
      },
    ]);
    expect(validateJob(job)).toEqual({ errors: [], warnings });
  });

  it("adds the port to the group's existing network, once for several uses", () => {
    const { job, warnings } = canonicalizeJobWithWarnings(
      withService(
        {
          PortLabel: 'admin',
          Checks: [{ Type: 'tcp', PortLabel: 'admin', Interval: 1e10, Timeout: 1e9 }],
        },
        { Networks: [{ Mode: 'bridge', ReservedPorts: [{ Label: 'http', Value: 8080 }] }] },
      ),
    );
    const net = job.TaskGroups[0]!.Networks![0]!;
    expect(net.Mode).toBe('bridge');
    expect(net.ReservedPorts!.map((p) => p.Label)).toEqual(['http']);
    expect(net.DynamicPorts!.map((p) => p.Label)).toEqual(['admin']);
    expect(warnings.map((w) => w.path)).toEqual([
      ['TaskGroups', 0, 'Tasks', 0, 'Services', 0, 'PortLabel'],
    ]);
  });

  it('keeps a numeric port as a port number: no port added, no warning', () => {
    const { job, warnings } = canonicalizeJobWithWarnings(withService({ PortLabel: '8080' }));
    expect(job.TaskGroups[0]!.Networks).toBeNull();
    expect(job.TaskGroups[0]!.Tasks[0]!.Services![0]!.PortLabel).toBe('8080');
    expect(warnings).toEqual([]);
    expect(validateJob(job)).toEqual({ errors: [], warnings: [] });
  });

  it('leaves labels that a network defines alone', () => {
    const { warnings } = canonicalizeJobWithWarnings(
      withService({ PortLabel: 'http' }, { Networks: [{ DynamicPorts: [{ Label: 'http' }] }] }),
    );
    expect(warnings).toEqual([]);
  });

  it('relaxes group-level services too', () => {
    const { job, warnings } = canonicalizeJobWithWarnings({
      ID: 'j',
      TaskGroups: [
        {
          Name: 'g',
          Services: [{ Name: 'api', PortLabel: 'api' }],
          Tasks: [{ Name: 't', Driver: 'd' }],
        },
      ],
    });
    expect(job.TaskGroups[0]!.Services![0]!.Name).toBe('api');
    expect(job.TaskGroups[0]!.Networks![0]!.DynamicPorts!.map((p) => p.Label)).toEqual(['api']);
    expect(warnings.map((w) => w.path)).toEqual([['TaskGroups', 0, 'Services', 0, 'PortLabel']]);
  });
});
