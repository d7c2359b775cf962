/** Valid-object factories for tests (Nomad's nomad/mock): a canonical job to start from. */
import { canonicalizeJob } from './canonicalize.js';
import type { JobInput } from './input.js';
import type { Allocation } from './allocation.js';
import type { Job } from './job.js';

/** A canonical service job "example" with one group "web" of 1 running one raw_exec task "web". */
export function mockJob(over: JobInput = {}): Job {
  return canonicalizeJob({
    ID: 'example',
    Datacenters: ['dc1'],
    TaskGroups: [
      {
        Name: 'web',
        Tasks: [
          { Name: 'web', Driver: 'raw_exec', Config: { command: '/bin/sleep', args: ['1000'] } },
        ],
      },
    ],
    ...over,
  });
}

/** The allocation holding these host ports (as AllocatedResources.Shared.Ports). */
export function withPorts(a: Allocation, ports: number[]): Allocation {
  return {
    ...a,
    AllocatedResources: {
      ...a.AllocatedResources,
      Shared: {
        ...a.AllocatedResources.Shared,
        Ports: ports.map((Value) => ({ Label: `p${Value}`, Value, To: 0, HostIP: '' })),
      },
    },
  };
}
