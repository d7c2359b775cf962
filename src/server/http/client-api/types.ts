/**
 * What the HTTP API needs of the client running in this agent, for `/v1/client/*`. The agent
 * provides it when its client runs; answers are already in Nomad's wire shapes.
 */
export interface ClientAccess {
  /** This client's node ID. */
  nodeID(): string;
  /** The allocation's directory when the allocation runs (or ran) here. */
  allocDir(allocID: string): string | undefined;
  /** True once the task will write no more (dead, or the alloc is gone). */
  taskFinished(allocID: string, task: string): boolean;
  /** The task names of an allocation here. */
  taskNames(allocID: string): string[];
  /** Nomad's AllocResourceUsage. */
  allocStats(allocID: string): Promise<unknown>;
  /** Nomad's HostStats. */
  hostStats(): Promise<unknown>;
  /** Restarts one task, or all of them (`task` empty and `allTasks`), or the running ones. */
  restart(allocID: string, task: string, allTasks: boolean): Promise<void>;
  signal(allocID: string, task: string, signal: string): Promise<void>;
  /**
   * Runs a command beside a running task (`alloc exec`), in a terminal when `tty`; resolves
   * with its exit code. Refusals (unknown alloc or task, task not running) are
   * ClientAccessErrors.
   */
  exec(
    allocID: string,
    task: string,
    cmd: string[],
    tty: boolean,
    io: ExecStreams,
  ): Promise<number>;
}

/** The streams of one `alloc exec` session, as the HTTP layer hands them to the client. */
export interface ExecStreams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Terminal size changes (used when a terminal was asked for). */
  resize: AsyncIterable<{ width: number; height: number }>;
  /** Aborts when the caller goes away: the command is killed. */
  signal: AbortSignal;
}

/** The client's refusal of a request it understood but cannot do (unknown task, dead task). */
export class ClientAccessError extends Error {
  constructor(
    readonly statusCode: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'ClientAccessError';
  }
}
