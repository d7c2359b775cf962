import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mockDriverPlugin } from '../../drivers/index.js';
import type { Allocation, Node } from '../../structs/index.js';
import { mockJob } from '../../structs/index.js';
import { resolveClientConfig } from '../config.js';
import { AllocRunner, clientStatusOf } from './alloc-runner.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function alloc(tasks: Record<string, unknown>[]): Allocation {
  const job = mockJob({
    ID: 'j',
    Type: 'batch',
    TaskGroups: [
      {
        Name: 'g',
        RestartPolicy: { Attempts: 0 },
        Tasks: tasks.map((t) => ({ Driver: 'mock', ...t })),
      },
    ],
  } as never);
  return {
    ID: 'alloc-1',
    Name: 'j.g[0]',
    Namespace: 'default',
    JobID: 'j',
    Job: job,
    TaskGroup: 'g',
    DesiredStatus: 'run',
    DesiredTransition: {},
    AllocatedResources: { Tasks: {}, Shared: { DiskMB: 0, Networks: null, Ports: null } },
  } as unknown as Allocation;
}

function runner(a: Allocation, drivers: string[]) {
  dir = mkdtempSync(join(tmpdir(), 'ar-'));
  const config = resolveClientConfig({ stateDir: join(dir, 's'), allocDir: join(dir, 'a') });
  const logger = { info() {}, warn() {}, error() {} };
  const mock = mockDriverPlugin.create({
    pluginConfig: {},
    dataDir: dir,
    clientOptions: {},
    logger,
  });
  const node = {
    ID: 'n',
    Name: 'n',
    Datacenter: 'dc1',
    Attributes: {},
    Meta: {},
  } as unknown as Node;
  return new AllocRunner({
    alloc: a,
    config,
    node: () => node,
    driverFor: (name) =>
      drivers.includes(name) ? mock : { error: `driver "${name}" is not available on this node` },
    onChange: () => {},
  });
}

describe('AllocRunner', () => {
  it('builds the alloc dir (secrets 0700) and completes a batch alloc', async () => {
    const r = runner(alloc([{ Name: 't', Config: { run_for: '1ms' } }]), ['mock']);
    await r.run();
    const d = r.allocDir();
    for (const sub of ['alloc/logs', 'alloc/data', 'alloc/tmp', 't/local', 't/tmp']) {
      expect(statSync(join(d, sub)).isDirectory()).toBe(true);
    }
    expect(statSync(join(d, 't/secrets')).mode & 0o777).toBe(0o700);
    expect(r.clientStatus()).toEqual({ status: 'complete', desc: 'All tasks have completed' });
  });

  it('an unknown driver fails the task with Driver Failure', async () => {
    const r = runner(alloc([{ Name: 't', Driver: 'nope', Config: {} }]), ['mock']);
    await r.run();
    const s = r.taskStates().t!;
    expect(s.Events?.map((e) => [e.Type, e.DisplayMessage])).toEqual([
      ['Received', 'Task received by client'],
      ['Driver Failure', 'driver "nope" is not available on this node'],
    ]);
    expect(s).toMatchObject({ State: 'dead', Failed: true });
    expect(r.clientStatus().status).toBe('failed');
  });

  it('an invalid driver config fails validation, naming the key', async () => {
    const r = runner(alloc([{ Name: 't', Config: { run_for: 'later' } }]), ['mock']);
    await r.run();
    const s = r.taskStates().t!;
    expect(s.Events?.map((e) => e.Type)).toEqual(['Received', 'Task Setup', 'Failed Validation']);
    expect(s.Events?.[2]?.DisplayMessage).toBe(
      'task "t": config.run_for: "later" is not a valid duration (like "10s")',
    );
    expect(s.Failed).toBe(true);
  });

  it('client status follows Nomad: failed > running > pending > complete', () => {
    const st = (State: 'pending' | 'running' | 'dead', Failed = false) =>
      ({ State, Failed }) as never;
    expect(clientStatusOf([st('dead', true), st('running')]).status).toBe('failed');
    expect(clientStatusOf([st('pending'), st('running')]).status).toBe('running');
    expect(clientStatusOf([st('pending'), st('dead')]).status).toBe('pending');
    expect(clientStatusOf([st('dead'), st('dead')]).status).toBe('complete');
  });
});
