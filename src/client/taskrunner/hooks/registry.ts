/** The task hooks, in the order their prestart phases run (Nomad's initHooks). */
import { artifactHook } from './artifact.hook.js';
import { envHook } from './env.hook.js';
import type { AnyTaskHook } from './hook.js';
import { networkHook } from './network.hook.js';
import { taskDirHook } from './task-dir.hook.js';
import { validateHook } from './validate.hook.js';

export const BUILTIN_TASK_HOOKS: readonly AnyTaskHook[] = [
  taskDirHook,
  networkHook,
  envHook,
  validateHook,
  artifactHook,
];
