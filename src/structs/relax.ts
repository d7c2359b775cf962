/**
 * Where the spec is looser than Nomad, Caravan does what the job plainly means and warns.
 *
 * - A service (or check) that names a port label no network block in its group defines gets a
 *   dynamic port of that label, added to the group's first network (a host-mode network is
 *   created when the group has none). Nomad would reject the job.
 * - A purely numeric port, such as `port = "8080"`, is a port number in Nomad, not a label:
 *   it is kept as written and no port is added.
 *
 * relaxJob runs on a canonical job (ports already split) and changes it in place.
 */
import type { Job } from './job.js';
import type { JobProblem } from './problem.js';
import type { NetworkResource, Port } from './resources.js';
import type { Service } from './service.js';
import type { TaskGroup } from './task-group.js';

/** Port labels the group's networks (and its tasks' deprecated task networks) define. */
export function definedPortLabels(tg: TaskGroup): Set<string> {
  const labels = new Set<string>();
  const nets: NetworkResource[] = [...(tg.Networks ?? [])];
  for (const t of tg.Tasks) nets.push(...(t.Resources?.Networks ?? []));
  for (const n of nets) {
    for (const p of [...(n.ReservedPorts ?? []), ...(n.DynamicPorts ?? [])]) labels.add(p.Label);
  }
  return labels;
}

export function isNumericPort(label: string): boolean {
  return /^\d+$/.test(label);
}

/** Adds the ports that services name but no network defines; returns one warning per port. */
export function relaxJob(job: Job): JobProblem[] {
  const warnings: JobProblem[] = [];
  job.TaskGroups.forEach((tg, gi) => {
    const defined = definedPortLabels(tg);
    const visit = (svc: Service, path: (string | number)[]) => {
      const wanted: [string, (string | number)[]][] = [[svc.PortLabel, [...path, 'PortLabel']]];
      (svc.Checks ?? []).forEach((c, ci) =>
        wanted.push([c.PortLabel, [...path, 'Checks', ci, 'PortLabel']]),
      );
      for (const [label, at] of wanted) {
        if (!label || isNumericPort(label) || defined.has(label)) continue;
        addDynamicPort(tg, label);
        defined.add(label);
        warnings.push({
          path: at,
          message:
            `Undefined port label: service "${svc.Name}" uses port "${label}", which no network block in group "${tg.Name}" defines. ` +
            `Caravan added a dynamic port "${label}" to the group's network; Nomad would reject this job. ` +
            `Declare it with network { port "${label}" {} } in the group.`,
        });
      }
    };
    (tg.Services ?? []).forEach((s, si) => visit(s, ['TaskGroups', gi, 'Services', si]));
    tg.Tasks.forEach((t, ti) =>
      (t.Services ?? []).forEach((s, si) =>
        visit(s, ['TaskGroups', gi, 'Tasks', ti, 'Services', si]),
      ),
    );
  });
  return warnings;
}

function addDynamicPort(tg: TaskGroup, label: string): void {
  const port: Port = { Label: label, Value: 0, To: 0, HostNetwork: 'default' };
  let net = tg.Networks?.[0];
  if (!net) {
    net = {
      Mode: 'host',
      Device: '',
      CIDR: '',
      IP: '',
      Hostname: '',
      MBits: 0,
      DNS: null,
      ReservedPorts: null,
      DynamicPorts: null,
    };
    tg.Networks = [net];
  }
  net.DynamicPorts = [...(net.DynamicPorts ?? []), port];
}
