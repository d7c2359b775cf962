/** Defaults for services, checks and Connect blocks (api/services.go, api/consul.go). */
import {
  DEFAULT_KILL_TIMEOUT,
  DEFAULT_CPU,
  DEFAULT_MEMORY_MB,
  defaultLogConfig,
} from './defaults.js';
import { def, defs, merge, nullEmptyMap, nullList, objAt, objList, type Obj } from './fill.js';
import { canonicalizeResources } from './canonicalize-network.js';
import { SECOND } from './ns.js';

/**
 * api/services.go Service.Canonicalize: the name defaults to "<job>-<group>-<task>" (or
 * "<job>-<group>" for a group service), address mode "auto", on_update "require_healthy",
 * provider "consul", cluster "default"; the service-wide check_restart is merged into each
 * check. nomad/structs ServiceCheck.Canonicalize names an unnamed check `service: "<name>" check`.
 */
export function canonicalizeService(
  s: Obj,
  jobName: string,
  groupName: string,
  taskName?: string,
): void {
  if (!s.Name)
    s.Name =
      taskName === undefined ? `${jobName}-${groupName}` : `${jobName}-${groupName}-${taskName}`;
  for (const [k, v] of [
    ['AddressMode', 'auto'],
    ['OnUpdate', 'require_healthy'],
    ['Provider', 'consul'],
    ['Cluster', 'default'],
  ] as const) {
    if (!s[k]) s[k] = v;
  }
  defs(s, { TaskName: '', PortLabel: '', Address: '', EnableTagOverride: false });
  for (const k of ['Tags', 'CanaryTags']) nullList(s, k);
  for (const k of ['Meta', 'CanaryMeta', 'TaggedAddresses']) nullEmptyMap(s, k);
  const serviceRestart = objAt(s, 'CheckRestart');
  delete s.CheckRestart;
  const checks = objList(s, 'Checks');
  for (const c of checks) canonicalizeCheck(c, s, serviceRestart);
  s.Checks = checks.length ? checks : null;
  const connect = objAt(s, 'Connect');
  if (connect) canonicalizeConnect(connect);
  else s.Connect = null;
  const weights = objAt(s, 'Weights');
  if (weights) {
    if (!(Number(weights.Passing) > 0)) weights.Passing = 1;
    if (!(Number(weights.Warning) > 0)) weights.Warning = 1;
  }
}

function canonicalizeCheck(c: Obj, s: Obj, serviceRestart: Obj | undefined): void {
  if (!c.Name) c.Name = `service: ${JSON.stringify(s.Name)} check`;
  defs(c, {
    Type: '',
    Command: '',
    Args: null,
    Path: '',
    Protocol: '',
    PortLabel: '',
    Expose: false,
    AddressMode: '',
    Interval: 0,
    Timeout: 0,
    InitialStatus: '',
    TLSSkipVerify: false,
    Method: '',
    Header: null,
    GRPCService: '',
    GRPCUseTLS: false,
    TaskName: '',
    SuccessBeforePassing: 0,
    FailuresBeforeCritical: 0,
    Body: '',
  });
  for (const k of ['SuccessBeforePassing', 'FailuresBeforeCritical', 'FailuresBeforeWarning']) {
    if (typeof c[k] === 'number' && (c[k] as number) < 0) c[k] = 0;
  }
  if (!c.OnUpdate) c.OnUpdate = s.OnUpdate;
  // api CheckRestart.Merge: the check's own settings win over the service's; grace 1s.
  const own = objAt(c, 'CheckRestart');
  if (own || serviceRestart) {
    const m = merge(serviceRestart ?? {}, own);
    defs(m, { Limit: 0, Grace: SECOND, IgnoreWarnings: false });
    c.CheckRestart = m;
  } else {
    c.CheckRestart = null;
  }
}

function canonicalizeConnect(c: Obj): void {
  def(c, 'Native', false);
  const ss = objAt(c, 'SidecarService');
  if (ss) {
    defs(ss, { Port: '', DisableDefaultTCPCheck: false });
    nullList(ss, 'Tags');
    nullEmptyMap(ss, 'Meta');
    const proxy = objAt(ss, 'Proxy');
    if (proxy) {
      defs(proxy, { LocalServiceAddress: '', LocalServicePort: 0, Expose: null });
      const ups = objList(proxy, 'Upstreams');
      for (const u of ups) {
        defs(u, { DestinationName: '', LocalBindPort: 0, Datacenter: '' });
        nullEmptyMap(u, 'Config');
      }
      proxy.Upstreams = ups.length ? ups : null;
      nullEmptyMap(proxy, 'Config');
      const expose = objAt(proxy, 'Expose');
      if (expose) {
        const paths = objList(expose, 'Paths');
        for (const p of paths)
          defs(p, { Path: '', Protocol: '', LocalPathPort: 0, ListenerPort: '' });
        expose.Paths = paths.length ? paths : null;
      }
    } else {
      ss.Proxy = null;
    }
  } else {
    c.SidecarService = null;
  }
  const st = objAt(c, 'SidecarTask');
  if (st) {
    defs(st, {
      Name: '',
      Driver: '',
      User: '',
      KillSignal: '',
      KillTimeout: DEFAULT_KILL_TIMEOUT,
      ShutdownDelay: 0,
    });
    nullEmptyMap(st, 'Config');
    nullEmptyMap(st, 'Env');
    nullEmptyMap(st, 'Meta');
    const r = objAt(st, 'Resources');
    if (r) canonicalizeResources(r);
    else
      st.Resources = {
        CPU: DEFAULT_CPU,
        Cores: 0,
        MemoryMB: DEFAULT_MEMORY_MB,
        MemoryMaxMB: 0,
        DiskMB: 0,
        Networks: null,
        Devices: null,
      };
    const l = objAt(st, 'LogConfig');
    if (l) defs(l, defaultLogConfig() as unknown as Obj);
    else st.LogConfig = defaultLogConfig();
  } else {
    c.SidecarTask = null;
  }
  const gw = objAt(c, 'Gateway');
  if (gw) {
    const p = objAt(gw, 'Proxy');
    if (p) def(p, 'ConnectTimeout', 5 * SECOND);
  } else {
    c.Gateway = null;
  }
}
