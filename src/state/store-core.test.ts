import { describe, expect, it } from 'vitest';
import { mockJob } from '../structs/index.js';
import type { WriteBatch } from './ops.js';
import { isStateError } from './errors.js';
import { mockAlloc, mockEval, mockNode } from './mock.js';
import { openStateStore } from './open.js';

const T0 = 1_700_000_000_000_000_000;

describe('snapshots', () => {
  it('a snapshot never sees later writes', async () => {
    const s = openStateStore();
    const node = mockNode();
    await s.apply({
      ops: [
        { kind: 'upsert-node', node },
        { kind: 'upsert-job', job: mockJob(), submitTime: T0 },
      ],
    });
    const before = s.snapshot();
    const job = before.job('default', 'example')!;
    const a = mockAlloc(job, node.ID);
    await s.apply({
      ops: [
        { kind: 'upsert-allocs', allocs: [a] },
        { kind: 'upsert-job', job: mockJob({ Priority: 90 }), submitTime: T0 },
        { kind: 'update-node-status', nodeID: node.ID, status: 'down', updatedAt: 5 },
        { kind: 'delete-job', namespace: 'default', jobID: 'example', purge: true },
      ],
    });
    expect(before.index).toBe(1);
    expect(before.alloc(a.ID)).toBeUndefined();
    expect(before.allocsByNode(node.ID)).toEqual([]);
    expect(before.job('default', 'example')).toBe(job);
    expect(before.jobVersions('default', 'example')).toHaveLength(1);
    expect(before.node(node.ID)!.Status).toBe('ready');
    expect(before.tableIndex('allocs')).toBe(0);
    const after = s.snapshot();
    expect(after.index).toBe(2);
    expect(after.alloc(a.ID)!.ID).toBe(a.ID);
    expect(after.job('default', 'example')).toBeUndefined();
  });

  it('objects read from the store are frozen in development', async () => {
    const s = openStateStore();
    const node = mockNode();
    await s.apply({ ops: [{ kind: 'upsert-node', node }] });
    const n = s.snapshot().node(node.ID)!;
    expect(() => {
      (n as { Status: string }).Status = 'down';
    }).toThrow(TypeError);
    expect(() => {
      n.Attributes['x'] = 'y';
    }).toThrow(TypeError);
  });

  it('freeze can be turned off', async () => {
    const s = openStateStore({ freeze: false });
    const node = mockNode();
    await s.apply({ ops: [{ kind: 'upsert-node', node }] });
    expect(Object.isFrozen(s.snapshot().node(node.ID))).toBe(false);
  });
});

describe('apply', () => {
  it('a batch with one bad op changes nothing and consumes no index', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 }] });
    const before = s.snapshot();
    const seen: number[] = [];
    s.subscribe((i) => seen.push(i));
    const err = await s
      .apply({
        ops: [
          { kind: 'upsert-node', node: mockNode() },
          { kind: 'upsert-evals', evals: [mockEval(mockJob())] },
          { kind: 'update-node-status', nodeID: 'missing', status: 'down', updatedAt: 1 },
        ],
      })
      .catch((e) => e);
    expect(isStateError(err, 'STATE_ERR_UNKNOWN_NODE')).toBe(true);
    expect(s.snapshot()).toBe(before);
    expect(s.snapshot().nodes()).toEqual([]);
    expect(s.snapshot().evals('*')).toEqual([]);
    expect(seen).toEqual([]);
    const next = await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode() }] });
    expect(next).toBe(2);
    expect(seen).toEqual([2]);
  });

  it('refuses unknown op kinds and malformed batches', async () => {
    const s = openStateStore();
    const bad = { ops: [{ kind: 'drop-tables' }] } as unknown as WriteBatch;
    expect(isStateError(await s.apply(bad).catch((e) => e), 'STATE_ERR_INVALID_OP')).toBe(true);
    const worse = {} as WriteBatch;
    expect(isStateError(await s.apply(worse).catch((e) => e), 'STATE_ERR_INVALID_OP')).toBe(true);
    expect(s.snapshot().index).toBe(0);
  });

  it('batches applied in the same tick get consecutive indexes in call order', async () => {
    const s = openStateStore();
    const nodes = [mockNode(), mockNode(), mockNode()];
    const seen: number[] = [];
    s.subscribe((i, b) => {
      seen.push(i);
      expect(b.ops).toHaveLength(1);
    });
    const results = await Promise.all([
      s.apply({ ops: [{ kind: 'upsert-node', node: nodes[0]! }] }),
      s.apply({ ops: [{ kind: 'delete-nodes', nodeIDs: ['missing'] }] }).catch(() => -1),
      s.apply({ ops: [{ kind: 'upsert-node', node: nodes[1]! }] }),
      s.apply({ ops: [{ kind: 'upsert-node', node: nodes[2]! }] }),
    ]);
    expect(results).toEqual([1, -1, 2, 3]);
    expect(seen).toEqual([1, 2, 3]);
    expect(s.snapshot().node(nodes[1]!.ID)!.CreateIndex).toBe(2);
  });

  it('an empty batch still takes an index and changes no table', async () => {
    const s = openStateStore();
    expect(await s.apply({ ops: [] })).toBe(1);
    expect(s.snapshot().tableIndex('jobs')).toBe(0);
  });

  it('a listener that throws does not break the write', async () => {
    const errors: unknown[] = [];
    const s = openStateStore({ onListenerError: (e) => errors.push(e) });
    s.subscribe(() => {
      throw new Error('boom');
    });
    expect(await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode() }] })).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('unsubscribe stops notifications; a closed store refuses writes', async () => {
    const s = openStateStore();
    const seen: number[] = [];
    const off = s.subscribe((i) => seen.push(i));
    await s.apply({ ops: [] });
    off();
    await s.apply({ ops: [] });
    expect(seen).toEqual([1]);
    const pending = s.apply({ ops: [] });
    await s.close();
    expect(await pending).toBe(3);
    const err = await s.apply({ ops: [] }).catch((e) => e);
    expect(isStateError(err, 'STATE_ERR_CLOSED')).toBe(true);
  });
});

describe('blocking queries', () => {
  it('returns at once when a watched table is already past minIndex', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode() }] });
    expect(await s.waitFor(['nodes'], 0, 60_000)).toBe(1);
  });

  it('wakes on a write to a watched table only', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode() }] });
    let nodesWoke = 0;
    const allocs = s.waitFor(['allocs', 'evals'], 0, 60_000).then((i) => i);
    const nodes = s.waitFor(['nodes'], 1, 60_000).then((i) => {
      nodesWoke = i;
      return i;
    });
    await s.apply({ ops: [{ kind: 'upsert-job', job: mockJob(), submitTime: T0 }] });
    await new Promise((r) => setImmediate(r));
    expect(nodesWoke).toBe(0);
    await s.apply({ ops: [{ kind: 'upsert-evals', evals: [mockEval(mockJob())] }] });
    expect(await allocs).toBe(3);
    await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode() }] });
    expect(await nodes).toBe(4);
  });

  it('times out with the unchanged index; resolves on abort', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode() }] });
    expect(await s.waitFor(['nodes'], 1, 5)).toBe(1);
    const ac = new AbortController();
    const w = s.waitFor(['allocs'], 0, 60_000, ac.signal);
    ac.abort();
    expect(await w).toBe(0);
  });

  it('close wakes every waiter with an error, and later waits fail at once', async () => {
    const s = openStateStore();
    const w = s.waitFor(['jobs'], 0, 60_000);
    await s.close();
    await expect(w).rejects.toThrow('the state store is closed');
    await expect(s.waitFor(['jobs'], 0, 60_000)).rejects.toThrow('the state store is closed');
  });
});
