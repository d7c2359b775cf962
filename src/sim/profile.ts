/**
 * What simulated nodes look like: datacenters, pools, classes, sizes and meta values, each
 * drawn with a weight. A profile is JSON (`caravan sim -profile FILE`); anything left out
 * takes the default below.
 */

export interface Weighted<T> {
  value: T;
  weight: number;
}

export interface NodeSize {
  /** MHz of compute. */
  cpu: number;
  cores: number;
  memoryMB: number;
  diskMB: number;
}

export interface SimProfile {
  datacenters: Weighted<string>[];
  pools: Weighted<string>[];
  classes: Weighted<string>[];
  sizes: Weighted<NodeSize>[];
  /** Per meta key, the values drawn for it. */
  meta: Record<string, Weighted<string>[]>;
  /** Drivers every simulated node reports as detected and healthy. */
  drivers: string[];
  /** Chance (0..1) that an allocation fails when it starts instead of running. */
  failRate: number;
  /** Chance (0..1) that a node's attr.storage.ssd is "true". */
  ssdRate: number;
}

export const DEFAULT_PROFILE: SimProfile = {
  datacenters: [{ value: 'dc1', weight: 1 }],
  pools: [{ value: 'default', weight: 1 }],
  classes: [
    { value: '', weight: 2 },
    { value: 'web', weight: 1 },
  ],
  sizes: [
    { value: { cpu: 8000, cores: 4, memoryMB: 16384, diskMB: 100_000 }, weight: 3 },
    { value: { cpu: 16000, cores: 8, memoryMB: 32768, diskMB: 200_000 }, weight: 1 },
  ],
  meta: {
    rack: [
      { value: 'rack1', weight: 1 },
      { value: 'rack2', weight: 1 },
    ],
    environment: [{ value: 'production', weight: 1 }],
  },
  drivers: ['mock_driver', 'raw_exec', 'exec', 'docker'],
  failRate: 0,
  ssdRate: 0.5,
};

/** A profile from JSON, defaults filled in; throws an Error saying what is wrong. */
export function parseProfile(text: string, filename: string): SimProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${filename}: not valid JSON: ${(e as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(
      `${filename}: a profile is a JSON object such as {"datacenters": [{"value": "dc1", "weight": 1}]}`,
    );
  }
  const p = { ...DEFAULT_PROFILE, ...(raw as Partial<SimProfile>) };
  for (const key of ['datacenters', 'pools', 'classes', 'sizes'] as const) {
    const list = p[key] as Weighted<unknown>[];
    if (!Array.isArray(list) || list.length === 0 || list.some((w) => !(w.weight > 0))) {
      throw new Error(
        `${filename}: "${key}" must be a non-empty list of {"value": ..., "weight": N} with N > 0`,
      );
    }
  }
  if (!(p.failRate >= 0 && p.failRate <= 1))
    throw new Error(`${filename}: "failRate" must be between 0 and 1`);
  return p;
}

/** Draws one value by weight. */
export function pick<T>(list: Weighted<T>[], random: () => number): T {
  let total = 0;
  for (const w of list) total += w.weight;
  let r = random() * total;
  for (const w of list) {
    r -= w.weight;
    if (r < 0) return w.value;
  }
  return (list[list.length - 1] as Weighted<T>).value;
}
