import { describe, it, expect } from 'vitest';
import { call, callError } from './test-call.js';

const failed = (name: string, ...a: unknown[]) => callError(name, ...a).replace(/^.*?; /, '');

describe('ipnet functions', () => {
  it('cidrhost', () => {
    expect(call('cidrhost', '10.12.112.0/20', 16)).toBe('10.12.112.16');
    expect(call('cidrhost', '10.12.112.0/20', 268)).toBe('10.12.113.12');
    expect(call('cidrhost', 'fd00:fd12:3456:7890:00a2::/72', 34)).toBe('fd00:fd12:3456:7890::22');
    expect(call('cidrhost', '10.0.0.0/8', -1)).toBe('10.255.255.255');
    expect(call('cidrhost', '10.1.2.3/8', 0)).toBe('10.0.0.0');
    expect(failed('cidrhost', '10.0.0.0/30', 4)).toBe(
      'Call to function "cidrhost" failed: prefix of 30 does not accommodate a host numbered 4.',
    );
    expect(failed('cidrhost', '10.0.0.0/30', -6)).toBe(
      'Call to function "cidrhost" failed: prefix of 30 does not accommodate a host numbered -2.',
    );
    expect(failed('cidrsubnet', '::/64', 33, 1)).toBe(
      'Call to function "cidrsubnet" failed: may not extend prefix by more than 32 bits.',
    );
    expect(failed('cidrhost', '10.0.0.0/33', 1)).toBe(
      'Invalid value for "prefix" parameter: invalid CIDR expression: invalid CIDR address: 10.0.0.0/33.',
    );
  });

  it('cidrnetmask', () => {
    expect(call('cidrnetmask', '172.16.0.0/12')).toBe('255.240.0.0');
    expect(call('cidrnetmask', '10.0.0.0/32')).toBe('255.255.255.255');
    expect(call('cidrnetmask', '::/64')).toBe('ffff:ffff:ffff:ffff::');
  });

  it('cidrsubnet and cidrsubnets', () => {
    expect(call('cidrsubnet', '172.16.0.0/12', 4, 2)).toBe('172.18.0.0/16');
    expect(call('cidrsubnet', '10.1.2.0/24', 4, 15)).toBe('10.1.2.240/28');
    expect(call('cidrsubnet', 'fd00:fd12:3456:7890::/56', 16, 162)).toBe(
      'fd00:fd12:3456:7800:a200::/72',
    );
    expect(failed('cidrsubnet', '10.0.0.0/30', 4, 0)).toBe(
      'Call to function "cidrsubnet" failed: insufficient address space to extend prefix of 30 by 4.',
    );
    expect(failed('cidrsubnet', '10.0.0.0/8', 2, 4)).toBe(
      'Call to function "cidrsubnet" failed: prefix extension of 2 does not accommodate a subnet numbered 4.',
    );
    expect(call('cidrsubnets', '10.1.0.0/16', 4, 4, 8, 4)).toEqual([
      '10.1.0.0/20',
      '10.1.16.0/20',
      '10.1.32.0/24',
      '10.1.48.0/20',
    ]);
    expect(call('cidrsubnets', 'fd00:fd12:3456:7890::/56', 16, 16, 16, 32)).toEqual([
      'fd00:fd12:3456:7800::/72',
      'fd00:fd12:3456:7800:100::/72',
      'fd00:fd12:3456:7800:200::/72',
      'fd00:fd12:3456:7800:300::/88',
    ]);
    expect(call('cidrsubnets', '10.0.0.0/8')).toEqual([]);
    expect(failed('cidrsubnets', '10.0.0.0/30', 1, 1, 1)).toBe(
      'Invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31.',
    );
  });
});
