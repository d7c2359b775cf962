/**
 * Reads a decoded HCL/JSON object key by key, collecting one sentence per problem. Blocks may
 * arrive either as an object (`labels = { ... }`, JSON) or as a list of objects (`labels { ... }`,
 * as the jobspec decodes free-form blocks); both are accepted.
 */
export type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ConfigReader {
  constructor(
    private readonly obj: Obj,
    /** Where the keys live, for messages: `config` or `plugin "docker" config`. */
    private readonly where: string,
    readonly errors: string[],
  ) {}

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  str(key: string, def = ''): string {
    const v = this.obj[key];
    if (v === undefined || v === null) return def;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.fail(key, 'must be a string');
    return def;
  }

  bool(key: string, def: boolean): boolean {
    const v = this.obj[key];
    if (v === undefined || v === null) return def;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    this.fail(key, 'must be a boolean');
    return def;
  }

  int(key: string, def = 0): number {
    const v = this.obj[key];
    if (v === undefined || v === null) return def;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n === 'number' && Number.isInteger(n)) return n;
    this.fail(key, 'must be a whole number');
    return def;
  }

  strList(key: string): string[] {
    const v = this.obj[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
      return v.map(String);
    }
    this.fail(key, 'must be a list of strings');
    return [];
  }

  /** A map of strings (`labels`, `sysctl`): an object, or a list of objects merged. */
  strMap(key: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.block(key))) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        out[k] = String(v);
      } else this.fail(`${key}.${k}`, 'must be a string');
    }
    return out;
  }

  /** One block: an object, or a list of objects merged (later keys win). */
  block(key: string): Obj {
    const v = this.obj[key];
    if (v === undefined || v === null) return {};
    if (isObj(v)) return v;
    if (Array.isArray(v) && v.every(isObj)) return Object.assign({}, ...v) as Obj;
    this.fail(key, 'must be a block');
    return {};
  }

  /** A repeated block (`mount { } mount { }`) or a list of objects (`mounts = [...]`). */
  blocks(key: string): Obj[] {
    const v = this.obj[key];
    if (v === undefined || v === null) return [];
    if (isObj(v)) return [v];
    if (Array.isArray(v) && v.every(isObj)) return v;
    this.fail(key, 'must be a list of blocks');
    return [];
  }

  sub(key: string): ConfigReader {
    return new ConfigReader(this.block(key), `${this.where} ${key}`, this.errors);
  }

  /** Keys present that are in neither list: `known` are read, `ignored` accepted and unused. */
  unknownKeys(known: readonly string[], ignored: readonly string[] = []): string[] {
    return Object.keys(this.obj).filter((k) => !known.includes(k) && !ignored.includes(k));
  }

  fail(key: string, problem: string): void {
    this.errors.push(`${this.where}: "${key}" ${problem}.`);
  }
}
