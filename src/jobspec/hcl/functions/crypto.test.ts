import { describe, it, expect } from 'vitest';
import { b64decode, bcryptHash } from './bcrypt.js';
import { call, callError } from './test-call.js';

describe('crypto functions', () => {
  it('hashes', () => {
    expect(call('md5', 'hello world')).toBe('5eb63bbbe01eeed093cb22bb8f5acdc3');
    expect(call('sha1', 'hello world')).toBe('2aae6c35c94fcfb415dbe95f408b9ce91ee846ed');
    expect(call('sha256', 'hello world')).toBe(
      'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
    );
    expect(call('sha512', 'hello world')).toBe(
      '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
    );
  });

  it('uuids', () => {
    expect(call('uuidv4')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(call('uuidv5', 'dns', 'www.terraform.io')).toBe('a5008fae-b28c-5ba5-96cd-82b4c53552d6');
    expect(call('uuidv5', 'url', 'https://www.terraform.io/')).toBe(
      '9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5',
    );
    expect(call('uuidv5', 'oid', '1.3.6.1.4')).toBe('af9d40a5-7a36-5c07-b23a-851cd99fbfa5');
    expect(call('uuidv5', 'x500', 'CN=Example,C=GB')).toBe('84e09961-4aa4-57f8-95b7-03edb1073253');
    expect(call('uuidv5', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.terraform.io')).toBe(
      'a5008fae-b28c-5ba5-96cd-82b4c53552d6',
    );
    expect(callError('uuidv5', 'nope', 'x')).toBe(
      `Error in function call; Call to function "uuidv5" failed: uuidv5() doesn't support namespace nope (invalid UUID length: 4).`,
    );
  });

  it('bcrypt', () => {
    const salt = b64decode('CCCCCCCCCCCCCCCCCCCCC.');
    expect(bcryptHash('U*U', 5, salt)).toBe(
      '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
    );
    expect(call('bcrypt', 'hello', 4)).toMatch(/^\$2a\$04\$[./A-Za-z0-9]{53}$/);
    expect(callError('bcrypt', 'hello', 3)).toBe(
      'Error in function call; Call to function "bcrypt" failed: error occured generating password crypto/bcrypt: cost 3 is outside allowed range (4,31).',
    );
  });
});

describe('rsadecrypt', () => {
  it('decrypts PKCS #1 v1.5 ciphertext', async () => {
    const c = await import('node:crypto');
    const { rsaDecrypt } = await import('./rsa.js');
    const { privateKey, publicKey } = c.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const enc = c
      .publicEncrypt(
        { key: publicKey, padding: c.constants.RSA_PKCS1_PADDING },
        Buffer.from('héllo'),
      )
      .toString('base64');
    expect(rsaDecrypt(enc, pem)).toBe('héllo');
    expect(call('rsadecrypt', enc, pem)).toBe('héllo');
    expect(callError('rsadecrypt', 'AAAA', pem)).toBe(
      'Error in function call; Call to function "rsadecrypt" failed: crypto/rsa: decryption error.',
    );
    expect(callError('rsadecrypt', enc, 'nope')).toBe(
      'Error in function call; Call to function "rsadecrypt" failed: failed to parse key: no key found.',
    );
  });
});
