import { describe, expect, it } from 'vitest';
import { mockJob, type Job } from '../structs/index.js';
import { schedulers } from './registry.js';
import { Harness, mockEval } from './testing/harness.js';
import { mockNode } from './testing/mocks.js';

function setup(nodes = 10): Harness {
  const h = new Harness();
  for (let i = 0; i < nodes; i++) h.state.upsertNode(mockNode());
  return h;
}

function register(h: Harness, job: Job): Job {
  return h.state.upsertJob(job);
}

describe('service scheduler', () => {
  it('places every allocation of a new job', async () => {
    const h = setup();
    const job = register(
      h,
      mockJob({
        TaskGroups: [{ Name: 'web', Count: 10, Tasks: [{ Name: 'web', Driver: 'raw_exec' }] }],
      }),
    );
    await h.process(schedulers.service, mockEval(job));
    expect(h.plans).toHaveLength(1);
    const placed = Object.values(h.plans[0]!.NodeAllocation).flat();
    expect(placed).toHaveLength(10);
    expect(placed.map((a) => a.Name).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `example.web[${i}]`).sort(),
    );
    const a = placed[0]!;
    expect(a.DesiredStatus).toBe('run');
    expect(a.ClientStatus).toBe('pending');
    expect(a.CreateTime).toBe(h.now);
    expect(a.AllocatedResources.Tasks.web!.Cpu.CpuShares).toBe(100);
    expect(a.AllocatedResources.Shared.DiskMB).toBe(300);
    expect(h.updatedEvals).toHaveLength(1);
    expect(h.updatedEvals[0]!.Status).toBe('complete');
    expect(h.updatedEvals[0]!.QueuedAllocations).toEqual({ web: 0 });
    expect(h.createdEvals).toHaveLength(0);
  });
});
