/**
 * A client node, in Nomad's shape (GET /v1/node/:id): identity, placement attributes,
 * resources, drivers and status.
 */
import type { NetworkResource } from './resources.js';

export type NodeStatus = 'initializing' | 'ready' | 'down' | 'disconnected';
export const NODE_STATUSES: readonly NodeStatus[] = [
  'initializing',
  'ready',
  'down',
  'disconnected',
];
export type NodeEligibility = 'eligible' | 'ineligible';

export interface DriverInfo {
  Attributes: Record<string, string> | null;
  Detected: boolean;
  Healthy: boolean;
  HealthDescription: string;
  /** RFC 3339 on the wire; Unix nanoseconds here. */
  UpdateTime: number;
}

export interface NodeCpuResources {
  /** Total compute in MHz. */
  CpuShares: number;
  TotalCpuCores: number;
  ReservableCpuCores: number[] | null;
}

export interface NodeResources {
  Cpu: NodeCpuResources;
  Memory: { MemoryMB: number };
  Disk: { DiskMB: number };
  Networks: NetworkResource[] | null;
  MinDynamicPort: number;
  MaxDynamicPort: number;
}

export interface NodeReservedResources {
  Cpu: { CpuShares: number };
  Memory: { MemoryMB: number };
  Disk: { DiskMB: number };
  /** Host ports no allocation may use, as Nomad writes them: "22,80,8000-8100". */
  Networks: { ReservedHostPorts: string };
}

export interface DrainStrategy {
  /** Nanoseconds; -1 forces, 0 means no deadline. */
  Deadline: number;
  IgnoreSystemJobs: boolean;
  /** Unix nanoseconds at which the drain is forced; 0 when there is no deadline. */
  ForceDeadline: number;
  StartedAt: number;
}

export interface NodeEvent {
  Message: string;
  Subsystem: string;
  Details: Record<string, string> | null;
  /** Unix nanoseconds. */
  Timestamp: number;
  CreateIndex: number;
}

export interface Node {
  ID: string;
  /** Secret the node authenticates with; never shown by the API to readers without node:write. */
  SecretID: string;
  Datacenter: string;
  Name: string;
  HTTPAddr: string;
  NodeClass: string;
  NodePool: string;
  /** A hash of the node's non-unique placement attributes (feasibility results are cached per class). */
  ComputedClass: string;
  Attributes: Record<string, string>;
  Meta: Record<string, string>;
  Drivers: Record<string, DriverInfo>;
  NodeResources: NodeResources;
  ReservedResources: NodeReservedResources;
  Status: NodeStatus;
  StatusDescription: string;
  /** Unix seconds, as Nomad encodes it. */
  StatusUpdatedAt: number;
  SchedulingEligibility: NodeEligibility;
  DrainStrategy: DrainStrategy | null;
  /** Kept for API compatibility: true while a drain strategy is set. */
  Drain: boolean;
  Events: NodeEvent[] | null;
  CreateIndex: number;
  ModifyIndex: number;
}
