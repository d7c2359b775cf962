/** Builds the task's environment (NOMAD_* and the `env` block): see task-env.ts. */
import { buildTaskEnv } from '../task-env.js';
import type { TaskPrestartHook } from './hook.js';

export const name = 'env';

export const envHook = {
  name,
  async prestart(req) {
    return {
      env: buildTaskEnv({
        alloc: req.alloc,
        task: req.task,
        node: req.node,
        region: req.config.region,
        dirs: req.dirs,
        fsIsolation: req.driver.capabilities.fsIsolation,
      }),
    };
  },
} satisfies TaskPrestartHook;
