import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Paths of the PKI the test control plane runs with; all PEM files in one directory. */
export interface ControlPlanePki {
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
  adminCert: string;
  adminKey: string;
  controllerManagerCert: string;
  controllerManagerKey: string;
}

const validDays = '3650';
// EC keys: generated in milliseconds, accepted by every component.
const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (error) {
    throw new Error(`openssl ${args[0] ?? ''} failed; is openssl installed?`, { cause: error });
  }
}

async function signedCertificate(
  dir: string,
  name: string,
  subject: string,
  extensions: string[],
): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  await openssl([
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    validDays,
    '-subj',
    subject,
    '-CA',
    join(dir, 'ca.crt'),
    '-CAkey',
    join(dir, 'ca.key'),
    ...extensions.flatMap((extension) => ['-addext', extension]),
  ]);
  return { cert, key };
}

/**
 * Generates a CA, a loopback serving certificate, the service-account signing key pair and client
 * certificates for an admin and the controller manager. Both clients are in `system:masters`:
 * this is a throwaway test cluster, and RBAC still applies to every other identity.
 */
export async function generatePki(dir: string): Promise<ControlPlanePki> {
  await openssl([
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    join(dir, 'ca.key'),
    '-out',
    join(dir, 'ca.crt'),
    '-days',
    validDays,
    '-subj',
    '/CN=ferry-test-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const serving = await signedCertificate(dir, 'serving', '/CN=kube-apiserver', [
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc',
    'extendedKeyUsage=serverAuth',
  ]);
  const admin = await signedCertificate(dir, 'admin', '/O=system:masters/CN=ferry-admin', [
    'extendedKeyUsage=clientAuth',
  ]);
  const controllerManager = await signedCertificate(
    dir,
    'controller-manager',
    '/O=system:masters/CN=system:kube-controller-manager',
    ['extendedKeyUsage=clientAuth'],
  );
  const serviceAccountKey = join(dir, 'service-account.key');
  const serviceAccountPublicKey = join(dir, 'service-account.pub');
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', serviceAccountKey]);
  await openssl(['ec', '-in', serviceAccountKey, '-pubout', '-out', serviceAccountPublicKey]);
  return {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    servingCert: serving.cert,
    servingKey: serving.key,
    serviceAccountKey,
    serviceAccountPublicKey,
    adminCert: admin.cert,
    adminKey: admin.key,
    controllerManagerCert: controllerManager.cert,
    controllerManagerKey: controllerManager.key,
  };
}
