import type { RemoteRef } from '../../api/v1alpha1/index.ts';
import { RemoteValueError } from './invalid-spec.ts';
import { renameKeys } from './rename-keys.ts';

type DecodingStrategy = RemoteRef['decodingStrategy'];
type ConversionStrategy = RemoteRef['conversionStrategy'];

// Canonical, padded text only, as Go's base64.StdEncoding and URLEncoding accept: Buffer.from
// decodes anything, so a plain value such as "secret1" would otherwise pass as base64url.
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const base64UrlPattern = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?$/;

/** ESO's decodingStrategy: the remote value is base64 text that should land decoded in the Secret. */
export function decodeValue(value: Uint8Array, strategy: DecodingStrategy, field: string): Uint8Array {
  const decoded = tryDecode(value, strategy);
  if (decoded === undefined) {
    throw new RemoteValueError(
      `${field}: decodingStrategy ${strategy}, but the remote value is not valid ${strategy.toLowerCase()}`,
    );
  }
  return decoded;
}

/** The value decoded by `strategy`, or undefined if it is not text of that encoding. */
export function tryDecode(value: Uint8Array, strategy: DecodingStrategy): Uint8Array | undefined {
  if (strategy === 'None') return value;
  // Go's base64 decoders skip \r and \n wherever they are, and nothing else (not even spaces).
  const text = Buffer.from(value)
    .toString('latin1')
    .replace(/[\r\n]/g, '');
  const asBase64 = base64Pattern.test(text) ? Buffer.from(text, 'base64') : undefined;
  const asBase64Url = base64UrlPattern.test(text) ? Buffer.from(text, 'base64url') : undefined;
  switch (strategy) {
    case 'Base64':
      return asBase64;
    case 'Base64URL':
      return asBase64Url;
    case 'Auto':
      // ESO's Auto: base64 if it decodes, else base64url, else the value as it is.
      return asBase64 ?? asBase64Url ?? value;
  }
}

/**
 * ESO's conversionStrategy for keys that come from the store (dataFrom): characters a Secret key may
 * not hold become `_` (Default) or `_UXXXX_` (Unicode, reversible). Unlike ESO, non-ASCII letters
 * and digits are converted too: ESO keeps them, and the API server then refuses the Secret.
 */
export function convertKey(key: string, strategy: ConversionStrategy): string {
  return key.replace(/[^-._a-zA-Z0-9]/gu, (character) =>
    strategy === 'Unicode' ? `_U${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}_` : '_',
  );
}

/** ESO's nullBytePolicy Fail: a value with a NUL byte fails the sync, naming the key, never the value. */
export function checkNullBytes(
  data: Readonly<Record<string, Uint8Array>>,
  policy: 'Ignore' | 'Fail' | undefined,
  field: string,
): void {
  if (policy !== 'Fail') return;
  for (const key of Object.keys(data).sort()) {
    if (data[key]?.includes(0)) {
      throw new RemoteValueError(
        `${field}: the value for key ${JSON.stringify(key)} contains NUL bytes and nullBytePolicy is Fail; keep it in a text-safe form (PEM, or base64 with a decodingStrategy), or unset nullBytePolicy for intended binary data`,
      );
    }
  }
}

/** Every key converted; two keys that convert to the same one are an error, as in ESO. */
export function convertKeys(
  data: Readonly<Record<string, Uint8Array>>,
  strategy: ConversionStrategy,
  field: string,
): Record<string, Uint8Array> {
  return renameKeys(
    data,
    (key) => convertKey(key, strategy),
    (earlier, later, converted) =>
      `${field}: the keys ${JSON.stringify(earlier)} and ${JSON.stringify(later)} both become ${JSON.stringify(converted)} with conversionStrategy ${strategy}; use conversionStrategy Unicode, or a rewrite`,
  );
}
