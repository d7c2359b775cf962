/** Validation of a task: driver, resources, logs, templates, artifacts, vault, lifecycle. */
import { LIFECYCLE_HOOKS, TEMPLATE_CHANGE_MODES } from './task-parts.js';
import type { TaskGroup } from './task-group.js';
import type { Task } from './task.js';
import { checkDuration, type Path, type Problems } from './validate-context.js';
import { validateAffinities, validateConstraints } from './validate-placement.js';
import { validateServices } from './validate-service.js';

export function validateTask(
  p: Problems,
  t: Task,
  tg: TaskGroup,
  path: Path,
  parameterized: boolean,
): void {
  const where = `task "${t.Name}" in group "${tg.Name}"`;
  if (!t.Name)
    p.error(
      [...path, 'Name'],
      'Missing task name: every task block needs a name, as in task "web" { ... }.',
    );
  else if (t.Name.includes('/'))
    p.error([...path, 'Name'], `Invalid task name: "${t.Name}" must not contain a slash.`);
  if (!t.Driver) {
    p.error(
      [...path, 'Driver'],
      `Missing task driver: ${where} has no driver; set driver = "docker", "exec" or "raw_exec".`,
    );
  }
  checkDuration(p, [...path, 'KillTimeout'], t.KillTimeout, 'kill_timeout');
  checkDuration(p, [...path, 'ShutdownDelay'], t.ShutdownDelay, 'shutdown_delay');

  const r = t.Resources;
  const rp = [...path, 'Resources'];
  if (r.Cores > 0 && r.CPU > 0) {
    p.error(
      rp,
      `Conflicting CPU resources: ${where} asks for both cpu and cores; keep one of them.`,
    );
  } else if (r.Cores < 0) {
    p.error(
      [...rp, 'Cores'],
      `Invalid cores: ${where} asks for ${r.Cores} cores; the value must not be negative.`,
    );
  } else if (r.Cores === 0 && r.CPU < 1) {
    p.error([...rp, 'CPU'], `Invalid CPU: ${where} asks for ${r.CPU} MHz, but the minimum is 1.`);
  }
  if (r.MemoryMB < 10) {
    p.error(
      [...rp, 'MemoryMB'],
      `Invalid memory: ${where} asks for ${r.MemoryMB} MB, but the minimum is 10.`,
    );
  }
  if (r.MemoryMaxMB !== 0 && r.MemoryMaxMB < r.MemoryMB) {
    p.error(
      [...rp, 'MemoryMaxMB'],
      `Invalid memory_max: ${where} has memory_max ${r.MemoryMaxMB} MB below memory ${r.MemoryMB} MB; raise memory_max or remove it.`,
    );
  }
  (r.Devices ?? []).forEach((d, di) => {
    if (!d.Name)
      p.error(
        [...rp, 'Devices', di, 'Name'],
        'Missing device name: write device "nvidia/gpu" { ... }.',
      );
    if (d.Count < 0)
      p.error(
        [...rp, 'Devices', di, 'Count'],
        `Invalid device count: ${d.Count} must not be negative.`,
      );
    validateConstraints(p, d.Constraints, [...rp, 'Devices', di, 'Constraints']);
    validateAffinities(p, d.Affinities, [...rp, 'Devices', di, 'Affinities']);
  });

  const l = t.LogConfig;
  if (l.MaxFiles < 1)
    p.error(
      [...path, 'LogConfig', 'MaxFiles'],
      `Invalid log max_files: ${l.MaxFiles} must be at least 1.`,
    );
  if (l.MaxFileSizeMB < 1) {
    p.error(
      [...path, 'LogConfig', 'MaxFileSizeMB'],
      `Invalid log max_file_size: ${l.MaxFileSizeMB} MB must be at least 1.`,
    );
  }
  const logMB = l.MaxFiles * l.MaxFileSizeMB;
  if (!l.Disabled && logMB >= tg.EphemeralDisk.SizeMB) {
    p.error(
      [...path, 'LogConfig'],
      `Logs do not fit the disk: ${where} may keep ${logMB} MB of logs, which must be less than the group's ephemeral_disk size of ${tg.EphemeralDisk.SizeMB} MB; lower logs or raise ephemeral_disk.`,
    );
  }

  validateConstraints(p, t.Constraints, [...path, 'Constraints']);
  validateAffinities(p, t.Affinities, [...path, 'Affinities']);
  validateServices(p, tg, t.Services, [...path, 'Services'], true);

  (t.Templates ?? []).forEach((tmpl, i) => {
    const tp = [...path, 'Templates', i];
    if (!tmpl.DestPath) {
      p.error(
        [...tp, 'DestPath'],
        `Missing template destination: template ${i + 1} of ${where} needs destination = "local/...".`,
      );
    }
    if (!tmpl.SourcePath && !tmpl.EmbeddedTmpl) {
      p.error(
        tp,
        `Empty template: template ${i + 1} of ${where} needs data = "..." or source = "...".`,
      );
    }
    if (!(TEMPLATE_CHANGE_MODES as readonly string[]).includes(tmpl.ChangeMode)) {
      p.error(
        [...tp, 'ChangeMode'],
        `Invalid template change_mode: "${tmpl.ChangeMode}" is not one of ${TEMPLATE_CHANGE_MODES.join(', ')}.`,
      );
    } else if (tmpl.ChangeMode === 'signal' && !tmpl.ChangeSignal) {
      p.error(
        [...tp, 'ChangeSignal'],
        'Missing template change_signal: change_mode "signal" needs change_signal, such as "SIGHUP".',
      );
    } else if (tmpl.ChangeMode === 'script' && !tmpl.ChangeScript?.Command) {
      p.error(
        [...tp, 'ChangeScript'],
        'Missing template change_script: change_mode "script" needs change_script { command = "..." }.',
      );
    }
    checkDuration(p, [...tp, 'Splay'], tmpl.Splay, 'template splay');
    if (!/^[0-7]{1,4}$/.test(tmpl.Perms)) {
      p.error(
        [...tp, 'Perms'],
        `Invalid template perms: "${tmpl.Perms}" is not an octal file mode such as "0644".`,
      );
    }
    if (tmpl.Wait) {
      checkDuration(p, [...tp, 'Wait', 'Min'], tmpl.Wait.Min, 'template wait min');
      checkDuration(p, [...tp, 'Wait', 'Max'], tmpl.Wait.Max, 'template wait max');
      if (tmpl.Wait.Min !== null && tmpl.Wait.Max !== null && tmpl.Wait.Min > tmpl.Wait.Max) {
        p.error([...tp, 'Wait'], 'Invalid template wait: min is greater than max.');
      }
    }
  });

  (t.Artifacts ?? []).forEach((a, i) => {
    if (!a.GetterSource)
      p.error(
        [...path, 'Artifacts', i, 'GetterSource'],
        `Missing artifact source: artifact ${i + 1} of ${where} needs source = "...".`,
      );
    if (!['any', 'file', 'dir'].includes(a.GetterMode)) {
      p.error(
        [...path, 'Artifacts', i, 'GetterMode'],
        `Invalid artifact mode: "${a.GetterMode}" is not one of any, file or dir.`,
      );
    }
  });

  if (t.Vault) {
    const v = t.Vault;
    if (!['restart', 'signal', 'noop'].includes(v.ChangeMode)) {
      p.error(
        [...path, 'Vault', 'ChangeMode'],
        `Invalid vault change_mode: "${v.ChangeMode}" is not one of restart, signal or noop.`,
      );
    } else if (v.ChangeMode === 'signal' && !v.ChangeSignal) {
      p.error(
        [...path, 'Vault', 'ChangeSignal'],
        'Missing vault change_signal: change_mode "signal" needs change_signal.',
      );
    }
  }

  if (t.Lifecycle && !(LIFECYCLE_HOOKS as readonly string[]).includes(t.Lifecycle.Hook)) {
    p.error(
      [...path, 'Lifecycle', 'Hook'],
      `Invalid lifecycle hook: "${t.Lifecycle.Hook}" is not one of ${LIFECYCLE_HOOKS.join(', ')}.`,
    );
  }

  if (t.DispatchPayload && !parameterized) {
    p.error(
      [...path, 'DispatchPayload'],
      `Unexpected dispatch_payload: ${where} reads a dispatch payload, but the job is not parameterized; add a parameterized block to the job.`,
    );
  }

  (t.VolumeMounts ?? []).forEach((m, i) => {
    if (!m.Volume || !tg.Volumes?.[m.Volume]) {
      p.error(
        [...path, 'VolumeMounts', i, 'Volume'],
        `Unknown volume: volume_mount in ${where} names volume "${m.Volume}", which the group does not define.`,
      );
    }
    if (!m.Destination)
      p.error(
        [...path, 'VolumeMounts', i, 'Destination'],
        'Missing volume_mount destination: set destination = "/path".',
      );
  });
}
