/**
 * Batches the client's allocation updates (Nomad's allocSync): runners mark their allocation
 * dirty; every interval the latest state of each dirty allocation is sent in one updateAllocs
 * call. A failed send keeps the allocations dirty for the next round.
 */
import type { ClientAllocUpdate, NodeRpc } from '../structs/index.js';
import type { ClientLogger } from './config.js';

export class AllocUpdater {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly rpc: NodeRpc,
    private readonly intervalMs: number,
    /** The current update for an allocation, or undefined if it is gone. */
    private readonly current: (id: string) => ClientAllocUpdate | undefined,
    private readonly logger: ClientLogger,
  ) {}

  mark(id: string): void {
    if (this.stopped) return;
    this.dirty.add(id);
    if (!this.timer && !this.sending) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.intervalMs);
      this.timer.unref();
    }
  }

  pending(): number {
    return this.dirty.size;
  }

  /** Sends what is dirty now (and resolves when it is sent or has failed). */
  async flush(): Promise<void> {
    if (this.sending) await this.sending;
    if (this.dirty.size === 0) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    const updates = ids.map((id) => this.current(id)).filter((u) => u !== undefined);
    this.sending = this.rpc.updateAllocs(updates).then(
      () => undefined,
      (e: unknown) => {
        this.logger.warn(`alloc updates: ${e instanceof Error ? e.message : e}; retrying`);
        for (const id of ids) if (!this.dirty.has(id)) this.dirty.add(id);
      },
    );
    await this.sending;
    this.sending = null;
    if (this.dirty.size > 0 && !this.stopped) this.mark([...this.dirty][0] as string);
  }

  /** Sends what is left, then accepts no more. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush().catch(() => {});
    this.stopped = true;
  }
}
