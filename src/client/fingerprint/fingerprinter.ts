/**
 * The fingerprinter plugin interface (Nomad's client/fingerprint): each plugin looks at one
 * part of the machine and answers with node attributes (without the `attr.` prefix, as Nomad
 * stores them) and the resources it found.
 */
import type { TaskDriver } from '../../drivers/index.js';
import type { DriverInfo, NetworkResource } from '../../structs/index.js';
import type { ResolvedClientConfig } from '../config.js';

export interface FingerprintContext {
  config: ResolvedClientConfig;
  /** The enabled drivers, by name. */
  drivers: ReadonlyMap<string, TaskDriver>;
  /** Where the client's data lives (the storage fingerprint measures its filesystem). */
  dataDir: string;
}

export interface FingerprintResources {
  cpuShares?: number;
  totalCpuCores?: number;
  reservableCpuCores?: number[];
  memoryMB?: number;
  diskMB?: number;
  networks?: NetworkResource[];
}

export interface FingerprintResult {
  attributes?: Record<string, string>;
  resources?: FingerprintResources;
  /** Node.Drivers entries (the drivers fingerprinter). */
  drivers?: Record<string, DriverInfo>;
}

export interface Fingerprinter {
  name: string;
  /** Runs on every driver re-fingerprint too (only the drivers one does). */
  periodic?: boolean;
  fingerprint(ctx: FingerprintContext): Promise<FingerprintResult>;
}
