/** Valid-object factories for scheduler tests (Nomad's nomad/mock): nodes and allocations. */
import type { Allocation, Job, Node } from '../../structs/index.js';
import { mockJob } from '../../structs/index.js';

let counter = 0;

/** A deterministic UUID-shaped ID from a number. */
export function testID(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

/**
 * The computed class of a node: a hash of what feasibility may read at class level (datacenter,
 * class, pool, attributes, meta and drivers), leaving out anything under `unique.`.
 */
export function computeNodeClass(n: Node): string {
  const parts: string[] = [n.Datacenter, n.NodeClass, n.NodePool];
  for (const k of Object.keys(n.Attributes).sort()) {
    if (!k.startsWith('unique.')) parts.push(`a:${k}=${n.Attributes[k]}`);
  }
  for (const k of Object.keys(n.Meta).sort()) {
    if (!k.startsWith('unique.')) parts.push(`m:${k}=${n.Meta[k]}`);
  }
  for (const k of Object.keys(n.Drivers).sort()) {
    const d = n.Drivers[k]!;
    parts.push(`d:${k}=${d.Detected}/${d.Healthy}`);
  }
  return `v1:${fnv(parts.join('\u0000'))}`;
}

function driver(): Node['Drivers'][string] {
  return { Attributes: null, Detected: true, Healthy: true, HealthDescription: '', UpdateTime: 0 };
}

/** A ready linux node in dc1 with 4000 MHz, 8192 MB, 100 GB and raw_exec, exec and docker. */
export function mockNode(over: Partial<Node> = {}): Node {
  const n = ++counter;
  const id = over.ID ?? testID(0x100000 + n);
  const node: Node = {
    ID: id,
    SecretID: testID(0x200000 + n),
    Datacenter: 'dc1',
    Name: `node-${n}`,
    HTTPAddr: '192.168.0.100:4646',
    NodeClass: 'linux-medium-pci',
    NodePool: 'default',
    ComputedClass: '',
    Attributes: {
      'kernel.name': 'linux',
      'cpu.arch': 'amd64',
      'cpu.numcores': '4',
      'nomad.version': '1.7.0',
      'driver.raw_exec': '1',
      'driver.exec': '1',
      'driver.docker': '1',
      'unique.hostname': `host-${n}`,
      'unique.network.ip-address': '192.168.0.100',
    },
    Meta: { 'pci-dss': 'true', database: 'mysql', version: '5.6' },
    Drivers: { raw_exec: driver(), exec: driver(), docker: driver() },
    NodeResources: {
      Cpu: { CpuShares: 4000, TotalCpuCores: 4, ReservableCpuCores: null },
      Memory: { MemoryMB: 8192 },
      Disk: { DiskMB: 100 * 1024 },
      Networks: null,
      MinDynamicPort: 20000,
      MaxDynamicPort: 32000,
    },
    ReservedResources: {
      Cpu: { CpuShares: 100 },
      Memory: { MemoryMB: 256 },
      Disk: { DiskMB: 4 * 1024 },
      Networks: { ReservedHostPorts: '22' },
    },
    Status: 'ready',
    StatusDescription: '',
    StatusUpdatedAt: 0,
    SchedulingEligibility: 'eligible',
    DrainStrategy: null,
    Drain: false,
    Events: null,
    CreateIndex: 0,
    ModifyIndex: 0,
    ...over,
  };
  if (!over.ComputedClass) node.ComputedClass = computeNodeClass(node);
  return node;
}

/** A running allocation of `job` (mockJob() by default), group web, index 0, on `node`. */
export function mockAlloc(over: Partial<Allocation> = {}, job: Job = mockJob()): Allocation {
  const n = ++counter;
  const tgName = over.TaskGroup ?? job.TaskGroups[0]!.Name;
  const tg = job.TaskGroups.find((g) => g.Name === tgName)!;
  const tasks: Allocation['AllocatedResources']['Tasks'] = {};
  for (const t of tg.Tasks) {
    tasks[t.Name] = {
      Cpu: { CpuShares: t.Resources.CPU, ReservedCores: null },
      Memory: { MemoryMB: t.Resources.MemoryMB, MemoryMaxMB: t.Resources.MemoryMaxMB },
      Networks: null,
      Devices: null,
    };
  }
  return {
    ID: testID(0x300000 + n),
    Namespace: job.Namespace,
    EvalID: testID(0x400000 + n),
    Name: `${job.ID}.${tgName}[0]`,
    NodeID: testID(0x100001),
    NodeName: 'node-1',
    JobID: job.ID,
    Job: job,
    TaskGroup: tgName,
    AllocatedResources: {
      Tasks: tasks,
      Shared: { DiskMB: tg.EphemeralDisk.SizeMB, Networks: null, Ports: null },
    },
    Metrics: null,
    DesiredStatus: 'run',
    DesiredDescription: '',
    DesiredTransition: {},
    ClientStatus: 'running',
    ClientDescription: '',
    TaskStates: null,
    PreviousAllocation: '',
    NextAllocation: '',
    DeploymentID: '',
    RescheduleTracker: null,
    FollowupEvalID: '',
    PreemptedAllocations: null,
    PreemptedByAllocation: '',
    CreateIndex: 0,
    ModifyIndex: 0,
    AllocModifyIndex: 0,
    CreateTime: 0,
    ModifyTime: 0,
    ...over,
  };
}
