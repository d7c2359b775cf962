/**
 * Heartbeat timers (Nomad's nomad/heartbeat.go): every node must heartbeat within its TTL
 * plus a grace period, or it is marked down.
 *
 * The TTL scales with the cluster so that the servers see at most `maxHeartbeatsPerSecond`
 * heartbeats in total: with N nodes it is N / rate seconds, and never less than `minTTL`.
 * A random stagger of up to one TTL spreads the heartbeats out. The client is told the TTL;
 * the server waits TTL + grace before it gives up.
 */
import type { Clock, Timer } from './clock.js';

export interface HeartbeatConfig {
  clock: Clock;
  random: () => number;
  /** Nomad's min_heartbeat_ttl: 10s. */
  minTTLMs: number;
  /** Nomad's max_heartbeats_per_second: 50. */
  maxHeartbeatsPerSecond: number;
  /** Nomad's heartbeat_grace: 10s. */
  graceMs: number;
  /** The TTL given to every known node when a server becomes leader (Nomad: 5m). */
  failoverTTLMs: number;
}

export const DEFAULT_HEARTBEAT_CONFIG = {
  minTTLMs: 10_000,
  maxHeartbeatsPerSecond: 50,
  graceMs: 10_000,
  failoverTTLMs: 300_000,
};

/** max(min, n / rate seconds): the interval that keeps n nodes under `rate` per second. */
export function rateScaledInterval(rate: number, minMs: number, n: number): number {
  if (rate <= 0) return minMs;
  return Math.max(minMs, (n / rate) * 1000);
}

export class Heartbeats {
  private readonly timers = new Map<string, Timer>();

  constructor(
    private readonly config: HeartbeatConfig,
    private readonly onExpire: (nodeID: string) => void,
  ) {}

  /** Restarts the node's timer; returns the TTL (ms) the client should heartbeat within. */
  reset(nodeID: string): number {
    const base = rateScaledInterval(
      this.config.maxHeartbeatsPerSecond,
      this.config.minTTLMs,
      Math.max(this.timers.size, 1),
    );
    const ttl = Math.round(base + this.config.random() * base);
    this.arm(nodeID, ttl + this.config.graceMs);
    return ttl;
  }

  /** Gives a node a fixed deadline (leader failover: every node gets a long first TTL). */
  resetWithTTL(nodeID: string, ttlMs: number): void {
    this.arm(nodeID, ttlMs);
  }

  clear(nodeID: string): void {
    this.timers.get(nodeID)?.cancel();
    this.timers.delete(nodeID);
  }

  clearAll(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  has(nodeID: string): boolean {
    return this.timers.has(nodeID);
  }

  count(): number {
    return this.timers.size;
  }

  private arm(nodeID: string, ms: number): void {
    this.timers.get(nodeID)?.cancel();
    const timer = this.config.clock.setTimer(() => {
      if (this.timers.get(nodeID) !== timer) return;
      this.timers.delete(nodeID);
      this.onExpire(nodeID);
    }, ms);
    this.timers.set(nodeID, timer);
  }
}
