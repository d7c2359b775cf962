/**
 * Checks on a merged configuration that the schema cannot make: allowed log levels, port
 * ranges and reserved port lists, counts that may not be negative, absolute directories,
 * telemetry prefix filters. Each error points at the key that set the value.
 */
import { isAbsolute } from 'node:path';
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
  const paths: [string, string | undefined][] = [
    ['dataDir', c.dataDir],
    ['pluginDir', c.pluginDir],
    ['server.dataDir', c.server?.dataDir],
    ['client.stateDir', c.client?.stateDir],
    ['client.allocDir', c.client?.allocDir],
  ];
  for (const [path, v] of paths)
    if (v !== undefined && v !== '' && !isAbsolute(v))
      fail(path, 'Relative path', `${snake(path)} must be an absolute path, not "${v}".`);
  const ports: [string, string | undefined][] = [
    ['client.reserved.reservedPorts', c.client?.reserved?.reservedPorts],
    ...Object.entries(c.client?.hostNetwork ?? {}).map(
      ([name, n]): [string, string | undefined] => [
        `client.hostNetwork.${name}.reservedPorts`,
        n.reservedPorts,
      ],
    ),
  ];
  for (const [path, v] of ports) {
    const bad = v === undefined ? undefined : badPortRange(v);
    if (bad !== undefined)
      fail(
        path,
        'Invalid reserved ports',
        `${snake(path)}: ${bad}; write ports and ranges separated by commas, such as "22,80,8000-8100".`,
      );
  }
  for (const rule of c.telemetry?.prefixFilter ?? [])
    if (rule !== '' && rule[0] !== '+' && rule[0] !== '-')
      fail(
        'telemetry.prefixFilter',
        'Invalid prefix filter',
        `Filter rule must begin with either '+' or '-': ${JSON.stringify(rule)}.`,
      );
  return diags;
}

/** What is wrong with a port list such as "22,80,8000-8100", or undefined. */
function badPortRange(spec: string): string | undefined {
  for (const part of spec.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(p);
    if (!m) return `"${p}" is not a port or a range`;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo > 65535 || hi > 65535) return `"${p}" is beyond port 65535`;
    if (hi < lo) return `"${p}" ends before it starts`;
  }
  return undefined;
}

function snake(path: string): string {
  return path.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}
