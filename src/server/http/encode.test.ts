import { describe, expect, it } from 'vitest';
import { mockAlloc, mockEval, mockNode } from '../../state/mock.js';
import { mockJob } from '../../structs/index.js';
import {
  encodeAlloc,
  encodeEval,
  encodeNode,
  GO_ZERO_TIME,
  nodeListStub,
  rfc3339,
} from './encode.js';

const T = 1_700_000_000_123_456_000; // 2023-11-14T22:13:20.123456Z

describe('wire encoding', () => {
  it('writes Go time.Time values as RFC 3339, zero as Go zero time', () => {
    expect(rfc3339(0)).toBe(GO_ZERO_TIME);
    expect(rfc3339(1_700_000_000_000_000_000)).toBe('2023-11-14T22:13:20Z');
    expect(rfc3339(1_700_000_000_500_000_000)).toBe('2023-11-14T22:13:20.5Z');
  });

  it('encodes task state times as RFC 3339 and keeps CreateTime in ns', () => {
    const a = mockAlloc(mockJob({ ID: 'j' }), 'n1', {
      CreateTime: T,
      TaskStates: {
        web: {
          State: 'dead',
          Failed: false,
          Restarts: 0,
          LastRestart: 0,
          StartedAt: 1_700_000_000_000_000_000,
          FinishedAt: 1_700_000_001_000_000_000,
          Events: null,
        },
      },
    });
    const w = encodeAlloc(a);
    expect(w.CreateTime).toBe(T);
    expect(w.TaskStates!.web).toEqual({
      State: 'dead',
      Failed: false,
      Restarts: 0,
      LastRestart: GO_ZERO_TIME,
      StartedAt: '2023-11-14T22:13:20Z',
      FinishedAt: '2023-11-14T22:13:21Z',
      Events: null,
    });
  });

  it('encodes Evaluation.WaitUntil as RFC 3339', () => {
    const job = mockJob({ ID: 'j' });
    expect(encodeEval(mockEval(job)).WaitUntil).toBe(GO_ZERO_TIME);
    expect(encodeEval({ ...mockEval(job), WaitUntil: 1_700_000_000_000_000_000 }).WaitUntil).toBe(
      '2023-11-14T22:13:20Z',
    );
  });

  it('never sends a node secret, and keeps StatusUpdatedAt in seconds', () => {
    const n = mockNode({ StatusUpdatedAt: 1_700_000_000 });
    const w = encodeNode(n);
    expect('SecretID' in w).toBe(false);
    expect(JSON.stringify(w)).not.toContain(n.SecretID);
    expect(w.StatusUpdatedAt).toBe(1_700_000_000);
    expect(JSON.stringify(nodeListStub(n, { os: true, resources: true }))).not.toContain(
      n.SecretID,
    );
  });
});
