/**
 * The addresses an agent gives others to reach it: `advertise { http, rpc }` when set (a bare
 * host gets the port added, as Nomad does), else the address it listens on; an agent bound to
 * every interface (0.0.0.0) advertises this machine's first private IPv4 address, as Nomad's
 * default `advertise` does, or the loopback address when it has none.
 */
import { networkInterfaces } from 'node:os';
import { joinHostPort } from '../server/index.js';

/** `advertise.<x>` as others dial it: a bare host gets `port`; undefined when not set. */
export function advertised(addr: string | undefined, port: number): string | undefined {
  if (!addr) return undefined;
  try {
    if (new URL(`http://${addr}`).port) return addr;
  } catch {
    // a bare IPv6 address: it needs brackets
  }
  return joinHostPort(addr, port);
}

const UNSPECIFIED = new Set(['0.0.0.0', '::', '[::]', '']);

/** The host others reach a listener on `bindHost` at. */
export function reachableHost(bindHost: string): string {
  if (!UNSPECIFIED.has(bindHost)) return bindHost;
  const v4 = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
  return v4.find(isPrivate) ?? v4[0] ?? '127.0.0.1';
}

/** RFC 1918 and the shared address space (RFC 6598), as go-sockaddr's GetPrivateIP counts. */
function isPrivate(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b < 128)
  );
}

/** `host:port` of a listener, as others dial it: `advertise` when set, else reachableHost. */
export function advertisedAddr(
  advertise: string | undefined,
  bindHost: string,
  port: number,
): string {
  return advertised(advertise, port) ?? joinHostPort(reachableHost(bindHost), port);
}
