/** The built-in schedulers, by job type (Nomad's BuiltinSchedulers). */
import { batchScheduler, serviceScheduler } from './generic-scheduler.js';
import type { SchedulerFactory } from './interfaces.js';
import { sysbatchScheduler, systemScheduler } from './system-scheduler.js';

export const schedulers = {
  service: serviceScheduler,
  batch: batchScheduler,
  system: systemScheduler,
  sysbatch: sysbatchScheduler,
} satisfies Record<'service' | 'batch' | 'system' | 'sysbatch', SchedulerFactory>;
