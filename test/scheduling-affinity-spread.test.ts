// The spec's affinity and spread jobs (and variations on them) scheduled on simulated
// clusters: nodes drawn by the simulator's node factory from a profile, placed through the
// service scheduler with a recording planner.
import { describe, expect, it } from 'vitest';
import type { Harness } from '../src/scheduler/index.js';
import type { Job, Node } from '../src/structs/index.js';
import { mockJob } from '../src/structs/index.js';
import { countBy, live, run, simCluster as cluster, specJob, withCount } from './sim-cluster.js';

const rack = (n: Node) => n.Meta.rack!;
const small = { cpu: 8000, cores: 4, memoryMB: 1200, diskMB: 100_000 };
const OLD_CPU = 'Intel(R) Core(TM) i5-2500';

describe('affinities (spec: affinity-app)', () => {
  // Two SSD nodes, two plain nodes, two old ones; each node has room for four allocations
  // (300 MB each in 1200 MB). Scores: SSD 0.75, plain 0.5, old 0.25 (rack matches itself).
  function hardware(): Harness {
    return cluster(6, { sizes: [{ value: small, weight: 1 }] }, (node, i) => {
      node.Attributes['storage.ssd'] = i < 2 ? 'true' : 'false';
      if (i >= 4) node.Attributes['cpu.modelname'] = OLD_CPU;
    });
  }
  const kind = (n: Node) =>
    n.Attributes['cpu.modelname'] === OLD_CPU
      ? 'old'
      : n.Attributes['storage.ssd'] === 'true'
        ? 'ssd'
        : 'plain';

  it('puts the three allocations on SSD nodes, scored under node-affinity', async () => {
    const h = hardware();
    const job = await run(h, specJob('affinity-app'));
    expect(countBy(h, job, kind)).toEqual({ ssd: 3 });
    const m = live(h, job)[0]!.Metrics!;
    expect(m.ScoreMetaData![0]!.Scores['node-affinity']).toBe(0.75);
    expect(m.ScoreMetaData!.length).toBeLessThanOrEqual(5);
  });

  it('fills preferred nodes while capacity lasts and avoids old hardware', async () => {
    const h = hardware();
    const job = specJob('affinity-app');
    await run(h, withCount(job, 10));
    expect(countBy(h, job, kind)).toEqual({ ssd: 8, plain: 2 });
    await run(h, withCount(job, 16));
    expect(countBy(h, job, kind)).toEqual({ ssd: 8, plain: 8 });
    await run(h, withCount(job, 18));
    expect(countBy(h, job, kind)).toEqual({ ssd: 8, plain: 8, old: 2 });
  });

  it('resolves value = "${attr.meta.rack}" against the node', async () => {
    // Only rack-matching affinity, written with an interpolated right-hand side: a node whose
    // meta.rack equals its own meta.X wins.
    const h = cluster(4, {}, (node, i) => {
      node.Meta.rack = 'rack1';
      node.Meta.want = i === 2 ? 'rack1' : 'rack9';
    });
    const job = mockJob({
      Affinities: [
        { LTarget: '${meta.rack}', RTarget: '${attr.meta.want}', Operand: '=', Weight: 100 },
      ],
      TaskGroups: [{ Name: 'web', Count: 2, Tasks: [{ Name: 'web', Driver: 'raw_exec' }] }],
    });
    await run(h, job);
    expect(countBy(h, job, (n) => n.Meta.want!)).toEqual({ rack1: 2 });
  });
});

describe('spread (spec: spread-app, multi-region-app)', () => {
  it('spreads 6 allocations 50/50 over two racks: 3 and 3', async () => {
    // Rack sizes deliberately uneven: 8 nodes in rack1, 2 in rack2.
    const h = cluster(10, {}, (node, i) => {
      node.Meta.rack = i < 8 ? 'rack1' : 'rack2';
    });
    const job = await run(h, specJob('spread-app'));
    expect(countBy(h, job, rack)).toEqual({ rack1: 3, rack2: 3 });
    const scores = live(h, job)[0]!.Metrics!.ScoreMetaData![0]!.Scores;
    expect(Object.keys(scores)).toContain('allocation-spread');
  });

  it('keeps the racks even as the group scales, counting existing allocations', async () => {
    const h = cluster(10, {}, (node, i) => {
      node.Meta.rack = i < 7 ? 'rack1' : 'rack2';
    });
    const job = specJob('spread-app');
    await run(h, withCount(job, 4));
    expect(countBy(h, job, rack)).toEqual({ rack1: 2, rack2: 2 });
    await run(h, withCount(job, 10));
    expect(countBy(h, job, rack)).toEqual({ rack1: 5, rack2: 5 });
  });

  it('spreads the multi-region job 50/50 over two datacenters, within one allocation', async () => {
    const dcs = {
      datacenters: [
        { value: 'us-west-1', weight: 3 },
        { value: 'us-east-1', weight: 1 },
      ],
    };
    const h = cluster(12, dcs);
    const job = await run(h, specJob('multi-region-app'));
    const byDC = countBy(h, job, (n) => n.Datacenter);
    expect(Object.values(byDC).sort()).toEqual([1, 2]);
    const h2 = cluster(12, dcs);
    const job2 = await run(h2, withCount(specJob('multi-region-app'), 8));
    expect(countBy(h2, job2, (n) => n.Datacenter)).toEqual({ 'us-west-1': 4, 'us-east-1': 4 });
  });

  it('follows target percents, the remainder going to the values no target names', async () => {
    const h = cluster(12, {}, (node, i) => {
      node.Meta.rack = `rack${(i % 3) + 1}`;
    });
    const base = specJob('spread-app');
    const job = await run(
      h,
      withCount(base, 10, [
        {
          Attribute: '${meta.rack}',
          Weight: 100,
          SpreadTarget: [
            { Value: 'rack1', Percent: 70 },
            { Value: 'rack2', Percent: 30 },
          ],
        },
      ]),
    );
    expect(countBy(h, job, rack)).toEqual({ rack1: 7, rack2: 3 });

    const h2 = cluster(12, {}, (node, i) => {
      node.Meta.rack = `rack${(i % 3) + 1}`;
    });
    const job2 = await run(
      h2,
      withCount(base, 10, [
        { Attribute: '${meta.rack}', Weight: 100, SpreadTarget: [{ Value: 'rack1', Percent: 50 }] },
      ]),
    );
    const c = countBy(h2, job2, rack);
    expect(c.rack1).toBe(5);
    expect((c.rack2 ?? 0) + (c.rack3 ?? 0)).toBe(5);
  });

  it('spreads evenly over hostnames when no target is given', async () => {
    const h = cluster(4);
    const job = await run(
      h,
      withCount(specJob('spread-app'), 12, [
        { Attribute: '${attr.unique.hostname}', Weight: 100, SpreadTarget: null },
      ]),
    );
    expect(Object.values(countBy(h, job, (n) => n.Attributes['unique.hostname']!))).toEqual([
      3, 3, 3, 3,
    ]);
  });

  it('spreads evenly over three racks of different sizes', async () => {
    const h = cluster(12, {}, (node, i) => {
      node.Meta.rack = i < 8 ? 'rack1' : i < 10 ? 'rack2' : 'rack3';
    });
    const job = await run(
      h,
      withCount(specJob('spread-app'), 9, [
        { Attribute: '${meta.rack}', Weight: 50, SpreadTarget: null },
      ]),
    );
    expect(countBy(h, job, rack)).toEqual({ rack1: 3, rack2: 3, rack3: 3 });
  });

  it('moves to new targets when a destructive update changes them', async () => {
    const h = cluster(10, {}, (node, i) => {
      node.Meta.rack = i % 2 === 0 ? 'rack1' : 'rack2';
    });
    const base = withCount(specJob('spread-app'), 8);
    await run(h, base);
    expect(countBy(h, base, rack)).toEqual({ rack1: 4, rack2: 4 });
    const tg = base.TaskGroups[0]!;
    const changed: Job = {
      ...base,
      TaskGroups: [
        {
          ...tg,
          Spreads: [
            {
              Attribute: '${meta.rack}',
              Weight: 50,
              SpreadTarget: [
                { Value: 'rack1', Percent: 75 },
                { Value: 'rack2', Percent: 25 },
              ],
            },
          ],
          Tasks: [{ ...tg.Tasks[0]!, Env: { V: '2' } }],
        },
      ],
    };
    await run(h, changed);
    expect(countBy(h, base, rack)).toEqual({ rack1: 6, rack2: 2 });
  });

  it('scores a handful of nodes per placement, not max(count, 100)', async () => {
    const h = cluster(1000, { sizes: [{ value: { ...small, memoryMB: 16384 }, weight: 1 }] });
    const job = await run(h, withCount(specJob('spread-app'), 300));
    const allocs = live(h, job);
    expect(allocs).toHaveLength(300);
    expect(countBy(h, job, rack)).toEqual({ rack1: 150, rack2: 150 });
    // log2(1000) -> 10 scored, plus up to 3 passed over: never near Nomad's 300.
    expect(Math.max(...allocs.map((a) => a.Metrics!.NodesEvaluated))).toBeLessThanOrEqual(13);
  });
});
