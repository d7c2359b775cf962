/**
 * Valid-object factories for the server's tests (Nomad's nomad/mock): evals, nodes and
 * allocations, plus a wait-for-condition helper. Exported so that other layers' tests (the
 * HTTP API, the simulator) can build the same fixtures.
 */
import type { StateStore } from '../state/index.js';
import { ManualClock } from './clock.js';
import { PlanApplier } from './plan-apply.js';
import type { AllocsFit } from './plan-evaluate.js';
import { PlanQueue } from './plan-queue.js';
import type { Allocation, Evaluation, Job, Node, Plan } from '../structs/index.js';
import { mockJob, newEvaluation } from '../structs/index.js';

let counter = 0;
/** A deterministic, unique, UUID-shaped ID for tests. */
export function testID(): string {
  counter++;
  const hex = counter.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function mockEval(over: Partial<Evaluation> = {}): Evaluation {
  return newEvaluation({
    ID: testID(),
    Namespace: 'default',
    Priority: 50,
    Type: 'service',
    TriggeredBy: 'job-register',
    JobID: 'example',
    ...over,
  });
}

/** A ready, eligible node in dc1 with 4000 MHz, 8192 MB and the raw_exec driver. */
export function mockNode(over: Partial<Node> = {}): Node {
  const id = over.ID ?? testID();
  return {
    ID: id,
    SecretID: `secret-${id}`,
    Datacenter: 'dc1',
    Name: `node-${id.slice(-4)}`,
    HTTPAddr: '127.0.0.1:4646',
    NodeClass: '',
    NodePool: 'default',
    ComputedClass: '',
    Attributes: {
      'kernel.name': 'linux',
      'cpu.arch': 'amd64',
      'driver.raw_exec': '1',
      'unique.hostname': `host-${id.slice(-4)}`,
    },
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
      Cpu: { CpuShares: 0 },
      Memory: { MemoryMB: 0 },
      Disk: { DiskMB: 0 },
      Networks: { ReservedHostPorts: '' },
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
}

/** A running allocation of `job`'s first group on `nodeID`, asking for `cpu` MHz and `memoryMB`. */
export function mockAlloc(
  over: Partial<Allocation> & { cpu?: number; memoryMB?: number } = {},
  job: Job = mockJob(),
): Allocation {
  const { cpu = 500, memoryMB = 256, ...rest } = over;
  const tg = job.TaskGroups[0]!;
  const task = tg.Tasks[0]!;
  return {
    ID: testID(),
    Namespace: job.Namespace,
    EvalID: testID(),
    Name: `${job.ID}.${tg.Name}[0]`,
    NodeID: '',
    NodeName: '',
    JobID: job.ID,
    Job: job,
    TaskGroup: tg.Name,
    AllocatedResources: {
      Tasks: {
        [task.Name]: {
          Cpu: { CpuShares: cpu, ReservedCores: null },
          Memory: { MemoryMB: memoryMB, MemoryMaxMB: 0 },
          Networks: null,
          Devices: null,
        },
      },
      Shared: { DiskMB: 300, Networks: null, Ports: null },
    },
    Metrics: null,
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
    CreateTime: 0,
    ModifyTime: 0,
    ...rest,
  };
}

/**
 * Resolves once `cond()` is true, checking after each turn of the event loop (and every
 * millisecond once many turns went by); throws after `limitMs` of real time.
 */
export async function waitUntil(
  cond: () => boolean | Promise<boolean>,
  what = 'condition',
  limitMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (let turn = 0; ; turn++) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`waitUntil: ${what} never became true`);
    await new Promise((r) => (turn < 1000 ? setImmediate(r) : setTimeout(r, 1)));
  }
}

/** A resource check for tests: the sum of CPU and memory asks against the node's capacity. */
export function simpleAllocsFit(
  node: Node,
  allocs: Allocation[],
): { fit: boolean; dimension?: string } {
  let cpu = 0;
  let mem = 0;
  for (const a of allocs) {
    for (const t of Object.values(a.AllocatedResources.Tasks)) {
      cpu += t.Cpu.CpuShares;
      mem += t.Memory.MemoryMB;
    }
  }
  if (cpu > node.NodeResources.Cpu.CpuShares - node.ReservedResources.Cpu.CpuShares) {
    return { fit: false, dimension: 'cpu' };
  }
  if (mem > node.NodeResources.Memory.MemoryMB - node.ReservedResources.Memory.MemoryMB) {
    return { fit: false, dimension: 'memory' };
  }
  return { fit: true };
}

/** simpleAllocsFit as the plan applier's check (on the whole proposed list). */
export const simpleFit: AllocsFit = (p) => simpleAllocsFit(p.node, p.allocs());

/** An enabled plan queue and a started applier over `store`, with simpleFit. */
export function startPlanApplier(
  store: StateStore,
  tokenValid?: (id: string, token: string) => boolean,
): { queue: PlanQueue; applier: PlanApplier } {
  const queue = new PlanQueue();
  queue.setEnabled(true);
  const applier = new PlanApplier({
    store,
    queue,
    fit: simpleFit,
    clock: new ManualClock(),
    newID: testID,
    tokenValid,
  });
  applier.start();
  return { queue, applier };
}

/** An empty plan for an eval, to fill in tests. */
export function mockPlan(over: Partial<Plan> = {}): Plan {
  return {
    EvalID: testID(),
    EvalToken: '',
    Priority: 50,
    AllAtOnce: false,
    Job: null,
    NodeUpdate: {},
    NodeAllocation: {},
    NodePreemptions: {},
    Annotations: null,
    SnapshotIndex: 0,
    ...over,
  };
}
