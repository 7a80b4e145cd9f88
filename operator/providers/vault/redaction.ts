// Vault's error strings are worth showing ("permission denied", "invalid role or secret ID"), but
// they are the server's words: anything shaped like a credential or an id is cut out first.
const credentialShapes = [
  // JWTs (a ServiceAccount token quoted back by a failed login).
  /(?<![\w-])eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/g,
  // Vault and OpenBao tokens: hvs./hvb./hvr. and the older s./b./r. prefixes.
  /\b(?:hv[sbr]|[sbr])\.[\w-]{16,}/g,
  // Long opaque strings: secret ids, keys, accessors, request ids.
  /[\w+=-]{24,}/g,
];
const maxLength = 200;

/** One line of the server's text, credential-shaped parts replaced, at most 200 characters. */
export function redacted(text: string): string {
  let line = text.replace(/\s+/g, ' ').trim();
  for (const shape of credentialShapes) line = line.replace(shape, '[redacted]');
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
