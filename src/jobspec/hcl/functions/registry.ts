/**
 * The functions a job file may call: Nomad's jobspec2 set (go-cty's stdlib and go-cty-funcs),
 * plus the Terraform functions its documentation lists.
 */
import type { HclFunction } from '../function.js';
import { bcryptFunctions } from './bcrypt.js';
import { collectionFunctions } from './collection.js';
import { conversionFunctions } from './conversion.js';
import { cryptoFunctions } from './crypto.js';
import { datetimeFunctions } from './datetime.js';
import { encodingFunctions } from './encoding.js';
import { disabledFilesystemFunctions, filesystemFunctions } from './filesystem.js';
import { ipnetFunctions } from './ipnet.js';
import { numericFunctions } from './numeric.js';
import { rsaFunctions } from './rsa.js';
import { sequenceFunctions } from './sequence.js';
import { formatFunctions } from './string-format.js';
import { stringFunctions } from './string.js';

/**
 * Functions the evaluator implements itself, because they need their arguments unevaluated:
 * `try(exprs...)` and `can(expr)` catch evaluation errors, and `convert(value, type)` reads
 * its second argument as a type expression.
 */
export const LAZY_FUNCTIONS = ['try', 'can', 'convert'] as const;

export interface FunctionOptions {
  /** Register working filesystem functions (CLI only); otherwise they fail when called. */
  allowFileIO: boolean;
  /** Where relative paths in file(), fileset() ... are read from: the job file's directory. */
  baseDir: string;
}

/** The standard function table, by name. */
export function standardFunctions(opts: FunctionOptions): Map<string, HclFunction> {
  const families = [
    stringFunctions,
    formatFunctions,
    collectionFunctions,
    sequenceFunctions,
    numericFunctions,
    encodingFunctions,
    cryptoFunctions,
    bcryptFunctions,
    rsaFunctions,
    datetimeFunctions,
    ipnetFunctions,
    conversionFunctions,
    opts.allowFileIO ? filesystemFunctions(opts.baseDir) : disabledFilesystemFunctions(),
  ];
  const out = new Map<string, HclFunction>();
  for (const family of families) for (const [name, fn] of Object.entries(family)) out.set(name, fn);
  return out;
}
