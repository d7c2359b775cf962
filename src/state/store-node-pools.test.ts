import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NodePool } from '../structs/index.js';
import { isStateError } from './errors.js';
import { mockNode } from './mock.js';
import { openStateStore } from './open.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const pool = (over: Partial<NodePool> = {}): NodePool => ({
  Name: 'dev',
  Description: 'Node pool for dev workloads.',
  Meta: { env: 'development' },
  SchedulerConfiguration: { SchedulerAlgorithm: 'spread', MemoryOversubscriptionEnabled: null },
  CreateIndex: 0,
  ModifyIndex: 0,
  ...over,
});

describe('node pools', () => {
  it('always has the built-in all and default pools, at index 1', () => {
    const s = openStateStore();
    expect(s.snapshot().nodePools()).toEqual([
      {
        Name: 'all',
        Description: 'Node pool with all nodes in the cluster.',
        Meta: null,
        SchedulerConfiguration: null,
        CreateIndex: 1,
        ModifyIndex: 1,
      },
      {
        Name: 'default',
        Description: 'Default node pool.',
        Meta: null,
        SchedulerConfiguration: null,
        CreateIndex: 1,
        ModifyIndex: 1,
      },
    ]);
    expect(s.snapshot().tableIndex('node_pools')).toBe(0);
  });

  it('creates and updates user pools; an unchanged pool writes nothing', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-node-pools', pools: [pool()] }] });
    expect(s.snapshot().nodePool('dev')).toMatchObject({ CreateIndex: 1, ModifyIndex: 1 });
    await s.apply({ ops: [{ kind: 'upsert-node-pools', pools: [pool()] }] });
    expect(s.snapshot().nodePool('dev')!.ModifyIndex).toBe(1);
    expect(s.snapshot().tableIndex('node_pools')).toBe(1);
    await s.apply({
      ops: [{ kind: 'upsert-node-pools', pools: [pool({ Description: 'changed' })] }],
    });
    expect(s.snapshot().nodePool('dev')).toMatchObject({
      Description: 'changed',
      CreateIndex: 1,
      ModifyIndex: 3,
    });
    expect(
      s
        .snapshot()
        .nodePools('d')
        .map((p) => p.Name),
    ).toEqual(['default', 'dev']);
  });

  it('refuses built-in pools, bad names and algorithms; nothing changes', async () => {
    const s = openStateStore();
    const refused = async (p: NodePool) =>
      s.apply({ ops: [{ kind: 'upsert-node-pools', pools: [p] }] }).catch((e) => e);
    const builtin = await refused(pool({ Name: 'default' }));
    expect(isStateError(builtin, 'STATE_ERR_INVALID_OP')).toBe(true);
    expect(builtin.message).toBe('modifying node pool "default" is not allowed');
    const name = await refused(pool({ Name: 'bad name' }));
    expect(name.message).toBe(
      'invalid node pool "bad name": 1 error occurred:\n' +
        '\t* invalid name "bad name", must match regex ^[a-zA-Z0-9-_]{1,128}$\n\n',
    );
    const alg = await refused(
      pool({
        SchedulerConfiguration: {
          SchedulerAlgorithm: 'random' as 'spread',
          MemoryOversubscriptionEnabled: null,
        },
      }),
    );
    expect(alg.message).toContain('* invalid scheduler algorithm "random"');
    expect(s.snapshot().index).toBe(0);
  });

  it('deletes user pools; refuses unknown and built-in ones', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-node-pools', pools: [pool()] }] });
    const unknown = await s
      .apply({ ops: [{ kind: 'delete-node-pools', names: ['nope'] }] })
      .catch((e) => e);
    expect(isStateError(unknown, 'STATE_ERR_UNKNOWN_NODE_POOL')).toBe(true);
    expect(unknown.message).toBe('node pool nope not found');
    const builtin = await s
      .apply({ ops: [{ kind: 'delete-node-pools', names: ['all'] }] })
      .catch((e) => e);
    expect(builtin.message).toBe('deleting built-in node pool all is not allowed');
    await s.apply({ ops: [{ kind: 'delete-node-pools', names: ['dev'] }] });
    expect(s.snapshot().nodePool('dev')).toBeUndefined();
    expect(s.snapshot().tableIndex('node_pools')).toBe(2);
  });

  it('a registering node creates its pool when it does not exist', async () => {
    const s = openStateStore();
    await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode({ NodePool: 'gpu' }) }] });
    expect(s.snapshot().nodePool('gpu')).toEqual({
      Name: 'gpu',
      Description: '',
      Meta: null,
      SchedulerConfiguration: null,
      CreateIndex: 1,
      ModifyIndex: 1,
    });
    await s.apply({ ops: [{ kind: 'upsert-node', node: mockNode({ NodePool: 'default' }) }] });
    expect(s.snapshot().nodePool('default')!.ModifyIndex).toBe(1);
  });

  it('user pools survive a restart (SQLite); built-in ones are not stored', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'caravan-pools-'));
    dirs.push(dataDir);
    const s = openStateStore({ dataDir, synchronous: 'normal' });
    await s.apply({
      ops: [{ kind: 'upsert-node-pools', pools: [pool(), pool({ Name: 'prod' })] }],
    });
    await s.apply({ ops: [{ kind: 'delete-node-pools', names: ['prod'] }] });
    const before = s.snapshot().nodePools();
    await s.close();
    const again = openStateStore({ dataDir });
    expect(again.snapshot().nodePools()).toEqual(before);
    expect(
      again
        .snapshot()
        .nodePools()
        .map((p) => p.Name),
    ).toEqual(['all', 'default', 'dev']);
    expect(again.snapshot().tableIndex('node_pools')).toBe(2);
    await again.close();
  });
});
