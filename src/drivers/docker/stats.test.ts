import { describe, expect, it } from 'vitest';
import { toResourceUsage } from './stats.js';

describe('toResourceUsage', () => {
  it('converts cgroup v1 stats to Nomad units', () => {
    const u = toResourceUsage(
      {
        read: '2024-05-01T10:00:00Z',
        cpu_stats: {
          cpu_usage: { total_usage: 3_000, usage_in_kernelmode: 1_000, usage_in_usermode: 2_000 },
          system_cpu_usage: 20_000,
          throttling_data: { throttled_periods: 2, throttled_time: 50 },
        },
        precpu_stats: {
          cpu_usage: { total_usage: 1_000, usage_in_kernelmode: 500, usage_in_usermode: 500 },
          system_cpu_usage: 10_000,
        },
        memory_stats: { usage: 4096, max_usage: 8192, stats: { rss: 1024, cache: 2048, swap: 0 } },
      },
      2,
      2000,
    );
    expect(u.timestamp).toBe(1714557600000 * 1e6);
    expect(u.cpu.percent).toBe(40); // 2000/10000 of the machine, times 2 cores
    expect(u.cpu.systemMode).toBe(50);
    expect(u.cpu.userMode).toBe(150);
    expect(u.cpu.totalTicks).toBe(800);
    expect(u.cpu.throttledPeriods).toBe(2);
    expect(u.memory).toEqual({
      rss: 1024,
      cache: 2048,
      swap: 0,
      usage: 4096,
      maxUsage: 8192,
      kernelUsage: 0,
      kernelMaxUsage: 0,
      measured: ['RSS', 'Cache', 'Swap', 'Usage', 'Max Usage'],
    });
  });

  it('gives 0 % without a previous sample', () => {
    const u = toResourceUsage({ cpu_stats: { cpu_usage: { total_usage: 5 } } }, 2, 2000);
    expect(u.cpu.percent).toBe(0);
    expect(u.memory.measured).toEqual(['RSS', 'Cache', 'Usage']);
  });
});
