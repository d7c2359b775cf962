/**
 * Nomad's default values, each with where Nomad defines it. File references are to Nomad's
 * source tree (api/ is the Go API client's Canonicalize methods, nomad/structs/ the server's).
 */
import { HOUR, MINUTE, SECOND } from './ns.js';
import type {
  EphemeralDisk,
  MigrateStrategy,
  ReschedulePolicy,
  RestartPolicy,
  UpdateStrategy,
} from './strategies.js';
import type { LogConfig } from './task-parts.js';

/** api/jobs.go GlobalRegion. */
export const DEFAULT_REGION = 'global';
/** api/namespace.go DefaultNamespace. */
export const DEFAULT_NAMESPACE = 'default';
/** api/jobs.go JobDefaultPriority. */
export const DEFAULT_PRIORITY = 50;
/** nomad/structs Job.Canonicalize (Nomad 1.5+): no datacenters means all of them. */
export const DEFAULT_DATACENTERS = ['*'];
/** nomad/job_endpoint_hooks.go: a job without a node pool runs in "default". */
export const DEFAULT_NODE_POOL = 'default';
/** api/tasks.go Task.Canonicalize: 5s. */
export const DEFAULT_KILL_TIMEOUT = 5 * SECOND;
/** api/affinity and api/spread Canonicalize: weight 50. */
export const DEFAULT_AFFINITY_WEIGHT = 50;
export const DEFAULT_SPREAD_WEIGHT = 50;

/**
 * api/tasks.go defaultServiceJobRestartPolicy (service and system jobs) and
 * defaultBatchJobRestartPolicy (batch and sysbatch), kept in sync with nomad/structs.
 */
export function defaultRestartPolicy(jobType: string): RestartPolicy {
  if (jobType === 'service' || jobType === 'system') {
    return {
      Attempts: 2,
      Interval: 30 * MINUTE,
      Delay: 15 * SECOND,
      Mode: 'fail',
      RenderTemplates: false,
    };
  }
  return {
    Attempts: 3,
    Interval: 24 * HOUR,
    Delay: 15 * SECOND,
    Mode: 'fail',
    RenderTemplates: false,
  };
}

/**
 * api/tasks.go NewDefaultReschedulePolicy: service jobs reschedule without limit with an
 * exponential delay; batch jobs once a day after 5s; other types get zero values (and only
 * when they wrote a reschedule block: system and sysbatch jobs do not reschedule).
 */
export function defaultReschedulePolicy(jobType: string): ReschedulePolicy {
  if (jobType === 'service') {
    return {
      Attempts: 0,
      Interval: 0,
      Delay: 30 * SECOND,
      DelayFunction: 'exponential',
      MaxDelay: HOUR,
      Unlimited: true,
    };
  }
  if (jobType === 'batch') {
    return {
      Attempts: 1,
      Interval: 24 * HOUR,
      Delay: 5 * SECOND,
      DelayFunction: 'constant',
      MaxDelay: 0,
      Unlimited: false,
    };
  }
  return { Attempts: 0, Interval: 0, Delay: 0, DelayFunction: '', MaxDelay: 0, Unlimited: false };
}

/** api/jobs.go DefaultUpdateStrategy. */
export function defaultUpdateStrategy(): UpdateStrategy {
  return {
    Stagger: 30 * SECOND,
    MaxParallel: 1,
    HealthCheck: 'checks',
    MinHealthyTime: 10 * SECOND,
    HealthyDeadline: 5 * MINUTE,
    ProgressDeadline: 10 * MINUTE,
    Canary: 0,
    AutoRevert: false,
    AutoPromote: false,
  };
}

/** api/tasks.go DefaultMigrateStrategy. */
export function defaultMigrateStrategy(): MigrateStrategy {
  return {
    MaxParallel: 1,
    HealthCheck: 'checks',
    MinHealthyTime: 10 * SECOND,
    HealthyDeadline: 5 * MINUTE,
  };
}

/** api/tasks.go DefaultEphemeralDisk. */
export function defaultEphemeralDisk(): EphemeralDisk {
  return { Sticky: false, Migrate: false, SizeMB: 300 };
}

/** api/tasks.go DefaultLogConfig. */
export function defaultLogConfig(): LogConfig {
  return { MaxFiles: 10, MaxFileSizeMB: 10, Disabled: false };
}

/** api/resources.go DefaultResources: 100 MHz and 300 MB. */
export const DEFAULT_CPU = 100;
export const DEFAULT_MEMORY_MB = 300;
