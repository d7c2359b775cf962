/**
 * The executor's entry point: `node main.js <spec.json>`, started detached by a driver (see
 * executor.ts). Never imported by anything else.
 */
import { appendFileSync } from 'node:fs';
import { Executor } from './executor.js';
import { readJson, writeJsonAtomic, type ExecutorSpec } from './spec.js';

const specPath = process.argv[2];
const spec = specPath ? readJson<ExecutorSpec>(specPath) : null;
if (!spec) {
  process.stderr.write(`executor: cannot read the spec ${specPath ?? '(none given)'}\n`);
  process.exit(2);
}
// The agent's terminal and session are not ours: a hangup there must not end the task.
process.on('SIGHUP', () => {});
process.on('SIGPIPE', () => {});
const executor = new Executor(spec);
process.on('uncaughtException', (e) => {
  executor.log(`uncaught: ${e.stack ?? e.message}`);
});
executor.run().catch((e: Error) => {
  try {
    appendFileSync(spec.logPath, `executor failed: ${e.stack ?? e.message}\n`);
    writeJsonAtomic(spec.statePath, {
      version: 1,
      executorPid: process.pid,
      status: 'failed',
      pid: 0,
      taskPid: 0,
      startedAt: 0,
      finishedAt: Date.now(),
      exit: null,
      startError: e.message,
    });
  } finally {
    process.exit(1);
  }
});
