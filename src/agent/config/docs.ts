/** docs/agent-config.md, generated from the schema so that it lists every key we accept. */
import type { Field, Schema } from './schema-dsl.js';
import { agentConfigSchema } from './schema.js';

const TYPE: Record<string, string> = {
  string: 'string',
  bool: 'bool',
  int: 'int',
  number: 'number',
  duration: 'duration',
  strings: 'list(string)',
  stringMap: 'map(string)',
  any: 'any (kept as written)',
};

const INTRO = `# Agent configuration

Caravan reads Nomad's agent configuration files (\`caravan agent -config\`, \`caravan config
validate\`). This page is generated from the schema in src/agent/config/ (see
\`agentConfigDocs()\`); a test keeps it current.

## How files are read
- **HCL1 semantics.** Files are HCL, read as Nomad reads them: quoted keys are allowed
  (\`meta { "rack" = "rack1" }\`, \`options { "driver.raw_exec.enable" = "1" }\`), a map may be
  written as a block or as \`key = { ... }\`, and repeated blocks merge. There are no
  expressions: values are literals, lists and maps; \`\${...}\` in a string stays as written.
  Values convert as HCL1's weak decoding did: \`"true"\` for a bool, \`3\` for a string.
- **JSON.** A file whose name ends in \`.json\` is JSON with the same keys; a block may also be
  a list of objects.
- **Directories.** A directory stands for its \`*.hcl\` and \`*.json\` files, in name order,
  not recursively (editors' \`.#\` lock files are skipped).
- **Merging.** Files merge in order over the defaults: a value set later wins; maps (\`meta\`,
  \`options\`, \`chroot_env\`, \`http_api_response_headers\`) merge key by key; blocks merge
  field by field; labeled blocks (\`host_volume\`, ...) merge by label, except \`plugin\`
  blocks, which replace a block of the same name whole, as in Nomad; lists are replaced
  (\`server_join.retry_join\` too), except those Nomad appends (marked *appends*). Unlike
  Nomad, whose merge skips zero values, a later \`false\` or \`0\` does override.
- **Durations** are Go duration strings ("15s", "1h30m"); \`AgentConfig\` holds them in
  milliseconds.
- **Errors.** A key Nomad does not know is an error at its place, in HCL's form
  (\`agent.hcl:2,3-18: Unsupported argument; An argument named "bootstrap_expec" is not
  expected here. Did you mean "bootstrap_expect"?\`). Deprecated keys and the spec's own
  spellings are accepted with a warning. Values are checked after merging too (log level,
  port ranges, \`min_dynamic_port\` <= \`max_dynamic_port\`, counts not negative, reserved
  port lists, absolute \`data_dir\`/\`plugin_dir\`/\`alloc_dir\`/\`state_dir\`, telemetry
  prefix filters starting with + or -).
- **Spec spellings.** \`server_join\` at the top level is read into \`server\` and \`client\`;
  \`client.servers_join\` as \`client.server_join.retry_join\`; \`server.enable_debug\` as the
  top-level \`enable_debug\`; \`vault.task_token_no_default_policy\` is kept and has no effect.
- **Not checked.** Unlike \`nomad config validate\`, a file that enables neither server nor
  client, or sets no \`data_dir\`, is valid: partial files are checked on their own.
  \`caravan config validate\` never connects to any address in a config.
- **Not supported.** HCL1 syntax that HCL2 refuses, other than quoted keys, is an error at its
  place: commas between arguments or several arguments on one line
  (\`ports { http = 1, rpc = 2 }\`), an argument set twice in one body. Several \`vault\` or
  \`consul\` blocks (Nomad Enterprise's named clusters) merge into one.

## For developers
\`loadAgentConfig(paths, { cwd })\` (src/agent) reads, decodes, merges and checks files and
directories and returns \`{ config, warnings, errors, files, places }\`; \`parseAgentConfig(src,
filename)\` decodes one file's text. \`AgentConfig\` is inferred from the schema: the keys
below in camelCase (\`bootstrap_expect\` is \`bootstrapExpect\`), every key optional, durations
in milliseconds, freeform values (type *any*) kept as written.
`;

function typeOf(f: Field): string {
  if (f.kind === 'block') return 'block';
  if (f.kind === 'labeled') return 'block "name"';
  const t = TYPE[f.kind] as string;
  return f.kind === 'strings' && f.merge === 'append' ? `${t}, appends` : t;
}

function describe(f: Field): string {
  let d = f.doc ?? '';
  if (f.deprecated) d += ` **Deprecated** (warning): ${f.deprecated}`;
  if (f.spelling) d += ` **Spec spelling** (warning).`;
  return d.trim().replace(/\|/g, '\\|');
}

function section(title: string, schema: Schema, out: string[]): void {
  out.push(`## \`${title}\``, '', '| Key | Type | Default | Description |', '|---|---|---|---|');
  const nested: [string, Schema][] = [];
  for (const [key, f] of Object.entries(schema)) {
    const dflt = f.dflt === undefined ? '' : `\`${f.dflt}\``;
    out.push(`| \`${key}\` | ${typeOf(f)} | ${dflt} | ${describe(f)} |`);
    if (f.kind === 'block') nested.push([key, f.schema]);
    if (f.kind === 'labeled') nested.push([`${key} "name"`, f.schema]);
  }
  out.push('');
  for (const [key, s] of nested) section(title === 'top level' ? key : `${title} > ${key}`, s, out);
}

export function agentConfigDocs(): string {
  const out: string[] = [INTRO];
  section('top level', agentConfigSchema, out);
  return out.join('\n');
}
