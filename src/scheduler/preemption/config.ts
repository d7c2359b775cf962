/** Whether the scheduler configuration lets a job of this type preempt (Nomad's PreemptionConfig). */
import type { SchedulerConfiguration } from '../../state/index.js';

export function preemptionEnabled(config: SchedulerConfiguration, jobType: string): boolean {
  const p = config.PreemptionConfig;
  switch (jobType) {
    case 'system':
      return p.SystemSchedulerEnabled;
    case 'sysbatch':
      return p.SysBatchSchedulerEnabled;
    case 'batch':
      return p.BatchSchedulerEnabled;
    case 'service':
      return p.ServiceSchedulerEnabled;
    default:
      return false;
  }
}

/** A job may preempt only allocations of jobs whose priority is at least this much lower. */
export const PRIORITY_DELTA = 10;
