/**
 * The client's core (Nomad's client/client.go) for one node: it fingerprints the machine, registers
 * the node and heartbeats at the TTL the servers give, watches the node's allocations with a
 * blocking query, runs an AllocRunner per allocation, and reports their states in batches.
 * Its state (identity, allocations, task handles) lives in state_dir, so that a restarted
 * client re-attaches to the tasks its predecessor started.
 */
import { mkdirSync } from 'node:fs';
import type { DriverLogger, TaskDriver } from '../drivers/index.js';
import type { Allocation, ClientAllocUpdate, Node, NodeRpc } from '../structs/index.js';
import { allocClientTerminal } from '../structs/index.js';
import { AllocRunner } from './allocrunner/alloc-runner.js';
import { AllocUpdater } from './alloc-updater.js';
import { resolveClientConfig, type ClientConfig, type ResolvedClientConfig } from './config.js';
import { ClientError } from './errors.js';
import {
  BUILTIN_FINGERPRINTERS,
  buildNode,
  driversChanged,
  fingerprintNode,
  type Fingerprint,
} from './fingerprint/index.js';
import { collectGarbage, diskUsage } from './gc.js';
import { ClientStateStore, type NodeIdentity } from './persistence/state-store.js';

/** Waits `ms`, or less if `signal` aborts; never holds the process open. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    t.unref();
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const errMsg = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ClientCore {
  readonly config: ResolvedClientConfig;
  protected readonly runners = new Map<string, AllocRunner>();
  protected readonly drivers = new Map<string, TaskDriver>();
  private readonly store: ClientStateStore;
  private readonly updater: AllocUpdater;
  private readonly abort = new AbortController();
  private identity: NodeIdentity | null = null;
  private node_: Node | null = null;
  private fp: Fingerprint | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private fingerprintTimer: NodeJS.Timeout | null = null;
  private gcTimer: NodeJS.Timeout | null = null;
  private watchLoop: Promise<void> | null = null;
  private registered: Promise<void> | null = null;
  /** The last AllocModifyIndex seen per allocation (server-side changes only). */
  private readonly seen = new Map<string, number>();
  /** Set once the client is going away: allocations that arrive now are not started. */
  private closing = false;

  constructor(
    config: ClientConfig,
    private readonly rpc: NodeRpc,
  ) {
    this.config = resolveClientConfig(config);
    mkdirSync(this.config.allocDir, { recursive: true });
    this.store = new ClientStateStore(this.config.stateDir);
    this.updater = new AllocUpdater(
      rpc,
      this.config.allocUpdateInterval,
      (id) => this.runners.get(id)?.update(),
      this.config.logger,
    );
  }

  /** The node's ID (stable across restarts with the same state_dir). */
  nodeID(): string {
    this.identity ??= this.store.identity();
    return this.identity.id;
  }

  /** The node as last fingerprinted and registered. */
  node(): Node {
    if (!this.node_) throw new ClientError('CLIENT_ERR_NOT_STARTED', 'the client is not started');
    return this.node_;
  }

  /**
   * Loads the drivers, fingerprints, restores the allocations of a previous run (re-attaching
   * to their tasks), registers the node (retrying in the background until a server answers)
   * and starts heartbeats, the allocation watch and GC. Resolves after the first attempt to
   * register.
   */
  async start(): Promise<void> {
    const log = this.config.logger;
    this.identity ??= this.store.identity();
    this.loadDrivers();
    this.fp = await this.fingerprint();
    this.node_ = buildNode(this.identity, this.config, this.fp);
    this.node_.Status = 'ready';
    for (const saved of this.store.loadAllocs((f, e) => log.warn(`state ${f}: ${errMsg(e)}`))) {
      this.addRunner(saved.alloc, saved);
    }
    this.registered = (async () => {
      for (let wait = 1000; !this.abort.signal.aborted; wait = Math.min(wait * 2, 30_000)) {
        try {
          await this.register();
          return;
        } catch (e) {
          log.warn(`register: ${errMsg(e)}; retrying in ${wait} ms`);
          await sleep(wait, this.abort.signal);
        }
      }
    })();
    await Promise.race([this.registered, sleep(5000, this.abort.signal)]);
    void this.registered.then(() => {
      if (this.abort.signal.aborted) return;
      this.watchLoop = this.watch();
      this.fingerprintTimer = setInterval(
        () => void this.refingerprint(),
        this.config.driverFingerprintInterval,
      );
      this.fingerprintTimer.unref();
      this.gcTimer = setInterval(() => void this.gc(), this.config.gcInterval);
      this.gcTimer.unref();
    });
  }

  /**
   * Starts no allocation from now on (the agent is stopping): without it, an allocation the
   * watch delivers while the running ones are being destroyed would start after them and be
   * left running.
   */
  refuseNewAllocs(): void {
    this.closing = true;
  }

  /** Stops the client's loops but leaves the tasks running (an agent restart). */
  async shutdown(): Promise<void> {
    this.closing = true;
    this.stopLoops();
    await this.updater.stop();
    await Promise.all([...this.runners.values()].map((r) => r.shutdown()));
    for (const r of this.runners.values()) this.persist(r);
    await this.watchLoop;
    // The drivers let go of the tasks too, so that nothing of theirs holds the process open.
    await Promise.all([...this.drivers.values()].map((d) => d.shutdown?.().catch(() => {})));
  }

  /** Stops every allocation's tasks, reports it, then shuts down (tests, `-dev` exit). */
  async destroy(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    await this.updater.flush().catch(() => {});
    await this.shutdown();
  }

  private stopLoops(): void {
    this.abort.abort();
    for (const t of [this.heartbeatTimer, this.fingerprintTimer, this.gcTimer]) {
      if (t) clearTimeout(t);
    }
  }

  private loadDrivers(): void {
    const allow = (this.config.options['driver.allowlist'] ?? '').split(',').filter(Boolean);
    const deny = (this.config.options['driver.denylist'] ?? '').split(',').filter(Boolean);
    const prefix = (s: string) => (msg: string) => s + msg;
    for (const [name, plugin] of this.config.drivers) {
      if (allow.length > 0 && !allow.includes(name)) continue;
      if (deny.includes(name)) continue;
      const log = this.config.logger;
      const p = prefix(`driver ${name}: `);
      const logger: DriverLogger = {
        info: (m) => log.info(p(m)),
        warn: (m) => log.warn(p(m)),
        error: (m) => log.error(p(m)),
      };
      try {
        this.drivers.set(
          name,
          plugin.create({
            pluginConfig: this.config.pluginConfigs[name] ?? {},
            dataDir: this.config.stateDir,
            clientOptions: this.config.options,
            logger,
          }),
        );
      } catch (e) {
        log.error(p(`failed to load: ${errMsg(e)}`));
      }
    }
  }

  private fingerprint(only?: 'periodic'): Promise<Fingerprint> {
    const list = [...BUILTIN_FINGERPRINTERS.values()].filter((f) => !only || f.periodic);
    return fingerprintNode(list, {
      config: this.config,
      drivers: this.drivers,
      dataDir: this.config.stateDir,
    });
  }

  /** Drivers again; a change (one went away, one came) re-registers the node. */
  async refingerprint(): Promise<boolean> {
    if (!this.fp || !this.node_ || !this.identity) return false;
    const now = await this.fingerprint('periodic');
    if (!driversChanged(this.fp.drivers, now.drivers)) return false;
    const attributes = { ...this.fp.attributes };
    for (const k of Object.keys(attributes)) if (k.startsWith('driver.')) delete attributes[k];
    this.fp = {
      ...this.fp,
      attributes: { ...attributes, ...now.attributes },
      drivers: now.drivers,
    };
    const node = buildNode(this.identity, this.config, this.fp);
    node.Status = 'ready';
    this.node_ = node;
    this.config.logger.info('driver health changed: registering the node again');
    await this.register().catch((e) => this.config.logger.warn(`re-register: ${errMsg(e)}`));
    return true;
  }

  private async register(): Promise<void> {
    const r = await this.rpc.register(this.node());
    this.scheduleHeartbeat(r.HeartbeatTTL);
    this.config.logger.info(`node ${this.nodeID()} registered`);
  }

  /** At half the TTL, less a random tenth, as the simulator and Nomad's client do. */
  private scheduleHeartbeat(ttlMs: number): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.abort.signal.aborted || ttlMs <= 0) return;
    const wait = ttlMs / 2 - Math.random() * (ttlMs / 10);
    this.heartbeatTimer = setTimeout(() => void this.heartbeat(), wait);
    this.heartbeatTimer.unref();
  }

  private async heartbeat(): Promise<void> {
    const id = this.identity as NodeIdentity;
    try {
      const r = await this.rpc.heartbeat(id.id, id.secretID);
      this.scheduleHeartbeat(r.HeartbeatTTL);
    } catch (e) {
      if (this.abort.signal.aborted) return;
      this.config.logger.warn(`heartbeat: ${errMsg(e)}; registering again`);
      // The server may have lost the node (a new cluster): register it again.
      await this.register().catch(() => this.scheduleHeartbeat(4000));
    }
  }

  /** The blocking watch of the node's allocations. */
  private async watch(): Promise<void> {
    let index = 0;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const r = await this.rpc.watchAllocs(
          [this.nodeID()],
          index,
          this.config.watchTimeout,
          signal,
        );
        if (signal.aborted) return;
        this.reconcile(r.Allocs[this.nodeID()] ?? []);
        index = r.Index;
      } catch (e) {
        if (signal.aborted) return;
        this.config.logger.warn(`watch allocations: ${errMsg(e)}`);
        await sleep(1000, signal);
      }
    }
  }

  /** Starts runners for new allocations, updates changed ones, destroys those the servers forgot. */
  private reconcile(allocs: Allocation[]): void {
    const present = new Set<string>();
    for (const a of allocs) {
      present.add(a.ID);
      const runner = this.runners.get(a.ID);
      if (!runner) {
        if (this.closing || a.DesiredStatus !== 'run' || allocClientTerminal(a)) continue;
        this.seen.set(a.ID, a.AllocModifyIndex);
        this.addRunner(a);
        continue;
      }
      const last = this.seen.get(a.ID) ?? -1;
      if (a.AllocModifyIndex > last || a.DesiredStatus !== runner.alloc.DesiredStatus) {
        this.seen.set(a.ID, a.AllocModifyIndex);
        runner.updateAlloc(a);
        this.persist(runner);
      }
    }
    // An allocation the servers no longer have (collected, or purged with its job) is
    // stopped and forgotten, as Nomad's client destroys its removed allocations.
    for (const id of this.runners.keys()) {
      if (!present.has(id)) void this.destroyAlloc(id);
    }
  }

  protected addRunner(alloc: Allocation, restore?: ReturnType<AllocRunner['persisted']>): void {
    const runner = new AllocRunner({
      alloc,
      config: this.config,
      node: () => this.node(),
      driverFor: (name) => this.driverFor(name),
      onChange: (r) => {
        this.persist(r);
        this.updater.mark(r.id);
      },
      restore,
    });
    this.runners.set(alloc.ID, runner);
    this.persist(runner);
    this.updater.mark(alloc.ID);
    void runner.run().then(() => this.persist(runner));
  }

  private driverFor(name: string): TaskDriver | { error: string } {
    const driver = this.drivers.get(name);
    if (!driver) return { error: `driver "${name}" is not available on this node` };
    const info = this.node_?.Drivers[name];
    if (info && !info.Healthy) {
      return { error: `driver "${name}" is unhealthy: ${info.HealthDescription}` };
    }
    return driver;
  }

  private persist(r: AllocRunner): void {
    if (!this.runners.has(r.id)) return;
    try {
      this.store.saveAlloc(r.persisted());
    } catch (e) {
      this.config.logger.error(`persist alloc ${r.id}: ${errMsg(e)}`);
    }
  }

  /** Stops an allocation's tasks (if any live) and forgets it: directory, state, runner. */
  async destroyAlloc(id: string): Promise<void> {
    const runner = this.runners.get(id);
    if (!runner) return;
    this.runners.delete(id);
    this.seen.delete(id);
    await runner.destroy();
    this.store.deleteAlloc(id);
  }

  /** Collects terminal allocations over the limits; returns the IDs destroyed. */
  async gc(): Promise<string[]> {
    const terminal = [...this.runners.values()]
      .filter((r) => r.isTerminal() && this.updater.pending() === 0)
      .map((r) => ({
        id: r.id,
        finishedAt: Math.max(0, ...Object.values(r.taskStates()).map((s) => s.FinishedAt)),
      }));
    return collectGarbage(
      this.runners.size,
      terminal,
      {
        maxAllocs: this.config.gcMaxAllocs,
        diskUsageThreshold: this.config.gcDiskUsageThreshold,
        inodeUsageThreshold: this.config.gcInodeUsageThreshold,
      },
      () => diskUsage(this.config.allocDir),
      (id) => this.destroyAlloc(id),
    );
  }

  /** Sends the pending allocation updates now. */
  flushUpdates(): Promise<void> {
    return this.updater.flush();
  }

  /** The update the client would send for an allocation now. */
  allocUpdate(id: string): ClientAllocUpdate | undefined {
    return this.runners.get(id)?.update();
  }
}
