/** Checks of a task's `config` block shared by raw_exec and exec. */

/** Problems with `command` and `args`, each a sentence naming the key. */
export function checkCommandConfig(config: Record<string, unknown>, allowed: string[]): string[] {
  const out: string[] = [];
  if (typeof config.command !== 'string' || config.command.trim() === '') {
    out.push('config: "command" is required and must be a non-empty string.');
  }
  if (
    config.args !== undefined &&
    (!Array.isArray(config.args) || config.args.some((a) => typeof a !== 'string'))
  ) {
    out.push('config: "args" must be a list of strings.');
  }
  for (const key of Object.keys(config)) {
    if (!allowed.includes(key)) {
      out.push(`config: unknown key "${key}" (allowed: ${allowed.join(', ')}).`);
    }
  }
  return out;
}

/** A plugin or client option read as a boolean (true, "1", "true"). */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return ['1', 'true', 't', 'yes'].includes(v.trim().toLowerCase());
  return false;
}

/** The task's environment with a PATH, for tasks whose environment has none. */
export function withPath(env: Record<string, string>): Record<string, string> {
  if (env.PATH) return env;
  return { ...env, PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
}
