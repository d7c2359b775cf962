import { describe, expect, it } from 'vitest';
import { mockJob } from '../structs/index.js';
import { schedulers } from './registry.js';
import { Harness, mockEval } from './testing/harness.js';
import { mockNode } from './testing/mocks.js';

describe('system scheduler', () => {
  it('places one allocation per feasible node and on nodes that join later', async () => {
    const h = new Harness();
    for (let i = 0; i < 3; i++) h.state.upsertNode(mockNode());
    h.state.upsertNode(
      mockNode({ Attributes: { 'kernel.name': 'windows', 'driver.raw_exec': '1' } }),
    );
    const j = h.state.upsertJob(
      mockJob({
        Type: 'system',
        Constraints: [{ LTarget: '${attr.kernel.name}', RTarget: 'linux', Operand: '=' }],
      }),
    );
    await h.process(schedulers.system, mockEval(j));
    expect(Object.values(h.plans[0]!.NodeAllocation).flat()).toHaveLength(3);
    expect(h.updatedEvals[0]!.FailedTGAllocs).toBeNull();

    const n = mockNode();
    h.state.upsertNode(n);
    await h.process(schedulers.system, mockEval(j, { TriggeredBy: 'node-update', NodeID: n.ID }));
    const added = Object.values(h.plans[1]!.NodeAllocation).flat();
    expect(added.map((a) => a.NodeID)).toEqual([n.ID]);
    expect(added[0]!.Name).toBe('example.web[0]');
  });

  it('stops allocations on nodes that became infeasible', async () => {
    const h = new Harness();
    const n = mockNode({ Meta: { rack: 'r1' } });
    h.state.upsertNode(n);
    const j = h.state.upsertJob(
      mockJob({
        Type: 'system',
        Constraints: [{ LTarget: '${meta.rack}', RTarget: 'r1', Operand: '=' }],
      }),
    );
    await h.process(schedulers.system, mockEval(j));
    h.state.upsertNode(mockNode({ ...n, Meta: { rack: 'r2' }, ComputedClass: '' }));
    await h.process(schedulers.system, mockEval(j, { TriggeredBy: 'node-update' }));
    expect(Object.values(h.plans[1]!.NodeUpdate).flat()).toHaveLength(1);
  });

  it('sysbatch leaves completed allocations alone', async () => {
    const h = new Harness();
    h.state.upsertNode(mockNode());
    const j = h.state.upsertJob(mockJob({ Type: 'sysbatch' }));
    await h.process(schedulers.sysbatch, mockEval(j));
    const a = Object.values(h.plans[0]!.NodeAllocation).flat()[0]!;
    h.state.upsertAllocs([{ ...a, ClientStatus: 'complete' }]);
    await h.process(schedulers.sysbatch, mockEval(j));
    expect(h.plans).toHaveLength(1);
  });
});
