/**
 * Task events as Nomad records them (structs.TaskEvent): its Type strings and the
 * DisplayMessage `alloc status` shows. Times are Unix nanoseconds.
 */
import { formatDuration } from '../../lib/index.js';
import type { ExitResult } from '../../drivers/index.js';
import type { TaskEvent } from '../../structs/index.js';

export const TaskEventType = {
  Received: 'Received',
  Setup: 'Task Setup',
  DownloadingArtifacts: 'Downloading Artifacts',
  ArtifactDownloadFailed: 'Failed Artifact Download',
  FailedValidation: 'Failed Validation',
  SetupFailure: 'Setup Failure',
  DriverFailure: 'Driver Failure',
  Started: 'Started',
  Terminated: 'Terminated',
  Restarting: 'Restarting',
  NotRestarting: 'Not Restarting',
  Killing: 'Killing',
  Killed: 'Killed',
  RestartSignal: 'Restart Signaled',
  Signaling: 'Signaling',
  SiblingFailed: 'Sibling Task Failed',
  LeaderDead: 'Leader Task Dead',
  MainDead: 'Main Tasks Dead',
  WaitingShutdownDelay: 'Waiting for shutdown delay',
  HookFailed: 'Task hook failed',
  HookMessage: 'Task hook message',
} as const;

/** Nomad keeps the last 10 events of a task. */
export const MAX_TASK_EVENTS = 10;

export function taskEvent(
  type: string,
  displayMessage: string,
  over: Partial<TaskEvent> = {},
): TaskEvent {
  return {
    Type: type,
    Time: Date.now() * 1e6,
    Message: '',
    DisplayMessage: displayMessage,
    Details: {},
    FailsTask: false,
    ExitCode: 0,
    Signal: 0,
    RestartReason: '',
    ...over,
  };
}

export const ev = {
  received: () => taskEvent(TaskEventType.Received, 'Task received by client'),
  setup: () =>
    taskEvent(TaskEventType.Setup, 'Building Task Directory', {
      Message: 'Building Task Directory',
    }),
  downloading: () =>
    taskEvent(TaskEventType.DownloadingArtifacts, 'Client is downloading artifacts'),
  artifactFailed: (err: string) =>
    taskEvent(TaskEventType.ArtifactDownloadFailed, err, { Details: { download_error: err } }),
  started: () => taskEvent(TaskEventType.Started, 'Task started by client'),
  terminated: (r: ExitResult) => {
    // An OOM kill without a driver message says "OOM Killed", as Nomad's docker driver does
    // (its DisplayMessage: `Exit Code: 137, Exit Message: "OOM Killed"`), for every driver.
    const err = r.err || (r.oomKilled ? 'OOM Killed' : '');
    let msg = `Exit Code: ${r.exitCode}`;
    if (r.signal) msg += `, Signal: ${r.signal}`;
    if (err) msg += `, Exit Message: ${JSON.stringify(err)}`;
    return taskEvent(TaskEventType.Terminated, msg, {
      ExitCode: r.exitCode,
      Signal: r.signal,
      Message: err,
      Details: {
        exit_code: String(r.exitCode),
        signal: String(r.signal),
        oom_killed: String(r.oomKilled),
        ...(err ? { exit_message: err } : {}),
      },
    });
  },
  restarting: (delayNs: number, reason: string) =>
    taskEvent(TaskEventType.Restarting, `Task restarting in ${formatDuration(delayNs)}`, {
      RestartReason: reason,
      Details: { start_delay: String(delayNs), restart_reason: reason },
    }),
  notRestarting: (reason: string) =>
    taskEvent(TaskEventType.NotRestarting, reason, {
      FailsTask: true,
      RestartReason: reason,
      Details: { fails_task: 'true', restart_reason: reason },
    }),
  killing: (killTimeoutNs: number) =>
    taskEvent(
      TaskEventType.Killing,
      `Sent interrupt. Waiting ${formatDuration(killTimeoutNs)} before force killing`,
      { Details: { kill_timeout: formatDuration(killTimeoutNs) } },
    ),
  killed: (err?: string) =>
    taskEvent(
      TaskEventType.Killed,
      err ? `Task killed with error: ${err}` : 'Task successfully killed',
      {
        ...(err ? { Details: { kill_error: err } } : {}),
      },
    ),
  driverFailure: (err: string) =>
    taskEvent(TaskEventType.DriverFailure, err, { Details: { driver_error: err } }),
  setupFailure: (err: string, fails = true) =>
    taskEvent(TaskEventType.SetupFailure, err, {
      FailsTask: fails,
      Details: { setup_error: err, ...(fails ? { fails_task: 'true' } : {}) },
    }),
  failedValidation: (err: string) =>
    taskEvent(TaskEventType.FailedValidation, err, {
      FailsTask: true,
      Details: { validation_error: err, fails_task: 'true' },
    }),
  restartSignal: (reason: string) =>
    taskEvent(TaskEventType.RestartSignal, reason, {
      RestartReason: reason,
      Details: { restart_reason: reason },
    }),
  signaling: (signal: string, reason: string) =>
    taskEvent(
      TaskEventType.Signaling,
      `Task being sent signal ${signal}${reason ? `: ${reason}` : ''}`,
      { Details: { signal, ...(reason ? { reason } : {}) } },
    ),
  siblingFailed: (sibling: string) =>
    taskEvent(TaskEventType.SiblingFailed, `Task's sibling "${sibling}" failed`, {
      Details: { failed_sibling: sibling },
    }),
  leaderDead: () => taskEvent(TaskEventType.LeaderDead, 'Leader Task in Group dead'),
  mainDead: () => taskEvent(TaskEventType.MainDead, 'Main tasks in the group died'),
  hookMessage: (msg: string) => taskEvent(TaskEventType.HookMessage, msg, { Message: msg }),
  waitingShutdownDelay: (delayNs: number) =>
    taskEvent(
      TaskEventType.WaitingShutdownDelay,
      `Waiting for shutdown_delay of ${formatDuration(delayNs)} before killing the task.`,
    ),
};
