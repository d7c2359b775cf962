/**
 * Every `caravan` command, by the path a user types. Parent paths ("job") are commands too;
 * aliases ("run" for "job run") share the module of the command they stand for.
 */
import type { Command } from './command.js';
import { agentCommand } from './commands/agent.js';
import { configValidateCommand } from './commands/config-validate.js';
import { allocExecCommand } from './commands/alloc-exec.js';
import { allocFsCommand } from './commands/alloc-fs.js';
import { allocLogsCommand } from './commands/alloc-logs.js';
import { allocRestartCommand } from './commands/alloc-restart.js';
import { allocSignalCommand } from './commands/alloc-signal.js';
import { allocStatusCommand } from './commands/alloc-status.js';
import { allocStopCommand } from './commands/alloc-stop.js';
import { evalStatusCommand } from './commands/eval-status.js';
import { fmtCommand } from './commands/fmt.js';
import {
  allocCommand,
  configCommand,
  evalCommand,
  nodeCommand,
  nodePoolCommand,
  operatorCommand,
  operatorSchedulerCommand,
  serverCommand,
} from './commands/groups.js';
import { jobCommand } from './commands/job.js';
import { jobRunCommand } from './commands/job-run.js';
import { jobPlanCommand } from './commands/job-plan.js';
import { jobHistoryCommand } from './commands/job-history.js';
import { jobInspectCommand } from './commands/job-inspect.js';
import { jobRevertCommand } from './commands/job-revert.js';
import { jobScaleCommand } from './commands/job-scale.js';
import { jobStatusCommand } from './commands/job-status.js';
import { jobStopCommand } from './commands/job-stop.js';
import { jobValidateCommand } from './commands/job-validate.js';
import { simCommand } from './commands/sim.js';
import { nodeStatusCommand } from './commands/node-status.js';
import { nodeDrainCommand } from './commands/node-drain.js';
import { nodeEligibilityCommand } from './commands/node-eligibility.js';
import { nodePoolApplyCommand } from './commands/node-pool-apply.js';
import { nodePoolDeleteCommand } from './commands/node-pool-delete.js';
import { nodePoolInfoCommand } from './commands/node-pool-info.js';
import { nodePoolInitCommand } from './commands/node-pool-init.js';
import { nodePoolJobsCommand } from './commands/node-pool-jobs.js';
import { nodePoolListCommand } from './commands/node-pool-list.js';
import { nodePoolNodesCommand } from './commands/node-pool-nodes.js';
import { operatorSchedulerGetConfigCommand } from './commands/operator-scheduler-get-config.js';
import { operatorSchedulerSetConfigCommand } from './commands/operator-scheduler-set-config.js';
import { serverMembersCommand } from './commands/server-members.js';
import { statusCommand } from './commands/status.js';
import { versionCommand } from './commands/version.js';

export interface CommandEntry {
  command: Command;
  /** Kept out of the top-level command list (nomad's aliases), but runnable. */
  hidden?: boolean;
}

export type Registry = ReadonlyMap<string, CommandEntry>;

/** Listed first, in this order, under "Common commands:" (nomad's commonCommands). */
export const COMMON_COMMANDS = ['run', 'stop', 'status', 'alloc', 'job', 'node', 'agent'];

export const registry: Registry = new Map<string, CommandEntry>([
  ['agent', { command: agentCommand }],
  ['config', { command: configCommand }],
  ['config validate', { command: configValidateCommand }],
  ['alloc', { command: allocCommand }],
  ['alloc exec', { command: allocExecCommand }],
  ['alloc fs', { command: allocFsCommand }],
  ['alloc logs', { command: allocLogsCommand }],
  ['alloc restart', { command: allocRestartCommand }],
  ['alloc signal', { command: allocSignalCommand }],
  ['alloc status', { command: allocStatusCommand }],
  ['alloc stop', { command: allocStopCommand }],
  ['eval', { command: evalCommand }],
  ['exec', { command: allocExecCommand, hidden: true }],
  ['eval status', { command: evalStatusCommand }],
  ['fmt', { command: fmtCommand }],
  ['fs', { command: allocFsCommand, hidden: true }],
  ['job', { command: jobCommand }],
  ['job plan', { command: jobPlanCommand }],
  ['job run', { command: jobRunCommand }],
  ['job history', { command: jobHistoryCommand }],
  ['job inspect', { command: jobInspectCommand }],
  ['job revert', { command: jobRevertCommand }],
  ['job scale', { command: jobScaleCommand }],
  ['job status', { command: jobStatusCommand }],
  ['job stop', { command: jobStopCommand }],
  ['job validate', { command: jobValidateCommand }],
  ['inspect', { command: jobInspectCommand, hidden: true }],
  ['logs', { command: allocLogsCommand, hidden: true }],
  ['plan', { command: jobPlanCommand, hidden: true }],
  ['node', { command: nodeCommand }],
  ['node drain', { command: nodeDrainCommand }],
  ['node eligibility', { command: nodeEligibilityCommand }],
  ['node status', { command: nodeStatusCommand }],
  ['node pool', { command: nodePoolCommand }],
  ['node pool apply', { command: nodePoolApplyCommand }],
  ['node pool delete', { command: nodePoolDeleteCommand }],
  ['node pool info', { command: nodePoolInfoCommand }],
  ['node pool init', { command: nodePoolInitCommand }],
  ['node pool jobs', { command: nodePoolJobsCommand }],
  ['node pool list', { command: nodePoolListCommand }],
  ['node pool nodes', { command: nodePoolNodesCommand }],
  ['operator', { command: operatorCommand }],
  ['operator scheduler', { command: operatorSchedulerCommand }],
  ['operator scheduler get-config', { command: operatorSchedulerGetConfigCommand }],
  ['operator scheduler set-config', { command: operatorSchedulerSetConfigCommand }],
  ['run', { command: jobRunCommand }],
  ['server', { command: serverCommand }],
  ['server members', { command: serverMembersCommand }],
  ['status', { command: statusCommand }],
  ['sim', { command: simCommand }],
  ['stop', { command: jobStopCommand }],
  ['validate', { command: jobValidateCommand, hidden: true }],
  ['version', { command: versionCommand }],
]);
