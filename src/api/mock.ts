/**
 * Valid wire objects for tests (like Nomad's nomad/mock): each factory fills every typed
 * field and takes overrides.
 */
import type { AllocListStub, Evaluation, JobListStub, Node, NodeListStub } from './types.js';

/** 2024-05-01T09:00:00Z in nanoseconds. */
export const MOCK_TIME_NS = Date.UTC(2024, 4, 1, 9, 0, 0) * 1e6;

export function mockJobStub(o: Partial<JobListStub> = {}): JobListStub {
  return {
    ID: 'web',
    ParentID: '',
    Name: 'web',
    Namespace: 'default',
    Datacenters: ['dc1'],
    NodePool: 'default',
    Type: 'service',
    Priority: 50,
    Periodic: false,
    ParameterizedJob: false,
    Stop: false,
    Status: 'running',
    StatusDescription: '',
    CreateIndex: 10,
    ModifyIndex: 12,
    JobModifyIndex: 10,
    SubmitTime: MOCK_TIME_NS,
    ...o,
  };
}

export function mockAllocStub(o: Partial<AllocListStub> = {}): AllocListStub {
  return {
    ID: 'a1b2c3d4-0000-4000-8000-000000000002',
    EvalID: 'e1a2b3c4-0000-4000-8000-000000000001',
    Name: 'web.g[0]',
    Namespace: 'default',
    NodeID: 'n1b2c3d4-0000-4000-8000-000000000003',
    NodeName: 'node-1',
    JobID: 'web',
    JobVersion: 0,
    TaskGroup: 'g',
    DesiredStatus: 'run',
    DesiredDescription: '',
    ClientStatus: 'running',
    ClientDescription: '',
    CreateIndex: 11,
    ModifyIndex: 13,
    CreateTime: MOCK_TIME_NS,
    ModifyTime: MOCK_TIME_NS,
    ...o,
  };
}

export function mockEval(o: Partial<Evaluation> = {}): Evaluation {
  return {
    ID: 'e1a2b3c4-0000-4000-8000-000000000001',
    Priority: 50,
    Type: 'service',
    TriggeredBy: 'job-register',
    Namespace: 'default',
    JobID: 'web',
    NodeID: '',
    DeploymentID: '',
    Status: 'complete',
    StatusDescription: '',
    FailedTGAllocs: null,
    QueuedAllocations: { g: 0 },
    CreateIndex: 10,
    ModifyIndex: 12,
    CreateTime: MOCK_TIME_NS,
    ModifyTime: MOCK_TIME_NS,
    ...o,
  };
}

export function mockNodeStub(o: Partial<NodeListStub> = {}): NodeListStub {
  return {
    ID: 'n1b2c3d4-0000-4000-8000-000000000003',
    Datacenter: 'dc1',
    Name: 'node-1',
    NodeClass: '',
    NodePool: 'default',
    Version: '1.7.0',
    Drain: false,
    SchedulingEligibility: 'eligible',
    Status: 'ready',
    Address: '127.0.0.1',
    CreateIndex: 5,
    ModifyIndex: 5,
    ...o,
  };
}

export function mockNode(o: Partial<Node> = {}): Node {
  return {
    ID: 'n1b2c3d4-0000-4000-8000-000000000003',
    Datacenter: 'dc1',
    Name: 'node-1',
    NodeClass: '',
    NodePool: 'default',
    HTTPAddr: '127.0.0.1:4646',
    Drain: false,
    SchedulingEligibility: 'eligible',
    Status: 'ready',
    StatusDescription: '',
    Attributes: { 'kernel.name': 'linux' },
    Meta: {},
    Drivers: { raw_exec: { Detected: true, Healthy: true }, docker: { Detected: false } },
    CreateIndex: 5,
    ModifyIndex: 5,
    ...o,
  };
}
