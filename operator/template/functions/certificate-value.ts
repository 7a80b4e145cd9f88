// Sprig's `certificate` struct, which genCA, genSelfSignedCert, genSignedCert, buildCustomCert and
// their WithKey forms return: two exported string fields, the PEM certificate and the PEM private key.
// Go prints it `{CERT KEY}`, `%T` names it sprig.certificate, and genSignedCert takes one as its CA.
import { GoObject, type GoValue } from '../values.ts';
import { FunctionError } from './types.ts';

export const certificateType = 'sprig.certificate';

export class SprigCertificate extends GoObject {
  readonly goType = certificateType;
  readonly cert: string;
  readonly key: string;

  constructor(cert: string, key: string) {
    super();
    this.cert = cert;
    this.key = key;
  }

  override fields(): ReadonlyMap<string, GoValue> {
    return new Map([
      ['Cert', this.cert],
      ['Key', this.key],
    ]);
  }
}

/** The certificate a `sprig.certificate` parameter received (the signature has checked its Go type). */
export function asCertificate(value: GoObject): SprigCertificate {
  if (value instanceof SprigCertificate) return value;
  throw new FunctionError(`${value.goType} is not a certificate made by Sprig's functions`);
}
