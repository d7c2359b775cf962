/** The Task: one process (container, command) run by a driver. */
import type { Affinity, Constraint } from './constraint.js';
import type { Resources } from './resources.js';
import type { Service } from './service.js';
import type { RestartPolicy } from './strategies.js';
import type {
  Action,
  Consul,
  DispatchPayloadConfig,
  LogConfig,
  TaskArtifact,
  TaskCSIPluginConfig,
  TaskLifecycle,
  Template,
  Vault,
  VolumeMount,
  WorkloadIdentity,
} from './task-parts.js';

export interface Task {
  Name: string;
  Driver: string;
  User: string;
  /** The driver's settings, free-form. */
  Config: Record<string, unknown> | null;
  Env: Record<string, string> | null;
  Meta: Record<string, string> | null;
  Constraints: Constraint[] | null;
  Affinities: Affinity[] | null;
  Services: Service[] | null;
  Resources: Resources;
  /** The group's restart policy merged with the task's own `restart` block. */
  RestartPolicy: RestartPolicy;
  /** ns */
  KillTimeout: number;
  KillSignal: string;
  /** ns */
  ShutdownDelay: number;
  LogConfig: LogConfig;
  Artifacts: TaskArtifact[] | null;
  Templates: Template[] | null;
  Vault: Vault | null;
  Consul: Consul | null;
  DispatchPayload: DispatchPayloadConfig | null;
  Lifecycle: TaskLifecycle | null;
  VolumeMounts: VolumeMount[] | null;
  CSIPluginConfig: TaskCSIPluginConfig | null;
  Leader: boolean;
  Kind: string;
  /** The default workload identity (an `identity` block without a name). */
  Identity: WorkloadIdentity | null;
  /** Named workload identities. */
  Identities: WorkloadIdentity[] | null;
  Actions: Action[] | null;
}
