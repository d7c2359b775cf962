/**
 * Garbage collection of terminal allocations (Nomad's client/gc.go, kept simple): every
 * gc_interval, and when asked, the oldest terminal allocations are destroyed (their
 * directories removed and their state forgotten) while the client tracks more than
 * gc_max_allocs allocations, or while the alloc dir's filesystem is fuller than
 * gc_disk_usage_threshold (or gc_inode_usage_threshold) percent.
 */
import { statfs } from 'node:fs/promises';

export interface GCCandidate {
  id: string;
  /** When it became terminal (Unix ns); the oldest go first. */
  finishedAt: number;
}

export interface GCLimits {
  maxAllocs: number;
  diskUsageThreshold: number;
  inodeUsageThreshold: number;
}

/** Disk and inode usage of the filesystem holding `dir`, in percent. */
export async function diskUsage(dir: string): Promise<{ disk: number; inodes: number }> {
  const fs = await statfs(dir);
  const disk = fs.blocks > 0 ? ((fs.blocks - fs.bavail) / fs.blocks) * 100 : 0;
  const inodes = fs.files > 0 ? ((fs.files - fs.ffree) / fs.files) * 100 : 0;
  return { disk, inodes };
}

/**
 * Destroys terminal allocations, oldest first, while the limits are exceeded; returns the IDs
 * destroyed. `usage` is measured again after each one.
 */
export async function collectGarbage(
  tracked: number,
  terminal: GCCandidate[],
  limits: GCLimits,
  usage: () => Promise<{ disk: number; inodes: number }>,
  destroy: (id: string) => Promise<void>,
): Promise<string[]> {
  const queue = [...terminal].sort((a, b) => a.finishedAt - b.finishedAt);
  const done: string[] = [];
  let count = tracked;
  for (const c of queue) {
    let over = count > limits.maxAllocs;
    if (!over) {
      const u = await usage().catch(() => ({ disk: 0, inodes: 0 }));
      over = u.disk > limits.diskUsageThreshold || u.inodes > limits.inodeUsageThreshold;
    }
    if (!over) break;
    await destroy(c.id);
    done.push(c.id);
    count--;
  }
  return done;
}
