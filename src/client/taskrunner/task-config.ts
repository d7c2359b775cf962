/** The driver's TaskConfig for one run of a task, from the allocation and its environment. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TaskConfig, TaskDirs } from '../../drivers/index.js';
import type { Allocation, Task } from '../../structs/index.js';
import { effectiveNetworkMode, requestedNetworkMode } from './hooks/network.hook.js';
import { interpolateValue } from './interpolate.js';
import { allocPorts } from './task-env.js';

export function buildTaskConfig(
  alloc: Allocation,
  task: Task,
  dirs: TaskDirs,
  env: Record<string, string>,
  vars: Record<string, string>,
): TaskConfig {
  const res = alloc.AllocatedResources.Tasks[task.Name];
  return {
    id: `${alloc.ID}/${task.Name}/${randomBytes(4).toString('hex')}`,
    allocID: alloc.ID,
    jobID: alloc.JobID,
    jobName: alloc.Job.Name,
    groupName: alloc.TaskGroup,
    taskName: task.Name,
    namespace: alloc.Namespace,
    env,
    user: task.User,
    driverConfig: interpolateValue(task.Config ?? {}, env, vars),
    resources: {
      cpuShares: res?.Cpu.CpuShares ?? task.Resources.CPU,
      cores: res?.Cpu.ReservedCores ?? [],
      memoryMB: res?.Memory.MemoryMB ?? task.Resources.MemoryMB,
      memoryMaxMB: res?.Memory.MemoryMaxMB ?? task.Resources.MemoryMaxMB,
    },
    ports: allocPorts(alloc, task.Name).map((p) => ({
      label: p.Label,
      value: p.Value,
      to: p.To,
      hostIP: p.HostIP,
    })),
    networkMode: effectiveNetworkMode(requestedNetworkMode(alloc)),
    mounts: [],
    dirs,
    logs: {
      stdoutBase: join(dirs.logDir, `${task.Name}.stdout`),
      stderrBase: join(dirs.logDir, `${task.Name}.stderr`),
      maxFiles: task.LogConfig.MaxFiles || 10,
      maxFileSizeMB: task.LogConfig.MaxFileSizeMB || 10,
    },
    killSignal: task.KillSignal,
  };
}
