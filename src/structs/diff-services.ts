/**
 * Diffs of services (Nomad's serviceDiffs): services paired by name, port label and position,
 * their tags, checks (by name) and Consul Connect settings.
 */
import { byName, compareObjects, contentKey, stringSetDiff, type ObjectDiff } from './diff-core.js';
import { configDiff, structDiff } from './diff-parts.js';
import type { Service, ServiceCheck } from './service.js';

type Obj = Record<string, unknown>;

/**
 * Services have no stable identity either: each old service is paired with the unmatched new
 * one that scores highest on name (3), port label (2) and position (1), if above 2.
 */
export function serviceDiffs(
  oldL: Service[] | null | undefined,
  newL: Service[] | null | undefined,
  contextual: boolean,
): ObjectDiff[] {
  const olds = oldL ?? [];
  const news = newL ?? [];
  if (olds.length === 1 && news.length === 1) {
    const d = serviceDiff(olds[0], news[0], contextual);
    return d ? [d] : [];
  }
  const matched = news.map(() => -1);
  const out: ObjectDiff[] = [];
  olds.forEach((s, i) => {
    let best = -1;
    let bestScore = 0;
    news.forEach((c, j) => {
      if (matched[j]! >= 0) return;
      const score =
        (i === j ? 1 : 0) + (s.PortLabel === c.PortLabel ? 2 : 0) + (s.Name === c.Name ? 3 : 0);
      if (score > 2 && score > bestScore) {
        bestScore = score;
        best = j;
      }
    });
    if (best >= 0) matched[best] = i;
    const d = serviceDiff(s, best >= 0 ? news[best] : undefined, contextual);
    if (d) out.push(d);
  });
  news.forEach((c, j) => {
    if (matched[j]! >= 0) return;
    const d = serviceDiff(undefined, c, contextual);
    if (d) out.push(d);
  });
  return out.sort(compareObjects);
}

function serviceDiff(
  o: Service | undefined,
  n: Service | undefined,
  contextual: boolean,
): ObjectDiff | null {
  return structDiff('Service', o, n, contextual, {
    objects: (a, b) => [
      stringSetDiff(a?.CanaryTags, b?.CanaryTags, 'CanaryTags', contextual),
      stringSetDiff(a?.Tags, b?.Tags, 'Tags', contextual),
      checkDiffs(a?.Checks, b?.Checks, contextual),
      genericDiff('ConsulConnect', a?.Connect, b?.Connect, contextual),
    ],
  });
}

function checkDiffs(
  oldL: ServiceCheck[] | null | undefined,
  newL: ServiceCheck[] | null | undefined,
  contextual: boolean,
): ObjectDiff[] {
  const out: ObjectDiff[] = [];
  for (const [, o, n] of byName(oldL, newL)) {
    const d = structDiff('Check', o, n, contextual, {
      objects: (a, b) => [
        // Headers flatten like a Config: `X-Token[0]`.
        configDiff(a?.Header, b?.Header, contextual, 'Header'),
        structDiff('CheckRestart', a?.CheckRestart, b?.CheckRestart, contextual),
      ],
    });
    if (d) out.push(d);
  }
  return out.sort(compareObjects);
}

/** Names Nomad gives the nested objects of Consul Connect settings. */
const CONNECT_NAMES: Record<string, string> = {
  Proxy: 'ConsulProxy',
  Upstreams: 'ConsulUpstreams',
  Expose: 'ConsulExposeConfig',
  Paths: 'ConsulExposePath',
  TransparentProxy: 'TransparentProxy',
};

/**
 * Any nested settings (Consul Connect): primitive fields, string lists as sets, free-form
 * `Config` maps, nested objects and lists of objects by content.
 */
function genericDiff(name: string, o: unknown, n: unknown, contextual: boolean): ObjectDiff | null {
  return structDiff<Obj>(name, o as Obj | null, n as Obj | null, contextual, {
    objects: (a, b) => {
      const out: (ObjectDiff | null | ObjectDiff[])[] = [];
      for (const k of [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort()) {
        const x = a?.[k];
        const y = b?.[k];
        const sample = x ?? y;
        if (sample === null || sample === undefined || typeof sample !== 'object') continue;
        const label = CONNECT_NAMES[k] ?? k;
        if (k === 'Config') out.push(configDiff(x as Obj, y as Obj, contextual));
        else if (Array.isArray(sample)) {
          if (sample.every((e) => typeof e === 'string'))
            out.push(stringSetDiff(x as string[], y as string[], k, contextual));
          else out.push(objectListDiff(label, x as unknown[], y as unknown[], contextual));
        } else if (!['Meta', 'Env', 'CanaryMeta'].includes(k)) {
          out.push(genericDiff(label, x, y, contextual));
        }
      }
      return out;
    },
  });
}

function objectListDiff(
  name: string,
  oldL: unknown[] | null | undefined,
  newL: unknown[] | null | undefined,
  contextual: boolean,
): ObjectDiff[] {
  const set = (l: unknown[] | null | undefined) =>
    new Map((l ?? []).map((e) => [contentKey(e), e] as const));
  const oldS = set(oldL);
  const newS = set(newL);
  const out: ObjectDiff[] = [];
  for (const [k, e] of oldS) {
    const d = newS.has(k) ? null : genericDiff(name, e, undefined, contextual);
    if (d) out.push(d);
  }
  for (const [k, e] of newS) {
    const d = oldS.has(k) ? null : genericDiff(name, undefined, e, contextual);
    if (d) out.push(d);
  }
  return out.sort(compareObjects);
}
