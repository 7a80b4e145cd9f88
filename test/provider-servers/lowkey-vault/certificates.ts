import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LowkeyVaultTls {
  /** The CA that signed the serving certificate: what clients must trust. */
  caCert: string;
  /** PKCS#12 keystore with the serving key and certificate, as Spring Boot takes it. */
  keyStore: string;
  keyStorePassword: string;
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (error) {
    throw new Error(`openssl ${args[0] ?? ''} failed; is openssl installed?`, { cause: error });
  }
}

/**
 * A throwaway CA and a loopback serving certificate. RSA, not EC as the control plane's: Lowkey
 * Vault's TLS 1.2 cipher list (TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) needs an RSA key.
 */
export async function generateLowkeyVaultTls(dir: string): Promise<LowkeyVaultTls> {
  const file = (name: string) => join(dir, name);
  const rsaKey = ['-newkey', 'rsa:2048', '-nodes'];
  await openssl([
    'req',
    '-x509',
    ...rsaKey,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
    '-days',
    '3650',
    '-subj',
    '/CN=ferry-lowkey-vault-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await openssl([
    'req',
    '-x509',
    ...rsaKey,
    '-keyout',
    file('serving.key'),
    '-out',
    file('serving.crt'),
    '-days',
    '3650',
    '-subj',
    '/CN=lowkey-vault',
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext',
    'extendedKeyUsage=serverAuth',
  ]);
  const keyStorePassword = randomBytes(18).toString('base64url');
  await openssl([
    'pkcs12',
    '-export',
    '-in',
    file('serving.crt'),
    '-inkey',
    file('serving.key'),
    '-out',
    file('serving.p12'),
    '-name',
    'lowkey-vault',
    '-passout',
    `pass:${keyStorePassword}`,
  ]);
  return { caCert: file('ca.crt'), keyStore: file('serving.p12'), keyStorePassword };
}
