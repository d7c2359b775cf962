/**
 * Docker's stats (GET /containers/{id}/stats) in Nomad's TaskResourceUsage units, as Nomad's
 * docker driver converts them (drivers/docker/util/stats_posix.go): CPU percent of one core from
 * the delta against the previous sample, ticks in MHz, memory in bytes; cgroup v1 and v2.
 */
import type { TaskResourceUsage } from '../driver.js';

/** The part of Docker's stats body that is read here. */
export interface DockerStats {
  read?: string;
  cpu_stats?: DockerCpuStats;
  precpu_stats?: DockerCpuStats;
  memory_stats?: {
    usage?: number;
    max_usage?: number;
    stats?: Record<string, number>;
  };
}

interface DockerCpuStats {
  cpu_usage?: { total_usage?: number; usage_in_kernelmode?: number; usage_in_usermode?: number };
  system_cpu_usage?: number;
  online_cpus?: number;
  throttling_data?: { periods?: number; throttled_periods?: number; throttled_time?: number };
}

/** Nomad's calculateCPUPercent: the sample's share of the total, times the cores, in percent. */
export function cpuPercent(
  newSample: number,
  oldSample: number,
  newTotal: number,
  oldTotal: number,
  cores: number,
): number {
  const num = newSample - oldSample;
  const den = newTotal - oldTotal;
  if (num <= 0 || den <= 0) return 0;
  return (num / den) * cores * 100;
}

/** `cores` and `mhz` are the host's (Nomad uses runtime.NumCPU and the fingerprinted MHz). */
export function toResourceUsage(s: DockerStats, cores: number, mhz: number): TaskResourceUsage {
  const cpu = s.cpu_stats ?? {};
  const pre = s.precpu_stats ?? {};
  const total = cpu.cpu_usage?.total_usage ?? 0;
  const preTotal = pre.cpu_usage?.total_usage ?? 0;
  const percent = cpuPercent(
    total,
    preTotal,
    cpu.system_cpu_usage ?? 0,
    pre.system_cpu_usage ?? 0,
    cores,
  );
  const mem = s.memory_stats ?? {};
  const ms = mem.stats ?? {};
  const v1 = ms.rss !== undefined;
  const readMs = s.read ? Date.parse(s.read) : Number.NaN;
  return {
    // Nanoseconds since the epoch, as Nomad's TaskResourceUsage.Timestamp.
    timestamp: (Number.isNaN(readMs) || readMs <= 0 ? Date.now() : readMs) * 1e6,
    cpu: {
      percent,
      systemMode: cpuPercent(
        cpu.cpu_usage?.usage_in_kernelmode ?? 0,
        pre.cpu_usage?.usage_in_kernelmode ?? 0,
        total,
        preTotal,
        cores,
      ),
      userMode: cpuPercent(
        cpu.cpu_usage?.usage_in_usermode ?? 0,
        pre.cpu_usage?.usage_in_usermode ?? 0,
        total,
        preTotal,
        cores,
      ),
      totalTicks: (percent / 100) * mhz,
      throttledPeriods: cpu.throttling_data?.throttled_periods ?? 0,
      throttledTime: cpu.throttling_data?.throttled_time ?? 0,
      measured: ['Throttled Periods', 'Throttled Time', 'Percent'],
    },
    memory: v1
      ? {
          rss: ms.rss ?? 0,
          cache: ms.cache ?? 0,
          swap: ms.swap ?? 0,
          usage: mem.usage ?? 0,
          maxUsage: mem.max_usage ?? 0,
          kernelUsage: 0,
          kernelMaxUsage: 0,
          measured: ['RSS', 'Cache', 'Swap', 'Usage', 'Max Usage'],
        }
      : {
          rss: ms.anon ?? 0,
          cache: ms.file ?? 0,
          swap: 0,
          usage: mem.usage ?? 0,
          maxUsage: 0,
          kernelUsage: ms.kernel_stack ?? 0,
          kernelMaxUsage: 0,
          measured: ['RSS', 'Cache', 'Usage'],
        },
  };
}
