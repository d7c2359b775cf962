/** The built-in task drivers, by name (Nomad's catalog of internal plugins). */
import type { DriverPlugin } from './driver.js';
import { dockerPlugin } from './docker/driver.js';
import { execPlugin } from './exec/driver.js';
import { mockDriverPlugin } from './mock/driver.js';
import { rawExecPlugin } from './raw-exec/driver.js';

export const BUILTIN_DRIVERS: ReadonlyMap<string, DriverPlugin> = new Map<string, DriverPlugin>([
  // Each driver adds itself here: ['raw_exec', rawExecPlugin], ...
  ['mock', mockDriverPlugin],
  ['docker', dockerPlugin],
  ['raw_exec', rawExecPlugin],
  ['exec', execPlugin],
]);
