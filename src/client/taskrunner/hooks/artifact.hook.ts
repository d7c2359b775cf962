/**
 * Downloads the task's artifacts before it starts ("Downloading Artifacts"); each one done is
 * remembered in hookData, so a restart does not fetch it again. A failed download is
 * recoverable: the restart policy retries it ("Failed Artifact Download").
 */
import { interpolateString } from '../interpolate.js';
import { ev } from '../task-events.js';
import { getArtifact } from './artifact-getter.js';
import { TaskHookError, type TaskPrestartHook } from './hook.js';

export const name = 'artifacts';

export const artifactHook = {
  name,
  async prestart(req) {
    const artifacts = req.task.Artifacts ?? [];
    const data = { ...req.hookData };
    if (artifacts.length === 0 || artifacts.every((_, i) => data[String(i)] === 'done')) {
      return { hookData: data };
    }
    req.emit(ev.downloading());
    for (const [i, a] of artifacts.entries()) {
      if (data[String(i)] === 'done') continue;
      const source = interpolateString(a.GetterSource, req.env, req.vars);
      const artifact = {
        ...a,
        RelativeDest: interpolateString(a.RelativeDest, req.env, req.vars),
        GetterOptions: a.GetterOptions
          ? Object.fromEntries(
              Object.entries(a.GetterOptions).map(([k, v]) => [
                k,
                interpolateString(v, req.env, req.vars),
              ]),
            )
          : null,
      };
      try {
        await getArtifact(source, artifact, req.dirs, req.signal);
      } catch (e) {
        const msg = `failed to download artifact "${source}": ${(e as Error).message}`;
        throw new TaskHookError(msg, true, ev.artifactFailed(msg));
      }
      data[String(i)] = 'done';
    }
    return { hookData: data };
  },
} satisfies TaskPrestartHook;
