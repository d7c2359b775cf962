/** Builds a simulated node as a real client would register it. */
import type { DriverInfo, Node } from '../structs/index.js';
import { pick, type SimProfile } from './profile.js';

export interface SimNodeOptions {
  index: number;
  id: string;
  secretID: string;
  profile: SimProfile;
  random: () => number;
  /** Unix nanoseconds, for driver update times. */
  now: number;
}

export function simNode(o: SimNodeOptions): Node {
  const { profile, random } = o;
  const size = pick(profile.sizes, random);
  const name = `sim-${String(o.index).padStart(5, '0')}`;
  const meta: Record<string, string> = {};
  for (const [k, values] of Object.entries(profile.meta))
    if (values.length > 0) meta[k] = pick(values, random);
  const drivers: Record<string, DriverInfo> = {};
  const attrs: Record<string, string> = {
    'kernel.name': 'linux',
    'kernel.version': '6.1.0',
    'os.name': 'debian',
    'cpu.arch': 'amd64',
    'cpu.numcores': String(size.cores),
    'cpu.totalcompute': String(size.cpu),
    'cpu.modelname': 'Simulated CPU',
    'memory.totalbytes': String(size.memoryMB * 1024 * 1024),
    'storage.ssd': random() < profile.ssdRate ? 'true' : 'false',
    'nomad.version': '1.8.0',
    'caravan.simulated': 'true',
    'unique.hostname': name,
    'unique.network.ip-address': `127.0.${(o.index >> 8) & 255}.${o.index & 255}`,
  };
  for (const d of profile.drivers) {
    attrs[`driver.${d}`] = '1';
    drivers[d] = {
      Attributes: null,
      Detected: true,
      Healthy: true,
      HealthDescription: 'Healthy',
      UpdateTime: o.now,
    };
  }
  return {
    ID: o.id,
    SecretID: o.secretID,
    Datacenter: pick(profile.datacenters, random),
    Name: name,
    HTTPAddr: '',
    NodeClass: pick(profile.classes, random),
    NodePool: pick(profile.pools, random),
    ComputedClass: '',
    Attributes: attrs,
    Meta: meta,
    Drivers: drivers,
    NodeResources: {
      Cpu: { CpuShares: size.cpu, TotalCpuCores: size.cores, ReservableCpuCores: null },
      Memory: { MemoryMB: size.memoryMB },
      Disk: { DiskMB: size.diskMB },
      Networks: null,
      MinDynamicPort: 20000,
      MaxDynamicPort: 32000,
    },
    ReservedResources: {
      Cpu: { CpuShares: 0 },
      Memory: { MemoryMB: 0 },
      Disk: { DiskMB: 0 },
      Networks: { ReservedHostPorts: '' },
    },
    Status: 'ready',
    StatusDescription: '',
    StatusUpdatedAt: 0,
    SchedulingEligibility: 'eligible',
    DrainStrategy: null,
    Drain: false,
    Events: null,
    CreateIndex: 0,
    ModifyIndex: 0,
  };
}
