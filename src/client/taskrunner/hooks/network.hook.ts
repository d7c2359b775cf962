/**
 * The group's network mode. Bridge and CNI networking (a network namespace per allocation,
 * with ports mapped into it) are not available yet: a group that asks for them runs in host
 * mode instead of failing. Each of its tasks says so once, in a "Task hook message" event,
 * and the client logs a warning. Docker tasks keep their own `network_mode` (Docker's bridge
 * by default) with the group's ports published on the node's address, `to` included, which
 * is what a host-mode group gets in Nomad too.
 */
import type { Allocation } from '../../../structs/index.js';
import { ev } from '../task-events.js';
import type { TaskPrestartHook } from './hook.js';

export const name = 'network';

/** The network mode the group asks for (`host` when it has no network block). */
export function requestedNetworkMode(alloc: Allocation): string {
  const group = alloc.Job.TaskGroups.find((g) => g.Name === alloc.TaskGroup);
  return group?.Networks?.[0]?.Mode || 'host';
}

/** The mode the group runs in: host in place of the modes that are not available yet. */
export function effectiveNetworkMode(requested: string): string {
  return requested === 'bridge' || requested.startsWith('cni/') ? 'host' : requested;
}

export const networkHook = {
  name,
  async prestart(req) {
    const mode = requestedNetworkMode(req.alloc);
    if (effectiveNetworkMode(mode) === mode || req.hookData.warned === 'true') return {};
    const msg = `${mode} networking is not available yet; the group runs in host mode`;
    req.logger.warn(`alloc ${req.alloc.ID} task ${req.task.Name}: ${msg}`);
    req.emit(ev.hookMessage(msg));
    return { hookData: { warned: 'true' } };
  },
} satisfies TaskPrestartHook;
