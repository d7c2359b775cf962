/** The smaller pieces of a task: templates, artifacts, logs, lifecycle, volumes, identities. */

export const TEMPLATE_CHANGE_MODES = ['restart', 'signal', 'noop', 'script'] as const;

export interface WaitConfig {
  /** ns */
  Min: number | null;
  /** ns */
  Max: number | null;
}

export interface ChangeScript {
  Command: string;
  Args: string[] | null;
  /** ns */
  Timeout: number;
  FailOnError: boolean;
}

export interface Template {
  SourcePath: string;
  DestPath: string;
  EmbeddedTmpl: string;
  /** "restart", "signal", "noop" or "script". */
  ChangeMode: string;
  ChangeSignal: string;
  ChangeScript: ChangeScript | null;
  Once: boolean;
  /** ns */
  Splay: number;
  /** Octal file mode as a string, e.g. "0644". */
  Perms: string;
  Uid: number | null;
  Gid: number | null;
  LeftDelim: string;
  RightDelim: string;
  /** `env = true`: the rendered file is read as environment variables. */
  Envvars: boolean;
  /** ns; deprecated. */
  VaultGrace: number;
  Wait: WaitConfig | null;
  ErrMissingKey: boolean;
}

export interface TaskArtifact {
  GetterSource: string;
  GetterOptions: Record<string, string> | null;
  GetterHeaders: Record<string, string> | null;
  /** "any", "file" or "dir". */
  GetterMode: string;
  GetterInsecure: boolean;
  RelativeDest: string;
  Chown: boolean;
}

export interface LogConfig {
  MaxFiles: number;
  MaxFileSizeMB: number;
  Disabled: boolean;
  /** Deprecated twin of Disabled. */
  Enabled?: boolean | null;
}

export const LIFECYCLE_HOOKS = ['prestart', 'poststart', 'poststop'] as const;

export interface TaskLifecycle {
  /** "prestart", "poststart" or "poststop". */
  Hook: string;
  Sidecar: boolean;
}

export interface DispatchPayloadConfig {
  File: string;
}

export interface CSIMountOptions {
  FSType: string;
  MountFlags: string[] | null;
}

/** `volume "data" { ... }` in a group. */
export interface VolumeRequest {
  Name: string;
  /** "host" or "csi". */
  Type: string;
  Source: string;
  ReadOnly: boolean;
  Sticky: boolean;
  AccessMode: string;
  AttachmentMode: string;
  MountOptions: CSIMountOptions | null;
  PerAlloc: boolean;
}

/** `volume_mount { volume = "data" destination = "/srv" }` in a task. */
export interface VolumeMount {
  Volume: string;
  Destination: string;
  ReadOnly: boolean;
  /** "private", "host-to-task" or "bidirectional". */
  PropagationMode: string;
  SELinuxLabel: string;
}

export interface WorkloadIdentity {
  Name: string;
  Audience: string[] | null;
  ChangeMode: string;
  ChangeSignal: string;
  Env: boolean;
  File: boolean;
  Filepath: string;
  ServiceName: string;
  /** ns */
  TTL: number;
}

export interface Vault {
  Policies: string[] | null;
  Role: string;
  Namespace: string;
  Cluster: string;
  Env: boolean;
  DisableFile: boolean;
  /** "restart", "signal" or "noop". */
  ChangeMode: string;
  ChangeSignal: string;
  AllowTokenExpiration: boolean;
}

export interface Consul {
  Namespace: string;
  Cluster: string;
  Partition: string;
}

export interface TaskCSIPluginConfig {
  ID: string;
  /** "node", "controller" or "monolith". */
  Type: string;
  MountDir: string;
  StagePublishBaseDir: string;
  /** ns */
  HealthTimeout: number;
}

/** `action "name" { command, args }`: a command users may run in the task. */
export interface Action {
  Name: string;
  Command: string;
  Args: string[] | null;
}
