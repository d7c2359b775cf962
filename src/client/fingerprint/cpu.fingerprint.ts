/**
 * CPU: `cpu.numcores`, `cpu.modelname`, `cpu.frequency` (MHz), `cpu.totalcompute` (cores ×
 * MHz, or `cpu_total_compute` from config), `cpu.reservablecores`; NodeResources.Cpu.
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import type { Fingerprinter } from './fingerprinter.js';

/** MHz of the CPU: what Node reports, else /proc/cpuinfo, else sysfs' maximum. */
async function frequencyMHz(reported: number): Promise<number> {
  if (reported > 0) return reported;
  try {
    const info = await readFile('/proc/cpuinfo', 'utf8');
    const m = /^cpu MHz\s*:\s*([\d.]+)/m.exec(info);
    if (m) return Math.round(Number(m[1]));
  } catch {
    // not Linux, or no /proc
  }
  try {
    const khz = await readFile('/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq', 'utf8');
    return Math.round(Number(khz.trim()) / 1000);
  } catch {
    return 0;
  }
}

/** "0-1,3" → [0, 1, 3]. */
export function parseCoreSet(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',').map((s) => s.trim())) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    if (a === undefined || !Number.isInteger(a)) continue;
    const end = b !== undefined && Number.isInteger(b) ? b : a;
    for (let i = a; i <= end; i++) out.push(i);
  }
  return out;
}

export const cpuFingerprinter = {
  name: 'cpu',
  async fingerprint(ctx) {
    const list = cpus();
    const cores = list.length;
    const mhz = await frequencyMHz(list[0]?.speed ?? 0);
    const total = ctx.config.cpuTotalCompute || cores * mhz;
    const reserved = new Set(parseCoreSet(ctx.config.reserved.cores));
    const reservable = Array.from({ length: cores }, (_, i) => i).filter((i) => !reserved.has(i));
    const attributes: Record<string, string> = {
      'cpu.numcores': String(cores),
      'cpu.totalcompute': String(total),
      'cpu.reservablecores': String(reservable.length),
    };
    if (list[0]?.model) attributes['cpu.modelname'] = list[0].model.trim();
    if (mhz > 0) attributes['cpu.frequency'] = String(mhz);
    return {
      attributes,
      resources: { cpuShares: total, totalCpuCores: cores, reservableCpuCores: reservable },
    };
  },
} satisfies Fingerprinter;
