/**
 * A simulated cluster for constraint tests: eighteen nodes from the simulator's factory, each
 * set to a row of NODES (hostnames in the spec's `web-*` pattern and others, kernels, arches,
 * drivers present, absent or unhealthy, meta environment and rack, classes, pools and
 * datacenters), and what a failed placement's metrics should then say about them.
 */
import { expect } from 'vitest';
import type { Harness } from '../src/scheduler/index.js';
import type { AllocMetric, Job, Node } from '../src/structs/index.js';
import { countBy, simCluster } from './sim-cluster.js';

interface Row {
  host: string;
  class?: string;
  kernel?: string;
  kver?: string;
  arch?: string;
  cores?: number;
  /** Healthy drivers (default raw_exec, exec, docker). */
  drivers?: string[];
  /** docker detected but unhealthy, or reported only in the Drivers map (no attribute). */
  docker?: 'unhealthy' | 'map-only';
  /** Over environment = production; null unsets a key. */
  meta?: Record<string, string | null>;
  dc?: string;
  pool?: string;
}

export const NODES: Row[] = [
  { host: 'web-01', class: 'web', meta: { rack: 'rack1', tags: 'ssd,gpu', load: '0.75' } },
  {
    host: 'web-02',
    class: 'web',
    kver: '5.10.0',
    cores: 8,
    meta: { rack: 'rack2', tags: 'ssd', load: '1.5', want_arch: 'arm64' },
  },
  // web-01's twin: the same computed class.
  { host: 'web-03', class: 'web', meta: { rack: 'rack1', tags: 'ssd,gpu', load: '0.75' } },
  {
    host: 'web-04',
    class: 'web',
    arch: 'arm64',
    cores: 16,
    meta: { rack: 'rack2', tags: 'gpu, fpga', load: '10.25', want_arch: 'arm64' },
  },
  {
    host: 'web-05',
    kernel: 'freebsd',
    kver: '13.2',
    drivers: ['raw_exec', 'exec'],
    meta: { rack: 'rack1' },
  },
  { host: 'web-06', drivers: ['raw_exec', 'exec'], meta: { rack: 'rack2' } },
  { host: 'web-07', docker: 'unhealthy', meta: { rack: 'rack3' } },
  { host: 'web-08', class: 'web', meta: { rack: 'rack3', environment: 'staging' } },
  { host: 'web-09', class: 'web', meta: { rack: 'rack1', environment: null } },
  { host: 'WEB-10', class: 'web', meta: { rack: 'rack3' } },
  { host: 'web-13', class: 'web', kver: '6.2.0-rc1', meta: { rack: 'rack10' } },
  {
    host: 'web-15',
    kernel: 'darwin',
    kver: '23.1.0',
    arch: 'arm64',
    cores: 8,
    drivers: ['raw_exec', 'docker'],
    meta: { rack: 'rack3' },
  },
  { host: 'web-16', class: 'web', docker: 'map-only', meta: { rack: 'rack2' } },
  { host: 'edge-web-01', class: 'edge', meta: { rack: 'rack3' } },
  {
    host: 'api-01',
    class: 'api',
    kver: '4.19.0',
    cores: 32,
    meta: { rack: 'rack2', tags: 'ssd,nvme', load: '2' },
  },
  {
    host: 'batch-01',
    class: 'batch',
    kver: '4.19.0',
    arch: 'arm64',
    cores: 2,
    drivers: ['raw_exec'],
    meta: { rack: 'rack10', environment: 'development', want_arch: 'arm64' },
  },
  { host: 'web-11', class: 'web', dc: 'dc2', meta: { rack: 'rack1' } },
  { host: 'web-12', class: 'gpu', pool: 'gpu', meta: { rack: 'rack2' } },
];

export const ALL = NODES.map((r) => r.host);

/** Every host but those named. */
export const allBut = (...hosts: string[]): string[] => ALL.filter((h) => !hosts.includes(h));

/** 1000 MB of memory: one allocation of 600 MB per node, or three of the spec's 300 MB. */
const SIZE = { cpu: 4000, cores: 4, memoryMB: 1000, diskMB: 10_000 };

function apply(node: Node, row: Row): void {
  node.Name = row.host;
  node.Datacenter = row.dc ?? 'dc1';
  node.NodePool = row.pool ?? 'default';
  node.NodeClass = row.class ?? '';
  const a = node.Attributes;
  a['unique.hostname'] = row.host;
  a['kernel.name'] = row.kernel ?? 'linux';
  a['kernel.version'] = row.kver ?? '6.1.0';
  a['cpu.arch'] = row.arch ?? 'amd64';
  a['cpu.numcores'] = String(row.cores ?? 4);
  a['storage.ssd'] = 'false';
  const healthy = row.drivers ?? ['raw_exec', 'exec', 'docker'];
  const template = Object.values(node.Drivers)[0]!;
  node.Drivers = {};
  for (const k of Object.keys(a)) if (k.startsWith('driver.')) delete a[k];
  for (const d of healthy) {
    node.Drivers[d] = { ...template };
    a[`driver.${d}`] = '1';
  }
  if (row.docker === 'unhealthy') {
    node.Drivers.docker = { ...template, Healthy: false, HealthDescription: 'daemon down' };
    a['driver.docker'] = '1';
  } else if (row.docker === 'map-only') {
    delete a['driver.docker'];
  }
  node.Meta = {};
  for (const [k, v] of Object.entries({ environment: 'production', ...row.meta })) {
    if (v !== null) node.Meta[k] = v;
  }
}

/** The cluster of NODES in a scheduler harness. */
export function constraintCluster(): Harness {
  return simCluster(NODES.length, { sizes: [{ value: SIZE, weight: 1 }] }, (node, i) =>
    apply(node, NODES[i]!),
  );
}

export const byHost = (h: Harness, host: string): Node =>
  h.state.nodes().find((n) => n.Name === host)!;

/** Live allocations of the job per host. */
export const perHost = (h: Harness, job: Job): Record<string, number> =>
  countBy(h, job, (n) => n.Name);

/** `n` allocations on each of the hosts. */
export const each = (hosts: string[], n: number): Record<string, number> =>
  Object.fromEntries(hosts.map((host) => [host, n]));

/** How many hosts give each value. */
export function tally(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** The metric of the group's failed placements in the harness's `i`th updated eval. */
export function failure(h: Harness, group: string, i = 0): AllocMetric {
  const m = h.updatedEvals[i]!.FailedTGAllocs?.[group];
  expect(m, `eval ${i} reports a failed placement of ${group}`).toBeDefined();
  return m!;
}

export const INELIGIBLE = 'computed class ineligible';

/**
 * ConstraintFiltered for a placement that walked the filtered `hosts` with nothing cached yet,
 * all failing `reason`. As in Nomad, a constraint on class attributes is checked once per
 * computed class in an evaluation (the class's other nodes count as "computed class
 * ineligible"); one reading a unique attribute is checked, and named, on every node.
 */
export function filteredFresh(
  h: Harness,
  hosts: string[],
  reason: string,
  unique: boolean,
): Record<string, number> {
  const classes = new Set(hosts.map((host) => byHost(h, host).ComputedClass)).size;
  const named = unique ? hosts.length : classes;
  const out: Record<string, number> = {};
  if (named > 0) out[reason] = named;
  if (hosts.length > named) out[INELIGIBLE] = hosts.length - named;
  return out;
}
