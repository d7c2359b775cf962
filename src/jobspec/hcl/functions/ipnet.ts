/**
 * CIDR functions (cidrhost, cidrnetmask, cidrsubnet, cidrsubnets) for IPv4 and IPv6, with
 * addresses as bigints, following go-cidr's arithmetic and Go's address formatting.
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../function.js';
import type { Value } from '../value.js';
import { param, T, toInt } from './helpers.js';

/** A network: address (masked), prefix length, and address size in bits (32 or 128). */
interface Net {
  addr: bigint;
  len: number;
  bits: number;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseIPv6(s: string): bigint | undefined {
  let text = s;
  let tail: bigint[] = [];
  const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = parseIPv4(v4[1] as string);
    if (n === undefined) return undefined;
    tail = [n >> 16n, n & 0xffffn];
    text = text.slice(0, text.length - (v4[1] as string).length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0] as string);
  const rest = halves.length === 2 ? groups(halves[1] as string) : [];
  for (const g of [...head, ...rest]) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
  const given = head.length + rest.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const all = [
    ...head.map((g) => BigInt('0x' + g)),
    ...Array<bigint>(8 - given).fill(0n),
    ...rest.map((g) => BigInt('0x' + g)),
    ...tail,
  ];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

const maskOf = (len: number, bits: number): bigint =>
  ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - len)) - 1n);

/** Go's net.ParseCIDR; the error completes "invalid CIDR expression: ...". */
function parseCidr(s: string): Net {
  const slash = s.indexOf('/');
  const fail = (): never => {
    throw new Error(`invalid CIDR expression: invalid CIDR address: ${s}`);
  };
  if (slash < 0) fail();
  const ip = s.slice(0, slash);
  const lenText = s.slice(slash + 1);
  const v4 = parseIPv4(ip);
  const addr = v4 ?? (ip.includes(':') ? parseIPv6(ip) : undefined);
  if (addr === undefined || !/^\d{1,3}$/.test(lenText)) fail();
  const bits = v4 !== undefined ? 32 : 128;
  const len = Number(lenText);
  if (len > bits) fail();
  return { addr: (addr as bigint) & maskOf(len, bits), len, bits };
}

/** Go's net.IP String(): dotted quad, or RFC 5952 IPv6 (IPv4-mapped addresses dotted). */
export function formatIp(addr: bigint, bits: number): string {
  if (bits === 32 || addr >> 32n === 0xffffn) {
    const b = addr & 0xffffffffn;
    return [24n, 16n, 8n, 0n].map((s) => String((b >> s) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => (addr >> BigInt(112 - 16 * i)) & 0xffffn);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0n) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0n) j++;
    if (j - i > bestLen && j - i >= 2) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (gs: bigint[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return hex(groups.slice(0, bestStart)) + '::' + hex(groups.slice(bestStart + bestLen));
}

const netString = (n: Net) => `${formatIp(n.addr, n.bits)}/${n.len}`;

function cidrArg(s: Value, index: number): Net {
  try {
    return parseCidr(s as string);
  } catch (e) {
    throw new FunctionArgError(index, (e as Error).message);
  }
}

function bigArg(v: Value, index: number): bigint {
  if (typeof v === 'number' && !Number.isInteger(v)) {
    throw new FunctionArgError(index, 'value must be a whole number');
  }
  return BigInt(v as number | bigint);
}

function host(net: Net, numIn: bigint): string {
  const hostLen = net.bits - net.len;
  const max = (1n << BigInt(hostLen)) - 1n;
  let num = numIn;
  let magnitude = num;
  if (num < 0n) {
    magnitude = -num - 1n;
    num = max - magnitude;
  }
  if (magnitude > max) {
    // go-cidr reports the number it computed, which for a negative one is max - magnitude.
    throw new FunctionError(`prefix of ${net.len} does not accommodate a host numbered ${num}`);
  }
  return formatIp(net.addr | num, net.bits);
}

function subnet(net: Net, newBits: number, num: bigint): Net {
  const len = net.len + newBits;
  if (newBits < 0) throw new FunctionArgError(1, 'must extend prefix by at least zero bits');
  if (newBits > 32) throw new FunctionError('may not extend prefix by more than 32 bits');
  if (len > net.bits) {
    throw new FunctionError(
      `insufficient address space to extend prefix of ${net.len} by ${newBits}`,
    );
  }
  if (num < 0n || num > (1n << BigInt(newBits)) - 1n) {
    throw new FunctionError(
      `prefix extension of ${newBits} does not accommodate a subnet numbered ${num}`,
    );
  }
  return { addr: net.addr | (num << BigInt(net.bits - len)), len, bits: net.bits };
}

function subnets(net: Net, lengths: Value[]): string[] {
  const all = (1n << BigInt(net.bits)) - 1n;
  const hostMask = (len: number) => all ^ maskOf(len, net.bits);
  const firstLen = toInt(lengths[0] as Value, 1) + net.len;
  // Start just before the base network (go-cidr's PreviousSubnet), then step forward.
  let current: Net = {
    addr: (net.addr - 1n) & all & maskOf(Math.min(firstLen, net.bits), net.bits),
    len: Math.min(firstLen, net.bits),
    bits: net.bits,
  };
  return lengths.map((lv, i) => {
    const ext = toInt(lv, i + 1);
    if (ext < 1) throw new FunctionArgError(i + 1, 'must extend prefix by at least one bit');
    if (ext > 32) throw new FunctionArgError(i + 1, 'may not extend prefix by more than 32 bits');
    const len = ext + net.len;
    if (len > net.bits) {
      throw new FunctionArgError(
        i + 1,
        `would extend prefix to ${len} bits, which is too long for an ${net.bits === 32 ? 'IPv4' : 'IPv6'} address`,
      );
    }
    const currentLast = current.addr | hostMask(current.len);
    const base = currentLast & maskOf(len, net.bits);
    const nextAddr = ((base | hostMask(len)) + 1n) & all;
    const next = { addr: nextAddr & maskOf(len, net.bits), len, bits: net.bits };
    if (nextAddr === 0n || (next.addr & maskOf(net.len, net.bits)) !== net.addr) {
      throw new FunctionArgError(
        i + 1,
        `not enough remaining address space for a subnet with a prefix of ${len} bits after ${netString(current)}`,
      );
    }
    current = next;
    return netString(current);
  });
}

export const ipnetFunctions: Record<string, HclFunction> = {
  cidrhost: {
    params: [param('prefix', T.string), param('hostnum', T.number)],
    impl: ([p, n]) => host(cidrArg(p as Value, 0), bigArg(n as Value, 1)),
  },
  cidrnetmask: {
    params: [param('prefix', T.string)],
    impl: ([p]) => {
      const net = cidrArg(p as Value, 0);
      return formatIp(maskOf(net.len, net.bits), net.bits);
    },
  },
  cidrsubnet: {
    params: [param('prefix', T.string), param('newbits', T.number), param('netnum', T.number)],
    impl: ([p, b, n]) =>
      netString(subnet(cidrArg(p as Value, 0), toInt(b as Value, 1), bigArg(n as Value, 2))),
  },
  cidrsubnets: {
    params: [param('prefix', T.string)],
    varParam: param('newbits', T.number),
    impl: ([p, ...lengths]) => {
      const net = cidrArg(p as Value, 0);
      return lengths.length === 0 ? [] : subnets(net, lengths);
    },
  },
};
