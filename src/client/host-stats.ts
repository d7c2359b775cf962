/**
 * Host resource usage (Nomad's client/stats HostStats, for /v1/client/stats): CPU per core
 * (percent busy since the previous sample), memory, the alloc dir's disk, uptime.
 */
import { statfs } from 'node:fs/promises';
import { cpus, freemem, totalmem, uptime } from 'node:os';

export interface HostCpuStats {
  CPU: string;
  User: number;
  System: number;
  Idle: number;
  Total: number;
}

export interface HostStats {
  Memory: { Total: number; Available: number; Used: number; Free: number };
  CPU: HostCpuStats[];
  DiskStats: {
    Device: string;
    Mountpoint: string;
    Size: number;
    Used: number;
    Available: number;
    UsedPercent: number;
    InodesUsedPercent: number;
  }[];
  AllocDirStats: HostStats['DiskStats'][number] | null;
  Uptime: number;
  /** Unix nanoseconds. */
  Timestamp: number;
  CPUTicksConsumed: number;
}

type Times = { user: number; sys: number; idle: number; total: number };

/** Keeps the previous CPU sample so each call reports usage since the last one. */
export class HostStatsCollector {
  private prev: Times[] = [];

  constructor(private readonly allocDir: string) {}

  async collect(): Promise<HostStats> {
    const now = cpus().map((c) => {
      const t = c.times;
      return {
        user: t.user,
        sys: t.sys,
        idle: t.idle,
        total: t.user + t.nice + t.sys + t.idle + t.irq,
      };
    });
    const cpu = now.map((t, i): HostCpuStats => {
      const p = this.prev[i] ?? { user: 0, sys: 0, idle: 0, total: 0 };
      const dt = t.total - p.total || 1;
      const user = ((t.user - p.user) / dt) * 100;
      const system = ((t.sys - p.sys) / dt) * 100;
      const idle = ((t.idle - p.idle) / dt) * 100;
      return { CPU: `cpu${i}`, User: user, System: system, Idle: idle, Total: 100 - idle };
    });
    this.prev = now;
    const total = totalmem();
    const free = freemem();
    let disk: HostStats['AllocDirStats'] = null;
    try {
      const fs = await statfs(this.allocDir);
      const size = fs.blocks * fs.bsize;
      const avail = fs.bavail * fs.bsize;
      const used = size - fs.bfree * fs.bsize;
      disk = {
        Device: '',
        Mountpoint: this.allocDir,
        Size: size,
        Used: used,
        Available: avail,
        UsedPercent: size > 0 ? (used / size) * 100 : 0,
        InodesUsedPercent: fs.files > 0 ? ((fs.files - fs.ffree) / fs.files) * 100 : 0,
      };
    } catch {
      // the alloc dir is not there yet
    }
    const mhz = cpus()[0]?.speed ?? 0;
    return {
      Memory: { Total: total, Available: free, Used: total - free, Free: free },
      CPU: cpu,
      DiskStats: disk ? [disk] : [],
      AllocDirStats: disk,
      Uptime: Math.floor(uptime()),
      Timestamp: Date.now() * 1e6,
      CPUTicksConsumed: (cpu.reduce((s, c) => s + c.Total, 0) / 100) * mhz,
    };
  }
}
