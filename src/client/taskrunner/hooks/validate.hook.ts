/**
 * Validates the task before it runs: environment variable names, and the driver's `config`
 * block after interpolation (driver.validateConfig). Failures are not retried.
 */
import { interpolateValue } from '../interpolate.js';
import { ev } from '../task-events.js';
import { TaskHookError, type TaskPrestartHook } from './hook.js';

export const name = 'validate';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export const validateHook = {
  name,
  async prestart(req) {
    const problems: string[] = [];
    for (const k of Object.keys(req.task.Env ?? {})) {
      if (!ENV_NAME.test(k)) problems.push(`invalid environment variable name "${k}"`);
    }
    const config = interpolateValue(req.task.Config ?? {}, req.env, req.vars);
    problems.push(...req.driver.validateConfig(config));
    if (problems.length > 0) {
      const msg = `task "${req.task.Name}": ${problems.join('; ')}`;
      throw new TaskHookError(msg, false, ev.failedValidation(msg));
    }
    return {};
  },
} satisfies TaskPrestartHook;
