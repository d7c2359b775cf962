/** How a group's allocations are restarted, rescheduled, updated, migrated and disconnected. */

/** `restart`: how the client restarts a failed task in place. */
export interface RestartPolicy {
  Attempts: number;
  /** ns */
  Interval: number;
  /** ns */
  Delay: number;
  /** "fail" or "delay". */
  Mode: string;
  RenderTemplates: boolean;
}

/** `reschedule`: how the server replaces a failed allocation on another node. */
export interface ReschedulePolicy {
  Attempts: number;
  /** ns */
  Interval: number;
  /** ns */
  Delay: number;
  /** "constant", "exponential" or "fibonacci". */
  DelayFunction: string;
  /** ns */
  MaxDelay: number;
  Unlimited: boolean;
}

/** `update`: rolling updates and canaries. */
export interface UpdateStrategy {
  /** ns */
  Stagger: number;
  MaxParallel: number;
  /** "checks", "task_states" or "manual". */
  HealthCheck: string;
  /** ns */
  MinHealthyTime: number;
  /** ns */
  HealthyDeadline: number;
  /** ns */
  ProgressDeadline: number;
  Canary: number;
  AutoRevert: boolean;
  AutoPromote: boolean;
}

/** `migrate`: how allocations move off a draining node. */
export interface MigrateStrategy {
  MaxParallel: number;
  /** "checks" or "task_states". */
  HealthCheck: string;
  /** ns */
  MinHealthyTime: number;
  /** ns */
  HealthyDeadline: number;
}

/** `disconnect`: what happens while a client is out of touch. */
export interface DisconnectStrategy {
  /** ns; 0 means the allocation is lost at once. */
  LostAfter?: number;
  /** ns; how long the client keeps running allocations it cannot report. */
  StopOnClientAfter?: number | null;
  Replace: boolean;
  /** "best_score", "keep_original", "keep_replacement" or "longest_running". */
  Reconcile: string;
}

/** `ephemeral_disk`. */
export interface EphemeralDisk {
  Sticky: boolean;
  Migrate: boolean;
  SizeMB: number;
}

/** `scaling` on a group: the autoscaler's bounds and policy. */
export interface ScalingPolicy {
  /** Set by the server when the job is registered. */
  ID: string;
  /** "horizontal" for group counts. */
  Type: string;
  /** {Namespace, Job, Group}: what the policy scales. */
  Target: Record<string, string>;
  Min: number;
  /** null when not written (which validation reports: Nomad requires it). */
  Max: number | null;
  /** The autoscaler's policy, free-form. */
  Policy: Record<string, unknown> | null;
  Enabled: boolean;
}
