/**
 * Go's number formatting for format()'s verbs: %e %f %g on cty's big floats and %b %d %o %x on
 * integers, with flags, width and precision. A number's digits are those of its shortest
 * decimal form (what the job file wrote); a tie when rounding is broken as Go's 512-bit
 * big.Float would see it.
 */

/** A decimal: value = 0.d × 10^dp, d without leading or trailing zeros ("" is zero). */
interface Decimal {
  d: string;
  dp: number;
}

export interface NumberVerb {
  mode: string;
  plus: boolean;
  minus: boolean;
  space: boolean;
  zero: boolean;
  sharp: boolean;
  width: number;
  prec: number;
}

function trimDecimal(d: string, dp: number): Decimal {
  const lead = d.length - d.replace(/^0+/, '').length;
  const t = d.slice(lead).replace(/0+$/, '');
  return t === '' ? { d: '', dp: 0 } : { d: t, dp: dp - lead };
}

/** The shortest decimal digits of |n|. */
function shortest(n: number | bigint): Decimal {
  if (typeof n === 'bigint' || Number.isSafeInteger(n)) {
    const s = (typeof n === 'bigint' ? (n < 0n ? -n : n) : BigInt(Math.abs(n))).toString();
    return trimDecimal(s, s.length);
  }
  const [mant, exp] = Math.abs(n).toExponential().split('e') as [string, string];
  return trimDecimal(mant.replace('.', ''), Number(exp) + 1);
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/**
 * Which way a decimal that ends exactly on a 5 really lies once parsed to a 512-bit binary
 * float, as cty parses numbers: 1 above, -1 below, 0 exactly.
 */
function tieDirection(dec: Decimal): number {
  const s = dec.d.length - dec.dp;
  if (s <= 0) return 0;
  const D = BigInt(dec.d);
  const P = 10n ** BigInt(s);
  const k = BigInt(512 + bitLength(P) - bitLength(D) + 1);
  const num = D << k;
  let q = num / P;
  const r = num % P;
  if (2n * r > P || (2n * r === P && q % 2n === 1n)) q++;
  const diff = q * P - num;
  return diff > 0n ? 1 : diff < 0n ? -1 : 0;
}

/** Rounds to nd significant digits, half to even on exact ties. */
function round(dec: Decimal, nd: number): Decimal {
  if (nd < 0) return { d: '', dp: 0 };
  if (nd >= dec.d.length) return dec;
  const next = dec.d[nd] as string;
  let up: boolean;
  if (next === '5' && nd + 1 === dec.d.length) {
    const dir = tieDirection(dec);
    up = dir > 0 || (dir === 0 && nd > 0 && Number(dec.d[nd - 1]) % 2 === 1);
  } else up = next >= '5';
  if (!up) return trimDecimal(dec.d.slice(0, nd), dec.dp);
  let i = nd - 1;
  while (i >= 0 && dec.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: dec.dp + 1 };
  return trimDecimal(dec.d.slice(0, i) + String(Number(dec.d[i]) + 1), dec.dp);
}

function digitAt(dec: Decimal, i: number): string {
  return i >= 0 && i < dec.d.length ? (dec.d[i] as string) : '0';
}

function fmtE(dec: Decimal, prec: number, upper: boolean): string {
  let s = digitAt(dec, 0);
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(dec, i);
  }
  const exp = dec.d === '' ? 0 : dec.dp - 1;
  const e = Math.abs(exp).toString().padStart(2, '0');
  return s + (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + e;
}

function fmtF(dec: Decimal, prec: number): string {
  let s = '';
  if (dec.dp > 0) for (let i = 0; i < dec.dp; i++) s += digitAt(dec, i);
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(dec, dec.dp + i);
  }
  return s;
}

/** Go's %e %f %g (and %v's 'g' with shortest digits) of a number, without padding. */
function floatBody(n: number | bigint, mode: string, precIn: number): string {
  const dec = shortest(n);
  const lower = mode.toLowerCase();
  if (lower === 'e') {
    const prec = precIn < 0 ? 6 : precIn;
    return fmtE(round(dec, prec + 1), prec, mode === 'E');
  }
  if (lower === 'f') {
    const prec = precIn < 0 ? 6 : precIn;
    return fmtF(round(dec, dec.dp + prec), prec);
  }
  // %g
  const shortestMode = precIn < 0;
  let prec = precIn === 0 ? 1 : precIn;
  const dg = shortestMode ? dec : round(dec, prec);
  if (shortestMode) prec = dg.d.length;
  let eprec = prec;
  if (eprec > dg.d.length && dg.d.length >= dg.dp) eprec = dg.d.length;
  if (shortestMode) eprec = 6;
  const exp = dg.dp - 1;
  if (dg.d !== '' && (exp < -4 || exp >= eprec)) {
    return fmtE(dg, Math.min(prec, dg.d.length) - 1, mode === 'G');
  }
  if (prec > dg.dp) prec = dg.d.length;
  return fmtF(dg, Math.max(prec - dg.dp, 0));
}

function isNegative(n: number | bigint): boolean {
  return typeof n === 'bigint' ? n < 0n : n < 0;
}

/** %v's number form: Go's big.Float Text('g', -1). */
export function formatGeneral(n: number | bigint): string {
  return (isNegative(n) ? '-' : '') + floatBody(n, 'g', -1);
}

/** Formats a number for a verb; integer verbs need a whole number (checked by the caller). */
export function formatNumberVerb(n: number | bigint, v: NumberVerb): string {
  const neg = isNegative(n);
  let prefix = '';
  let body: string;
  if ('bdoxX'.includes(v.mode)) {
    const abs = BigInt(n) < 0n ? -BigInt(n) : BigInt(n);
    const radix = { b: 2, d: 10, o: 8, x: 16, X: 16 }[v.mode as 'b' | 'd' | 'o' | 'x' | 'X'];
    body = abs.toString(radix);
    if (v.mode === 'X') body = body.toUpperCase();
    if (v.prec >= 0) body = body.padStart(v.prec, '0');
    if (v.sharp) prefix = { b: '0b', d: '', o: '0', x: '0x', X: '0X' }[v.mode as 'b'];
    if (v.sharp && v.mode === 'o' && body.startsWith('0')) prefix = '';
  } else {
    body = floatBody(n, v.mode, v.prec);
  }
  const sign = neg ? '-' : v.plus ? '+' : v.space ? ' ' : '';
  const lead = sign + prefix;
  const len = lead.length + body.length;
  if (v.width <= len) return lead + body;
  const pad = v.width - len;
  if (v.minus) return lead + body + ' '.repeat(pad);
  const zeroOk = v.zero && !('bdoxX'.includes(v.mode) && v.prec >= 0);
  return zeroOk ? lead + '0'.repeat(pad) + body : ' '.repeat(pad) + lead + body;
}
