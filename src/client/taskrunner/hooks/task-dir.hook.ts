/** Builds the task's directories (`local/`, `secrets/` 0700, `tmp/`): the "Task Setup" event. */
import { ev } from '../task-events.js';
import { buildTaskDir } from '../../allocrunner/alloc-dir.js';
import { TaskHookError, type TaskPrestartHook } from './hook.js';

export const name = 'task_dir';

export const taskDirHook = {
  name,
  async prestart(req) {
    if (req.hookData.built === 'true') {
      buildTaskDir(req.dirs); // idempotent: puts back what a user may have removed
      return { hookData: req.hookData };
    }
    req.emit(ev.setup());
    try {
      buildTaskDir(req.dirs);
    } catch (e) {
      const msg = `failed to build task directory for "${req.task.Name}": ${(e as Error).message}`;
      throw new TaskHookError(msg, false, ev.setupFailure(msg));
    }
    return { hookData: { built: 'true' } };
  },
} satisfies TaskPrestartHook;
