/**
 * Builds a Plan while keeping the proposed state in step: every stop frees the allocation's
 * resources, every placement takes them, so later placements see earlier ones.
 */
import type {
  AllocatedResources,
  AllocatedTaskResources,
  Allocation,
  AllocMetric,
  Evaluation,
  Job,
  Node,
  Plan,
  TaskGroup,
} from '../structs/index.js';
import { schedulerConfigFor } from './pool-config.js';
import type { ProposedState } from './proposed.js';
import { replacementTracker } from './reconcile/reschedule.js';
import { taskCpu } from './resources.js';
import type { Selection } from './stack.js';

export class PlanBuilder {
  readonly plan: Plan;
  private ops = 0;
  /** Whether placements keep their tasks' MemoryMaxMB (memory oversubscription allowed). */
  private readonly oversubscription: boolean;

  constructor(
    ev: Evaluation,
    job: Job | null,
    snapshotIndex: number,
    private readonly proposed: ProposedState,
  ) {
    this.plan = {
      EvalID: ev.ID,
      EvalToken: '',
      Priority: job?.Priority ?? ev.Priority,
      AllAtOnce: job?.AllAtOnce ?? false,
      Job: job,
      NodeUpdate: {},
      NodeAllocation: {},
      NodePreemptions: {},
      Annotations: null,
      SnapshotIndex: snapshotIndex,
    };
    this.oversubscription =
      job !== null && schedulerConfigFor(proposed.state, job).MemoryOversubscriptionEnabled;
  }

  /** Stops (or marks lost) a live allocation. */
  stop(a: Allocation, description: string, now: number, clientStatus?: 'lost'): void {
    const stopped: Allocation = {
      ...a,
      DesiredStatus: 'stop',
      DesiredDescription: description,
      ClientStatus: clientStatus ?? a.ClientStatus,
      ModifyTime: now,
    };
    (this.plan.NodeUpdate[a.NodeID] ??= []).push(stopped);
    this.proposed.stop(a);
    this.ops++;
  }

  /** Takes back the stop of `a` (its replacement could not be placed). */
  unstop(a: Allocation): void {
    const list = this.plan.NodeUpdate[a.NodeID];
    if (!list) return;
    const i = list.findIndex((x) => x.ID === a.ID);
    if (i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) delete this.plan.NodeUpdate[a.NodeID];
    this.proposed.unstop(a);
    this.ops--;
  }

  /**
   * A new allocation. Its tasks keep their `memory_max` (MemoryMaxMB) only when the job's
   * scheduler configuration (its node pool's, else the cluster's) allows memory
   * oversubscription; otherwise it is 0 and the client enforces `memory` alone, as Nomad's
   * bin packer leaves it. Fit is measured on MemoryMB either way.
   */
  place(a: Allocation): void {
    const placed = this.oversubscription ? a : withoutMemoryMax(a);
    (this.plan.NodeAllocation[a.NodeID] ??= []).push(placed);
    this.proposed.place(placed);
    this.ops++;
  }

  /**
   * A new allocation that evicts `victims` (Nomad's AppendPreemptedAlloc): each goes into
   * NodePreemptions marked as preempted by it, frees its resources in the proposed state, and
   * is listed in the plan's annotations (PreemptedAllocs, the group's Preemptions count).
   */
  placePreempting(a: Allocation, victims: readonly Allocation[]): void {
    const list = (this.plan.NodePreemptions[a.NodeID] ??= []);
    for (const v of victims) {
      list.push({
        ...v,
        DesiredStatus: 'evict',
        DesiredDescription: `Preempted by alloc ID ${a.ID}`,
        PreemptedByAllocation: a.ID,
      });
      this.proposed.stop(v);
      const ann = this.plan.Annotations;
      if (ann) {
        (ann.PreemptedAllocs ??= []).push(allocStub(v));
        const d = ann.DesiredTGUpdates[a.TaskGroup];
        if (d) d.Preemptions++;
      }
      this.ops++;
    }
    this.place({ ...a, PreemptedAllocations: victims.map((v) => v.ID) });
  }

  /** An existing allocation updated in place (or stamped with a follow-up eval). */
  update(a: Allocation): void {
    (this.plan.NodeAllocation[a.NodeID] ??= []).push(a);
    this.ops++;
  }

  isNoOp(): boolean {
    return this.ops === 0;
  }
}

export interface NewAllocInput {
  ev: Evaluation;
  job: Job;
  tg: TaskGroup;
  name: string;
  selection: Selection;
  metric: AllocMetric;
  previous: Allocation | null;
  reschedule: boolean;
  id: string;
  now: number;
}

/**
 * The resources of a group's placements that hold no ports and no whole cores are the same on
 * every node: one object per group (version) serves them all. Stored objects are never
 * changed, and a million placements of a few groups then cost a few objects, not millions
 * (less for the garbage collector to walk; one resource sum per group for the node totals).
 */
const sharedResources = new WeakMap<TaskGroup, AllocatedResources>();

function allocatedResources(i: NewAllocInput): AllocatedResources {
  const node: Node = i.selection.node;
  const ports = i.selection.ports;
  const shareable = ports === null && i.tg.Tasks.every((t) => !(t.Resources.Cores > 0));
  if (shareable) {
    const shared = sharedResources.get(i.tg);
    if (shared) return shared;
  }
  const tasks: Record<string, AllocatedTaskResources> = {};
  for (const t of i.tg.Tasks) {
    tasks[t.Name] = {
      Cpu: { CpuShares: taskCpu(t, node), ReservedCores: null },
      Memory: { MemoryMB: t.Resources.MemoryMB, MemoryMaxMB: t.Resources.MemoryMaxMB },
      Networks: ports?.tasks.get(t.Name) ?? null,
      Devices: null,
    };
  }
  const resources: AllocatedResources = {
    Tasks: tasks,
    Shared: {
      DiskMB: i.tg.EphemeralDisk?.SizeMB ?? 0,
      Networks: ports && ports.shared.length > 0 ? ports.shared : null,
      Ports: ports && ports.ports.length > 0 ? ports.ports : null,
    },
  };
  if (shareable) sharedResources.set(i.tg, resources);
  return resources;
}

/** A fully formed allocation for a placement. */
export function newAllocation(i: NewAllocInput): Allocation {
  const node: Node = i.selection.node;
  return {
    ID: i.id,
    Namespace: i.job.Namespace,
    EvalID: i.ev.ID,
    Name: i.name,
    NodeID: node.ID,
    NodeName: node.Name,
    JobID: i.job.ID,
    Job: i.job,
    TaskGroup: i.tg.Name,
    AllocatedResources: allocatedResources(i),
    Metrics: i.metric,
    DesiredStatus: 'run',
    DesiredDescription: '',
    DesiredTransition: {},
    ClientStatus: 'pending',
    ClientDescription: '',
    TaskStates: null,
    PreviousAllocation: i.previous?.ID ?? '',
    NextAllocation: '',
    DeploymentID: '',
    RescheduleTracker: i.reschedule && i.previous ? replacementTracker(i.previous, i.now) : null,
    FollowupEvalID: '',
    PreemptedAllocations: null,
    PreemptedByAllocation: '',
    CreateIndex: 0,
    ModifyIndex: 0,
    AllocModifyIndex: 0,
    CreateTime: i.now,
    ModifyTime: i.now,
  };
}

/** `a` with every task's MemoryMaxMB 0 (oversubscription not allowed). */
function withoutMemoryMax(a: Allocation): Allocation {
  const tasks = Object.entries(a.AllocatedResources.Tasks);
  if (tasks.every(([, t]) => t.Memory.MemoryMaxMB === 0)) return a;
  const zeroed = tasks.map(([name, t]) => [
    name,
    { ...t, Memory: { ...t.Memory, MemoryMaxMB: 0 } },
  ]);
  return {
    ...a,
    AllocatedResources: { ...a.AllocatedResources, Tasks: Object.fromEntries(zeroed) },
  };
}

/** An allocation as the API lists it (Nomad's AllocListStub), for PreemptedAllocs. */
export function allocStub(a: Allocation): Record<string, unknown> {
  return {
    ID: a.ID,
    EvalID: a.EvalID,
    Name: a.Name,
    Namespace: a.Namespace,
    NodeID: a.NodeID,
    NodeName: a.NodeName,
    JobID: a.JobID,
    JobType: a.Job.Type,
    JobVersion: a.Job.Version,
    TaskGroup: a.TaskGroup,
    DesiredStatus: a.DesiredStatus,
    DesiredDescription: a.DesiredDescription,
    ClientStatus: a.ClientStatus,
    ClientDescription: a.ClientDescription,
    CreateIndex: a.CreateIndex,
    ModifyIndex: a.ModifyIndex,
    CreateTime: a.CreateTime,
    ModifyTime: a.ModifyTime,
  };
}

/** Nodes a rescheduled allocation should avoid: where it and its predecessors failed. */
export function penaltyNodes(previous: Allocation): Set<string> {
  const s = new Set<string>([previous.NodeID]);
  for (const e of previous.RescheduleTracker?.Events ?? []) s.add(e.PrevNodeID);
  return s;
}
