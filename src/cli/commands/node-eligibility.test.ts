import { describe, expect, it } from 'vitest';
import { mockNodeStub } from '../../api/index.js';
import { runAgainst } from './test-harness.js';

const NODE = mockNodeStub().ID;
const nodes = { 'GET /v1/nodes': { body: [mockNodeStub()] } };
const toggled = {
  [`POST /v1/node/${NODE}/eligibility`]: {
    body: { EvalIDs: [], EvalCreateIndex: 0, NodeModifyIndex: 30, Index: 30 },
    index: 30,
  },
};

describe('caravan node eligibility', () => {
  it('-disable marks the node ineligible', async () => {
    const r = await runAgainst(['node', 'eligibility'], ['-disable', 'n1b2'], {
      ...nodes,
      ...toggled,
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out: `Node "${NODE}" scheduling eligibility set: ineligible for scheduling\n`,
    });
    expect(r.agent.requests[0]?.query).toEqual({ prefix: 'n1b2' });
    expect(r.agent.requests[1]?.body).toEqual({ NodeID: NODE, Eligibility: 'ineligible' });
  });

  it('-enable -self marks the local node eligible', async () => {
    const r = await runAgainst(['node', 'eligibility'], ['-enable', '-self'], {
      'GET /v1/agent/self': { body: { stats: { client: { node_id: NODE } } } },
      ...nodes,
      ...toggled,
    });
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out: `Node "${NODE}" scheduling eligibility set: eligible for scheduling\n`,
    });
    expect(r.agent.requests[2]?.body).toEqual({ NodeID: NODE, Eligibility: 'eligible' });
  });

  it('needs exactly one of -enable and -disable, and a node unless -self', async () => {
    const help = "For additional help try 'caravan node eligibility -help'\n";
    for (const args of [[NODE], ['-enable', '-disable', NODE]]) {
      const r = await runAgainst(['node', 'eligibility'], args, {});
      expect(r).toMatchObject({
        code: 1,
        out: '',
        err: "Either the '-enable' or '-disable' flag must be set\n" + help,
      });
    }
    for (const args of [['-enable'], ['-enable', '-self', NODE], ['-enable', 'a1', 'b2']]) {
      const r = await runAgainst(['node', 'eligibility'], args, {});
      expect(r).toMatchObject({
        code: 1,
        err: "Node ID must be specified if -self isn't being used\n" + help,
      });
    }
  });

  it('reports unknown, ambiguous and short node IDs and a refused update', async () => {
    const none = await runAgainst(['node', 'eligibility'], ['-enable', 'ff'], {
      'GET /v1/nodes': { body: [] },
    });
    expect(none).toMatchObject({ code: 1, err: 'No node(s) with prefix or id "ff" found\n' });

    const two = await runAgainst(['node', 'eligibility'], ['-enable', 'n1'], {
      'GET /v1/nodes': {
        body: [mockNodeStub(), mockNodeStub({ ID: 'n1ffffff-0000-4000-8000-000000000009' })],
      },
    });
    expect(two.code).toBe(1);
    expect(two.err).toBe(
      'Prefix matched multiple nodes\n\n' +
        'ID                                    Node Pool  DC   Name    Class   Address    Version  Drain  Eligibility  Status\n' +
        'n1b2c3d4-0000-4000-8000-000000000003  default    dc1  node-1  <none>  127.0.0.1  1.7.0    false  eligible     ready\n' +
        'n1ffffff-0000-4000-8000-000000000009  default    dc1  node-1  <none>  127.0.0.1  1.7.0    false  eligible     ready\n',
    );

    const short = await runAgainst(['node', 'eligibility'], ['-enable', 'n'], {});
    expect(short).toMatchObject({
      code: 1,
      err: 'Identifier must contain at least two characters.\n',
    });

    const refused = await runAgainst(['node', 'eligibility'], ['-enable', NODE], {
      ...nodes,
      [`POST /v1/node/${NODE}/eligibility`]: {
        status: 400,
        body: `can not set node "${NODE}" eligible while it is draining`,
      },
    });
    expect(refused).toMatchObject({
      code: 1,
      out: '',
      err:
        'Error updating scheduling eligibility: Unexpected response code: 400 ' +
        `(can not set node "${NODE}" eligible while it is draining)\n`,
    });
  });
});
