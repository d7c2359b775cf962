/** Validation of services, checks and group networks (ports). */
import { CHECK_TYPES, type Service } from './service.js';
import type { TaskGroup } from './task-group.js';
import { definedPortLabels, isNumericPort } from './relax.js';
import { dur, type Path, type Problems } from './validate-context.js';

const ADDRESS_MODES = ['auto', 'host', 'driver', 'alloc'];
const CHECK_ADDRESS_MODES = ['', 'host', 'driver', 'alloc'];
const PROVIDERS = ['consul', 'nomad'];
const NETWORK_MODES = ['host', 'bridge', 'none'];
const MIN_CHECK_INTERVAL = 1e9;
const MIN_CHECK_TIMEOUT = 1e9;

export function validateNetworks(p: Problems, tg: TaskGroup, path: Path): void {
  const nets = tg.Networks ?? [];
  if (nets.length > 1) {
    p.error(
      [...path, 'Networks', 1],
      `Too many networks: group "${tg.Name}" has ${nets.length} network blocks, but only one is allowed; merge them.`,
    );
  }
  const labels = new Map<string, number>();
  const statics = new Map<string, string>();
  nets.forEach((n, ni) => {
    const at = [...path, 'Networks', ni];
    if (!NETWORK_MODES.includes(n.Mode) && !n.Mode.startsWith('cni/')) {
      p.error(
        [...at, 'Mode'],
        `Invalid network mode: "${n.Mode}" is not one of host, bridge, none or cni/<name>.`,
      );
    }
    const check = (kind: 'ReservedPorts' | 'DynamicPorts') =>
      (n[kind] ?? []).forEach((port, pi) => {
        const pp = [...at, kind, pi];
        if (!port.Label)
          p.error(
            [...pp, 'Label'],
            'Missing port label: every port block needs a label, as in port "http" {}.',
          );
        if (labels.has(port.Label)) {
          p.error(
            [...pp, 'Label'],
            `Duplicate port label: port "${port.Label}" is defined more than once in group "${tg.Name}"; rename one.`,
          );
        }
        labels.set(port.Label, pi);
        if (port.Value < 0 || port.Value > 65535) {
          p.error(
            [...pp, 'Value'],
            `Invalid static port: port "${port.Label}" has static = ${port.Value}, which must be from 0 to 65535.`,
          );
        }
        if (port.To < -1 || port.To > 65535) {
          p.error(
            [...pp, 'To'],
            `Invalid mapped port: port "${port.Label}" has to = ${port.To}, which must be from -1 to 65535.`,
          );
        }
        if (kind === 'ReservedPorts' && port.Value > 0 && !port.IgnoreCollision) {
          const key = `${port.HostNetwork}:${port.Value}`;
          const prior = statics.get(key);
          if (prior !== undefined) {
            p.error(
              [...pp, 'Value'],
              `Port collision: ports "${prior}" and "${port.Label}" both reserve static port ${port.Value} in group "${tg.Name}"; give each a different static port.`,
            );
          } else statics.set(key, port.Label);
        }
      });
    check('ReservedPorts');
    check('DynamicPorts');
  });
}

export function validateServices(
  p: Problems,
  tg: TaskGroup,
  list: Service[] | null,
  path: Path,
  taskLevel: boolean,
): void {
  const defined = definedPortLabels(tg);
  const bridge = (tg.Networks ?? []).some((n) => n.Mode === 'bridge');
  (list ?? []).forEach((s, si) => {
    const at = [...path, si];
    if (!s.Name)
      p.error([...at, 'Name'], 'Missing service name: set name = "..." in the service block.');
    else if (!s.Name.includes('${') && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(s.Name)) {
      p.error(
        [...at, 'Name'],
        `Invalid service name: "${s.Name}" may contain only letters, digits and dashes, must not start or end with a dash, and may be at most 63 characters long.`,
      );
    }
    if (!ADDRESS_MODES.includes(s.AddressMode)) {
      p.error(
        [...at, 'AddressMode'],
        `Invalid address mode: "${s.AddressMode}" is not one of ${ADDRESS_MODES.join(', ')}.`,
      );
    }
    if (!PROVIDERS.includes(s.Provider)) {
      p.error(
        [...at, 'Provider'],
        `Invalid service provider: "${s.Provider}" is not "consul" or "nomad".`,
      );
    }
    if (s.PortLabel && !isNumericPort(s.PortLabel) && !defined.has(s.PortLabel)) {
      p.error(
        [...at, 'PortLabel'],
        `Undefined port label: service "${s.Name}" uses port "${s.PortLabel}", which no network block in group "${tg.Name}" defines; add port "${s.PortLabel}" {} to the group's network.`,
      );
    }
    if (!taskLevel && s.TaskName && !tg.Tasks.some((t) => t.Name === s.TaskName)) {
      p.error(
        [...at, 'TaskName'],
        `Unknown task: service "${s.Name}" names task "${s.TaskName}", which group "${tg.Name}" does not have.`,
      );
    }
    if (s.Connect && (s.Connect.SidecarService || s.Connect.Gateway) && !bridge) {
      p.warn(
        [...at, 'Connect'],
        `Service mesh not supported yet: service "${s.Name}" has a connect block but group "${tg.Name}" has no network in bridge mode; ` +
          'the job is accepted as written but no sidecar proxy will run. Add network { mode = "bridge" } to the group.',
      );
    }
    (s.Checks ?? []).forEach((c, ci) => {
      const cp = [...at, 'Checks', ci];
      const check = `check ${ci + 1} of service "${s.Name}"`;
      if (!(CHECK_TYPES as readonly string[]).includes(c.Type)) {
        p.error(
          [...cp, 'Type'],
          `Invalid check type: ${check} has type "${c.Type}", which is not one of ${CHECK_TYPES.join(', ')}.`,
        );
        return;
      }
      if (c.Type === 'http' && !c.Path) {
        p.error(
          [...cp, 'Path'],
          `Missing check path: http ${check} needs a path, such as path = "/health".`,
        );
      }
      if (c.Type === 'script' && !c.Command) {
        p.error(
          [...cp, 'Command'],
          `Missing check command: script ${check} needs a command to run.`,
        );
      }
      if (c.Interval < MIN_CHECK_INTERVAL) {
        p.error(
          [...cp, 'Interval'],
          `Invalid check interval: ${check} has interval ${dur(c.Interval)}, but it must be at least 1s; set interval = "10s" for example.`,
        );
      }
      if (c.Timeout < MIN_CHECK_TIMEOUT) {
        p.error(
          [...cp, 'Timeout'],
          `Invalid check timeout: ${check} has timeout ${dur(c.Timeout)}, but it must be at least 1s; set timeout = "2s" for example.`,
        );
      }
      if (!CHECK_ADDRESS_MODES.includes(c.AddressMode)) {
        p.error(
          [...cp, 'AddressMode'],
          `Invalid check address mode: "${c.AddressMode}" is not one of host, driver or alloc.`,
        );
      }
      if (c.PortLabel && !isNumericPort(c.PortLabel) && !defined.has(c.PortLabel)) {
        p.error(
          [...cp, 'PortLabel'],
          `Undefined port label: ${check} uses port "${c.PortLabel}", which no network block in group "${tg.Name}" defines.`,
        );
      }
      if (c.InitialStatus && !['passing', 'warning', 'critical'].includes(c.InitialStatus)) {
        p.error(
          [...cp, 'InitialStatus'],
          `Invalid initial status: "${c.InitialStatus}" is not one of passing, warning or critical.`,
        );
      }
    });
  });
}
