/** The TaskGroup: the unit of scheduling, a set of tasks placed together on one node. */
import type { Affinity, Constraint, Spread } from './constraint.js';
import type { NetworkResource } from './resources.js';
import type { Service } from './service.js';
import type {
  DisconnectStrategy,
  EphemeralDisk,
  MigrateStrategy,
  ReschedulePolicy,
  RestartPolicy,
  ScalingPolicy,
  UpdateStrategy,
} from './strategies.js';
import type { Consul, VolumeRequest } from './task-parts.js';
import type { Task } from './task.js';

export interface TaskGroup {
  Name: string;
  Count: number;
  Tasks: Task[];
  Constraints: Constraint[] | null;
  Affinities: Affinity[] | null;
  Spreads: Spread[] | null;
  /** Keyed by the volume's name (the `volume` block's label). */
  Volumes: Record<string, VolumeRequest> | null;
  RestartPolicy: RestartPolicy;
  /** null for system and sysbatch jobs, which do not reschedule. */
  ReschedulePolicy: ReschedulePolicy | null;
  EphemeralDisk: EphemeralDisk;
  /** null for batch and sysbatch jobs. */
  Update: UpdateStrategy | null;
  /** Only service jobs migrate; null otherwise unless written. */
  Migrate: MigrateStrategy | null;
  Networks: NetworkResource[] | null;
  Meta: Record<string, string> | null;
  Services: Service[] | null;
  /** ns */
  ShutdownDelay: number | null;
  /** ns; deprecated in favour of Disconnect.StopOnClientAfter. */
  StopAfterClientDisconnect: number | null;
  /** ns; deprecated in favour of Disconnect.LostAfter. */
  MaxClientDisconnect: number | null;
  PreventRescheduleOnLost?: boolean;
  Disconnect: DisconnectStrategy | null;
  Scaling: ScalingPolicy | null;
  Consul: Consul | null;
}
