/**
 * Valid-object factories for state tests (Nomad's nomad/mock): a ready node, a pending
 * evaluation, a pending allocation of a job's first group. IDs come from the caller or a
 * counter, so tests stay deterministic.
 */
import type { Allocation, Evaluation, Job, Node } from '../structs/index.js';
import { newEvaluation } from '../structs/index.js';

let seq = 0;
function nextID(prefix: string): string {
  seq++;
  const hex = seq.toString(16).padStart(8, '0');
  return `${prefix.padEnd(8, '0').slice(0, 8)}-${hex.slice(0, 4)}-4000-8000-0000${hex}`;
}

export function mockNode(over: Partial<Node> = {}): Node {
  const id = over.ID ?? nextID('00d0');
  return {
    ID: id,
    SecretID: over.SecretID ?? `secret-${id}`,
    Datacenter: 'dc1',
    Name: `node-${id.slice(0, 8)}`,
    HTTPAddr: '127.0.0.1:4646',
    NodeClass: '',
    NodePool: 'default',
    ComputedClass: 'v1:1',
    Attributes: { 'kernel.name': 'linux', 'cpu.arch': 'amd64', 'driver.raw_exec': '1' },
    Meta: {},
    Drivers: {
      raw_exec: {
        Attributes: null,
        Detected: true,
        Healthy: true,
        HealthDescription: 'Healthy',
        UpdateTime: 0,
      },
    },
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
      Networks: { ReservedHostPorts: '' },
    },
    Status: 'ready',
    StatusDescription: '',
    StatusUpdatedAt: 1_700_000_000,
    SchedulingEligibility: 'eligible',
    DrainStrategy: null,
    Drain: false,
    Events: null,
    CreateIndex: 0,
    ModifyIndex: 0,
    ...over,
  };
}

export function mockEval(
  job: Pick<Job, 'ID' | 'Namespace'>,
  over: Partial<Evaluation> = {},
): Evaluation {
  return newEvaluation({
    ID: nextID('0e0a'),
    Namespace: job.Namespace,
    Priority: 50,
    Type: 'service',
    TriggeredBy: 'job-register',
    JobID: job.ID,
    CreateTime: 1_700_000_000_000_000_000,
    ModifyTime: 1_700_000_000_000_000_000,
    ...over,
  });
}

/** A pending allocation of `job`'s first group (or `over.TaskGroup`) on `nodeID`. */
export function mockAlloc(job: Job, nodeID: string, over: Partial<Allocation> = {}): Allocation {
  const group = over.TaskGroup ?? job.TaskGroups[0]!.Name;
  const tasks = job.TaskGroups.find((g) => g.Name === group)?.Tasks ?? [];
  return {
    ID: nextID('0a11'),
    Namespace: job.Namespace,
    EvalID: '',
    Name: `${job.ID}.${group}[0]`,
    NodeID: nodeID,
    NodeName: `node-${nodeID.slice(0, 8)}`,
    JobID: job.ID,
    Job: job,
    TaskGroup: group,
    AllocatedResources: {
      Tasks: Object.fromEntries(
        tasks.map((t) => [
          t.Name,
          {
            Cpu: { CpuShares: 100, ReservedCores: null },
            Memory: { MemoryMB: 300, MemoryMaxMB: 0 },
            Networks: null,
            Devices: null,
          },
        ]),
      ),
      TaskLifecycles: null,
      Shared: { DiskMB: 300, Networks: null, Ports: null },
    },
    Metrics: {
      NodesEvaluated: 3,
      NodesFiltered: 0,
      NodesInPool: 3,
      NodesAvailable: { dc1: 3 },
      ClassFiltered: null,
      ConstraintFiltered: null,
      NodesExhausted: 0,
      ClassExhausted: null,
      DimensionExhausted: null,
      QuotaExhausted: null,
      ResourcesExhausted: null,
      ScoreMetaData: [{ NodeID: nodeID, Scores: { binpack: 0.5 }, NormScore: 0.5 }],
      AllocationTime: 12345,
      CoalescedFailures: 0,
    },
    DesiredStatus: 'run',
    DesiredDescription: '',
    DesiredTransition: {},
    ClientStatus: 'pending',
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
    CreateTime: 1_700_000_000_000_000_000,
    ModifyTime: 1_700_000_000_000_000_000,
    ...over,
  };
}

/** The op a client's report of one allocation's status makes. */
export function mockClientUpdate(
  a: Allocation,
  status: Allocation['ClientStatus'],
  modifyTime = 1_700_000_000_000_000_000,
) {
  return {
    kind: 'update-allocs-from-client' as const,
    allocs: [
      {
        ID: a.ID,
        ClientStatus: status,
        ClientDescription: status,
        TaskStates: null,
        ModifyTime: modifyTime,
      },
    ],
  };
}
