/**
 * drivers: the task driver interface and the built-in drivers (raw_exec, exec, docker, mock).
 * Imports only src/lib; the client gives each driver a TaskConfig.
 */
export {
  DriverError,
  emptyUsage,
  isDriverError,
  type DriverCapabilities,
  type DriverErrorCode,
  type DriverFingerprint,
  type DriverHealth,
  type DriverLogger,
  type DriverOptions,
  type DriverPlugin,
  type ExecOptions,
  type ExitResult,
  type TaskConfig,
  type TaskDirs,
  type TaskDriver,
  type TaskHandle,
  type TaskLogConfig,
  type TaskMount,
  type TaskPort,
  type TaskResourceUsage,
  type TaskResources,
  type TaskStatus,
} from './driver.js';
export { BUILTIN_DRIVERS } from './registry.js';
export { DockerDriver, dockerPlugin } from './docker/driver.js';
export { RotatingLogWriter } from './logmon/rotating-writer.js';
export { MockDriver, mockDriverPlugin, mockTasks } from './mock/driver.js';
export { RawExecDriver, rawExecPlugin } from './raw-exec/driver.js';
export { ExecDriver, execPlugin } from './exec/driver.js';
