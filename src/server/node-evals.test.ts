import { describe, expect, it } from 'vitest';
import { openStateStore } from '../state/index.js';
import { mockJob } from '../structs/index.js';
import {
  computeNodeClass,
  dcMatches,
  nodeUpdateEvals,
  systemJobTargetsNode,
} from './node-evals.js';
import { mockAlloc, mockNode, testID } from './testing.js';

describe('node evals', () => {
  it('computed class ignores unique attributes and IDs, not placement attributes', () => {
    const a = mockNode();
    const b = mockNode();
    expect(a.Attributes['unique.hostname']).not.toBe(b.Attributes['unique.hostname']);
    expect(computeNodeClass(a)).toBe(computeNodeClass(b));
    expect(computeNodeClass(a)).toMatch(/^v1:\d+$/);
    expect(computeNodeClass(mockNode({ NodeClass: 'gpu' }))).not.toBe(computeNodeClass(a));
    expect(computeNodeClass(mockNode({ Meta: { rack: 'r1' } }))).not.toBe(computeNodeClass(a));
  });

  it('matches datacenter globs', () => {
    expect(dcMatches('dc1', 'dc1')).toBe(true);
    expect(dcMatches('dc*', 'dc2')).toBe(true);
    expect(dcMatches('*', 'eu-west')).toBe(true);
    expect(dcMatches('dc1', 'dc10')).toBe(false);
    expect(dcMatches('us-*-1', 'us-east-1')).toBe(true);
    expect(dcMatches('d.1', 'dx1')).toBe(false);
  });

  it('system jobs target nodes by pool and datacenter', () => {
    const n = mockNode({ Datacenter: 'dc2', NodePool: 'gpu' });
    expect(systemJobTargetsNode({ NodePool: 'gpu', Datacenters: ['dc*'] }, n)).toBe(true);
    expect(systemJobTargetsNode({ NodePool: 'all', Datacenters: ['dc2'] }, n)).toBe(true);
    expect(systemJobTargetsNode({ NodePool: 'default', Datacenters: ['*'] }, n)).toBe(false);
    expect(systemJobTargetsNode({ NodePool: 'gpu', Datacenters: ['dc1'] }, n)).toBe(false);
  });

  it('one eval per job with allocs on the node and per system job targeting it', async () => {
    const store = openStateStore({ backend: 'memory' });
    const node = mockNode();
    const web = mockJob({ ID: 'web' });
    const sys = mockJob({ ID: 'sys', Type: 'system' });
    const otherDC = mockJob({ ID: 'far', Type: 'system', Datacenters: ['dc9'] });
    await store.apply({
      ops: [
        { kind: 'upsert-node', node },
        { kind: 'upsert-job', job: web, submitTime: 1 },
        { kind: 'upsert-job', job: sys, submitTime: 1 },
        { kind: 'upsert-job', job: otherDC, submitTime: 1 },
        {
          kind: 'upsert-allocs',
          allocs: [mockAlloc({ NodeID: node.ID }, web), mockAlloc({ NodeID: node.ID }, web)],
        },
      ],
    });
    const state = store.snapshot();
    const evals = nodeUpdateEvals(state, state.node(node.ID)!, { nowNs: 5, newID: testID });
    expect(evals.map((e) => [e.JobID, e.Type, e.TriggeredBy, e.NodeID])).toEqual([
      ['web', 'service', 'node-update', node.ID],
      ['sys', 'system', 'node-update', node.ID],
    ]);
    expect(evals[0]!.NodeModifyIndex).toBe(state.node(node.ID)!.ModifyIndex);
    await store.close();
  });
});
