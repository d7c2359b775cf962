/**
 * Storage of the data dir's filesystem: `unique.storage.volume` (the mount's source),
 * `unique.storage.bytestotal`, `unique.storage.bytesfree` (statfs), NodeResources.Disk (the
 * free MB, as Nomad), and `storage.ssd`: "true" when the filesystem's block device is not
 * rotational, "false" when it is, unset when that cannot be told (tmpfs, overlay, no sysfs).
 */
import { mkdirSync } from 'node:fs';
import { readFile, realpath, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { Fingerprinter } from './fingerprinter.js';

export interface MountInfo {
  majorMinor: string;
  mountPoint: string;
  source: string;
}

/** The lines of /proc/self/mountinfo: "36 35 98:0 / /mnt rw - ext3 /dev/root rw". */
export function parseMountInfo(text: string): MountInfo[] {
  const out: MountInfo[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    const dash = f.indexOf('-');
    if (f.length < 5 || dash < 0) continue;
    const unescape = (s: string) =>
      s.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    out.push({
      majorMinor: f[2] as string,
      mountPoint: unescape(f[4] as string),
      source: unescape(f[dash + 2] ?? ''),
    });
  }
  return out;
}

/** The mount that holds `path` (the longest mount point that prefixes it; the last wins). */
export function mountOf(mounts: MountInfo[], path: string): MountInfo | undefined {
  let best: MountInfo | undefined;
  for (const m of mounts) {
    const p = m.mountPoint.endsWith('/') ? m.mountPoint : `${m.mountPoint}/`;
    if (path !== m.mountPoint && !`${path}/`.startsWith(p)) continue;
    if (!best || m.mountPoint.length >= best.mountPoint.length) best = m;
  }
  return best;
}

/** "true"/"false" from /sys/dev/block/<maj:min>/(..)/queue/rotational, or undefined. */
export async function ssdOf(majorMinor: string, sys = '/sys'): Promise<string | undefined> {
  try {
    let dev = await realpath(join(sys, 'dev/block', majorMinor));
    // A partition has no queue of its own: its disk is the parent directory.
    try {
      await stat(join(dev, 'partition'));
      dev = join(dev, '..');
    } catch {
      // a whole disk
    }
    const rot = (await readFile(join(dev, 'queue/rotational'), 'utf8')).trim();
    return rot === '0' ? 'true' : rot === '1' ? 'false' : undefined;
  } catch {
    return undefined;
  }
}

export const storageFingerprinter = {
  name: 'storage',
  async fingerprint(ctx) {
    mkdirSync(ctx.dataDir, { recursive: true });
    const dir = await realpath(ctx.dataDir);
    const fs = await statfs(dir);
    const total = ctx.config.diskTotalMb
      ? ctx.config.diskTotalMb * 1024 * 1024
      : fs.blocks * fs.bsize;
    const free = ctx.config.diskFreeMb ? ctx.config.diskFreeMb * 1024 * 1024 : fs.bavail * fs.bsize;
    const attributes: Record<string, string> = {
      'unique.storage.bytestotal': String(total),
      'unique.storage.bytesfree': String(free),
    };
    let mount: MountInfo | undefined;
    try {
      mount = mountOf(parseMountInfo(await readFile('/proc/self/mountinfo', 'utf8')), dir);
    } catch {
      // no /proc: volume and ssd stay unknown
    }
    if (mount) {
      attributes['unique.storage.volume'] = mount.source;
      const ssd = await ssdOf(mount.majorMinor);
      if (ssd) attributes['storage.ssd'] = ssd;
    }
    return { attributes, resources: { diskMB: Math.floor(free / (1024 * 1024)) } };
  },
} satisfies Fingerprinter;
