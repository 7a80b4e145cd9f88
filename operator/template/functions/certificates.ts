// Sprig's key and certificate generators (genPrivateKey, genCA, genSelfSignedCert, genSignedCert,
// their WithKey forms, buildCustomCert) and derivePassword. Every generator makes a new key or
// certificate on each call, so a template that uses one renders differently every time, as one
// with the random functions does. Validity starts at the environment's clock and serial numbers
// come from its random source; the keys come from node:crypto's generator (a 2048-bit RSA key
// takes ~50–100 ms, genPrivateKey's 4096-bit one ~1 s, on the event loop).
import { goTypeName } from '../fmt.ts';
import { goStringFromBytes, goStringToBytes } from '../go-string.ts';
import type { GoValue } from '../values.ts';
import {
  createCertificate,
  readParentCertificate,
  type CertificateTemplate,
  type ParentCertificate,
} from './certificate-builder.ts';
import { asCertificate, SprigCertificate } from './certificate-value.ts';
import { derivePassword } from './derive-password.ts';
import { decodeBase64 } from './encoding.ts';
import { parseIpForCertificate } from './ip-address.ts';
import { decodePem, encodePem } from './pem.ts';
import {
  generatePrivateKeyPem,
  generateRsaKey,
  parsePrivateKeyPem,
  privateKeyPem,
  type PrivateKey,
} from './private-keys.ts';
import { fixed, type FunctionDefinition } from './signature.ts';
import { FunctionError, type FunctionEnvironment } from './types.ts';

/** Sprig's certificate key size (genPrivateKey's RSA keys are 4096 bits). */
const certificateKeyBits = 2048;
const nanosecondsPerDay = 86_400_000_000_000n;

export function certificateFunctions(environment: FunctionEnvironment): Record<string, FunctionDefinition> {
  /** The rest of Sprig's getBaseCertTemplate: serial number and validity. */
  const template = (
    commonName: string,
    names: SubjectNames,
    days: bigint,
    isCA: boolean,
  ): CertificateTemplate => ({
    commonName,
    ...names,
    ...validity(environment.now(), days),
    serialNumber: environment.randomBytes(16),
    isCA,
  });
  // Go generates a new RSA key before it checks the other arguments; generation cannot fail, so
  // generating it after them gives the same results without spending a key on a bad call.
  const newKey = () => generateRsaKey(certificateKeyBits);
  const pemKey = (text: string) => withPrefix('parsing private key: ', () => parsePrivateKeyPem(text));

  return {
    genPrivateKey: fixed(['string'], generatePrivateKeyPem),
    derivePassword: fixed(
      ['int', 'string', 'string', 'string', 'string'],
      (counter, type, password, user, site) =>
        // Go's parameter is a uint32, which takes a template's integer constant modulo 2^32.
        derivePassword(Number(BigInt.asUintN(32, counter)), type, password, user, site),
    ),
    genCA: fixed(['string', 'int'], (commonName, days) =>
      issue(template(commonName, noNames, days, true), newKey()),
    ),
    genCAWithKey: fixed(['string', 'int', 'string'], (commonName, days, pem) => {
      const key = pemKey(pem);
      return issue(template(commonName, noNames, days, true), key);
    }),
    genSelfSignedCert: fixed(
      ['string', '[]interface {}', '[]interface {}', 'int'],
      (commonName, ips, dns, days) => {
        const names = subjectNames(ips, dns);
        return issue(template(commonName, names, days, false), newKey());
      },
    ),
    genSelfSignedCertWithKey: fixed(
      ['string', '[]interface {}', '[]interface {}', 'int', 'string'],
      (commonName, ips, dns, days, pem) => {
        const key = pemKey(pem);
        const names = subjectNames(ips, dns);
        return issue(template(commonName, names, days, false), key);
      },
    ),
    genSignedCert: fixed(
      ['string', '[]interface {}', '[]interface {}', 'int', 'sprig.certificate'],
      (commonName, ips, dns, days, ca) => {
        const signer = readSigner(asCertificate(ca));
        const names = subjectNames(ips, dns);
        return issue(template(commonName, names, days, false), newKey(), signer);
      },
    ),
    genSignedCertWithKey: fixed(
      ['string', '[]interface {}', '[]interface {}', 'int', 'sprig.certificate', 'string'],
      (commonName, ips, dns, days, ca, pem) => {
        const key = pemKey(pem);
        const signer = readSigner(asCertificate(ca));
        const names = subjectNames(ips, dns);
        return issue(template(commonName, names, days, false), key, signer);
      },
    ),
    buildCustomCert: fixed(['string', 'string'], buildCustomCertificate),
  };
}

interface SubjectNames {
  readonly ipAddresses: readonly Uint8Array[];
  readonly dnsNames: readonly string[];
}

const noNames: SubjectNames = { ipAddresses: [], dnsNames: [] };

/** Sprig's getNetIPs and getAlternateDNSStrs. Go quotes the offending value; Ferry names only its
 * type, or says that it is not an address. */
function subjectNames(ips: GoValue[] | null, dnsNames: GoValue[] | null): SubjectNames {
  const ipAddresses = (ips ?? []).map((ip) => {
    if (typeof ip !== 'string')
      throw new FunctionError(`error parsing ip: value of type ${goTypeName(ip)} is not a string`);
    const address = parseIpForCertificate(ip);
    if (address === undefined) throw new FunctionError('error parsing ip: not an IP address');
    return address;
  });
  const names = (dnsNames ?? []).map((name) => {
    if (typeof name !== 'string')
      throw new FunctionError(
        `error processing alternate dns name: value of type ${goTypeName(name)} is not a string`,
      );
    return name;
  });
  return { ipAddresses, dnsNames: names };
}

/** Sprig's getCertAndKey: the certificate, signed by `signer` or by its own key, and the key. */
function issue(
  template: CertificateTemplate,
  key: PrivateKey,
  signer?: { parent: ParentCertificate; key: PrivateKey },
): SprigCertificate {
  const der = withPrefix('error creating certificate: ', () =>
    createCertificate(template, key, signer?.key ?? key, signer?.parent),
  );
  return new SprigCertificate(encodePem('CERTIFICATE', der), privateKeyPem(key));
}

/** NotBefore is now, NotAfter now plus the days as a Go time.Duration, which wraps past ±292 years
 * as Go's int64 nanoseconds do; both in whole seconds, as the certificate holds them. */
function validity(now: Date, days: bigint): { notBefore: Date; notAfter: Date } {
  const nowNanoseconds = BigInt(now.getTime()) * 1_000_000n;
  const offset = BigInt.asIntN(64, days * nanosecondsPerDay);
  return { notBefore: wholeSeconds(nowNanoseconds), notAfter: wholeSeconds(nowNanoseconds + offset) };
}

function wholeSeconds(nanoseconds: bigint): Date {
  const second = 1_000_000_000n;
  let seconds = nanoseconds / second;
  if (nanoseconds < 0n && seconds * second !== nanoseconds) seconds -= 1n;
  return new Date(Number(seconds) * 1000);
}

/** The CA's certificate and key, read as genSignedCert does. */
function readSigner(ca: SprigCertificate): { parent: ParentCertificate; key: PrivateKey } {
  const { block } = decodePem(ca.cert);
  if (block === undefined) throw new FunctionError('unable to decode certificate');
  const parent = withPrefix('error parsing certificate: decodedSignerCert.Bytes: ', () =>
    readParentCertificate(block.bytes),
  );
  const key = withPrefix('error parsing private key: ', () => parsePrivateKeyPem(ca.key));
  return { parent, key };
}

/** Sprig's buildCustomCert: base64 PEM certificate and key, checked and returned as text. */
function buildCustomCertificate(base64Certificate: string, base64Key: string): SprigCertificate {
  const certificate = decodeBase64(goStringToBytes(base64Certificate));
  if (typeof certificate === 'number') throw new FunctionError('unable to decode base64 certificate');
  const key = decodeBase64(goStringToBytes(base64Key));
  if (typeof key === 'number') throw new FunctionError('unable to decode base64 private key');
  const certificateText = goStringFromBytes(certificate);
  const keyText = goStringFromBytes(key);
  const { block } = decodePem(certificateText);
  if (block === undefined) throw new FunctionError('unable to decode certificate');
  withPrefix('error parsing certificate: decodedCert.Bytes: ', () => readParentCertificate(block.bytes));
  withPrefix('error parsing private key: ', () => parsePrivateKeyPem(keyText));
  return new SprigCertificate(certificateText, keyText);
}

function withPrefix<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof FunctionError) throw new FunctionError(prefix + error.message);
    throw error;
  }
}
