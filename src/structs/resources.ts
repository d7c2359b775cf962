/** What a task asks for: CPU, memory, disk, networks and devices. */
import type { Affinity, Constraint } from './constraint.js';

export interface Port {
  Label: string;
  /** The static port (`static`); 0 for a dynamic port the scheduler picks. */
  Value: number;
  /** The port inside the task's network namespace (`to`); 0 means the same as Value. */
  To: number;
  HostNetwork: string;
  IgnoreCollision?: boolean;
}

export interface DNSConfig {
  Servers: string[] | null;
  Searches: string[] | null;
  Options: string[] | null;
}

export interface NetworkResource {
  /** "host" (default when empty), "bridge", "none", "cni/<name>". */
  Mode: string;
  Device: string;
  CIDR: string;
  IP: string;
  Hostname: string;
  DNS: DNSConfig | null;
  /** Ports with a static value. */
  ReservedPorts: Port[] | null;
  /** Ports the scheduler picks. */
  DynamicPorts: Port[] | null;
  /** Deprecated bandwidth ask. */
  MBits: number;
  CNI?: { Args: Record<string, string> | null } | null;
}

/** `device "nvidia/gpu" { count = 2 }` */
export interface RequestedDevice {
  Name: string;
  Count: number;
  Constraints: Constraint[] | null;
  Affinities: Affinity[] | null;
}

export interface NUMAResource {
  Affinity: string;
  Devices: string[] | null;
}

export interface Resources {
  /** MHz */
  CPU: number;
  /** Whole cores; CPU is 0 when cores are asked for. */
  Cores: number;
  MemoryMB: number;
  /** The memory limit when oversubscription is on; 0 when unset. */
  MemoryMaxMB: number;
  /** Deprecated; the group's ephemeral_disk is what counts. */
  DiskMB: number;
  IOPS?: number;
  SecretsMB?: number;
  Networks: NetworkResource[] | null;
  Devices: RequestedDevice[] | null;
  NUMA?: NUMAResource | null;
}
