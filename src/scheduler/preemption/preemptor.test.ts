import { describe, expect, it } from 'vitest';
import { mockJob, type Allocation } from '../../structs/index.js';
import type { NodeUsage } from '../proposed.js';
import { allocHold, type NodeCapacity } from '../resources.js';
import { mockAlloc } from '../testing/mocks.js';
import { preemptFor, usageWithout, type PreemptAsk } from './preemptor.js';
import { netPriority, preemptionScore } from './scorer.js';

const cap: NodeCapacity = {
  cpu: 4000,
  memory: 8000,
  disk: 10000,
  reservedPorts: new Set([22]),
  minPort: 20000,
  maxPort: 32000,
};

function alloc(priority: number, cpu: number, ports: number[] = [], maxParallel = 0): Allocation {
  const job = mockJob({ ID: `j${priority}-${cpu}`, Priority: priority });
  job.TaskGroups[0]!.Migrate = { MaxParallel: maxParallel } as never;
  const a = mockAlloc({}, job);
  const task = Object.keys(a.AllocatedResources.Tasks)[0]!;
  a.AllocatedResources.Tasks[task]!.Cpu.CpuShares = cpu;
  a.AllocatedResources.Tasks[task]!.Memory.MemoryMB = 10;
  a.AllocatedResources.Shared.DiskMB = 10;
  a.AllocatedResources.Shared.Ports = ports.map((p) => ({
    Label: 'p',
    Value: p,
    To: 0,
    HostIP: '',
  }));
  return a;
}

function usageOf(allocs: Allocation[]): NodeUsage {
  const u: NodeUsage = {
    cpu: 0,
    memory: 0,
    disk: 0,
    basePorts: new Set(),
    addedPorts: null,
    removedPorts: null,
    jobGroups: new Map(),
    jobTotal: 0,
  };
  for (const a of allocs) {
    const h = allocHold(a);
    u.cpu += h.cpu;
    u.memory += h.memory;
    u.disk += h.disk;
    for (const p of h.ports) (u.basePorts as Set<number>).add(p);
  }
  return u;
}

const ask = (cpu: number, staticPorts: number[] = []): PreemptAsk => ({
  cpu,
  memory: 10,
  disk: 10,
  staticPorts,
});

function run(allocs: Allocation[], a: PreemptAsk, priority = 70, soFar = 0) {
  return preemptFor({
    jobPriority: priority,
    ask: a,
    capacity: cap,
    usage: usageOf(allocs),
    candidates: allocs,
    preemptedSoFar: () => soFar,
  });
}

describe('preemptFor', () => {
  it('takes the allocation closest to the shortfall within the lowest priority', () => {
    const small = alloc(10, 1000);
    const exact = alloc(10, 2000);
    const higher = alloc(30, 1000);
    // 4000 - 4000 free: 2000 missing.
    expect(run([small, exact, higher], ask(2000))).toEqual([exact]);
  });

  it('returns null when even every candidate cannot make room', () => {
    const low = alloc(10, 1000);
    const near = alloc(65, 3000);
    expect(run([low, near], ask(2000))).toBeNull();
  });

  it('frees a needed static port by evicting its holder, and only if it may', () => {
    const holder = alloc(10, 100, [8080]);
    expect(run([holder], ask(100, [8080]))).toEqual([holder]);
    const strong = alloc(65, 100, [8080]);
    expect(run([strong], ask(100, [8080]))).toBeNull();
    expect(run([holder], ask(100, [22]))).toBeNull();
  });

  it("penalizes going beyond a group's migrate max_parallel", () => {
    const capped = alloc(10, 1500, [], 1);
    const other = alloc(10, 1600);
    const filler = alloc(50, 900);
    // The exact 1500 wins, unless one of its group is already preempted by the plan.
    expect(run([capped, other, filler], ask(1500), 70, 0)).toEqual([capped]);
    expect(run([capped, other, filler], ask(1500), 70, 1)).toEqual([other]);
  });

  it('usageWithout frees the victims resources and ports', () => {
    const a = alloc(10, 1000, [9000]);
    const u = usageWithout(usageOf([a]), [a]);
    expect([u.cpu, u.memory, u.disk, [...u.removedPorts!]]).toEqual([0, 0, 0, [9000]]);
  });
});

describe('preemption score', () => {
  it('prefers lower priorities, then fewer victims', () => {
    expect(netPriority([alloc(10, 1)])).toBe(11);
    expect(netPriority([alloc(10, 1), alloc(10, 2)])).toBe(12);
    const one10 = preemptionScore([alloc(10, 1)]);
    const two10 = preemptionScore([alloc(10, 1), alloc(10, 2)]);
    const one40 = preemptionScore([alloc(40, 1)]);
    expect(one10).toBeGreaterThan(two10);
    expect(two10).toBeGreaterThan(one40);
  });
});
