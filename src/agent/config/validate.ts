/**
 * Checks on a merged configuration that the schema cannot make: allowed log levels, port
 * ranges, counts that may not be negative. Each error points at the key that set the value.
 */
import type { Diagnostic, Range } from '../../jobspec/index.js';
import type { AgentConfig } from './schema.js';

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'ERR', 'OFF'];

export function validateAgentConfig(c: AgentConfig, places: Map<string, Range>): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const fail = (path: string, summary: string, detail: string) => {
    const d: Diagnostic = { severity: 'error', summary, detail };
    const at = places.get(path);
    if (at) d.subject = at;
    diags.push(d);
  };
  if (c.logLevel !== undefined && !LOG_LEVELS.includes(c.logLevel.toUpperCase()))
    fail(
      'logLevel',
      'Invalid log level',
      `"${c.logLevel}" is not a log level. Valid log levels are: TRACE, DEBUG, INFO, WARN, ERROR, OFF.`,
    );
  for (const key of ['http', 'rpc', 'serf'] as const) {
    const p = c.ports?.[key];
    if (p !== undefined && (p < 1 || p > 65535))
      fail(`ports.${key}`, 'Invalid port', `ports.${key} must be between 1 and 65535, not ${p}.`);
  }
  const counts: [string, number | undefined][] = [
    ['server.bootstrapExpect', c.server?.bootstrapExpect],
    ['server.numSchedulers', c.server?.numSchedulers],
    ['limits.httpMaxConnsPerClient', c.limits?.httpMaxConnsPerClient],
    ['limits.rpcMaxConnsPerClient', c.limits?.rpcMaxConnsPerClient],
    ['logRotateBytes', c.logRotateBytes],
    ['logRotateMaxFiles', c.logRotateMaxFiles],
  ];
  for (const [path, v] of counts)
    if (v !== undefined && v < 0)
      fail(path, 'Invalid value', `${snake(path)} must not be negative, not ${v}.`);
  const min = c.client?.minDynamicPort;
  const max = c.client?.maxDynamicPort;
  for (const [path, v] of [
    ['client.minDynamicPort', min],
    ['client.maxDynamicPort', max],
  ] as const)
    if (v !== undefined && (v < 1 || v > 65535))
      fail(path, 'Invalid port', `${snake(path)} must be between 1 and 65535, not ${v}.`);
  if (min !== undefined && max !== undefined && min > max)
    fail(
      'client.minDynamicPort',
      'Invalid dynamic port range',
      `client.min_dynamic_port (${min}) must not be greater than client.max_dynamic_port (${max}).`,
    );
  return diags;
}

function snake(path: string): string {
  return path.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}
