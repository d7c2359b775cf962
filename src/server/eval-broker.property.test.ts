import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import type { Delivery } from './eval-broker.js';
import { EvalBroker } from './eval-broker.js';
import { mockEval } from './testing.js';

type Step =
  | { op: 'enqueue'; job: number; priority: number }
  | { op: 'dequeue' }
  | { op: 'ack'; pick: number }
  | { op: 'nack'; pick: number }
  | { op: 'tick' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('enqueue' as const),
    job: fc.integer({ min: 0, max: 3 }),
    priority: fc.constantFrom(10, 50, 90),
  }),
  fc.record({ op: fc.constant('dequeue' as const) }),
  fc.record({ op: fc.constant('ack' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('nack' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('tick' as const) }),
);

describe('EvalBroker properties', () => {
  it('never has two evals of a job in flight, and every eval ends acked or canceled', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const clock = new ManualClock();
        let n = 0;
        const b = new EvalBroker({
          clock,
          newToken: () => `t${++n}`,
          nackTimeoutMs: 5_000,
          deliveryLimit: 3,
          initialNackDelayMs: 1_000,
          subsequentNackDelayMs: 2_000,
        });
        b.setEnabled(true);
        const inFlight = new Map<string, Delivery>();
        const enqueued = new Set<string>();
        const acked = new Set<string>();
        let index = 0;
        const checkOnePerJob = () => {
          const jobs = [...inFlight.values()]
            .filter((d) => b.outstanding(d.eval.ID) === d.token)
            .map((d) => d.eval.JobID);
          expect(new Set(jobs).size).toBe(jobs.length);
        };
        const take = async (queues: string[]) => {
          const d = await b.dequeue(queues, 0);
          if (d) inFlight.set(d.eval.ID, d);
          return d;
        };
        for (const s of steps) {
          if (s.op === 'enqueue') {
            index++;
            const ev = mockEval({
              JobID: `job${s.job}`,
              Priority: s.priority,
              CreateIndex: index,
              ModifyIndex: index,
            });
            enqueued.add(ev.ID);
            b.enqueue(ev);
          } else if (s.op === 'dequeue') {
            await take(['service', '_failed']);
          } else if (s.op === 'tick') {
            clock.advance(1_000);
          } else {
            const live = [...inFlight.values()].filter((d) => b.outstanding(d.eval.ID) === d.token);
            if (live.length === 0) continue;
            const d = live[s.pick % live.length]!;
            inFlight.delete(d.eval.ID);
            if (s.op === 'ack') {
              b.ack(d.eval.ID, d.token);
              acked.add(d.eval.ID);
            } else {
              b.nack(d.eval.ID, d.token);
            }
          }
          checkOnePerJob();
        }
        // Drain: ack everything that is or becomes ready.
        for (let i = 0; i < 1_000; i++) {
          clock.advance(10_000);
          const d = await take(['service', '_failed']);
          if (!d) {
            if (b.stats().TotalUnacked === 0 && b.stats().TotalWaiting === 0) break;
            continue;
          }
          b.ack(d.eval.ID, d.token);
          acked.add(d.eval.ID);
          checkOnePerJob();
        }
        const canceled = new Set(b.takeCancelable().map((e) => e.ID));
        for (const id of enqueued) expect(acked.has(id) || canceled.has(id)).toBe(true);
        expect(b.stats()).toMatchObject({ TotalReady: 0, TotalUnacked: 0, TotalPending: 0 });
      }),
      { numRuns: 300 },
    );
  });
});
