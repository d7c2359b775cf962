/**
 * Makes a task's image present: inspected locally, pulled when missing or when `force_pull`
 * asks. A failed pull is a recoverable DRIVER_ERR_IMAGE with Docker's message, as Nomad reports
 * "Failed to pull `image`: ...".
 */
import type Dockerode from 'dockerode';
import { DriverError, type DriverLogger } from '../driver.js';
import type { DockerTaskConfig } from './config.js';
import { statusOf } from './log-streamer.js';

/** `busybox` → `busybox:latest`; a digest or an explicit tag is kept. */
export function withDefaultTag(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  return image.slice(lastSlash + 1).includes(':') ? image : `${image}:latest`;
}

/** Returns the image's ID once it is present. */
export async function ensureImage(
  docker: Dockerode,
  cfg: DockerTaskConfig,
  logger: DriverLogger,
): Promise<string> {
  const ref = withDefaultTag(cfg.image);
  if (!cfg.forcePull) {
    const id = await inspectImage(docker, ref);
    if (id !== null) return id;
  }
  logger.info(`docker: pulling image ${ref}`);
  try {
    await pull(docker, ref, cfg);
  } catch (e) {
    throw new DriverError(
      'DRIVER_ERR_IMAGE',
      `Failed to pull \`${cfg.image}\`: ${message(e)}`,
      true,
    );
  }
  const id = await inspectImage(docker, ref);
  if (id === null) {
    throw new DriverError(
      'DRIVER_ERR_IMAGE',
      `Failed to pull \`${cfg.image}\`: the pull finished but the image is not present`,
      true,
    );
  }
  return id;
}

async function inspectImage(docker: Dockerode, ref: string): Promise<string | null> {
  try {
    return (await docker.getImage(ref).inspect()).Id;
  } catch (e) {
    if (statusOf(e) === 404) return null;
    throw new DriverError(
      'DRIVER_ERR_IMAGE',
      `Failed to inspect image \`${ref}\`: ${message(e)}`,
      true,
    );
  }
}

async function pull(docker: Dockerode, ref: string, cfg: DockerTaskConfig): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(
    () =>
      abort.abort(new Error(`no result within image_pull_timeout (${cfg.imagePullTimeoutMs} ms)`)),
    cfg.imagePullTimeoutMs,
  );
  try {
    const opts: Record<string, unknown> = { abortSignal: abort.signal };
    if (cfg.auth) {
      opts.authconfig = {
        username: cfg.auth.username,
        password: cfg.auth.password,
        email: cfg.auth.email,
        serveraddress: cfg.auth.serverAddress,
      };
    }
    const stream = await docker.pull(ref, opts);
    // Errors after the pull started arrive as `{"error": ...}` lines in the progress stream.
    await new Promise<void>((resolve, reject) => {
      let failure: string | null = null;
      abort.signal.addEventListener('abort', () => reject(abort.signal.reason as Error));
      docker.modem.followProgress(
        stream,
        (err) => (err ? reject(err) : failure ? reject(new Error(failure)) : resolve()),
        (event: { error?: string; errorDetail?: { message?: string } }) => {
          failure ??= event.error ?? event.errorDetail?.message ?? null;
        },
      );
    });
  } catch (e) {
    if (abort.signal.aborted) throw abort.signal.reason as Error;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Docker's own message. dockerode puts the JSON body's `message` in `json`, except for streamed
 * requests (pull, logs), where the body follows "(HTTP code N) reason - " in the error message.
 */
export function message(e: unknown): string {
  const json = (e as { json?: { message?: unknown } } | null)?.json;
  if (json && typeof json.message === 'string') return json.message;
  const text = e instanceof Error ? e.message : String(e);
  const body = /^\(HTTP code \d+\) [^-]*- ([\s\S]*)$/.exec(text)?.[1]?.trim();
  if (!body) return text;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: the body is the message
  }
  return body;
}
