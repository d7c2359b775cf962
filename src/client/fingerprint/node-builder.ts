/**
 * Runs the fingerprinters and builds the Node the client registers: attributes (without the
 * `attr.` prefix), meta, class, pool and datacenter from config, resources and reserved
 * resources, drivers.
 */
import type { DriverInfo, Node } from '../../structs/index.js';
import type { ResolvedClientConfig } from '../config.js';
import type {
  FingerprintContext,
  FingerprintResources,
  FingerprintResult,
  Fingerprinter,
} from './fingerprinter.js';

export interface Fingerprint {
  attributes: Record<string, string>;
  resources: FingerprintResources;
  drivers: Record<string, DriverInfo>;
}

/** Runs the fingerprinters in order; one that fails is logged and skipped. */
export async function fingerprintNode(
  fingerprinters: Iterable<Fingerprinter>,
  ctx: FingerprintContext,
): Promise<Fingerprint> {
  const out: Fingerprint = { attributes: {}, resources: {}, drivers: {} };
  for (const fp of fingerprinters) {
    let r: FingerprintResult;
    try {
      r = await fp.fingerprint(ctx);
    } catch (e) {
      ctx.config.logger.warn(`fingerprint ${fp.name}: ${e instanceof Error ? e.message : e}`);
      continue;
    }
    mergeResult(out, r);
  }
  return out;
}

export function mergeResult(into: Fingerprint, r: FingerprintResult): void {
  Object.assign(into.attributes, r.attributes);
  Object.assign(into.resources, r.resources);
  Object.assign(into.drivers, r.drivers);
}

export function buildNode(
  identity: { id: string; secretID: string },
  config: ResolvedClientConfig,
  fp: Fingerprint,
): Node {
  const r = fp.resources;
  return {
    ID: identity.id,
    SecretID: identity.secretID,
    Datacenter: config.datacenter,
    Name: config.name,
    HTTPAddr: config.httpAddr,
    NodeClass: config.nodeClass,
    NodePool: config.nodePool,
    ComputedClass: '',
    Attributes: { ...fp.attributes },
    Meta: { ...config.meta },
    Drivers: structuredClone(fp.drivers),
    NodeResources: {
      Cpu: {
        CpuShares: r.cpuShares ?? 0,
        TotalCpuCores: r.totalCpuCores ?? 0,
        ReservableCpuCores: r.reservableCpuCores ?? null,
      },
      Memory: { MemoryMB: r.memoryMB ?? 0 },
      Disk: { DiskMB: r.diskMB ?? 0 },
      Networks: r.networks ?? null,
      MinDynamicPort: config.minDynamicPort,
      MaxDynamicPort: config.maxDynamicPort,
    },
    ReservedResources: {
      Cpu: { CpuShares: config.reserved.cpu },
      Memory: { MemoryMB: config.reserved.memory },
      Disk: { DiskMB: config.reserved.disk },
      Networks: { ReservedHostPorts: config.reserved.reservedPorts },
    },
    Status: 'initializing',
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

/** Whether two driver fingerprints differ in what the servers care about (not UpdateTime). */
export function driversChanged(
  a: Record<string, DriverInfo>,
  b: Record<string, DriverInfo>,
): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (!x || !y) return true;
    if (x.Detected !== y.Detected || x.Healthy !== y.Healthy) return true;
    if (x.HealthDescription !== y.HealthDescription) return true;
    if (JSON.stringify(x.Attributes) !== JSON.stringify(y.Attributes)) return true;
  }
  return false;
}
