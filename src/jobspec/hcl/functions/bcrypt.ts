/**
 * bcrypt(str, cost?), as Go's golang.org/x/crypto/bcrypt (`$2a$`, default cost 10), with its
 * own Blowfish: no bcrypt library is installed. Blowfish's initial P-array and S-boxes are the
 * hexadecimal digits of pi, which are computed once (Machin's formula) rather than listed.
 */
import { randomBytes } from 'node:crypto';
import { FunctionError, type HclFunction } from '../function.js';
import type { Value } from '../value.js';
import { param, T, toInt } from './helpers.js';

const WORDS = 18 + 4 * 256;

function arctanInv(x: bigint, scale: bigint): bigint {
  let term = scale / x;
  let sum = term;
  const x2 = x * x;
  for (let n = 3n, sign = -1n; term !== 0n; n += 2n, sign = -sign) {
    term /= x2;
    sum += (sign * term) / n;
  }
  return sum;
}

let piWords: Uint32Array | undefined;

/** The first 1042 32-bit words of pi's fractional hexadecimal digits. */
function piTable(): Uint32Array {
  if (piWords) return piWords;
  const bits = BigInt(WORDS * 32 + 64);
  const scale = 1n << bits;
  const pi = 16n * arctanInv(5n, scale) - 4n * arctanInv(239n, scale);
  const frac = (pi & (scale - 1n)) >> 64n;
  const words = new Uint32Array(WORDS);
  for (let i = 0; i < WORDS; i++) {
    words[i] = Number((frac >> BigInt((WORDS - 1 - i) * 32)) & 0xffffffffn);
  }
  piWords = words;
  return words;
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;
  constructor() {
    const t = piTable();
    this.p = t.slice(0, 18);
    this.s = t.slice(18);
  }

  private f(x: number): number {
    const s = this.s;
    return (
      ((((s[x >>> 24] as number) + (s[256 + ((x >>> 16) & 0xff)] as number)) ^
        (s[512 + ((x >>> 8) & 0xff)] as number)) +
        (s[768 + (x & 0xff)] as number)) >>>
      0
    );
  }

  encrypt(l0: number, r0: number): [number, number] {
    const p = this.p;
    let l = (l0 ^ (p[0] as number)) >>> 0;
    let r = r0;
    for (let i = 1; i <= 16; i += 2) {
      r = (r ^ this.f(l) ^ (p[i] as number)) >>> 0;
      l = (l ^ this.f(r) ^ (p[i + 1] as number)) >>> 0;
    }
    return [(r ^ (p[17] as number)) >>> 0, l];
  }

  /** Blowfish's key schedule, with bcrypt's salt mixed in when given. */
  expand(key: Uint8Array, salt?: Uint8Array): void {
    let kp = 0;
    const word = (b: Uint8Array, pos: { i: number }) => {
      let w = 0;
      for (let k = 0; k < 4; k++) {
        w = ((w << 8) | (b[pos.i] as number)) >>> 0;
        pos.i = (pos.i + 1) % b.length;
      }
      return w;
    };
    const keyPos = { i: kp };
    for (let i = 0; i < 18; i++) this.p[i] = ((this.p[i] as number) ^ word(key, keyPos)) >>> 0;
    kp = 0;
    const saltPos = { i: kp };
    let l = 0;
    let r = 0;
    const fill = (arr: Uint32Array, n: number) => {
      for (let i = 0; i < n; i += 2) {
        if (salt) {
          l = (l ^ word(salt, saltPos)) >>> 0;
          r = (r ^ word(salt, saltPos)) >>> 0;
        }
        [l, r] = this.encrypt(l, r);
        arr[i] = l;
        arr[i + 1] = r;
      }
    };
    fill(this.p, 18);
    fill(this.s, 1024);
  }
}

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function b64encode(b: Uint8Array): string {
  const std = Buffer.from(b).toString('base64').replace(/=+$/, '');
  return Array.from(std, (c) => ALPHABET[STD.indexOf(c)]).join('');
}

/** Decodes bcrypt's base64 (salts in `$2a$` hashes). */
export function b64decode(s: string): Buffer {
  const std = Array.from(s, (c) => STD[ALPHABET.indexOf(c)]).join('');
  return Buffer.from(std, 'base64');
}

/** A `$2a$` bcrypt hash of a password with a given cost and 16-byte salt. */
export function bcryptHash(password: string, cost: number, salt: Uint8Array): string {
  if (cost < 4 || cost > 31) {
    throw new Error(`crypto/bcrypt: cost ${cost} is outside allowed range (4,31)`);
  }
  const pw = Buffer.from(password, 'utf8');
  if (pw.length > 72) throw new Error('bcrypt: password length exceeds 72 bytes');
  const key = Buffer.concat([pw, Buffer.from([0])]);
  const bf = new Blowfish();
  bf.expand(key, salt);
  for (let i = 0; i < 2 ** cost; i++) {
    bf.expand(key);
    bf.expand(salt);
  }
  const data = Buffer.from('OrpheanBeholderScryDoubt', 'latin1');
  const words = Array.from({ length: 6 }, (_, i) => data.readUInt32BE(i * 4));
  for (let i = 0; i < 6; i += 2) {
    for (let j = 0; j < 64; j++)
      [words[i], words[i + 1]] = bf.encrypt(words[i] as number, words[i + 1] as number);
  }
  const out = Buffer.alloc(24);
  words.forEach((w, i) => out.writeUInt32BE(w, i * 4));
  return `$2a$${String(cost).padStart(2, '0')}$${b64encode(salt)}${b64encode(out.subarray(0, 23))}`;
}

export const bcryptFunctions: Record<string, HclFunction> = {
  bcrypt: {
    params: [param('str', T.string)],
    varParam: param('cost', T.number),
    impl: (args) => {
      if (args.length > 2) throw new FunctionError('bcrypt() takes no more than two arguments');
      const cost = args.length === 2 ? toInt(args[1] as Value, 1) : 10;
      try {
        return bcryptHash(args[0] as string, cost, randomBytes(16));
      } catch (e) {
        throw new FunctionError(`error occured generating password ${(e as Error).message}`);
      }
    },
  },
};
