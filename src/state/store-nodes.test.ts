import { describe, expect, it } from 'vitest';
import { isStateError } from './errors.js';
import { mockNode } from './mock.js';
import { openStateStore } from './open.js';
import { defaultSchedulerConfig } from './tables.js';

describe('nodes', () => {
  it('registers a node with an event; re-registration keeps server-owned fields', async () => {
    const s = openStateStore();
    const node = mockNode({ StatusUpdatedAt: 100 });
    await s.apply({ ops: [{ kind: 'upsert-node', node }] });
    const stored = s.snapshot().node(node.ID)!;
    expect([stored.CreateIndex, stored.ModifyIndex]).toEqual([1, 1]);
    expect(stored.Events).toEqual([
      {
        Message: 'Node registered',
        Subsystem: 'Cluster',
        Details: null,
        Timestamp: 100e9,
        CreateIndex: 1,
      },
    ]);
    expect(s.snapshot().nodeBySecretID(node.SecretID)).toBe(stored);

    await s.apply({
      ops: [
        {
          kind: 'update-node-eligibility',
          nodeID: node.ID,
          eligibility: 'ineligible',
          updatedAt: 101,
        },
        { kind: 'update-node-status', nodeID: node.ID, status: 'down', updatedAt: 102 },
      ],
    });
    await s.apply({
      ops: [
        { kind: 'upsert-node', node: { ...node, SecretID: 'new-secret', StatusUpdatedAt: 103 } },
      ],
    });
    const again = s.snapshot().node(node.ID)!;
    expect([
      again.CreateIndex,
      again.ModifyIndex,
      again.SchedulingEligibility,
      again.Status,
    ]).toEqual([1, 3, 'ineligible', 'ready']);
    expect(again.Events!.map((e) => [e.Message, e.CreateIndex])).toEqual([
      ['Node registered', 1],
      ['Node re-registered', 3],
    ]);
    expect(s.snapshot().nodeBySecretID(node.SecretID)).toBeUndefined();
    expect(s.snapshot().nodeBySecretID('new-secret')).toBe(again);
  });

  it('records status updates with their event, keeping the last 10 events', async () => {
    const s = openStateStore();
    const node = mockNode();
    await s.apply({ ops: [{ kind: 'upsert-node', node }] });
    for (let i = 0; i < 12; i++) {
      await s.apply({
        ops: [
          {
            kind: 'update-node-status',
            nodeID: node.ID,
            status: i % 2 ? 'ready' : 'down',
            updatedAt: 200 + i,
            event: {
              Message: `e${i}`,
              Subsystem: 'Cluster',
              Details: null,
              Timestamp: i,
              CreateIndex: 0,
            },
          },
        ],
      });
    }
    const n = s.snapshot().node(node.ID)!;
    expect(n.Events!.map((e) => e.Message)).toEqual([
      'e2',
      'e3',
      'e4',
      'e5',
      'e6',
      'e7',
      'e8',
      'e9',
      'e10',
      'e11',
    ]);
    expect([n.Status, n.StatusUpdatedAt, n.ModifyIndex]).toEqual(['ready', 211, 13]);
  });

  it('drains: ineligible while draining, eligible again when asked', async () => {
    const s = openStateStore();
    const node = mockNode();
    await s.apply({ ops: [{ kind: 'upsert-node', node }] });
    const drain = { Deadline: 60e9, IgnoreSystemJobs: false, ForceDeadline: 5, StartedAt: 4 };
    await s.apply({
      ops: [
        { kind: 'update-node-drain', nodeID: node.ID, drain, markEligible: false, updatedAt: 7 },
      ],
    });
    let n = s.snapshot().node(node.ID)!;
    expect([n.Drain, n.SchedulingEligibility, n.DrainStrategy]).toEqual([
      true,
      'ineligible',
      drain,
    ]);

    const err = await s
      .apply({
        ops: [
          {
            kind: 'update-node-eligibility',
            nodeID: node.ID,
            eligibility: 'eligible',
            updatedAt: 8,
          },
        ],
      })
      .catch((e) => e);
    expect(isStateError(err, 'STATE_ERR_NODE_DRAINING')).toBe(true);

    await s.apply({
      ops: [
        {
          kind: 'update-node-drain',
          nodeID: node.ID,
          drain: null,
          markEligible: true,
          updatedAt: 9,
        },
      ],
    });
    n = s.snapshot().node(node.ID)!;
    expect([n.Drain, n.SchedulingEligibility, n.DrainStrategy, n.StatusUpdatedAt]).toEqual([
      false,
      'eligible',
      null,
      9,
    ]);
  });

  it('deletes nodes; unknown nodes reject the batch', async () => {
    const s = openStateStore();
    const a = mockNode({ ID: 'aaaa0000-0000-4000-8000-000000000001' });
    const b = mockNode({ ID: 'aabb0000-0000-4000-8000-000000000002' });
    const c = mockNode({ ID: 'bbbb0000-0000-4000-8000-000000000003' });
    await s.apply({ ops: [a, b, c].map((node) => ({ kind: 'upsert-node' as const, node })) });
    expect(
      s
        .snapshot()
        .nodes('aa')
        .map((n) => n.ID),
    ).toEqual([a.ID, b.ID]);
    expect(
      s
        .snapshot()
        .nodes()
        .map((n) => n.ID),
    ).toEqual([a.ID, b.ID, c.ID]);

    const err = await s
      .apply({ ops: [{ kind: 'delete-nodes', nodeIDs: [a.ID, 'nope'] }] })
      .catch((e) => e);
    expect(isStateError(err, 'STATE_ERR_UNKNOWN_NODE')).toBe(true);
    expect(err.ids).toEqual(['nope']);
    expect(s.snapshot().node(a.ID)).toBeDefined();

    for (const kind of ['update-node-status', 'update-node-eligibility'] as const) {
      const e =
        kind === 'update-node-status'
          ? await s
              .apply({ ops: [{ kind, nodeID: 'nope', status: 'down', updatedAt: 1 }] })
              .catch((x) => x)
          : await s
              .apply({ ops: [{ kind, nodeID: 'nope', eligibility: 'eligible', updatedAt: 1 }] })
              .catch((x) => x);
      expect(isStateError(e, 'STATE_ERR_UNKNOWN_NODE')).toBe(true);
    }

    const idx = await s.apply({ ops: [{ kind: 'delete-nodes', nodeIDs: [a.ID] }] });
    expect(idx).toBe(2);
    expect(s.snapshot().node(a.ID)).toBeUndefined();
    expect(s.snapshot().nodeBySecretID(a.SecretID)).toBeUndefined();
    expect(s.snapshot().tableIndex('nodes')).toBe(2);
  });
});

describe('scheduler configuration', () => {
  it('defaults to binpack with preemption for system jobs only (Nomad)', () => {
    const s = openStateStore();
    expect(s.snapshot().schedulerConfig()).toEqual(defaultSchedulerConfig());
    expect(s.snapshot().schedulerConfig().PreemptionConfig).toEqual({
      SystemSchedulerEnabled: true,
      SysBatchSchedulerEnabled: false,
      BatchSchedulerEnabled: false,
      ServiceSchedulerEnabled: false,
    });
  });

  it('sets the configuration with its indexes; refuses an unknown algorithm', async () => {
    const s = openStateStore();
    const config = { ...defaultSchedulerConfig(), SchedulerAlgorithm: 'spread' as const };
    await s.apply({ ops: [{ kind: 'set-scheduler-config', config }] });
    await s.apply({
      ops: [{ kind: 'set-scheduler-config', config: { ...config, PauseEvalBroker: true } }],
    });
    const c = s.snapshot().schedulerConfig();
    expect([c.SchedulerAlgorithm, c.PauseEvalBroker, c.CreateIndex, c.ModifyIndex]).toEqual([
      'spread',
      true,
      1,
      2,
    ]);
    const bad = { ...config, SchedulerAlgorithm: 'random' as unknown as 'spread' };
    const err = await s
      .apply({ ops: [{ kind: 'set-scheduler-config', config: bad }] })
      .catch((e) => e);
    expect(isStateError(err, 'STATE_ERR_INVALID_OP')).toBe(true);
    expect(s.snapshot().tableIndex('scheduler_config')).toBe(2);
  });

  it('check-and-set writes only when the ModifyIndex matches', async () => {
    const s = openStateStore();
    const config = { ...defaultSchedulerConfig(), SchedulerAlgorithm: 'spread' as const };
    await s.apply({ ops: [{ kind: 'set-scheduler-config', config, cas: 0 }] });
    expect(s.snapshot().schedulerConfig().ModifyIndex).toBe(1);
    const stale = { ...config, SchedulerAlgorithm: 'binpack' as const };
    await s.apply({ ops: [{ kind: 'set-scheduler-config', config: stale, cas: 0 }] });
    expect(s.snapshot().schedulerConfig()).toMatchObject({
      SchedulerAlgorithm: 'spread',
      ModifyIndex: 1,
    });
    expect(s.snapshot().tableIndex('scheduler_config')).toBe(1);
    await s.apply({ ops: [{ kind: 'set-scheduler-config', config: stale, cas: 1 }] });
    expect(s.snapshot().schedulerConfig()).toMatchObject({
      SchedulerAlgorithm: 'binpack',
      ModifyIndex: 3,
    });
  });
});
