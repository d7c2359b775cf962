/**
 * The Job, in Nomad's own shape: the field names and nesting of the JSON that Nomad's API
 * returns for GET /v1/job/:id, so that the HTTP layer is an identity map.
 */
import type { Affinity, Constraint, Spread } from './constraint.js';
import type { UpdateStrategy } from './strategies.js';
import type { TaskGroup } from './task-group.js';

export const JOB_TYPES = ['service', 'batch', 'system', 'sysbatch'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export interface PeriodicConfig {
  Enabled: boolean;
  /** The cron expression (`cron`). */
  Spec: string;
  /** Several cron expressions (`crons`). */
  Specs: string[];
  SpecType: string;
  ProhibitOverlap: boolean;
  TimeZone: string;
}

export interface ParameterizedJobConfig {
  /** "optional", "required" or "forbidden". */
  Payload: string;
  MetaRequired: string[] | null;
  MetaOptional: string[] | null;
}

export interface MultiregionStrategy {
  MaxParallel: number;
  /** "", "fail_all" or "fail_local". */
  OnFailure: string;
}

export interface MultiregionRegion {
  Name: string;
  Count: number;
  Datacenters: string[];
  NodePool: string;
  Meta: Record<string, string>;
}

export interface Multiregion {
  Strategy: MultiregionStrategy;
  Regions: MultiregionRegion[];
}

export interface JobUIConfig {
  Description: string;
  Links: { Label: string; URL: string }[] | null;
}

export interface Job {
  Region: string;
  Namespace: string;
  ID: string;
  ParentID: string;
  Name: string;
  /** "service", "batch", "system" or "sysbatch". */
  Type: string;
  /** 1..100. */
  Priority: number;
  AllAtOnce: boolean;
  /** Datacenter names or globs; ["*"] when none were given. */
  Datacenters: string[];
  NodePool: string;
  Constraints: Constraint[] | null;
  Affinities: Affinity[] | null;
  Spreads: Spread[] | null;
  TaskGroups: TaskGroup[];
  /**
   * The job-wide update block as Nomad stores it: only Stagger and MaxParallel are kept (the
   * rest is zero); each group holds the full strategy, merged from the job's and its own.
   */
  Update: UpdateStrategy;
  Multiregion: Multiregion | null;
  Periodic: PeriodicConfig | null;
  ParameterizedJob: ParameterizedJobConfig | null;
  Dispatched: boolean;
  Payload: string | null;
  Meta: Record<string, string> | null;
  UI?: JobUIConfig | null;
  ConsulToken?: string;
  VaultToken?: string;
  ConsulNamespace: string;
  VaultNamespace: string;
  /** Server-managed fields. */
  Stop: boolean;
  Status: string;
  StatusDescription: string;
  Stable: boolean;
  Version: number;
  SubmitTime: number;
  CreateIndex: number;
  ModifyIndex: number;
  JobModifyIndex: number;
}
