/**
 * Nomad's wire encoding of the stored objects, and the list stubs the list endpoints return
 * (JobListStub, AllocListStub, NodeListStub). Most fields go out as stored (PascalCase, Unix
 * nanoseconds for CreateTime/ModifyTime/SubmitTime, durations in nanoseconds); Go `time.Time`
 * fields become RFC 3339 strings, and a node's SecretID is never sent.
 */
import type {
  Allocation,
  Evaluation,
  Job,
  JobSummary,
  Node,
  TaskState,
} from '../../structs/index.js';

/** Go's zero time, as `time.Time{}` marshals. */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** Unix nanoseconds as Go's RFC 3339 (nano precision, trailing zeros trimmed); 0 is Go's zero time. */
export function rfc3339(ns: number): string {
  if (!ns) return GO_ZERO_TIME;
  const ms = Math.floor(ns / 1e6);
  const iso = new Date(ms).toISOString(); // 2024-01-02T03:04:05.678Z
  const frac = String(Math.min(999_999_999, Math.round(((ns % 1e9) + 1e9) % 1e9))).padStart(9, '0');
  const trimmed = frac.replace(/0+$/, '');
  return iso.slice(0, 19) + (trimmed ? '.' + trimmed : '') + 'Z';
}

function encodeTaskState(s: TaskState) {
  return {
    ...s,
    StartedAt: rfc3339(s.StartedAt),
    FinishedAt: rfc3339(s.FinishedAt),
    LastRestart: rfc3339(s.LastRestart),
  };
}

function encodeTaskStates(states: Allocation['TaskStates']) {
  if (!states) return null;
  const out: Record<string, ReturnType<typeof encodeTaskState>> = {};
  for (const [k, v] of Object.entries(states)) out[k] = encodeTaskState(v);
  return out;
}

export function encodeJob(job: Job) {
  return job;
}

export function encodeAlloc(a: Allocation) {
  return { ...a, Job: encodeJob(a.Job), TaskStates: encodeTaskStates(a.TaskStates) };
}

export function encodeEval(e: Evaluation) {
  return { ...e, WaitUntil: rfc3339(e.WaitUntil) };
}

export function encodeNode(n: Node) {
  // The secret authenticates the node; it is never part of an API answer.
  const { SecretID: _secret, ...rest } = n;
  const drivers: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(n.Drivers ?? {})) {
    drivers[k] = { ...d, UpdateTime: rfc3339(d.UpdateTime) };
  }
  return {
    ...rest,
    Drivers: drivers,
    DrainStrategy: n.DrainStrategy
      ? {
          DrainSpec: {
            Deadline: n.DrainStrategy.Deadline,
            IgnoreSystemJobs: n.DrainStrategy.IgnoreSystemJobs,
          },
          ...n.DrainStrategy,
          ForceDeadline: rfc3339(n.DrainStrategy.ForceDeadline),
          StartedAt: rfc3339(n.DrainStrategy.StartedAt),
        }
      : null,
    Events: n.Events?.map((e) => ({ ...e, Timestamp: rfc3339(e.Timestamp) })) ?? null,
  };
}

/** Nomad's JobListStub; `Meta` only when asked for (`?meta=true`). */
export function jobListStub(job: Job, summary: JobSummary | undefined, withMeta: boolean) {
  const stub = {
    ID: job.ID,
    ParentID: job.ParentID,
    Name: job.Name,
    Namespace: job.Namespace,
    Datacenters: job.Datacenters,
    Multiregion: job.Multiregion,
    Type: job.Type,
    Priority: job.Priority,
    Periodic: Boolean(job.Periodic?.Enabled),
    ParameterizedJob: job.ParameterizedJob !== null,
    Stop: job.Stop,
    Status: job.Status,
    StatusDescription: job.StatusDescription,
    JobSummary: summary ?? null,
    NodePool: job.NodePool,
    Version: job.Version,
    CreateIndex: job.CreateIndex,
    ModifyIndex: job.ModifyIndex,
    JobModifyIndex: job.JobModifyIndex,
    SubmitTime: job.SubmitTime,
  };
  return withMeta ? { ...stub, Meta: job.Meta ?? {} } : stub;
}

/** Nomad's AllocListStub; resources and task states as the list's query asks. */
export function allocListStub(
  a: Allocation,
  opts: { resources?: boolean; taskStates?: boolean } = {},
) {
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
    ...(opts.resources ? { AllocatedResources: a.AllocatedResources } : {}),
    DesiredStatus: a.DesiredStatus,
    DesiredDescription: a.DesiredDescription,
    ClientStatus: a.ClientStatus,
    ClientDescription: a.ClientDescription,
    DesiredTransition: a.DesiredTransition,
    TaskStates: opts.taskStates === false ? null : encodeTaskStates(a.TaskStates),
    DeploymentStatus: null,
    FollowupEvalID: a.FollowupEvalID,
    NextAllocation: a.NextAllocation,
    RescheduleTracker: a.RescheduleTracker,
    PreemptedAllocations: a.PreemptedAllocations,
    PreemptedByAllocation: a.PreemptedByAllocation,
    CreateIndex: a.CreateIndex,
    ModifyIndex: a.ModifyIndex,
    CreateTime: a.CreateTime,
    ModifyTime: a.ModifyTime,
  };
}

/** Nomad's NodeListStub; `Attributes` with `?os=true`, resources with `?resources=true`. */
export function nodeListStub(n: Node, opts: { os?: boolean; resources?: boolean } = {}) {
  const drivers: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(n.Drivers ?? {})) {
    drivers[k] = { ...d, UpdateTime: rfc3339(d.UpdateTime) };
  }
  return {
    Address: n.Attributes['unique.network.ip-address'] ?? '',
    ID: n.ID,
    ...(opts.os
      ? {
          Attributes: {
            'os.name': n.Attributes['os.name'] ?? '',
            'os.version': n.Attributes['os.version'] ?? '',
          },
        }
      : {}),
    Datacenter: n.Datacenter,
    Name: n.Name,
    NodeClass: n.NodeClass,
    NodePool: n.NodePool,
    Version: n.Attributes['nomad.version'] ?? '',
    Drain: n.Drain,
    SchedulingEligibility: n.SchedulingEligibility,
    Status: n.Status,
    StatusDescription: n.StatusDescription,
    Drivers: drivers,
    HostVolumes: {},
    ...(opts.resources
      ? { NodeResources: n.NodeResources, ReservedResources: n.ReservedResources }
      : {}),
    LastDrain: null,
    CreateIndex: n.CreateIndex,
    ModifyIndex: n.ModifyIndex,
  };
}
