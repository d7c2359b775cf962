/**
 * Help output as nomad prints it through mitchellh/cli: the top-level command list grouped
 * into common and other commands, and a command's help followed by its subcommands.
 */
import type { Command } from './command.js';
import { COMMON_COMMANDS, type Registry } from './registry.js';

/** The immediate, visible subcommands of `prefix` ("" for top-level commands). */
export function helpCommands(registry: Registry, prefix: string): Map<string, Command> {
  const p = prefix === '' || prefix.endsWith(' ') ? prefix : prefix + ' ';
  const out = new Map<string, Command>();
  for (const [key, entry] of registry) {
    if (!key.startsWith(p) || key === prefix || key.slice(p.length).includes(' ')) continue;
    if (entry.hidden) continue;
    out.set(key, entry.command);
  }
  return out;
}

/** The top-level help: usage, then "Common commands:" and "Other commands:". No final newline. */
export function topLevelHelp(registry: Registry): string {
  const commands = helpCommands(registry, '');
  const common = COMMON_COMMANDS.filter((c) => commands.has(c));
  const other = [...commands.keys()].filter((c) => !COMMON_COMMANDS.includes(c)).sort();
  const block = (names: string[]): string[] => {
    // A Go tabwriter with padding 6: names padded to the widest one plus six spaces.
    const w = Math.max(0, ...names.map((n) => n.length + 4)) + 6;
    return names.map((n) => `    ${n}`.padEnd(w) + commands.get(n)?.synopsis);
  };
  return [
    'Usage: caravan [-version] [-help] [-autocomplete-(un)install] <command> [args]',
    '',
    'Common commands:',
    ...block(common),
    '',
    'Other commands:',
    ...block(other),
  ].join('\n');
}

/** A command's help and, when it has any, its subcommands; ends with a newline. */
export function commandHelp(registry: Registry, path: string, command: Command): string {
  const subs = helpCommands(registry, path);
  let out = command.help;
  if (subs.size > 0) {
    const keys = [...subs.keys()].sort();
    const longest = Math.max(...keys.map((k) => k.length));
    out += '\n\nSubcommands:';
    for (const k of keys) {
      const name = k.slice(k.lastIndexOf(' ') + 1);
      out += `\n    ${name}${' '.repeat(longest - k.length)}    ${subs.get(k)?.synopsis}`;
    }
  }
  return out + '\n';
}
