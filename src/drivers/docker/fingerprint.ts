/**
 * The docker driver's fingerprint, as Nomad's: undetected when there is no socket, unhealthy
 * when the daemon does not answer, healthy with `driver.docker.*` attributes when it does.
 */
import type { DriverFingerprint } from '../driver.js';
import type { DockerPluginConfig } from './config.js';
import { connect, endpointPresent, type Endpoint } from './endpoint.js';
import { message } from './image.js';

const FINGERPRINT_TIMEOUT_MS = 5000;

export async function fingerprintDocker(
  endpoint: Endpoint,
  plugin: DockerPluginConfig,
): Promise<DriverFingerprint> {
  if (!endpointPresent(endpoint)) {
    return {
      health: 'undetected',
      description: `Docker is not installed or not running (no socket at ${endpoint.socketPath})`,
      attributes: {},
    };
  }
  const docker = connect(endpoint, FINGERPRINT_TIMEOUT_MS);
  try {
    const [version, info] = await Promise.all([docker.version(), docker.info()]);
    const runtimes = Object.keys((info as { Runtimes?: Record<string, unknown> }).Runtimes ?? {});
    const attributes: Record<string, string> = {
      'driver.docker': '1',
      'driver.docker.version': version.Version,
      'driver.docker.os_type': String((info as { OSType?: string }).OSType ?? version.Os),
      'driver.docker.runtimes': runtimes.sort().join(','),
    };
    if (plugin.allowPrivileged) attributes['driver.docker.privileged.enabled'] = '1';
    if (plugin.volumesEnabled) attributes['driver.docker.volumes.enabled'] = '1';
    const bridgeIP = await bridgeGateway(docker);
    if (bridgeIP !== '') attributes['driver.docker.bridge_ip'] = bridgeIP;
    return { health: 'healthy', description: 'Healthy', attributes };
  } catch (e) {
    return {
      health: 'unhealthy',
      description: `Failed to connect to the Docker daemon at ${endpoint.display}: ${message(e)}`,
      attributes: {},
    };
  }
}

async function bridgeGateway(docker: ReturnType<typeof connect>): Promise<string> {
  try {
    const net = (await docker.getNetwork('bridge').inspect()) as {
      IPAM?: { Config?: Array<{ Gateway?: string }> };
    };
    return net.IPAM?.Config?.find((c) => c.Gateway)?.Gateway ?? '';
  } catch {
    return '';
  }
}
