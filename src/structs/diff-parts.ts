/**
 * Diffs of the objects inside groups and tasks (Nomad's diff.go): resources and networks,
 * templates, vault, volumes, scaling, spreads, a task's free-form Config, and the common
 * shape of an object diff. Each returns null (or an empty list) when nothing differs.
 */
import type { Spread } from './constraint.js';
import {
  byName,
  compareObjects,
  contentKey,
  fieldDiffs,
  flattenAll,
  flattenPrimitive,
  orNull,
  primitiveObjectDiff,
  primitiveObjectSetDiff,
  same,
  stringSetDiff,
  type DiffType,
  type Flat,
  type ObjectDiff,
} from './diff-core.js';
import type { DNSConfig, NetworkResource, Port, RequestedDevice, Resources } from './resources.js';
import type { ScalingPolicy } from './strategies.js';
import type { Template, Vault, VolumeRequest } from './task-parts.js';

type Obj = Record<string, unknown>;

interface StructDiffOptions<T> {
  filter?: readonly string[];
  /** Whether unchanged fields are kept (default: the diff's contextual flag). */
  fieldsContextual?: boolean;
  /** Extra fields (Nomad's special cases for pointers). */
  flat?: (o: T) => Flat;
  /** The nested objects' diffs, in Nomad's order. */
  objects?: (o: T | undefined, n: T | undefined) => (ObjectDiff | null | ObjectDiff[])[];
}

/**
 * The common shape of Nomad's object diffs: null when equal, else Added, Deleted or Edited
 * with the primitive fields and the nested objects.
 */
export function structDiff<T>(
  name: string,
  oldO: T | null | undefined,
  newO: T | null | undefined,
  contextual: boolean,
  opts: StructDiffOptions<T> = {},
): ObjectDiff | null {
  if (same(oldO, newO)) return null;
  const type: DiffType = oldO == null ? 'Added' : newO == null ? 'Deleted' : 'Edited';
  const flat = (o: T | null | undefined): Flat =>
    o == null ? {} : { ...flattenPrimitive(o, opts.filter ?? [], name), ...opts.flat?.(o) };
  const fields = fieldDiffs(flat(oldO), flat(newO), opts.fieldsContextual ?? contextual);
  const objects: ObjectDiff[] = [];
  for (const d of opts.objects?.(oldO ?? undefined, newO ?? undefined) ?? []) {
    if (Array.isArray(d)) objects.push(...d);
    else if (d) objects.push(d);
  }
  return { Type: type, Name: name, Fields: fields, Objects: orNull(objects) };
}

/** A task's Config (or any free-form map): one field per leaf, `args[0]`, `port_map[0][db]`. */
export function configDiff(
  oldC: Obj | null | undefined,
  newC: Obj | null | undefined,
  contextual: boolean,
  name = 'Config',
): ObjectDiff | null {
  if (same(oldC, newC)) return null;
  const empty = (c: Obj | null | undefined) => c == null || Object.keys(c).length === 0;
  const type: DiffType = empty(oldC) ? 'Added' : empty(newC) ? 'Deleted' : 'Edited';
  const fields = fieldDiffs(flattenAll(oldC ?? {}), flattenAll(newC ?? {}), contextual);
  return { Type: type, Name: name, Fields: fields, Objects: null };
}

export function resourcesDiff(
  oldR: Resources | null | undefined,
  newR: Resources | null | undefined,
  contextual: boolean,
): ObjectDiff | null {
  return structDiff('Resources', oldR, newR, contextual, {
    objects: (o, n) => [
      networkDiffs(o?.Networks, n?.Networks, contextual),
      deviceDiffs(o?.Devices, n?.Devices, contextual),
    ],
  });
}

/** Networks have no identity: a changed network is a Deleted and an Added one. */
export function networkDiffs(
  oldL: NetworkResource[] | null | undefined,
  newL: NetworkResource[] | null | undefined,
  contextual: boolean,
): ObjectDiff[] {
  const set = (l: NetworkResource[] | null | undefined) =>
    new Map((l ?? []).map((n) => [contentKey(n), n] as const));
  const oldS = set(oldL);
  const newS = set(newL);
  const out: ObjectDiff[] = [];
  for (const [k, o] of oldS) {
    const d = newS.has(k) ? null : networkDiff(o, undefined, contextual);
    if (d) out.push(d);
  }
  for (const [k, n] of newS) {
    const d = oldS.has(k) ? null : networkDiff(undefined, n, contextual);
    if (d) out.push(d);
  }
  return out.sort(compareObjects);
}

function networkDiff(
  o: NetworkResource | undefined,
  n: NetworkResource | undefined,
  contextual: boolean,
): ObjectDiff | null {
  return structDiff('Network', o, n, contextual, {
    filter: ['Device', 'CIDR', 'IP'],
    objects: (a, b) => [
      portDiffs(a?.ReservedPorts, b?.ReservedPorts, false, contextual),
      portDiffs(a?.DynamicPorts, b?.DynamicPorts, true, contextual),
      dnsDiff(a?.DNS, b?.DNS, contextual),
    ],
  });
}

function portDiffs(
  oldL: Port[] | null | undefined,
  newL: Port[] | null | undefined,
  dynamic: boolean,
  contextual: boolean,
): ObjectDiff[] {
  const name = dynamic ? 'Dynamic Port' : 'Static Port';
  const filter = dynamic ? ['Value'] : [];
  const out: ObjectDiff[] = [];
  for (const [, o, n] of byName(relabel(oldL), relabel(newL))) {
    const d = primitiveObjectDiff(o?.port, n?.port, filter, name, contextual);
    if (d) out.push(d);
  }
  return out.sort(compareObjects);
}

function relabel(l: Port[] | null | undefined): { Name: string; port: Port }[] {
  return (l ?? []).map((p) => ({ Name: p.Label, port: p }));
}

function dnsDiff(
  o: DNSConfig | null | undefined,
  n: DNSConfig | null | undefined,
  contextual: boolean,
): ObjectDiff | null {
  if (same(o, n)) return null;
  const flat = (d: DNSConfig | null | undefined): Flat => {
    const m: Flat = {};
    if (d?.Servers?.length) m.Servers = d.Servers.join(',');
    if (d?.Searches?.length) m.Searches = d.Searches.join(',');
    if (d?.Options?.length) m.Options = d.Options.join(',');
    return m;
  };
  const type: DiffType = o == null ? 'Added' : n == null ? 'Deleted' : 'Edited';
  return {
    Type: type,
    Name: 'DNS',
    Fields: fieldDiffs(flat(o), flat(n), contextual),
    Objects: null,
  };
}

function deviceDiffs(
  oldL: RequestedDevice[] | null | undefined,
  newL: RequestedDevice[] | null | undefined,
  contextual: boolean,
): ObjectDiff[] {
  const out: ObjectDiff[] = [];
  for (const [, o, n] of byName(oldL, newL)) {
    const d = structDiff('Device', o, n, contextual);
    if (d) out.push(d);
  }
  return out.sort(compareObjects);
}

/** Templates are matched by destination; a lone pair is compared directly. */
export function templateDiffs(
  oldL: Template[] | null | undefined,
  newL: Template[] | null | undefined,
  contextual: boolean,
): ObjectDiff[] {
  const olds = oldL ?? [];
  const news = newL ?? [];
  if (olds.length === 1 && news.length === 1) {
    const d = templateDiff(olds[0], news[0], contextual);
    return d ? [d] : [];
  }
  const used = new Set<number>();
  const out: ObjectDiff[] = [];
  for (const t of olds) {
    const j = news.findIndex((c, i) => !used.has(i) && c.DestPath === t.DestPath);
    if (j >= 0) used.add(j);
    const d = templateDiff(t, j >= 0 ? news[j] : undefined, contextual);
    if (d) out.push(d);
  }
  news.forEach((c, i) => {
    if (used.has(i)) return;
    const d = templateDiff(undefined, c, contextual);
    if (d) out.push(d);
  });
  return out.sort(compareObjects);
}

function templateDiff(
  o: Template | undefined,
  n: Template | undefined,
  contextual: boolean,
): ObjectDiff | null {
  const wait = (t: Template | undefined) =>
    t?.Wait == null
      ? undefined
      : {
          Min: t.Wait.Min === null ? 'nil' : String(t.Wait.Min),
          Max: t.Wait.Max === null ? 'nil' : String(t.Wait.Max),
        };
  return structDiff('Template', o, n, contextual, {
    objects: (a, b) => [
      // Nomad names the wait block's diff "Template" too.
      same(a?.Wait, b?.Wait) ? null : structDiff('Template', wait(a), wait(b), contextual),
      structDiff('ChangeScript', a?.ChangeScript, b?.ChangeScript, contextual, {
        objects: (x, y) => [stringSetDiff(x?.Args, y?.Args, 'Args', contextual)],
      }),
    ],
  });
}

export function vaultDiff(
  o: Vault | null | undefined,
  n: Vault | null | undefined,
  contextual: boolean,
): ObjectDiff | null {
  return structDiff('Vault', o, n, contextual, {
    objects: (a, b) => [stringSetDiff(a?.Policies, b?.Policies, 'Policies', contextual)],
  });
}

/** A group's volumes, by name. */
export function volumeDiffs(
  oldM: Record<string, VolumeRequest> | null | undefined,
  newM: Record<string, VolumeRequest> | null | undefined,
  contextual: boolean,
): ObjectDiff[] {
  if (same(oldM, newM)) return [];
  const names = [...new Set([...Object.keys(oldM ?? {}), ...Object.keys(newM ?? {})])].sort();
  const out: ObjectDiff[] = [];
  for (const name of names) {
    const d = structDiff('Volume', oldM?.[name], newM?.[name], contextual, {
      objects: (a, b) => [
        structDiff('MountOptions', a?.MountOptions, b?.MountOptions, contextual, {
          objects: (x, y) => [
            stringSetDiff(x?.MountFlags, y?.MountFlags, 'MountFlags', contextual),
          ],
        }),
      ],
    });
    if (d) out.push(d);
  }
  return out;
}

const SCALING_FILTER = [
  'CreateIndex',
  'ModifyIndex',
  'ID',
  'Type',
  'Target[Job]',
  'Target[Group]',
  'Target[Namespace]',
];

/** The group's scaling policy; the server-set ID and target are not compared. */
export function scalingDiff(
  o: ScalingPolicy | null | undefined,
  n: ScalingPolicy | null | undefined,
  contextual: boolean,
): ObjectDiff | null {
  const comparable = (s: ScalingPolicy | null | undefined) =>
    s == null ? null : { ...flattenPrimitive(s, SCALING_FILTER), Policy: s.Policy };
  if (same(comparable(o), comparable(n))) return null;
  return structDiff('Scaling', o, n, contextual, {
    filter: SCALING_FILTER,
    fieldsContextual: false,
    objects: (a, b) => [configDiff(a?.Policy, b?.Policy, false, 'Policy')],
  });
}

/** Spreads by content, each with its targets. */
export function spreadDiffs(
  oldL: Spread[] | null | undefined,
  newL: Spread[] | null | undefined,
  contextual: boolean,
): ObjectDiff[] {
  const set = (l: Spread[] | null | undefined) =>
    new Map((l ?? []).map((s) => [contentKey(s), s] as const));
  const oldS = set(oldL);
  const newS = set(newL);
  const one = (o: Spread | undefined, n: Spread | undefined) =>
    structDiff('Spread', o, n, contextual, {
      objects: (a, b) => [
        primitiveObjectSetDiff(a?.SpreadTarget, b?.SpreadTarget, [], 'SpreadTarget', contextual),
      ],
    });
  const out: ObjectDiff[] = [];
  for (const [k, s] of oldS) if (!newS.has(k)) out.push(one(s, undefined)!);
  for (const [k, s] of newS) if (!oldS.has(k)) out.push(one(undefined, s)!);
  return out.sort(compareObjects);
}
