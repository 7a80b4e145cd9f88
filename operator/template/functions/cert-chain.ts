// ESO orders certificate chains leaf → intermediates → root by matching each certificate's
// authority key identifier with another's subject key identifier (its pem_chain.go). It is layout
// only: no signature, expiry or trust is checked, here as there. The identifiers are read with
// node-forge's ASN.1 parser.
import forge from 'node-forge';
import { FunctionError } from './types.ts';

export interface ChainCertificate {
  der: Uint8Array;
  subjectKeyId: string;
  authorityKeyId: string;
}

const subjectKeyIdOid = '2.5.29.14';
const authorityKeyIdOid = '2.5.29.35';

/** Reads the key identifiers of a DER certificate (empty when absent, as Go's nil slices compare equal). */
export function readCertificate(der: Uint8Array): ChainCertificate {
  let certificate: forge.asn1.Asn1;
  try {
    certificate = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')), true);
  } catch {
    throw new FunctionError('x509: malformed certificate');
  }
  const tbs = childrenOf(certificate)[0];
  const fields = tbs === undefined ? [] : childrenOf(tbs);
  if (fields.length < 6) throw new FunctionError('x509: malformed certificate');
  let subjectKeyId = '';
  let authorityKeyId = '';
  const extensionsField = fields.find((field) => isContextTag(field, 3));
  const extensions = extensionsField === undefined ? [] : childrenOf(childrenOf(extensionsField)[0]);
  for (const extension of extensions) {
    const [oid, ...rest] = childrenOf(extension);
    const value = rest.at(-1);
    if (oid === undefined || value === undefined || typeof oid.value !== 'string') continue;
    const id = forge.asn1.derToOid(oid.value);
    const inner = typeof value.value === 'string' ? forge.asn1.fromDer(value.value) : undefined;
    if (inner === undefined) continue;
    if (id === subjectKeyIdOid && typeof inner.value === 'string') subjectKeyId = inner.value;
    if (id === authorityKeyIdOid) {
      const keyIdentifier = childrenOf(inner).find((part) => isContextTag(part, 0));
      if (keyIdentifier !== undefined && typeof keyIdentifier.value === 'string')
        authorityKeyId = keyIdentifier.value;
    }
  }
  return { der, subjectKeyId, authorityKeyId };
}

/** `[number]` in ASN.1 notation: a context-specific tag. */
function isContextTag(node: forge.asn1.Asn1, tagNumber: number): boolean {
  const type: number = node.type;
  return node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && type === tagNumber;
}

function childrenOf(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return node !== undefined && Array.isArray(node.value) ? node.value : [];
}

/** ESO's fetchX509CertChains: the single chain through the certificates, leaf first. */
export function orderChain(certificates: ChainCertificate[]): ChainCertificate[] {
  const parents = new Map<ChainCertificate, ChainCertificate>();
  const isParent = new Set<ChainCertificate>();
  for (const child of certificates) {
    const parent = certificates.find(
      (candidate) => candidate !== child && candidate.subjectKeyId === child.authorityKeyId,
    );
    if (parent !== undefined) {
      parents.set(child, parent);
      isParent.add(parent);
    }
  }
  const leaves = certificates.filter((certificate) => !isParent.has(certificate));
  if (leaves.length > 1) throw new FunctionError('found multiple leaf or disjunct certificates');
  let current = leaves[0];
  if (current === undefined) throw new FunctionError('no leaf certificate found');
  const chain: ChainCertificate[] = [];
  while (current !== undefined) {
    if (chain.length >= certificates.length) throw new FunctionError('constructing chain resulted in cycle');
    chain.push(current);
    current = parents.get(current);
  }
  return chain;
}

/** ESO's isRootCertificate: no authority key identifier, or the certificate's own. */
export function isRoot(certificate: ChainCertificate): boolean {
  return certificate.authorityKeyId === '' || certificate.authorityKeyId === certificate.subjectKeyId;
}
