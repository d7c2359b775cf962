/**
 * Allocations: a task group placed on a node (GET /v1/allocation/:id), with the resources it
 * holds there and its state as the client reports it.
 */
import type { Job } from './job.js';
import type { AllocMetric } from './evaluation.js';
import type { NetworkResource } from './resources.js';

export type AllocDesiredStatus = 'run' | 'stop' | 'evict';
export type AllocClientStatus = 'pending' | 'running' | 'complete' | 'failed' | 'lost' | 'unknown';

export interface AllocatedPort {
  Label: string;
  Value: number;
  To: number;
  HostIP: string;
}

export interface AllocatedTaskResources {
  Cpu: { CpuShares: number; ReservedCores: number[] | null };
  Memory: { MemoryMB: number; MemoryMaxMB: number };
  Networks: NetworkResource[] | null;
  Devices: unknown[] | null;
}

export interface AllocatedResources {
  Tasks: Record<string, AllocatedTaskResources>;
  TaskLifecycles?: Record<string, unknown> | null;
  Shared: { DiskMB: number; Networks: NetworkResource[] | null; Ports: AllocatedPort[] | null };
}

export interface TaskEvent {
  Type: string;
  /** Unix nanoseconds. */
  Time: number;
  Message: string;
  DisplayMessage: string;
  Details: Record<string, string>;
  FailsTask: boolean;
  ExitCode: number;
  Signal: number;
  RestartReason: string;
}

export interface TaskState {
  State: 'pending' | 'running' | 'dead';
  Failed: boolean;
  Restarts: number;
  /** Unix nanoseconds (RFC 3339 on the wire); 0 when unset. */
  LastRestart: number;
  StartedAt: number;
  FinishedAt: number;
  Events: TaskEvent[] | null;
}

export interface RescheduleEvent {
  /** Unix nanoseconds. */
  RescheduleTime: number;
  PrevAllocID: string;
  PrevNodeID: string;
  /** Nanoseconds. */
  Delay: number;
}

export interface DesiredTransition {
  Migrate?: boolean | null;
  Reschedule?: boolean | null;
  ForceReschedule?: boolean | null;
  NoShutdownDelay?: boolean | null;
}

export interface Allocation {
  ID: string;
  Namespace: string;
  EvalID: string;
  /** `<job>.<group>[<index>]` */
  Name: string;
  NodeID: string;
  NodeName: string;
  JobID: string;
  /** The job version the alloc runs (a copy, as Nomad keeps it). */
  Job: Job;
  TaskGroup: string;
  AllocatedResources: AllocatedResources;
  Metrics: AllocMetric | null;
  DesiredStatus: AllocDesiredStatus;
  DesiredDescription: string;
  DesiredTransition: DesiredTransition;
  ClientStatus: AllocClientStatus;
  ClientDescription: string;
  TaskStates: Record<string, TaskState> | null;
  PreviousAllocation: string;
  NextAllocation: string;
  DeploymentID: string;
  RescheduleTracker: { Events: RescheduleEvent[] | null } | null;
  /** The eval that replaces this failed alloc once its reschedule delay has passed. */
  FollowupEvalID: string;
  PreemptedAllocations: string[] | null;
  PreemptedByAllocation: string;
  CreateIndex: number;
  ModifyIndex: number;
  AllocModifyIndex: number;
  /** Unix nanoseconds. */
  CreateTime: number;
  ModifyTime: number;
}

/** An allocation is terminal once the server wants it stopped or the client says it ended. */
export function allocTerminal(a: Pick<Allocation, 'DesiredStatus' | 'ClientStatus'>): boolean {
  return (
    a.DesiredStatus === 'stop' ||
    a.DesiredStatus === 'evict' ||
    a.ClientStatus === 'complete' ||
    a.ClientStatus === 'failed' ||
    a.ClientStatus === 'lost'
  );
}

/** The client has stopped running it (whatever the server wants). */
export function allocClientTerminal(a: Pick<Allocation, 'ClientStatus'>): boolean {
  return a.ClientStatus === 'complete' || a.ClientStatus === 'failed' || a.ClientStatus === 'lost';
}

/** The index within its group, from the name `job.group[3]`. */
export function allocIndex(name: string): number {
  const m = /\[(\d+)\]$/.exec(name);
  return m ? Number(m[1]) : -1;
}
