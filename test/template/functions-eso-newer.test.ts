// ESO's newer helpers (certSANs, rsaDecrypt) used in templates. Go's oracle cannot call ESO's own
// functions (ESO's runtime module, which holds them, is not published on the Go module proxy), so
// each case pairs a Ferry template that calls the helper with a Go template that reaches the same Go
// value another way — the SANs Go's x509 read, as a []string from splitList; the bytes Go decrypted —
// and the two renderings are compared byte for byte: printing, ranging, len, index, join, toJson.
// (Not typeOf: Ferry's value model has no []string, so `typeOf` says "[]interface {}" where Go says
// "[]string", for certSANs as for splitList.)
// The helpers' own results are checked against Go in operator/template/functions/*.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { renderTemplate, stringMap } from '../../operator/template/index.ts';
import { expectSameAsGo, ferryOutcome, runOracle, type OracleResult } from '../template-oracle/index.ts';
import { functions } from './functions-cases.ts';

// From operator/template/functions/eso-go-fixtures.ts (made by Go; see its header), repeated here
// because tests enter operator/template only through its index.
const goMaterial = {
  sansCertificate:
    '-----BEGIN CERTIFICATE-----\nMIIDuDCCAqCgAwIBAgIBBzANBgkqhkiG9w0BAQsFADAaMRgwFgYDVQQDEw9GZXJy\neSBUZXN0IFJvb3QwHhcNMjUwMTAxMDAwMDAwWhcNNDUwMTAxMDAwMDAwWjAPMQ0w\nCwYDVQQDEwRsZWFmMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1b2P\nD3nMc7vHiiS5rJyDuEb/+oh9FvRuRqmbBru8XWgaaKlTdX1G8auwx0Z+WCOkAjTT\nBSko7f5bdhWw1OY+xRO/AaXMLlMzd2BEOeClpbrai06QOIq03W4dQtskqlAktWRL\niSTJO1Gva875Xy+e94CE0YTKosA8Agc0V2ejOTMlvlzO8kYa9FpXRc4bPaBslWSL\nS+5VTL2yEyUppdoLOmVOGeGLLbVRo6BpAafMAIxfgHbVTh30VDKUSzAK843Tn6y8\nTVxplYHdPX5ItDnfnov0P/ryrnNBp5CukkgeGj+H9PaCxQYR+2a39pse8kwKkoc7\nqEwlXzZM8wM22As29QIDAQABo4IBEjCCAQ4wHwYDVR0jBBgwFoAUJXPKHbNU6NeT\nOMboeWLfYQuE09IwgeoGA1UdEQSB4jCB34INYi5leGFtcGxlLmNvbYIPKi5hLmV4\nYW1wbGUuY29tgQ9vcHNAZXhhbXBsZS5jb22HBAoAAAGHECABDbgAAAAAAAEAAAAA\nAAGHEAAAAAAAAAAAAAAAAAAAAAGHEP6AAAAAAAAAAAAAAAAAAACHECABDbgAAAAA\nAAD/AABCgymGKHNwaWZmZTovL2NsdXN0ZXIubG9jYWwvbnMvZGVmYXVsdC9zYS9h\ncHCGNGh0dHBzOi8vdXNlckBleGFtcGxlLmNvbTo4NDQzL2ElMjBiL2M/eD0xJnk9\nJTJGI2ZyYWcwDQYJKoZIhvcNAQELBQADggEBAKgWRcDtj+GuT1jbqt/qYY4LD56h\noTCrQb6Te/DqV53gB6rT8vZJg7Tn35NRH0QwEus4Tergh3yuBcT5Bd3AbT4AhcOt\n8z/oSKaOy74Si1MSHyn9i1/1HF7rc1n/qf6c6Vh7VFQ+PwfM6qJmbmfDi4ARErkw\n4ohxGym+2Q+7wzA4xNVRLmFzTNq+jkNO6zsFudLL8w+2kaIhgPEsFNpiJMB70BWu\niNrUyxHj3YFm2qruCvcSKjTrHsjzHtVGM3ZEmlenfrQNz2aJOljQ8wQ65/fSV9DY\n4Nf3L8WFww1iD3hU8VAG1AvCqd9Qx0V8gwQIsL8BsCps/T+gJgap1f1kFig=\n-----END CERTIFICATE-----\n',
  plainCertificate:
    '-----BEGIN CERTIFICATE-----\nMIIC8TCCAdmgAwIBAgIBajANBgkqhkiG9w0BAQsFADAaMRgwFgYDVQQDEw9GZXJy\neSBUZXN0IFJvb3QwHhcNMjUwMTAxMDAwMDAwWhcNNDUwMTAxMDAwMDAwWjAaMRgw\nFgYDVQQDEw9GZXJyeSBUZXN0IFJvb3QwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAw\nggEKAoIBAQDVvY8Pecxzu8eKJLmsnIO4Rv/6iH0W9G5GqZsGu7xdaBpoqVN1fUbx\nq7DHRn5YI6QCNNMFKSjt/lt2FbDU5j7FE78BpcwuUzN3YEQ54KWlutqLTpA4irTd\nbh1C2ySqUCS1ZEuJJMk7Ua9rzvlfL573gITRhMqiwDwCBzRXZ6M5MyW+XM7yRhr0\nWldFzhs9oGyVZItL7lVMvbITJSml2gs6ZU4Z4YsttVGjoGkBp8wAjF+AdtVOHfRU\nMpRLMArzjdOfrLxNXGmVgd09fki0Od+ei/Q/+vKuc0GnkK6SSB4aP4f09oLFBhH7\nZrf2mx7yTAqShzuoTCVfNkzzAzbYCzb1AgMBAAGjQjBAMA4GA1UdDwEB/wQEAwIC\nBDAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBQlc8ods1To15M4xuh5Yt9hC4TT\n0jANBgkqhkiG9w0BAQsFAAOCAQEAyOIexcm4wH1yRZYg9fpZU26cEvp5F4twCDWE\nSS4QjbHRilyA6KNbUo3gPZnkgjyFY8p+m65hwr500QpH71YhTcdNDIQMa9nEdUgU\nXJaTtQNRRmxY9KBHAfqGm+drLV9W/hGUug8M/ooAVblJ/2P4D27fPtEUlOAXwWWR\n8Nhjxmx+hlcWk2ZtAc2kO4PFYemphPr2XN+dPSOBbjKcj5f7l7NC+KRDvZGZ/k0a\neSelCClENVimIMGX76/gT+03BlPVmBs0yjS+6QiW6dBJRiFRd4R9QNXVFs1sqEWL\nx/A4SDALUnqqmHWhP59SniMYcp02bIGWqPj+Sw1v+IYRLSn7xw==\n-----END CERTIFICATE-----\n',
  sans: [
    'b.example.com',
    '*.a.example.com',
    '10.0.0.1',
    '2001:db8::1:0:0:1',
    '::1',
    'fe80::',
    '2001:db8::ff00:42:8329',
    'ops@example.com',
    'spiffe://cluster.local/ns/default/sa/app',
    'https://user@example.com:8443/a%20b/c?x=1&y=%2F#frag',
  ],
  rsaKeyPkcs1:
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEoQIBAAKCAQEA1b2PD3nMc7vHiiS5rJyDuEb/+oh9FvRuRqmbBru8XWgaaKlT\ndX1G8auwx0Z+WCOkAjTTBSko7f5bdhWw1OY+xRO/AaXMLlMzd2BEOeClpbrai06Q\nOIq03W4dQtskqlAktWRLiSTJO1Gva875Xy+e94CE0YTKosA8Agc0V2ejOTMlvlzO\n8kYa9FpXRc4bPaBslWSLS+5VTL2yEyUppdoLOmVOGeGLLbVRo6BpAafMAIxfgHbV\nTh30VDKUSzAK843Tn6y8TVxplYHdPX5ItDnfnov0P/ryrnNBp5CukkgeGj+H9PaC\nxQYR+2a39pse8kwKkoc7qEwlXzZM8wM22As29QIDAQABAoH/Pdxvf3BbyAV/Q+1R\nQPdk+H+UGaFDgSXAcZVjhIN4GN4UW3fQFR8y/hhriLJ/IDj0937hTMy0rKQPOcqu\nFepSHMPV0c3vGtKOoZ8LbW1zoaGQsOSyzSeTkILdEvOPnSyDCCx2D3bdkWtUYBsE\nQVLIi9OseYZIwFri34+tTwP9M8X0Y8U0oLkvMcas+pv0Yu7fE81Xf0ny6rCkHUm9\nu7Srzmly4WwdilTh0RqS3EIoPoXMrlMeg1x/8T8GKWlvFpa2Q13z7ZuLqY4FUp6w\nI2znM7J/2X7hHvfvzw2ekpVLMFBNBtwWx+1UT3SS++rR/6CcliHZcHqZ+ziyGK0Y\nCXSJAoGBAPrvMZHCAf+Stx/EBLPhACW179wJlliXwpsaJr3ACRrnd1WrYu1KRgAI\nbNGD1zpgWtYBCgenvHrV3o7KNx5xG71gOfTkANtMABr7REE/ORX7MW6pPdbF8+7R\np9Yfu3ZxhH67Hc/daoJsZi6Z3j6omPzFsheiqTy4TWUDHfsEOTYHAoGBANoOJofT\nTcFZqKW2PHSihKD9wF+4sSmi3R6jlX/U7Mon0Lmheyz2deTwvolQCDES/z8cpUH/\nMkN+FL13HBGC2XdsLCB3QCBRRpcNEfoR8H5ZxCvgCVW4VHUcksF5Zwe+fxbqJTH6\nCHUvudMNlLvHG6cDy0c/9lVN2WOf8lD8q4wjAoGAEb1BGtXFQGUFzxgTYQgB86iF\n+V8wIrkvx7k0jet6eU1tsT+5cZ7zjeMKllEksPrI0SInrFzeRSzDXALNnLhQRrX7\nwuUvblFUHJQwwhAPIA+u8ezC82DxGqv1mnyJyxjBThg6RkyXz/qLyrWT8YgHsK7l\nJSiZoDJDPmXXA7zLspcCgYEAngTlLUcWsQiNa9FdjFR98sERGQ0Z7gdlYJ/BZkri\ncjlaTDvWrKXKl+dS3OVPmmie6piStfn+7eQ/mXHouFPvzlhovfpNUV403qANKAC6\nHIZm4DjR6vnS0q+rNmQJIxaMuQljfQ0p9eppKqZL46yNwIHCXVbf57+ry0OM8d25\nX6sCgYBay+0YVHIA6qMYxwbcdR1ZBufrYgNX5lVbyUgfB4yW15UC9V6alHz4krZ2\ngVdlHjgAs4p6p/qvT64aCGgMv9v35pOrIyq13VLaVTSqTrAAPe+0gJfQXjmFWPNA\nTjx3elsr2xp+i4epjtEiqvx9ccB6+/gOtMxZeD3iikuZdc0Bng==\n-----END RSA PRIVATE KEY-----\n',
  ciphertextSha512:
    'NRIg6iQY3Q1CaDkaDRffJmQ0EdozRyFeJYBrIt77YXMUvvHpJvSbiDxbcWDCTJW59CdW1P1JpgY/7pS8DnEQOzwmzmcvut+9veLYJbhY3OMA8b9OyOIi7LLAUWKofOk6gFpnyGS/xNMscDG1Vdc3qQAmkXURbIyPDQ1sd1NJBvCHUUDxbYe0T1Smsx/44Ha/GhwRnRLc34jqo6nuGwlOa5MGBlnu3DqvQEhnmICv2aI8DqoLMaUtOkmBTuWq4B020UyD/BVJAnYXrvP2Y95hjwMb8p4YA41pmyEyDGZnhTgSDoNp/LZobQgiFzThvs3HNzJyBqMIlDw/CLnqjSR+mg==',
  plaintextBase64: 'czNjcmV0IAD/IHZhbHVl',
};

const data: Record<string, string> = {
  crt: goMaterial.sansCertificate,
  plainCrt: goMaterial.plainCertificate,
  key: goMaterial.rsaKeyPkcs1,
  ciphertext: goMaterial.ciphertextSha512,
  // What Go made: the SANs joined by newlines (none contains one), the plaintext as base64.
  goSans: goMaterial.sans.join('\n'),
  goPlain: goMaterial.plaintextBase64,
};

interface PairedCase {
  ferry: string;
  go: string;
}

const cases: PairedCase[] = [
  { ferry: '{{ certSANs .crt }}', go: '{{ splitList "\\n" .goSans }}' },
  { ferry: '{{ certSANs .crt | join "," }}', go: '{{ splitList "\\n" .goSans | join "," }}' },
  {
    ferry: '{{ range $i, $san := certSANs .crt }}{{ $i }}={{ $san }};{{ end }}',
    go: '{{ range $i, $san := splitList "\\n" .goSans }}{{ $i }}={{ $san }};{{ end }}',
  },
  { ferry: '{{ len (certSANs .crt) }}', go: '{{ len (splitList "\\n" .goSans) }}' },
  { ferry: '{{ index (certSANs .crt) 2 | quote }}', go: '{{ index (splitList "\\n" .goSans) 2 | quote }}' },
  { ferry: '{{ certSANs .crt | toJson }}', go: '{{ splitList "\\n" .goSans | toJson }}' },
  { ferry: '{{ certSANs .plainCrt }}|{{ certSANs .plainCrt | len }}', go: '{{ list }}|{{ list | len }}' },
  {
    ferry: '{{ rsaDecrypt "RSA-OAEP" "SHA512" (.ciphertext | b64dec) .key }}',
    go: '{{ .goPlain | b64dec }}',
  },
  {
    ferry: '{{ rsaDecrypt "RSA-OAEP" "SHA512" (.ciphertext | b64dec) .key | b64enc }}',
    go: '{{ .goPlain }}',
  },
  { ferry: '{{ rsaDecrypt "None" "" "as it is" "" }}', go: '{{ "as it is" }}' },
];

describe('certSANs and rsaDecrypt in templates, against the same Go values', () => {
  let results: OracleResult[] = [];
  beforeAll(async () => {
    results = await runOracle(cases.map(({ go }) => ({ name: 't', template: go, data, funcs: 'sprig' })));
  });
  cases.forEach(({ ferry, go }, index) => {
    it(`#${String(index)} ${ferry}`, () => {
      const result = results[index];
      if (result === undefined) throw new Error(`the oracle returned no result for ${go}`);
      const outcome = ferryOutcome(() => renderTemplate('t', ferry, stringMap(data), { functions }));
      expectSameAsGo(outcome, result);
    });
  });
});

describe('the newer helpers fail with ESO messages, naming the function', () => {
  const failures: [string, string][] = [
    ['{{ certSANs "no pem" }}', 'error calling certSANs: failed to decode PEM block'],
    [
      '{{ rsaDecrypt "RSA-OAEP" "SHA256" "x" "no pem" }}',
      'error calling rsaDecrypt: failed to decode PEM block',
    ],
    [
      '{{ rsaDecrypt "PKCS1" "SHA256" "x" .key }}',
      'error calling rsaDecrypt: decryption scheme PKCS1 is not supported',
    ],
    [
      '{{ pemTruststoreToPKCS12 (printf "%s\\n" .plainCrt) }}',
      'error calling pemTruststoreToPKCS12: runtime error: invalid memory address or nil pointer dereference',
    ],
    [
      '{{ pemTruststoreToPKCS12Pass .plainCrt "\\U0001F600" }}',
      'error calling pemTruststoreToPKCS12Pass: pkcs12: string contains characters that cannot be encoded in UCS-2',
    ],
  ];
  it.each(failures)('%s', (template, message) => {
    const outcome = ferryOutcome(() => renderTemplate('t', template, stringMap(data), { functions }));
    expect(outcome.ok ? outcome.output : outcome.error.message).toContain(message);
  });
});
