/** Service registrations, health checks and Consul Connect (service mesh) settings. */
import type { Resources } from './resources.js';
import type { LogConfig, VolumeMount, WorkloadIdentity } from './task-parts.js';

export const CHECK_TYPES = ['http', 'tcp', 'script', 'grpc'] as const;

export interface CheckRestart {
  Limit: number;
  /** ns */
  Grace: number;
  IgnoreWarnings: boolean;
}

export interface ServiceCheck {
  Name: string;
  /** "http", "tcp", "script" or "grpc". */
  Type: string;
  Command: string;
  Args: string[] | null;
  Path: string;
  Protocol: string;
  PortLabel: string;
  Expose: boolean;
  AddressMode: string;
  Advertise?: string;
  /** ns */
  Interval: number;
  /** ns */
  Timeout: number;
  InitialStatus: string;
  Notes?: string;
  TLSServerName?: string;
  TLSSkipVerify: boolean;
  Method: string;
  Header: Record<string, string[]> | null;
  CheckRestart: CheckRestart | null;
  GRPCService: string;
  GRPCUseTLS: boolean;
  /** The task a group-level script check runs in. */
  TaskName: string;
  SuccessBeforePassing: number;
  FailuresBeforeCritical: number;
  FailuresBeforeWarning?: number;
  Body: string;
  OnUpdate: string;
}

export interface ConsulUpstream {
  DestinationName: string;
  DestinationNamespace?: string;
  DestinationPeer?: string;
  DestinationPartition?: string;
  DestinationType?: string;
  LocalBindPort: number;
  LocalBindAddress?: string;
  LocalBindSocketPath?: string;
  LocalBindSocketMode?: string;
  Datacenter: string;
  MeshGateway?: { Mode: string } | null;
  Config?: Record<string, unknown> | null;
}

export interface ConsulExposePath {
  Path: string;
  Protocol: string;
  LocalPathPort: number;
  ListenerPort: string;
}

export interface ConsulExposeConfig {
  Paths: ConsulExposePath[] | null;
}

export interface ConsulTransparentProxy {
  UID?: string;
  OutboundPort?: number;
  ExcludeInboundPorts?: string[] | null;
  ExcludeOutboundPorts?: number[] | null;
  ExcludeOutboundCIDRs?: string[] | null;
  ExcludeUIDs?: string[] | null;
  NoDNS?: boolean;
}

export interface ConsulProxy {
  LocalServiceAddress: string;
  LocalServicePort: number;
  Expose: ConsulExposeConfig | null;
  Upstreams: ConsulUpstream[] | null;
  TransparentProxy?: ConsulTransparentProxy | null;
  /** Free-form proxy settings (e.g. envoy_prometheus_bind_addr). */
  Config: Record<string, unknown> | null;
}

export interface ConsulSidecarService {
  Tags: string[] | null;
  Port: string;
  Proxy: ConsulProxy | null;
  DisableDefaultTCPCheck: boolean;
  Meta: Record<string, string> | null;
}

/** Overrides for the sidecar proxy task Nomad injects. */
export interface SidecarTask {
  Name: string;
  Driver: string;
  User: string;
  Config: Record<string, unknown> | null;
  Env: Record<string, string> | null;
  Resources: Resources | null;
  Meta: Record<string, string> | null;
  /** ns */
  KillTimeout: number;
  LogConfig: LogConfig | null;
  /** ns */
  ShutdownDelay: number;
  KillSignal: string;
  VolumeMounts?: VolumeMount[] | null;
}

/** Connect gateways are parsed minimally: the proxy's settings, the rest free-form. */
export interface ConsulGateway {
  Proxy?: {
    /** ns */
    ConnectTimeout?: number;
    Config?: Record<string, unknown> | null;
    [k: string]: unknown;
  } | null;
  Ingress?: Record<string, unknown> | null;
  Terminating?: Record<string, unknown> | null;
  Mesh?: Record<string, unknown> | null;
}

export interface ConsulConnect {
  Native: boolean;
  Gateway: ConsulGateway | null;
  SidecarService: ConsulSidecarService | null;
  SidecarTask: SidecarTask | null;
}

export interface ServiceWeights {
  Passing: number;
  Warning: number;
}

export interface Service {
  Name: string;
  /** The task a group-level service belongs to (`task`); empty for task services. */
  TaskName: string;
  /** A port label from the group's network, or a literal port number such as "8080". */
  PortLabel: string;
  /** "auto", "host", "driver" or "alloc". */
  AddressMode: string;
  Address: string;
  Tags: string[] | null;
  CanaryTags: string[] | null;
  EnableTagOverride: boolean;
  Meta: Record<string, string> | null;
  CanaryMeta: Record<string, string> | null;
  TaggedAddresses: Record<string, string> | null;
  /** "consul" or "nomad". */
  Provider: string;
  Cluster: string;
  Kind?: string;
  /** "require_healthy", "ignore_warnings" or "ignore". */
  OnUpdate: string;
  Checks: ServiceCheck[] | null;
  /** The service-wide check_restart, merged into each check. */
  CheckRestart?: CheckRestart | null;
  Connect: ConsulConnect | null;
  Identity?: WorkloadIdentity | null;
  Weights?: ServiceWeights | null;
}
