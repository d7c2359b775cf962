/**
 * Resource usage of a task in Nomad's units: cpu percent of one core between two samples, and
 * memory in bytes. A raw task is measured from /proc (its process tree), an isolated one from
 * its cgroup, which also sees what escaped the tree.
 */
import { readFileSync } from 'node:fs';
import type { TaskResourceUsage } from '../driver.js';
import { cgroupUsage } from '../proc-stats/cgroup.js';
import { CLOCK_TICKS, processTree, swapBytes } from '../proc-stats/proc.js';

interface Sample {
  at: number;
  /** cpu seconds: total, user, system. */
  total: number;
  user: number;
  system: number;
  perPid: Map<number, number>;
}

let mhz: number | null = null;
/** The host's cpu clock (MHz, first core), for Nomad's `TotalTicks`; 0 when unknown. */
function cpuMHz(): number {
  if (mhz === null) {
    try {
      mhz = Number(
        /^cpu MHz\s*:\s*([\d.]+)/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 0,
      );
    } catch {
      mhz = 0;
    }
  }
  return mhz;
}

export class StatsSampler {
  private last: Sample | null = null;

  /** `cgroupID`: measure the task's cgroup instead of its process tree. */
  constructor(private readonly cgroupID: string | null) {}

  sample(pid: number, startedAt = 0): TaskResourceUsage {
    const now = Date.now();
    const tree = processTree(pid);
    const perPid = new Map(tree.map((p) => [p.pid, (p.userTicks + p.systemTicks) / CLOCK_TICKS]));
    let cur: Sample;
    let memory: TaskResourceUsage['memory'];
    let throttledPeriods = 0;
    let throttledTime = 0;
    if (this.cgroupID) {
      const u = cgroupUsage(this.cgroupID);
      cur = {
        at: now,
        total: u.cpu.totalNs / 1e9,
        user: u.cpu.userTicks / CLOCK_TICKS,
        system: u.cpu.systemTicks / CLOCK_TICKS,
        perPid,
      };
      memory = {
        ...u.memory,
        kernelUsage: u.kernel.usage,
        kernelMaxUsage: u.kernel.maxUsage,
        measured: [
          'RSS',
          'Cache',
          'Swap',
          'Usage',
          'Max Usage',
          'Kernel Usage',
          'Kernel Max Usage',
        ],
      };
      throttledPeriods = u.throttle.periods;
      throttledTime = u.throttle.timeNs;
    } else {
      const user = tree.reduce((s, p) => s + p.userTicks, 0) / CLOCK_TICKS;
      const system = tree.reduce((s, p) => s + p.systemTicks, 0) / CLOCK_TICKS;
      cur = { at: now, total: user + system, user, system, perPid };
      memory = {
        rss: tree.reduce((s, p) => s + p.rssBytes, 0),
        cache: 0,
        swap: tree.reduce((s, p) => s + swapBytes(p.pid), 0),
        usage: 0,
        maxUsage: 0,
        kernelUsage: 0,
        kernelMaxUsage: 0,
        measured: ['RSS', 'Swap'],
      };
    }
    // The first sample measures from the task's start (or reads as idle when that is unknown).
    const prev = this.last ?? {
      at: startedAt || now,
      total: startedAt ? 0 : cur.total,
      user: startedAt ? 0 : cur.user,
      system: startedAt ? 0 : cur.system,
      perPid: new Map<number, number>(),
    };
    this.last = cur;
    const secs = Math.max(0.001, (now - prev.at) / 1000);
    const pct = (a: number, b: number): number => Math.max(0, ((a - b) / secs) * 100);
    const percent = pct(cur.total, prev.total);
    const pids: NonNullable<TaskResourceUsage['pids']> = {};
    for (const p of tree) {
      const before = prev.perPid.get(p.pid) ?? 0;
      pids[String(p.pid)] = { cpuPercent: pct(perPid.get(p.pid) ?? 0, before), rss: p.rssBytes };
    }
    return {
      timestamp: now,
      cpu: {
        percent,
        systemMode: pct(cur.system, prev.system),
        userMode: pct(cur.user, prev.user),
        totalTicks: (percent / 100) * cpuMHz(),
        throttledPeriods,
        throttledTime,
        measured: this.cgroupID
          ? ['System Mode', 'User Mode', 'Throttled Periods', 'Throttled Time', 'Percent']
          : ['System Mode', 'User Mode', 'Percent'],
      },
      memory,
      pids,
    };
  }
}
