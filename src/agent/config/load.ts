/**
 * Loading an agent's configuration from files and directories, as `nomad agent -config` does:
 * each path is a file, or a directory whose *.hcl and *.json files are read in name order;
 * every file is decoded on its own, then all are merged in order over the defaults.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic, Range } from '../../jobspec/index.js';
import { decodeBlock, type DecodeContext } from './decode.js';
import { defaultAgentConfig } from './defaults.js';
import { mergeBlock } from './merge.js';
import { normalizeSpellings } from './normalize.js';
import { agentConfigSchema, type AgentConfig } from './schema.js';
import { parseConfigTree } from './tree.js';
import { validateAgentConfig } from './validate.js';

export interface LoadedAgentConfig {
  /** The defaults, then every file merged in order. */
  config: AgentConfig;
  warnings: Diagnostic[];
  errors: Diagnostic[];
  /** The files read, in merge order. */
  files: string[];
  /** Where each value was last set, by camelCase path ("server.bootstrapExpect"). */
  places: Map<string, Range>;
}

/** Decodes one config file's text (HCL, or JSON when `filename` ends in .json). */
export function parseAgentConfig(
  src: string,
  filename: string,
  places: Map<string, Range> = new Map(),
): { config: AgentConfig; diags: Diagnostic[] } {
  const { tree, diags, syntaxError } = parseConfigTree(src, filename);
  const ctx: DecodeContext = { diags, places };
  if (syntaxError) return { config: {}, diags };
  const decoded = decodeBlock(tree, agentConfigSchema, '', ctx, '') as AgentConfig;
  // In the order of the file, as a reader goes through it.
  diags.sort((a, b) => (a.subject?.start.offset ?? 0) - (b.subject?.start.offset ?? 0));
  return { config: normalizeSpellings(decoded), diags };
}

function fileError(summary: string, detail: string): Diagnostic {
  return { severity: 'error', summary, detail };
}

/**
 * The config files a path stands for: itself, or a directory's *.hcl and *.json, sorted. Names
 * stay as given (for messages); `cwd` resolves them for reading.
 */
function configFiles(path: string, cwd: string, errors: Diagnostic[]): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(resolve(cwd, path)).isDirectory();
  } catch {
    errors.push(
      fileError(
        `Error loading configuration from ${path}`,
        `stat ${path}: no such file or directory`,
      ),
    );
    return [];
  }
  if (!isDir) return [path];
  return readdirSync(resolve(cwd, path))
    .filter((n) => (n.endsWith('.hcl') || n.endsWith('.json')) && !isTemporary(n))
    .sort()
    .map((n) => join(path, n))
    .filter((p) => statSync(resolve(cwd, p)).isFile());
}

/** Editors' lock and backup files, which Nomad skips too. */
function isTemporary(name: string): boolean {
  return (
    name.endsWith('~') || name.startsWith('.#') || (name.startsWith('#') && name.endsWith('#'))
  );
}

export interface LoadAgentConfigOptions {
  /** Relative paths are read from here (default: the process's working directory). */
  cwd?: string;
  /** Check the merged configuration too (validateAgentConfig); default true. */
  validate?: boolean;
}

/**
 * Reads, decodes, merges and checks the configuration at `paths` (files or directories).
 * Never throws; an empty `errors` means the configuration is valid.
 */
export function loadAgentConfig(
  paths: string[],
  options: LoadAgentConfigOptions = {},
): LoadedAgentConfig {
  const cwd = options.cwd ?? process.cwd();
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const places = new Map<string, Range>();
  const files: string[] = [];
  let config = defaultAgentConfig();
  for (const path of paths) {
    for (const file of configFiles(path, cwd, errors)) {
      let src: string;
      try {
        src = readFileSync(resolve(cwd, file), 'utf8');
      } catch (e) {
        errors.push(fileError(`Error loading configuration from ${file}`, (e as Error).message));
        continue;
      }
      files.push(file);
      const r = parseAgentConfig(src, file, places);
      for (const d of r.diags) (d.severity === 'error' ? errors : warnings).push(d);
      config = mergeBlock(agentConfigSchema, config, r.config) as AgentConfig;
    }
  }
  if (errors.length === 0 && options.validate !== false)
    errors.push(...validateAgentConfig(config, places));
  return { config, warnings, errors, files, places };
}
