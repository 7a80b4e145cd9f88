import { InvalidSpecError } from './invalid-spec.ts';

const secretKey = /^[-._a-zA-Z0-9]+$/;
/** The API server's limit for one object; a Secret near it cannot be stored. */
export const maxSecretBytes = 1024 * 1024;

/** Keys and size the API server would refuse, caught here with a message that says where they came from. */
export function validateSecretData(data: Readonly<Record<string, Uint8Array>>): void {
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
}
