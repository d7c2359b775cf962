import { describe, expect, it } from 'vitest';
import type { Allocation, Node } from '../../structs/index.js';
import { mockJob } from '../../structs/index.js';
import { taskDirs } from '../allocrunner/alloc-dir.js';
import { interpolateValue, nodeVariables } from './interpolate.js';
import { buildTaskConfig } from './task-config.js';
import { buildTaskEnv } from './task-env.js';

const job = mockJob({
  ID: 'web',
  ParentID: 'web-periodic',
  Meta: { team: 'a', 'rack-id': 'r1' },
  TaskGroups: [
    {
      Name: 'g',
      Meta: { team: 'b' },
      Tasks: [
        {
          Name: 't',
          Driver: 'mock',
          Resources: { CPU: 250, MemoryMB: 128, MemoryMaxMB: 256 },
          Env: { URL: 'http://${NOMAD_ADDR_http}/', DC: '${node.datacenter}' },
        },
      ],
    },
  ],
} as never);

const alloc = {
  ID: '0123456789abcdef',
  Name: 'web.g[3]',
  Namespace: 'default',
  JobID: 'web',
  Job: job,
  TaskGroup: 'g',
  AllocatedResources: {
    Tasks: {
      t: {
        Cpu: { CpuShares: 250, ReservedCores: [0, 1] },
        Memory: { MemoryMB: 128, MemoryMaxMB: 256 },
        Networks: null,
        Devices: null,
      },
    },
    Shared: {
      DiskMB: 300,
      Networks: null,
      Ports: [{ Label: 'http', Value: 23456, To: 8080, HostIP: '10.0.0.5' }],
    },
  },
} as unknown as Allocation;

const node = {
  ID: 'node-1',
  Name: 'n1',
  Datacenter: 'dc9',
  NodeClass: 'big',
  NodePool: 'default',
  Attributes: { 'cpu.arch': 'amd64' },
  Meta: { rack: 'r7' },
  NodeResources: { Networks: [{ IP: '10.0.0.5' }] },
} as unknown as Node;

describe('task environment', () => {
  const dirs = taskDirs('/var/alloc', alloc.ID, 't');
  const input = { alloc, task: job.TaskGroups[0]!.Tasks[0]!, node, region: 'eu', dirs };

  it('sets NOMAD_* as Nomad does, with host paths for raw_exec', () => {
    const env = buildTaskEnv({ ...input, fsIsolation: 'none' });
    expect(env).toMatchObject({
      NOMAD_ALLOC_DIR: `/var/alloc/${alloc.ID}/alloc`,
      NOMAD_TASK_DIR: `/var/alloc/${alloc.ID}/t/local`,
      NOMAD_SECRETS_DIR: `/var/alloc/${alloc.ID}/t/secrets`,
      NOMAD_ALLOC_ID: alloc.ID,
      NOMAD_SHORT_ALLOC_ID: '01234567',
      NOMAD_ALLOC_NAME: 'web.g[3]',
      NOMAD_ALLOC_INDEX: '3',
      NOMAD_JOB_ID: 'web',
      NOMAD_JOB_NAME: 'web',
      NOMAD_JOB_PARENT_ID: 'web-periodic',
      NOMAD_GROUP_NAME: 'g',
      NOMAD_TASK_NAME: 't',
      NOMAD_DC: 'dc9',
      NOMAD_REGION: 'eu',
      NOMAD_NAMESPACE: 'default',
      NOMAD_CPU_LIMIT: '250',
      NOMAD_CPU_CORES: '0-1',
      NOMAD_MEMORY_LIMIT: '128',
      NOMAD_MEMORY_MAX_LIMIT: '256',
      NOMAD_PORT_http: '8080',
      NOMAD_HOST_PORT_http: '23456',
      NOMAD_ALLOC_PORT_http: '8080',
      NOMAD_IP_http: '10.0.0.5',
      NOMAD_HOST_IP_http: '10.0.0.5',
      NOMAD_ADDR_http: '10.0.0.5:23456',
      NOMAD_HOST_ADDR_http: '10.0.0.5:23456',
      NOMAD_META_team: 'b',
      NOMAD_META_TEAM: 'b',
      NOMAD_META_rack_id: 'r1',
      NOMAD_META_RACK_ID: 'r1',
      URL: 'http://10.0.0.5:23456/',
      DC: 'dc9',
    });
  });

  it('follows the allocation, not the task: memory_max placed as 0 sets no max limit', () => {
    // The scheduler places MemoryMaxMB 0 when oversubscription is not allowed; the driver
    // then gets `memory` alone as its limit.
    const t = alloc.AllocatedResources.Tasks.t!;
    const capped = {
      ...alloc,
      AllocatedResources: {
        ...alloc.AllocatedResources,
        Tasks: { t: { ...t, Memory: { MemoryMB: 128, MemoryMaxMB: 0 } } },
      },
    };
    const env = buildTaskEnv({ ...input, alloc: capped, fsIsolation: 'none' });
    expect(env.NOMAD_MEMORY_LIMIT).toBe('128');
    expect(env).not.toHaveProperty('NOMAD_MEMORY_MAX_LIMIT');
    const config = buildTaskConfig(capped, input.task, dirs, env, {});
    expect(config.resources).toMatchObject({ memoryMB: 128, memoryMaxMB: 0 });
  });

  it('gives chroot and image drivers the paths inside the task', () => {
    const env = buildTaskEnv({ ...input, fsIsolation: 'chroot' });
    expect([env.NOMAD_ALLOC_DIR, env.NOMAD_TASK_DIR, env.NOMAD_SECRETS_DIR]).toEqual([
      '/alloc',
      '/local',
      '/secrets',
    ]);
  });

  it('interpolates node, attr, meta and env references recursively, leaving unknown ones', () => {
    const vars = nodeVariables(node, 'eu');
    const env = { NOMAD_ALLOC_ID: 'a1', X: 'x' };
    expect(
      interpolateValue(
        {
          args: ['${NOMAD_ALLOC_ID}', '${node.unique.id}/${node.unique.name}/${node.class}'],
          nested: { v: '${attr.cpu.arch}-${meta.rack}-${attr.meta.rack}-${attr.datacenter}' },
          env: '${env["X"]}${node.region}${node.pool}',
          unknown: '${nope} ${attr.missing}',
          n: 3,
        },
        env,
        vars,
      ),
    ).toEqual({
      args: ['a1', 'node-1/n1/big'],
      nested: { v: 'amd64-r7-r7-dc9' },
      env: 'xeudefault',
      unknown: '${nope} ${attr.missing}',
      n: 3,
    });
  });
});
