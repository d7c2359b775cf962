import { describe, expect, it } from 'vitest';
import type { Allocation, TaskEvent } from '../../../structs/index.js';
import { mockJob } from '../../../structs/index.js';
import type { TaskHookRequest } from './hook.js';
import { effectiveNetworkMode, networkHook, requestedNetworkMode } from './network.hook.js';

function alloc(mode: string | undefined): Allocation {
  const job = mockJob({
    ID: 'j',
    TaskGroups: [
      {
        Name: 'g',
        Networks: mode === undefined ? [] : [{ Mode: mode }],
        Tasks: [{ Name: 't', Driver: 'mock' }],
      },
    ],
  } as never);
  return { ID: 'a1', Job: job, TaskGroup: 'g' } as unknown as Allocation;
}

function request(a: Allocation, hookData: Record<string, string> = {}) {
  const events: TaskEvent[] = [];
  const warnings: string[] = [];
  const req = {
    alloc: a,
    task: a.Job.TaskGroups[0]!.Tasks[0]!,
    hookData,
    emit: (e: TaskEvent) => events.push(e),
    logger: { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} },
  } as unknown as TaskHookRequest;
  return { req, events, warnings };
}

describe('network hook', () => {
  it('runs bridge and cni groups in host mode, and keeps the other modes', () => {
    expect(requestedNetworkMode(alloc(undefined))).toBe('host');
    expect(requestedNetworkMode(alloc('bridge'))).toBe('bridge');
    expect(effectiveNetworkMode('bridge')).toBe('host');
    expect(effectiveNetworkMode('cni/mynet')).toBe('host');
    expect(effectiveNetworkMode('host')).toBe('host');
    expect(effectiveNetworkMode('none')).toBe('none');
  });

  it('warns once per task about the fallback, and says nothing in host mode', async () => {
    const msg = 'bridge networking is not available yet; the group runs in host mode';
    const first = request(alloc('bridge'));
    expect(await networkHook.prestart(first.req)).toEqual({ hookData: { warned: 'true' } });
    expect(first.events.map((e) => [e.Type, e.DisplayMessage])).toEqual([
      ['Task hook message', msg],
    ]);
    expect(first.warnings).toEqual([`alloc a1 task t: ${msg}`]);
    const again = request(alloc('bridge'), { warned: 'true' });
    expect(await networkHook.prestart(again.req)).toEqual({});
    expect(again.events).toEqual([]);
    const host = request(alloc('host'));
    expect(await networkHook.prestart(host.req)).toEqual({});
    expect([...host.events, ...host.warnings]).toEqual([]);
  });
});
