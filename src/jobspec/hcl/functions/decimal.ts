/**
 * Exact decimal addition for the functions that add up numbers (range, sum): cty adds with
 * 512-bit floats, so 0.1 + 0.2 is 0.3 there, not 0.30000000000000004 as in float64.
 */
import { addNumbers, formatNumber, parseNumber } from '../value-ops.js';

function scaled(n: number | bigint): { digits: bigint; scale: number } {
  const s = formatNumber(n);
  const [ip, fp = ''] = s.split('.') as [string, string?];
  return { digits: BigInt(ip + fp), scale: fp.length };
}

/** a + b, computed on the numbers' decimal forms. */
export function decimalAdd(a: number | bigint, b: number | bigint): number | bigint {
  const isInt = (x: number | bigint) => typeof x === 'bigint' || Number.isInteger(x);
  if (isInt(a) && isInt(b)) return addNumbers(a, b);
  const x = scaled(a);
  const y = scaled(b);
  const scale = Math.max(x.scale, y.scale);
  const sum = x.digits * 10n ** BigInt(scale - x.scale) + y.digits * 10n ** BigInt(scale - y.scale);
  const neg = sum < 0n;
  let digits = (neg ? -sum : sum).toString().padStart(scale + 1, '0');
  digits = scale > 0 ? digits.slice(0, -scale) + '.' + digits.slice(-scale) : digits;
  return parseNumber((neg ? '-' : '') + digits) as number | bigint;
}
