import { describe, expect, it } from 'vitest';
import { mockJob, type Allocation, type Job, type Node } from '../../structs/index.js';
import { schedulers } from '../registry.js';
import { Harness, mockEval } from '../testing/harness.js';
import { defaultSchedulerConfig } from '../testing/mem-state.js';
import { mockAlloc, mockNode } from '../testing/mocks.js';

/** A job whose one group asks for `cpu` MHz per allocation (mock nodes offer 3900). */
function job(id: string, type: string, priority: number, count: number, cpu: number): Job {
  return mockJob({
    ID: id,
    Type: type,
    Priority: priority,
    TaskGroups: [
      {
        Name: 'g',
        Count: count,
        EphemeralDisk: { SizeMB: 10 },
        Tasks: [{ Name: 't', Driver: 'raw_exec', Resources: { CPU: cpu, MemoryMB: 64 } }],
      },
    ],
  } as never);
}

function setup(
  nodes: number,
  enable: Partial<ReturnType<typeof defaultSchedulerConfig>['PreemptionConfig']> = {},
) {
  const h = new Harness();
  const config = defaultSchedulerConfig();
  h.state.config = { ...config, PreemptionConfig: { ...config.PreemptionConfig, ...enable } };
  const list: Node[] = [];
  for (let i = 0; i < nodes; i++) {
    const n = mockNode();
    h.state.upsertNode(n);
    list.push(n);
  }
  return { h, nodes: list };
}

/** Runs an allocation of a stored job of `priority` holding `cpu` on `node`. */
function occupy(h: Harness, node: Node, id: string, priority: number, cpu: number): Allocation {
  const j = h.state.job('default', id) ?? h.state.upsertJob(job(id, 'service', priority, 1, cpu));
  const a = mockAlloc({ NodeID: node.ID, NodeName: node.Name, Name: `${id}.g[0]` }, j);
  a.AllocatedResources.Tasks.t!.Cpu.CpuShares = cpu;
  h.state.upsertAllocs([a]);
  return a;
}

const preempted = (h: Harness): Allocation[] =>
  h.plans.flatMap((p) => Object.values(p.NodePreemptions).flat());
const placedAllocs = (h: Harness): Allocation[] =>
  h.plans.flatMap((p) => Object.values(p.NodeAllocation).flat());

describe('preemption', () => {
  it('is off for service jobs by default: the placement fails instead', async () => {
    const { h, nodes } = setup(1);
    occupy(h, nodes[0]!, 'low', 10, 3900);
    const hi = h.state.upsertJob(job('hi', 'service', 80, 1, 1000));
    await h.process(schedulers.service, mockEval(hi));
    expect(preempted(h)).toEqual([]);
    expect(placedAllocs(h)).toEqual([]);
    expect(h.updatedEvals.at(-1)!.FailedTGAllocs!.g!.DimensionExhausted).toEqual({ cpu: 1 });
  });

  it('evicts nothing when some node has room', async () => {
    const { h, nodes } = setup(2, { ServiceSchedulerEnabled: true });
    occupy(h, nodes[0]!, 'low', 10, 3900);
    const hi = h.state.upsertJob(job('hi', 'service', 80, 1, 1000));
    await h.process(schedulers.service, mockEval(hi));
    expect(preempted(h)).toEqual([]);
    expect(placedAllocs(h).map((a) => a.NodeID)).toEqual([nodes[1]!.ID]);
  });

  it('evicts nothing from jobs less than 10 priority below', async () => {
    const { h, nodes } = setup(1, { ServiceSchedulerEnabled: true });
    occupy(h, nodes[0]!, 'low', 71, 3900);
    const hi = h.state.upsertJob(job('hi', 'service', 80, 1, 1000));
    await h.process(schedulers.service, mockEval(hi));
    expect(preempted(h)).toEqual([]);
    expect(h.updatedEvals.at(-1)!.FailedTGAllocs!.g).toBeDefined();
  });

  it('evicts the allocation that frees what is missing, marked preempted by the new one', async () => {
    const { h, nodes } = setup(1, { ServiceSchedulerEnabled: true });
    const n = nodes[0]!;
    occupy(h, n, 'a', 10, 500);
    occupy(h, n, 'b', 10, 500);
    const c = occupy(h, n, 'c', 10, 1400);
    occupy(h, n, 'mid', 30, 1500);
    const hi = h.state.upsertJob(job('hi', 'service', 70, 1, 1400));
    await h.process(schedulers.service, mockEval(hi));
    const [alloc] = placedAllocs(h);
    expect(preempted(h).map((a) => [a.ID, a.DesiredStatus, a.DesiredDescription])).toEqual([
      [c.ID, 'evict', `Preempted by alloc ID ${alloc!.ID}`],
    ]);
    expect(preempted(h)[0]!.PreemptedByAllocation).toBe(alloc!.ID);
    expect(alloc!.PreemptedAllocations).toEqual([c.ID]);
    const ann = h.plans[0]!.Annotations!;
    expect(ann.DesiredTGUpdates.g!.Preemptions).toBe(1);
    expect(
      (ann.PreemptedAllocs as { ID: string; JobID: string; JobType: string }[]).map((s) => [
        s.ID,
        s.JobID,
        s.JobType,
      ]),
    ).toEqual([[c.ID, 'c', 'service']]);
    // The harness applied the plan: the victim is evicted, the new allocation runs.
    expect(h.state.alloc(c.ID)!.DesiredStatus).toBe('evict');
    expect(h.updatedEvals.at(-1)!.FailedTGAllocs).toBeNull();
  });

  it('takes the lowest priorities first, then as few as suffice', async () => {
    const { h, nodes } = setup(1, { ServiceSchedulerEnabled: true });
    const n = nodes[0]!;
    const a = occupy(h, n, 'a', 10, 500);
    const b = occupy(h, n, 'b', 10, 500);
    occupy(h, n, 'mid', 30, 1000);
    occupy(h, n, 'big', 40, 1900);
    const hi = h.state.upsertJob(job('hi', 'service', 70, 1, 1000));
    await h.process(schedulers.service, mockEval(hi));
    // Two allocations of priority 10 rather than one of priority 30.
    expect(
      preempted(h)
        .map((x) => x.ID)
        .sort(),
    ).toEqual([a.ID, b.ID].sort());
  });

  it('replaces several small victims by one that alone suffices', async () => {
    const { h, nodes } = setup(1, { ServiceSchedulerEnabled: true });
    const n = nodes[0]!;
    occupy(h, n, 'a', 10, 300);
    occupy(h, n, 'b', 10, 300);
    const big = occupy(h, n, 'big', 10, 1900);
    occupy(h, n, 'rest', 60, 1400);
    const hi = h.state.upsertJob(job('hi', 'service', 70, 1, 1500));
    await h.process(schedulers.service, mockEval(hi));
    expect(preempted(h).map((x) => x.ID)).toEqual([big.ID]);
  });

  it('prefers the node whose victims have the lowest priority', async () => {
    const { h, nodes } = setup(2, { ServiceSchedulerEnabled: true });
    occupy(h, nodes[0]!, 'p40', 40, 3900);
    const low = occupy(h, nodes[1]!, 'p10', 10, 3900);
    const hi = h.state.upsertJob(job('hi', 'service', 70, 1, 1000));
    await h.process(schedulers.service, mockEval(hi));
    expect(preempted(h).map((x) => x.ID)).toEqual([low.ID]);
    expect(placedAllocs(h)[0]!.NodeID).toBe(nodes[1]!.ID);
  });

  it('does not evict the same allocation twice for two placements', async () => {
    const { h, nodes } = setup(1, { BatchSchedulerEnabled: true });
    const n = nodes[0]!;
    const a = occupy(h, n, 'a', 10, 1950);
    const b = occupy(h, n, 'b', 10, 1950);
    const hi = h.state.upsertJob(job('hi', 'batch', 70, 2, 1900));
    await h.process(schedulers.batch, mockEval(hi));
    expect(placedAllocs(h)).toHaveLength(2);
    expect(
      preempted(h)
        .map((x) => x.ID)
        .sort(),
    ).toEqual([a.ID, b.ID].sort());
  });

  it('frees a static port held by a lower-priority allocation', async () => {
    const { h, nodes } = setup(1, { ServiceSchedulerEnabled: true });
    const n = nodes[0]!;
    const holder = occupy(h, n, 'holder', 10, 100);
    const withPort: Allocation = {
      ...holder,
      AllocatedResources: {
        ...holder.AllocatedResources,
        Shared: {
          ...holder.AllocatedResources.Shared,
          Ports: [{ Label: 'http', Value: 8080, To: 0, HostIP: '192.168.0.100' }],
        },
      },
    };
    h.state.upsertAllocs([withPort]);
    const base = job('hi', 'service', 70, 1, 100);
    const hi = h.state.upsertJob({
      ...base,
      TaskGroups: [
        {
          ...base.TaskGroups[0]!,
          Networks: [
            {
              Mode: 'host',
              ReservedPorts: [{ Label: 'http', Value: 8080, To: 0, HostNetwork: 'default' }],
            } as never,
          ],
        },
      ],
    });
    await h.process(schedulers.service, mockEval(hi));
    expect(preempted(h).map((x) => x.ID)).toEqual([holder.ID]);
  });

  it('is on for system jobs by default, node by node', async () => {
    const { h, nodes } = setup(2);
    const victim = occupy(h, nodes[0]!, 'low', 10, 3900);
    const sys = h.state.upsertJob(job('sys', 'system', 50, 1, 500));
    await h.process(schedulers.system, mockEval(sys));
    expect(
      placedAllocs(h)
        .map((a) => a.NodeID)
        .sort(),
    ).toEqual(nodes.map((x) => x.ID).sort());
    expect(preempted(h).map((x) => x.ID)).toEqual([victim.ID]);
    expect(h.plans[0]!.Annotations!.DesiredTGUpdates.g!.Preemptions).toBe(1);
  });

  it('is off for sysbatch jobs by default', async () => {
    const { h, nodes } = setup(1);
    occupy(h, nodes[0]!, 'low', 10, 3900);
    const sys = h.state.upsertJob(job('sb', 'sysbatch', 50, 1, 500));
    await h.process(schedulers.sysbatch, mockEval(sys));
    expect(preempted(h)).toEqual([]);
    expect(placedAllocs(h)).toEqual([]);
  });
});
