import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockEval, mockJobStub } from '../../api/index.js';
import { TEST_NOW, runAgainst } from './test-harness.js';

beforeEach(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterEach(() => void vi.useRealTimers());

const EVAL = mockEval().ID;
const list = { 'GET /v1/jobs': { body: [mockJobStub()] } };
const reverted = {
  'PUT /v1/job/web/revert': {
    body: { EvalID: EVAL, EvalCreateIndex: 14, JobModifyIndex: 14, Warnings: '' },
    index: 14,
  },
};
const monitored = {
  [`GET /v1/evaluation/${EVAL}`]: { index: 15, body: mockEval() },
  [`GET /v1/evaluation/${EVAL}/allocations`]: { index: 15, body: [] },
};

describe('caravan job revert', () => {
  it('reverts to the version and monitors the evaluation', async () => {
    const r = await runAgainst(['job', 'revert'], ['web', '1'], {
      ...list,
      ...reverted,
      ...monitored,
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out:
        '==> 2024-05-01T10:00:00Z: Monitoring evaluation "e1a2b3c4"\n' +
        '    2024-05-01T10:00:00Z: Evaluation triggered by job "web"\n' +
        '==> 2024-05-01T10:00:00Z: Evaluation "e1a2b3c4" finished with status "complete"\n',
    });
    const put = r.agent.requests.find((q) => q.method === 'PUT');
    expect(put?.body).toEqual({
      JobID: 'web',
      JobVersion: 1,
      EnforcePriorVersion: null,
      ConsulToken: '',
      VaultToken: '',
    });
  });

  it('-detach prints the evaluation ID; -verbose monitors with full IDs', async () => {
    const detached = await runAgainst(['job', 'revert'], ['-detach', 'web', '0'], {
      ...list,
      ...reverted,
    });
    expect(detached).toMatchObject({ code: 0, err: '', out: `Evaluation ID: ${EVAL}\n` });

    const verbose = await runAgainst(['job', 'revert'], ['-verbose', 'web', '0'], {
      ...list,
      ...reverted,
      ...monitored,
    });
    expect(verbose.out.split('\n')[0]).toBe(
      `==> 2024-05-01T10:00:00Z: Monitoring evaluation "${EVAL}"`,
    );
  });

  it('sends the Consul and Vault tokens of -consul-token and -vault-token', async () => {
    const r = await runAgainst(
      ['job', 'revert'],
      ['-detach', '-consul-token', 'c-tok', '-vault-token', 'v-tok', 'web', '2'],
      { ...list, ...reverted },
    );
    expect(r.agent.requests.find((q) => q.method === 'PUT')?.body).toMatchObject({
      JobVersion: 2,
      ConsulToken: 'c-tok',
      VaultToken: 'v-tok',
    });
  });

  it('prints nothing when no evaluation was created', async () => {
    const r = await runAgainst(['job', 'revert'], ['web', '1'], {
      ...list,
      'PUT /v1/job/web/revert': { body: { EvalID: '', EvalCreateIndex: 0, JobModifyIndex: 9 } },
    });
    expect(r).toMatchObject({ code: 0, out: '', err: '' });
  });

  it('refuses wrong arguments and versions', async () => {
    const one = await runAgainst(['job', 'revert'], ['web'], {});
    expect(one).toMatchObject({
      code: 1,
      out: '',
      err:
        'This command takes two arguments: <job> <version>\n' +
        "For additional help try 'caravan job revert -help'\n",
    });
    const word = await runAgainst(['job', 'revert'], ['web', 'latest'], {});
    expect(word).toMatchObject({
      code: 1,
      err:
        'Failed to parse job-version flag: ' +
        'strconv.ParseUint: parsing "latest": invalid syntax\n',
    });
    const negative = await runAgainst(['job', 'revert'], ['web', '-1'], {});
    expect(negative.err).toBe(
      'Failed to parse job-version flag: strconv.ParseUint: parsing "-1": invalid syntax\n',
    );
    const empty = await runAgainst(['job', 'revert'], ['web', ''], {});
    expect(empty.err).toBe(
      'The job version to revert to must be specified using the -job-version flag\n',
    );
    expect(word.agent.requests).toEqual([]);
  });

  it('reports an unknown job and a refused revert', async () => {
    const missing = await runAgainst(['job', 'revert'], ['nope', '1'], {
      'GET /v1/jobs': { body: [] },
    });
    expect(missing).toMatchObject({ code: 1, err: 'No job(s) with prefix or id "nope" found\n' });
    const refused = await runAgainst(['job', 'revert'], ['web', '3'], {
      ...list,
      'PUT /v1/job/web/revert': { status: 400, body: "can't revert to current version" },
    });
    expect(refused).toMatchObject({
      code: 1,
      out: '',
      err:
        'Error retrieving job versions: ' +
        "Unexpected response code: 400 (can't revert to current version)\n",
    });
  });
});
