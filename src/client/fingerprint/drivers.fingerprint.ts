/**
 * The drivers: each enabled driver's own fingerprint gives `driver.<name>` = "1" and its
 * attributes when healthy, and Node.Drivers[name]. A driver whose fingerprint throws is
 * detected but unhealthy, with the error as its description (so does one that does not answer
 * within 10 s). Runs again periodically.
 */
import type { DriverInfo } from '../../structs/index.js';
import type { Fingerprinter } from './fingerprinter.js';

const TIMEOUT_MS = 10_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error(`no answer within ${ms / 1000}s`)), ms);
    t.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}

export const driversFingerprinter = {
  name: 'drivers',
  periodic: true,
  async fingerprint(ctx) {
    const attributes: Record<string, string> = {};
    const drivers: Record<string, DriverInfo> = {};
    const now = Date.now() * 1e6;
    for (const [name, driver] of ctx.drivers) {
      let info: DriverInfo;
      try {
        const fp = await withTimeout(driver.fingerprint(), TIMEOUT_MS);
        const healthy = fp.health === 'healthy';
        info = {
          Attributes: healthy ? { ...fp.attributes } : null,
          Detected: fp.health !== 'undetected',
          Healthy: healthy,
          HealthDescription: fp.description,
          UpdateTime: now,
        };
        if (healthy) {
          Object.assign(attributes, fp.attributes);
          attributes[`driver.${name}`] = '1';
        }
      } catch (e) {
        info = {
          Attributes: null,
          Detected: true,
          Healthy: false,
          HealthDescription: `fingerprint failed: ${e instanceof Error ? e.message : String(e)}`,
          UpdateTime: now,
        };
      }
      drivers[name] = info;
    }
    return { attributes, drivers };
  },
} satisfies Fingerprinter;
