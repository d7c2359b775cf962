import { describe, expect, it } from 'vitest';
import { FlagSet } from '../lib/index.js';
import { generalFlagDefs, resolveApiConfig } from './general-options.js';

function flags(args: string[]) {
  const r = new FlagSet('t', generalFlagDefs).parse(args);
  if (r.kind !== 'ok') throw new Error('parse failed');
  return r.values;
}

describe('resolveApiConfig', () => {
  it('defaults to the local agent', () => {
    expect(resolveApiConfig(flags([]), {})).toEqual({
      address: 'http://127.0.0.1:4646',
      region: '',
      namespace: '',
      token: '',
      tls: {
        caCert: '',
        caPath: '',
        clientCert: '',
        clientKey: '',
        serverName: '',
        insecure: false,
      },
    });
  });

  it('reads NOMAD_* variables, which flags override', () => {
    const env = {
      NOMAD_ADDR: 'https://env:4646',
      NOMAD_REGION: 'eu',
      NOMAD_NAMESPACE: 'prod',
      NOMAD_TOKEN: 'secret',
      NOMAD_CACERT: '/ca.pem',
      NOMAD_SKIP_VERIFY: 'true',
    };
    const fromEnv = resolveApiConfig(flags([]), env);
    expect(fromEnv).toMatchObject({
      address: 'https://env:4646',
      region: 'eu',
      namespace: 'prod',
      token: 'secret',
      tls: { caCert: '/ca.pem', insecure: true },
    });
    const fromFlags = resolveApiConfig(
      flags(['-address=http://flag:1', '-region', 'us', '-token=t2', '-namespace=*']),
      env,
    );
    expect(fromFlags).toMatchObject({
      address: 'http://flag:1',
      region: 'us',
      namespace: '*',
      token: 't2',
    });
  });

  it('treats -insecure and -tls-skip-verify alike', () => {
    expect(resolveApiConfig(flags(['-insecure']), {}).tls.insecure).toBe(true);
    expect(resolveApiConfig(flags(['-tls-skip-verify']), {}).tls.insecure).toBe(true);
  });
});
