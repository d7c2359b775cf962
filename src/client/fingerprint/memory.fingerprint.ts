/** `memory.totalbytes` and NodeResources.Memory (or `memory_total_mb` from config). */
import { totalmem } from 'node:os';
import type { Fingerprinter } from './fingerprinter.js';

export const memoryFingerprinter = {
  name: 'memory',
  async fingerprint(ctx) {
    const bytes = ctx.config.memoryTotalMb ? ctx.config.memoryTotalMb * 1024 * 1024 : totalmem();
    return {
      attributes: { 'memory.totalbytes': String(bytes) },
      resources: { memoryMB: Math.floor(bytes / (1024 * 1024)) },
    };
  },
} satisfies Fingerprinter;
