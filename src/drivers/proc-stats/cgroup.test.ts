import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  availableControllers,
  cgroupPaths,
  cgroupPids,
  cgroupUsage,
  createCgroups,
  oomKilled,
  removeCgroups,
} from './cgroup.js';
import { waitFor } from '../executor/testing.js';

const usable =
  process.getuid?.() === 0 &&
  ['memory', 'cpu'].every((c) => availableControllers().includes(c as 'cpu'));
const id = `test-${randomUUID().slice(0, 8)}`;
afterEach(() => {
  if (!usable) return;
  for (const pid of cgroupPids(id)) process.kill(pid, 'SIGKILL');
  removeCgroups(id);
});

// Needs root and cgroup v1 memory and cpu controllers (this project's machines have them):
// without them the tests fail saying so, rather than skip.
function needCgroups(): void {
  if (!usable) throw new Error('cgroup v1 memory and cpu controllers (and root) are required');
}

describe('cgroup v1', () => {
  beforeEach(needCgroups);

  it('creates groups with limits, measures a member, and removes them', async () => {
    const procs = createCgroups(id, {
      memoryBytes: 32 * 1024 * 1024,
      cpuShares: 250,
      cpuQuotaUs: 50_000,
      pidsMax: 0,
      cores: [],
    });
    const p = cgroupPaths(id);
    expect(procs).toContain(join(p.memory, 'cgroup.procs'));
    expect(readFileSync(join(p.memory, 'memory.limit_in_bytes'), 'utf8').trim()).toBe('33554432');
    expect(readFileSync(join(p.cpu, 'cpu.shares'), 'utf8').trim()).toBe('250');
    expect(readFileSync(join(p.cpu, 'cpu.cfs_quota_us'), 'utf8').trim()).toBe('50000');
    // Joins first, then allocates: memory is charged to the group it is allocated in.
    const join1 = procs.map((f) => `echo $$ > ${f}`).join('; ');
    const child = spawn('/bin/sh', ['-c', `${join1}; exec sleep 30`], { stdio: 'ignore' });
    await waitFor(() => cgroupPids(id).length === 1, 5000, 'the child to join');
    expect(cgroupPids(id)).toEqual([child.pid]);
    expect(cgroupUsage(id).memory.usage).toBeGreaterThan(0);
    expect(oomKilled(id)).toBe(false);
    expect(removeCgroups(id)).toEqual([p.memory, p.cpu, p.cpuacct, p.pids].filter(existsSync));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(removeCgroups(id)).toEqual([]);
    expect(existsSync(p.memory)).toBe(false);
  });
});
