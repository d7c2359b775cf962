/**
 * rsadecrypt(ciphertext, privatekey): RSA PKCS #1 v1.5 decryption, as go-cty-funcs does it.
 * Node refuses PKCS #1 v1.5 private decryption (CVE-2023-46809), so the arithmetic is done
 * here with bigints on the key's parameters.
 */
import { createPrivateKey } from 'node:crypto';
import { FunctionError, type HclFunction } from '../function.js';
import { param, T } from './helpers.js';

function fromB64url(s: string): bigint {
  return BigInt('0x' + (Buffer.from(s, 'base64url').toString('hex') || '0'));
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

/** Decrypts base64 ciphertext with a PEM PKCS #1 RSA private key. */
export function rsaDecrypt(ciphertext: string, pem: string): string {
  const t = ciphertext.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t)) {
    throw new FunctionError(
      `failed to decode input ${JSON.stringify(ciphertext)}: cipher text must be base64-encoded`,
    );
  }
  const block = /-----BEGIN ([A-Z ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(pem);
  if (!block) throw new FunctionError('failed to parse key: no key found');
  if (/Proc-Type:\s*4,ENCRYPTED/.test(block[2] as string)) {
    throw new FunctionError(
      'failed to parse key: password protected keys are not supported. Please decrypt the key prior to use',
    );
  }
  if (block[1] !== 'RSA PRIVATE KEY') {
    throw new FunctionError(
      'x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)',
    );
  }
  let jwk: { n?: string; d?: string };
  try {
    jwk = createPrivateKey({ key: block[0], format: 'pem' }).export({ format: 'jwk' });
  } catch {
    throw new FunctionError('x509: failed to parse private key');
  }
  const n = fromB64url(jwk.n as string);
  const d = fromB64url(jwk.d as string);
  const k = Math.ceil(n.toString(16).length / 2);
  const c = Buffer.from(t, 'base64');
  const fail = (): never => {
    throw new FunctionError('crypto/rsa: decryption error');
  };
  if (c.length !== k) fail();
  const cNum = BigInt('0x' + c.toString('hex'));
  if (cNum >= n) fail();
  const m = Buffer.from(
    modPow(cNum, d, n)
      .toString(16)
      .padStart(k * 2, '0'),
    'hex',
  );
  // EM = 0x00 || 0x02 || PS (at least 8 non-zero bytes) || 0x00 || M
  const sep = m.indexOf(0, 2);
  if (m[0] !== 0 || m[1] !== 2 || sep < 10) fail();
  return m.subarray(sep + 1).toString('utf8');
}

export const rsaFunctions: Record<string, HclFunction> = {
  rsadecrypt: {
    params: [param('ciphertext', T.string), param('privatekey', T.string)],
    impl: ([c, key]) => rsaDecrypt(c as string, key as string),
  },
};
