import { InvalidSpecError, RemoteValueError } from './invalid-spec.ts';

const secretKey = /^[-._a-zA-Z0-9]+$/;
/** The API server's limit for one object; a Secret near it cannot be stored. */
export const maxSecretBytes = 1024 * 1024;

/**
 * Secret types whose one key the API server parses as a JSON object. Its refusal quotes the
 * parser's complaint ("invalid character 'p' …"), which is a byte of the value: checked here first.
 */
const jsonObjectKeys: Readonly<Record<string, string>> = {
  'kubernetes.io/dockerconfigjson': '.dockerconfigjson',
  'kubernetes.io/dockercfg': '.dockercfg',
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Keys, size and contents the API server would refuse, caught here with a message that says where
 * they came from and never quotes a byte of a value.
 */
export function validateSecretData(data: Readonly<Record<string, Uint8Array>>, type: string): void {
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    if (!secretKey.test(key) || key.length > 253) {
      throw new InvalidSpecError(
        `the resulting Secret key ${JSON.stringify(key.slice(0, 100))} is not a valid Secret key (letters, digits, "-", "_", "." only): fix the rewrite or conversionStrategy`,
      );
    }
    total += key.length + value.length;
  }
  if (total > maxSecretBytes) {
    throw new InvalidSpecError(
      `the resulting Secret holds ${total} bytes, more than the 1 MiB a Secret may hold`,
    );
  }
  const jsonKey = jsonObjectKeys[type];
  const json = jsonKey === undefined ? undefined : data[jsonKey];
  if (jsonKey !== undefined && json !== undefined && !isJsonObject(json)) {
    // Not terminal: a remote value may be what broke it (a quote in a password pasted into JSON).
    throw new RemoteValueError(
      `the resulting Secret key "${jsonKey}" is not a JSON object, which a ${type} Secret must hold (its content is not shown): build it in the template with toJson (e.g. {{ dict "auths" … | toJson }}) so that values are escaped, or fix the remote value it is read from`,
    );
  }
}

function isJsonObject(bytes: Uint8Array): boolean {
  try {
    const parsed: unknown = JSON.parse(strictUtf8.decode(bytes));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    // The parser's message is dropped on purpose: V8 quotes the input in it.
    return false;
  }
}
