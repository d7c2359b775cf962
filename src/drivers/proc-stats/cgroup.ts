/**
 * cgroup v1 groups of a task: one directory per controller at the top of each hierarchy
 * (`/sys/fs/cgroup/<controller>/caravan/<id>`), their limits, usage and OOM counters, and their
 * removal. Nomad's exec driver on a v1 host keeps the same layout under `nomad/`.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CGROUP_ROOT = '/sys/fs/cgroup';
export const CGROUP_PARENT = 'caravan';
const CONTROLLERS = ['memory', 'cpu', 'cpuacct', 'pids', 'cpuset'] as const;
export type Controller = (typeof CONTROLLERS)[number];

/** What a task may use; 0 leaves a limit unset. */
export interface CgroupLimits {
  memoryBytes: number;
  cpuShares: number;
  /** CFS quota in microseconds per 100 ms period (hard cpu cap); 0: none. */
  cpuQuotaUs: number;
  pidsMax: number;
  /** Cores to pin to (cpuset.cpus); empty: all. */
  cores: number[];
}

/** The controllers v1 mounts here (each a directory with its interface files). */
export function availableControllers(root = CGROUP_ROOT): Controller[] {
  const probe: Record<Controller, string> = {
    memory: 'memory.limit_in_bytes',
    cpu: 'cpu.shares',
    cpuacct: 'cpuacct.usage',
    pids: 'cgroup.procs',
    cpuset: 'cpuset.cpus',
  };
  return CONTROLLERS.filter((c) => existsSync(join(root, c, probe[c])));
}

/** Paths of one task's group in each controller, by controller. */
export function cgroupPaths(id: string, root = CGROUP_ROOT): Record<Controller, string> {
  const out = {} as Record<Controller, string>;
  for (const c of CONTROLLERS) out[c] = join(root, c, CGROUP_PARENT, id);
  return out;
}

const write = (dir: string, file: string, value: string | number): void =>
  writeFileSync(join(dir, file), String(value));
const read = (dir: string, file: string): string => {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    return '';
  }
};
const readNum = (dir: string, file: string): number => Number(read(dir, file).trim()) || 0;

/**
 * Creates the task's groups and sets its limits; returns the `cgroup.procs` files a process
 * writes its pid to, to join. Memory has no swap (memsw = memory) where the kernel allows it.
 */
export function createCgroups(id: string, limits: CgroupLimits, root = CGROUP_ROOT): string[] {
  const have = new Set(availableControllers(root));
  const paths = cgroupPaths(id, root);
  const procs: string[] = [];
  for (const c of CONTROLLERS) {
    if (!have.has(c)) continue;
    if (c === 'cpuset' && limits.cores.length === 0) continue;
    const dir = paths[c];
    if (c === 'cpuset') {
      // A cpuset group takes no process until its cpus and mems are set, its parent's too.
      const parent = join(root, c, CGROUP_PARENT);
      mkdirSync(parent, { recursive: true });
      if (read(parent, 'cpuset.cpus').trim() === '') {
        write(parent, 'cpuset.cpus', read(join(root, c), 'cpuset.cpus').trim());
        write(parent, 'cpuset.mems', read(join(root, c), 'cpuset.mems').trim());
      }
      mkdirSync(dir, { recursive: true });
      write(dir, 'cpuset.cpus', limits.cores.join(','));
      write(dir, 'cpuset.mems', read(parent, 'cpuset.mems').trim());
    } else {
      mkdirSync(dir, { recursive: true });
    }
    if (c === 'memory' && limits.memoryBytes > 0) {
      write(dir, 'memory.limit_in_bytes', limits.memoryBytes);
      if (existsSync(join(dir, 'memory.memsw.limit_in_bytes'))) {
        write(dir, 'memory.memsw.limit_in_bytes', limits.memoryBytes);
      }
    }
    if (c === 'cpu' && limits.cpuShares > 0)
      write(dir, 'cpu.shares', Math.max(2, limits.cpuShares));
    if (c === 'cpu' && limits.cpuQuotaUs > 0) {
      write(dir, 'cpu.cfs_period_us', 100_000);
      write(dir, 'cpu.cfs_quota_us', Math.max(1000, limits.cpuQuotaUs));
    }
    if (c === 'pids' && limits.pidsMax > 0) write(dir, 'pids.max', limits.pidsMax);
    procs.push(join(dir, 'cgroup.procs'));
  }
  return procs;
}

/** The pids in the task's memory group (the whole task, whatever its process tree). */
export function cgroupPids(id: string, root = CGROUP_ROOT): number[] {
  return read(cgroupPaths(id, root).memory, 'cgroup.procs')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(Number);
}

/** Whether the kernel's OOM killer acted in the group (v1 `oom_kill` counter, or `under_oom`). */
export function oomKilled(id: string, root = CGROUP_ROOT): boolean {
  const ctl = read(cgroupPaths(id, root).memory, 'memory.oom_control');
  const oomKill = /^oom_kill (\d+)/m.exec(ctl);
  const under = /^under_oom (\d+)/m.exec(ctl);
  return Number(oomKill?.[1] ?? 0) > 0 || Number(under?.[1] ?? 0) > 0;
}

/** Whether the group ever hit its memory limit (failcnt), for kernels without `oom_kill`. */
export function memoryLimitHit(id: string, root = CGROUP_ROOT): boolean {
  return readNum(cgroupPaths(id, root).memory, 'memory.failcnt') > 0;
}

export interface CgroupUsage {
  memory: { rss: number; cache: number; swap: number; usage: number; maxUsage: number };
  kernel: { usage: number; maxUsage: number };
  /** cpuacct: total nanoseconds, and user/system in clock ticks. */
  cpu: { totalNs: number; userTicks: number; systemTicks: number };
  throttle: { periods: number; timeNs: number };
}

/** The group's usage now (zeros for missing controllers). */
export function cgroupUsage(id: string, root = CGROUP_ROOT): CgroupUsage {
  const p = cgroupPaths(id, root);
  const kv = (text: string): Map<string, number> =>
    new Map(
      text
        .split('\n')
        .map((l) => l.split(' '))
        .filter((f) => f.length === 2)
        .map(([k, v]) => [k!, Number(v)]),
    );
  const mem = kv(read(p.memory, 'memory.stat'));
  const acct = kv(read(p.cpuacct, 'cpuacct.stat'));
  const thr = kv(read(p.cpu, 'cpu.stat'));
  return {
    memory: {
      rss: (mem.get('total_rss') ?? mem.get('rss') ?? 0) + (mem.get('total_rss_huge') ?? 0),
      cache: mem.get('total_cache') ?? mem.get('cache') ?? 0,
      swap: mem.get('total_swap') ?? mem.get('swap') ?? 0,
      usage: readNum(p.memory, 'memory.usage_in_bytes'),
      maxUsage: readNum(p.memory, 'memory.max_usage_in_bytes'),
    },
    kernel: {
      usage: readNum(p.memory, 'memory.kmem.usage_in_bytes'),
      maxUsage: readNum(p.memory, 'memory.kmem.max_usage_in_bytes'),
    },
    cpu: {
      totalNs: readNum(p.cpuacct, 'cpuacct.usage'),
      userTicks: acct.get('user') ?? 0,
      systemTicks: acct.get('system') ?? 0,
    },
    throttle: { periods: thr.get('nr_throttled') ?? 0, timeNs: thr.get('throttled_time') ?? 0 },
  };
}

/**
 * Removes the task's groups. A group still holding processes cannot be removed: kill them first
 * (the caller does). Returns the groups left behind.
 */
export function removeCgroups(id: string, root = CGROUP_ROOT): string[] {
  const left: string[] = [];
  for (const dir of Object.values(cgroupPaths(id, root))) {
    if (!existsSync(dir)) continue;
    try {
      rmdirSync(dir);
    } catch {
      left.push(dir);
    }
  }
  return left;
}
