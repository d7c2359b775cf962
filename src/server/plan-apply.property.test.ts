import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStateStore } from '../state/index.js';
import { mockJob } from '../structs/index.js';
import { mockAlloc, mockNode, mockPlan, simpleAllocsFit, startPlanApplier } from './testing.js';

describe('plan applier properties', () => {
  // On SQLite the applier checks the next plan while the previous one commits on the writer
  // thread (pipelined): it must still count every plan before it.
  it.each([
    ['memory', 60],
    ['sqlite', 15],
  ] as const)(
    'plans made on stale snapshots never overcommit a node (%s)',
    async (backend, runs) => {
      const plans = fc.array(
        fc.record({
          node: fc.integer({ min: 0, max: 2 }),
          cpus: fc.array(fc.integer({ min: 100, max: 3000 }), { minLength: 1, maxLength: 3 }),
          stops: fc.nat({ max: 2 }),
          allAtOnce: fc.boolean(),
        }),
        { minLength: 1, maxLength: 12 },
      );
      await fc.assert(
        fc.asyncProperty(plans, async (specs) => {
          const dataDir =
            backend === 'sqlite' ? mkdtempSync(join(tmpdir(), 'plan-apply-')) : undefined;
          const store = openStateStore({ backend, dataDir });
          const { queue, applier } = startPlanApplier(store);
          const nodes = [mockNode(), mockNode(), mockNode()];
          const seed = nodes.map((n) => mockAlloc({ NodeID: n.ID, cpu: 1000 }));
          await store.apply({
            ops: [
              ...nodes.map((node) => ({ kind: 'upsert-node' as const, node })),
              { kind: 'upsert-allocs', allocs: seed },
            ],
          });
          // Every plan was made on this same snapshot, as concurrent workers would.
          const stale = store.snapshot();
          const results = await Promise.all(
            specs.map((s, i) => {
              const node = nodes[s.node]!;
              const job = mockJob({ ID: `job${i}` });
              const stops = stale
                .allocsByNodeLive(node.ID)
                .slice(0, s.stops)
                .map((a) => ({ ...a, DesiredStatus: 'stop' as const }));
              return queue.enqueue(
                mockPlan({
                  Job: job,
                  AllAtOnce: s.allAtOnce,
                  NodeUpdate: stops.length > 0 ? { [node.ID]: stops } : {},
                  NodeAllocation: {
                    [node.ID]: s.cpus.map((cpu) => mockAlloc({ NodeID: node.ID, cpu }, job)),
                  },
                }),
              );
            }),
          );
          const snap = store.snapshot();
          for (const n of nodes) {
            expect(simpleAllocsFit(snap.node(n.ID)!, snap.allocsByNodeLive(n.ID)).fit).toBe(true);
          }
          // Every refused plan says how fresh a snapshot to retry on.
          for (const r of results) {
            const placed = Object.values(r.NodeAllocation).flat().length;
            if (placed === 0) expect(r.RefreshIndex).toBeGreaterThan(0);
          }
          queue.setEnabled(false);
          await applier.stop();
          await store.close();
          if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        }),
        { numRuns: runs },
      );
    },
  );
});
