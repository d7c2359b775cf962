/**
 * The agent's client as the HTTP API's /v1/client/* routes see it (ClientAccess): answers in
 * Nomad's wire shapes, and the client's refusals (unknown task, task not running) as 400/404.
 */
import type { Client } from '../client/index.js';
import { isClientError } from '../client/index.js';
import { emptyUsage, type TaskResourceUsage } from '../drivers/index.js';
import { ClientAccessError, type ClientAccess } from '../server/index.js';

/** Nomad's ResourceUsage of one task, from the driver's figures. */
export function resourceUsage(u: TaskResourceUsage) {
  return {
    MemoryStats: {
      RSS: u.memory.rss,
      Cache: u.memory.cache,
      Swap: u.memory.swap,
      Usage: u.memory.usage,
      MaxUsage: u.memory.maxUsage,
      KernelUsage: u.memory.kernelUsage,
      KernelMaxUsage: u.memory.kernelMaxUsage,
      Measured: u.memory.measured,
    },
    CpuStats: {
      SystemMode: u.cpu.systemMode,
      UserMode: u.cpu.userMode,
      TotalTicks: u.cpu.totalTicks,
      ThrottledPeriods: u.cpu.throttledPeriods,
      ThrottledTime: u.cpu.throttledTime,
      Percent: u.cpu.percent,
      Measured: u.cpu.measured,
    },
    DeviceStats: [],
  };
}

type Usage = ReturnType<typeof resourceUsage>;

function sum(tasks: Usage[]): Usage {
  const out = resourceUsage(emptyUsage());
  for (const t of tasks) {
    for (const k of Object.keys(out.MemoryStats) as (keyof Usage['MemoryStats'])[]) {
      if (k !== 'Measured') out.MemoryStats[k] += t.MemoryStats[k];
    }
    for (const k of Object.keys(out.CpuStats) as (keyof Usage['CpuStats'])[]) {
      if (k !== 'Measured') out.CpuStats[k] += t.CpuStats[k];
    }
    out.MemoryStats.Measured = [
      ...new Set([...out.MemoryStats.Measured, ...t.MemoryStats.Measured]),
    ];
    out.CpuStats.Measured = [...new Set([...out.CpuStats.Measured, ...t.CpuStats.Measured])];
  }
  return out;
}

async function mapped<T>(f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (isClientError(e)) {
      throw new ClientAccessError(e.code === 'CLIENT_ERR_ALLOC_NOT_FOUND' ? 404 : 400, e.message);
    }
    throw e;
  }
}

export function clientAccess(client: Client): ClientAccess {
  const known = (id: string) => client.allocs().find((a) => a.alloc.ID === id);
  return {
    nodeID: () => client.nodeID(),
    allocDir: (id) => known(id)?.allocDir,
    taskNames: (id) => Object.keys(known(id)?.taskStates ?? {}),
    taskFinished: (id, task) => {
      const a = known(id);
      return !a || a.taskStates[task]?.State === 'dead';
    },
    allocStats: (id) =>
      mapped(async () => {
        const s = await client.allocStats(id);
        const tasks: Record<string, { ResourceUsage: Usage; Timestamp: number; Pids: null }> = {};
        for (const [name, u] of Object.entries(s.Tasks)) {
          tasks[name] = { ResourceUsage: resourceUsage(u), Timestamp: u.timestamp, Pids: null };
        }
        return {
          ResourceUsage: sum(Object.values(tasks).map((t) => t.ResourceUsage)),
          Tasks: tasks,
          Timestamp: s.Timestamp,
        };
      }),
    hostStats: () => mapped(() => client.hostStats()),
    restart: (id, task, allTasks) =>
      mapped(() => client.restartAlloc(id, allTasks ? undefined : task || undefined)),
    signal: (id, task, signal) => mapped(() => client.signalAlloc(id, signal, task || undefined)),
    exec: async (id, task, cmd, tty, io) => {
      try {
        return await client.execAlloc(id, task, cmd, { tty, ...io });
      } catch (e) {
        throw execRefusal(e, id, task, known(id)?.taskStates[task]?.StartedAt ?? 0);
      }
    },
  };
}

/** The client's refusal of an exec, in Nomad's words (client/alloc_endpoint.go). */
function execRefusal(e: unknown, id: string, task: string, startedAt: number): unknown {
  if (!isClientError(e)) return e;
  switch (e.code) {
    case 'CLIENT_ERR_ALLOC_NOT_FOUND':
      return new ClientAccessError(404, `Unknown allocation "${id}"`);
    case 'CLIENT_ERR_TASK_NOT_FOUND':
      return new ClientAccessError(400, `unknown task name "${task}"`);
    case 'CLIENT_ERR_TASK_NOT_RUNNING':
      return new ClientAccessError(
        404,
        startedAt === 0 ? `task "${task}" not started yet.` : `task "${task}" is not running.`,
      );
    default:
      return new ClientAccessError(400, e.message);
  }
}

/** The client's ClientAccess once it exists (the HTTP API starts before the client). */
export function lazyClientAccess(get: () => ClientAccess | undefined): ClientAccess {
  const nothing = () => Promise.reject(new Error('the client is starting'));
  return {
    nodeID: () => get()?.nodeID() ?? '',
    allocDir: (id) => get()?.allocDir(id),
    taskFinished: (id, task) => get()?.taskFinished(id, task) ?? true,
    taskNames: (id) => get()?.taskNames(id) ?? [],
    allocStats: (id) => get()?.allocStats(id) ?? nothing(),
    hostStats: () => get()?.hostStats() ?? nothing(),
    restart: (id, task, all) => get()?.restart(id, task, all) ?? nothing(),
    signal: (id, task, sig) => get()?.signal(id, task, sig) ?? nothing(),
    exec: (id, task, cmd, tty, io) => get()?.exec(id, task, cmd, tty, io) ?? nothing(),
  };
}
