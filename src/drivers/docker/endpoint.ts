/**
 * Where the Docker Engine listens: the plugin config's `endpoint`, else DOCKER_HOST, else
 * /run/docker.sock (Nomad: `endpoint`, then the environment, then the default socket).
 */
import { existsSync } from 'node:fs';
import Dockerode from 'dockerode';

export const DEFAULT_SOCKET = '/run/docker.sock';

export interface Endpoint {
  /** A unix socket path, or '' for TCP. */
  socketPath: string;
  host: string;
  port: number;
  /** As written, for messages. */
  display: string;
}

export function resolveEndpoint(
  configured: string,
  env: NodeJS.ProcessEnv = process.env,
): Endpoint {
  const raw = configured || env.DOCKER_HOST || `unix://${DEFAULT_SOCKET}`;
  if (raw.startsWith('unix://')) {
    return { socketPath: raw.slice('unix://'.length), host: '', port: 0, display: raw };
  }
  if (raw.startsWith('/')) return { socketPath: raw, host: '', port: 0, display: `unix://${raw}` };
  const url = new URL(raw.replace(/^tcp:\/\//, 'http://'));
  return { socketPath: '', host: url.hostname, port: Number(url.port || 2375), display: raw };
}

/** Whether the endpoint can exist here at all (a unix socket file must). */
export const endpointPresent = (e: Endpoint): boolean =>
  e.socketPath === '' || existsSync(e.socketPath);

/** A client; `timeoutMs` bounds every request (only for short calls such as the fingerprint). */
export function connect(e: Endpoint, timeoutMs?: number): Dockerode {
  const opts: Dockerode.DockerOptions =
    e.socketPath !== ''
      ? { socketPath: e.socketPath }
      : { host: e.host, port: e.port, protocol: 'http' };
  if (timeoutMs !== undefined) opts.timeout = timeoutMs;
  return new Dockerode(opts);
}
