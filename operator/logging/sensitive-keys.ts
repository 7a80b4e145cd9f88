// Keys are compared lower-cased with separators removed, so `api_key`, `apiKey` and `API-Key` are one
// key. Endings catch compound names (`dbPassword`, `X-Vault-Token`, `awsSecretAccessKey`) while names
// that only point at a secret (`secretKey`, `secretName`, `secretStoreRef`, `tokenSecretRef`) survive.
const secretEndings = [
  'password',
  'passwd',
  'passphrase',
  'token',
  'secret',
  'secretaccesskey',
  'secretid',
  'apikey',
  'privatekey',
  'accountkey',
  'sharedaccesskey',
  'keydata',
  'signature',
  'authorization',
  'credential',
  'credentials',
  'cookie',
  'connectionstring',
  // kubectl keeps the whole applied object here, Secret data included.
  'lastappliedconfiguration',
];
const secretNames = new Set(['tlskey', 'sig']);
// Fields that end in "Secret" but name an object rather than hold a value: Ferry's own kinds
// (`externalSecret: {...}` is logged) and the audit line's `targetSecret` (the Secret's name).
const objectNameEndings = ['externalsecret', 'pushsecret', 'targetsecret'];

// The payload fields of a Secret or ConfigMap, and of a provider's answer: the key names are not
// secret (kubectl describe shows them), the values are.
const payloadNames = new Set(['data', 'stringdata', 'binarydata', 'values']);

function normalise(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Whether the value under this key is a secret as a whole. */
export function isSensitiveKey(key: string): boolean {
  const name = normalise(key);
  return name === 'value' || isSecretName(name);
}

/** Whether this key holds a map of secret values whose key names may be shown. */
export function isPayloadKey(key: string): boolean {
  return payloadNames.has(normalise(key));
}

/**
 * Whether `key=…` or `"key": …` in free text carries a secret. Narrower than isSensitiveKey: "value"
 * is too common a word in messages (`Invalid value: "5x"`) to hide what follows it.
 */
export function isSensitiveTextKey(key: string): boolean {
  const name = normalise(key);
  return isSecretName(name) || (payloadNames.has(name) && name !== 'values');
}

function isSecretName(name: string): boolean {
  if (objectNameEndings.some((ending) => name.endsWith(ending))) return false;
  return secretNames.has(name) || secretEndings.some((ending) => name.endsWith(ending));
}
