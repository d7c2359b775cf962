/**
 * Runs a `caravan` command against a fake agent (src/api's startFakeAgent) with the clock
 * and time zone fixed, for the commands' tests.
 */
import { startFakeAgent, type FakeAgent, type FakeRoute } from '../../api/index.js';
import { memoryIO } from '../io.js';
import { main } from '../main.js';

/** The fixed "now" of command tests: 2024-05-01T10:00:00Z. */
export const TEST_NOW = Date.UTC(2024, 4, 1, 10, 0, 0);

export interface CliRun {
  code: number;
  out: string;
  err: string;
  agent: FakeAgent;
}

/** Starts a fake agent with the routes, runs `caravan <args> ` with -address after the path. */
export async function runAgainst(
  path: string[],
  args: string[],
  routes: Record<string, FakeRoute>,
  stdin = '',
): Promise<CliRun> {
  const agent = await startFakeAgent(routes);
  try {
    const io = memoryIO({ env: { NOMAD_ADDR: agent.address }, stdin });
    const code = await main([...path, ...args], io);
    return { code, out: io.out(), err: io.err(), agent };
  } finally {
    await agent.close();
  }
}
