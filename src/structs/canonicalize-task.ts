/** Task defaults: api/tasks.go Task.Canonicalize and the server's nomad/structs additions. */
import { DEFAULT_KILL_TIMEOUT, defaultLogConfig } from './defaults.js';
import { def, defs, merge, nullEmptyMap, nullList, objAt, objList, type Obj } from './fill.js';
import {
  canonicalizeAffinities,
  canonicalizeConstraints,
  canonicalizeResources,
} from './canonicalize-network.js';
import { canonicalizeService } from './canonicalize-service.js';
import { SECOND } from './ns.js';
import type { Path } from './validate-context.js';

export function canonicalizeTask(t: Obj, group: Obj, jobName: string, path: Path): void {
  defs(t, {
    Name: '',
    Driver: '',
    User: '',
    KillTimeout: DEFAULT_KILL_TIMEOUT,
    KillSignal: '',
    ShutdownDelay: 0,
    Leader: false,
    Kind: '',
  });
  nullEmptyMap(t, 'Config');
  nullEmptyMap(t, 'Env');
  nullEmptyMap(t, 'Meta');
  canonicalizeConstraints(t, 'Constraints');
  canonicalizeAffinities(t, 'Affinities');

  const r = objAt(t, 'Resources') ?? {};
  canonicalizeResources(r, [...path, 'Resources']);
  t.Resources = r;

  // api LogConfig.Canonicalize; the deprecated `enabled = false` means disabled.
  const l = objAt(t, 'LogConfig') ?? {};
  if (l.Disabled === undefined && l.Enabled === false) l.Disabled = true;
  defs(l, defaultLogConfig() as unknown as Obj);
  t.LogConfig = l;

  const artifacts = objList(t, 'Artifacts');
  for (const a of artifacts) canonicalizeArtifact(a);
  t.Artifacts = artifacts.length ? artifacts : null;

  const templates = objList(t, 'Templates');
  for (const tmpl of templates) canonicalizeTemplate(tmpl);
  t.Templates = templates.length ? templates : null;

  const vault = objAt(t, 'Vault');
  if (vault) {
    // api/tasks.go Vault.Canonicalize.
    defs(vault, {
      Role: '',
      Namespace: '',
      Env: true,
      DisableFile: false,
      ChangeMode: 'restart',
      ChangeSignal: 'SIGHUP',
      AllowTokenExpiration: false,
    });
    if (!vault.Cluster) vault.Cluster = 'default';
    nullList(vault, 'Policies');
  } else t.Vault = null;

  const consul = objAt(t, 'Consul');
  if (consul) canonicalizeConsul(consul);
  else t.Consul = null;

  const services = objList(t, 'Services');
  for (const s of services) canonicalizeService(s, jobName, String(group.Name), String(t.Name));
  t.Services = services.length ? services : null;

  const mounts = objList(t, 'VolumeMounts');
  // api VolumeMount.Canonicalize.
  for (const m of mounts)
    defs(m, {
      Volume: '',
      Destination: '',
      ReadOnly: false,
      PropagationMode: 'private',
      SELinuxLabel: '',
    });
  t.VolumeMounts = mounts.length ? mounts : null;

  const lc = objAt(t, 'Lifecycle');
  if (lc) defs(lc, { Hook: '', Sidecar: false });
  else t.Lifecycle = null;

  const dp = objAt(t, 'DispatchPayload');
  if (dp) def(dp, 'File', '');
  else t.DispatchPayload = null;

  const csi = objAt(t, 'CSIPluginConfig');
  if (csi) {
    // api TaskCSIPluginConfig.Canonicalize.
    defs(csi, { ID: '', Type: '' });
    if (!csi.MountDir) csi.MountDir = '/csi';
    if (!csi.StagePublishBaseDir) csi.StagePublishBaseDir = '/local/csi';
    if (!csi.HealthTimeout) csi.HealthTimeout = 30 * SECOND;
  } else t.CSIPluginConfig = null;

  canonicalizeIdentities(t);

  const actions = objList(t, 'Actions');
  for (const a of actions) {
    defs(a, { Name: '', Command: '' });
    nullList(a, 'Args');
  }
  t.Actions = actions.length ? actions : null;

  // api Task.Canonicalize: a task's restart block is merged over its group's.
  t.RestartPolicy = merge(group.RestartPolicy as Obj, objAt(t, 'RestartPolicy'));
}

/** api TaskArtifact.Canonicalize: mode "any"; destination "local/" (or local/<file> in file mode). */
function canonicalizeArtifact(a: Obj): void {
  defs(a, { GetterSource: '', GetterMode: 'any', GetterInsecure: false, Chown: false });
  nullEmptyMap(a, 'GetterOptions');
  nullEmptyMap(a, 'GetterHeaders');
  if (a.RelativeDest === undefined || a.RelativeDest === null) {
    if (a.GetterMode === 'file') {
      const src = String(a.GetterSource).replace(/\/+$/, '');
      const base = src.slice(src.lastIndexOf('/') + 1) || '.';
      a.RelativeDest = `local/${base}`;
    } else a.RelativeDest = 'local/';
  }
}

/**
 * api/tasks.go Template.Canonicalize: change_mode "restart" (signal SIGHUP when the mode is
 * "signal", upper-cased when given), splay 5s, perms "0644", delimiters "{{" "}}"; a
 * change_script times out after 5s. `wait` has no default (the client's config supplies it).
 */
function canonicalizeTemplate(t: Obj): void {
  defs(t, { SourcePath: '', DestPath: '', EmbeddedTmpl: '', ChangeMode: 'restart' });
  if (t.ChangeSignal === undefined || t.ChangeSignal === null) {
    t.ChangeSignal = t.ChangeMode === 'signal' ? 'SIGHUP' : '';
  } else t.ChangeSignal = String(t.ChangeSignal).toUpperCase();
  defs(t, {
    Once: false,
    Splay: 5 * SECOND,
    Perms: '0644',
    Uid: null,
    Gid: null,
    LeftDelim: '{{',
    RightDelim: '}}',
    Envvars: false,
    VaultGrace: 0,
    ErrMissingKey: false,
  });
  const cs = objAt(t, 'ChangeScript');
  if (cs) {
    defs(cs, { Command: '', Timeout: 5 * SECOND, FailOnError: false });
    if (!Array.isArray(cs.Args)) cs.Args = [];
  } else t.ChangeScript = null;
  const w = objAt(t, 'Wait');
  if (w) defs(w, { Min: null, Max: null });
  else t.Wait = null;
}

/** api Consul.Canonicalize: cluster "default". */
export function canonicalizeConsul(c: Obj): void {
  defs(c, { Namespace: '', Partition: '' });
  if (!c.Cluster) c.Cluster = 'default';
}

/**
 * An `identity` block without a name (or named "default") is the task's default workload
 * identity (Task.Identity); named ones stay in Identities.
 */
function canonicalizeIdentities(t: Obj): void {
  const all = objList(t, 'Identities');
  const named: Obj[] = [];
  let deflt = objAt(t, 'Identity');
  for (const id of all) {
    if (!id.Name || id.Name === 'default') deflt = id;
    else named.push(id);
  }
  for (const id of deflt ? [deflt, ...named] : named) {
    defs(id, {
      ChangeMode: '',
      ChangeSignal: '',
      Env: false,
      File: false,
      Filepath: '',
      ServiceName: '',
      TTL: 0,
    });
    nullList(id, 'Audience');
  }
  if (deflt) deflt.Name = 'default';
  t.Identity = deflt ?? null;
  t.Identities = named.length ? named : null;
}
