import { isSensitiveTextKey } from './sensitive-keys.ts';

export const redactedMarker = '[REDACTED]';

// Every pattern is bounded or anchored to the start of a token, so scrubbing stays linear on long
// strings. Order matters: whole blocks and tokens go first, so later rules see only their markers.

const privateKeyBlock =
  /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,40}-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,40}-----|$)/g;

// JSON Web Tokens (header and claims are base64url JSON, so they start with "eyJ"), and tokens whose
// vendor prefix gives them away: Vault/OpenBao, GitHub, GitLab, Slack. The character before a token
// is captured (and put back) rather than tested by a lookbehind: a lookbehind leaves only recheck's
// fuzzer to judge the pattern, which may call it polynomial; without one its automaton proves it linear.
const knownTokens =
  /(^|[^\w-])(?:eyJ[\w-]*\.[\w-]+\.[\w-]*|hv[sbr]\.[\w-]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|glpat-[\w-]{20,}|xox[abprs]-[\w-]{10,})/g;

const authorizationScheme = /\b(Bearer|Basic)(\s+)([\w\-.~+/]+=*)/gi;
// Words that follow "bearer"/"basic" in prose or a challenge rather than a credential
// ("missing bearer token", `WWW-Authenticate: Basic realm="vault"`).
const proseAfterScheme = new Set([
  'token',
  'tokens',
  'auth',
  'authentication',
  'authorization',
  'credentials',
  'realm',
]);

// A scheme starts where a run of scheme characters does (a lookbehind rather than \b, which let every
// letter of a long run start a fresh scan to its end); digits or signs before its first letter join it.
const urlPassword = /(?<![a-z0-9+.-])([0-9+.-]*[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s/@]+@/gi;

const cookieHeader = /\b((?:set-)?cookie)(\s*:\s*)[^\r\n]+/gi;

// `"data": {...}` of a Secret serialised into text, e.g. kubectl's last-applied-configuration.
const payloadObject = /(\\?")(data|stringData|binaryData)\1(\s*:\s*)\{[^{}]{0,65536}\}/g;

// A key and its separator; the value is read only after the key proved sensitive, so that
// "failed: password=…" does not swallow the pair that follows the prose key.
const keyAndSeparator =
  /(?<![\w.-])(?<quote>\\?["']|)(?<key>[A-Za-z_][\w.-]{0,63})\k<quote>(?<separator>\s*[:=]\s*)/g;
const pairValue =
  /\\"(?:[^"\\\n]|\\[^"\n]){0,4096}(?:\\")?|"(?:[^"\\\n]|\\.){0,4096}"?|'[^'\n]{0,4096}'?|[^\s"'&;,{}[\]]{1,4096}/y;
const authorizationSchemeWord = /^(?:bearer|basic)$/i;

/** The string with credentials, tokens, private keys and sensitive `key=value` pairs replaced. */
export function scrubString(text: string): string {
  const scrubbed = text
    .replace(privateKeyBlock, '[REDACTED PRIVATE KEY]')
    .replace(knownTokens, '$1[REDACTED TOKEN]')
    .replace(authorizationScheme, scrubAuthorization)
    .replace(urlPassword, `$1:${redactedMarker}@`)
    .replace(cookieHeader, `$1$2${redactedMarker}`)
    .replace(payloadObject, `$1$2$1$3$1${redactedMarker}$1`);
  return scrubPairs(scrubbed);
}

function scrubAuthorization(match: string, scheme: string, space: string, credential: string): string {
  if (proseAfterScheme.has(credential.replace(/(?<!=)=+$/, '').toLowerCase())) return match;
  return `${scheme}${space}${redactedMarker}`;
}

function scrubPairs(text: string): string {
  let scrubbed = '';
  let copiedUpTo = 0;
  for (const pair of text.matchAll(keyAndSeparator)) {
    // A key inside a value just hidden (`password="a token=b"`) needs no second look.
    if (pair.index < copiedUpTo) continue;
    const { quote = '', key = '', separator = '' } = pair.groups ?? {};
    const valueStart = pair.index + pair[0].length;
    if (!isSensitiveTextKey(key)) continue;
    if (isProse(separator, quote, key, text, pair.index) && !startsQuoted(text, valueStart)) continue;
    pairValue.lastIndex = valueStart;
    const value = pairValue.exec(text)?.[0];
    if (value === undefined || value.startsWith('[REDACTED') || authorizationSchemeWord.test(value)) continue;
    if (quotesAName(separator, quote, value)) continue;
    const valueQuote = /^\\?["']/.exec(value)?.[0] ?? '';
    const closed = valueQuote !== '' && value.length > valueQuote.length && value.endsWith(valueQuote);
    scrubbed += `${text.slice(copiedUpTo, valueStart)}${valueQuote}${redactedMarker}${closed ? valueQuote : ''}`;
    copiedUpTo = valueStart + value.length;
  }
  return scrubbed + text.slice(copiedUpTo);
}

// "failed to read token: connection refused" and "Secret app/vault-token: NotFound" (an object's
// name) are prose; `token=…`, `"token": …`, `token: "…"`, `X-Vault-Token: …` and a YAML line
// `token: …` are not.
function isProse(separator: string, quote: string, key: string, text: string, keyStart: number): boolean {
  if (separator.includes('=') || quote !== '' || isHeaderName(key)) return false;
  return !startsLine(text, keyStart);
}

// Header names are capitalised (`X-Vault-Token`) or start with `x-`; Kubernetes object names and
// remote keys (`db-password`, `vault-token`) are lower-case words joined by dashes.
function isHeaderName(key: string): boolean {
  return key.includes('-') && (/[A-Z]/.test(key) || /^x-/i.test(key));
}

// JSON quotes every string, so a quoted key followed by a bare word is a name in a sentence
// (`credential "token": cannot read Secret …`), not a pair; a bare number is still a value (a PIN).
function quotesAName(separator: string, quote: string, value: string): boolean {
  return quote !== '' && !separator.includes('=') && !/^\\?["']/.test(value) && !/^-?\d[\d.]*$/.test(value);
}

// Only blanks (or a YAML list dash) between the line's start and `index`; walks back, not forward,
// so a long line with many keys stays linear.
function startsLine(text: string, index: number): boolean {
  for (let at = index - 1; at >= 0; at--) {
    const character = text[at];
    if (character === '\n') return true;
    if (character !== ' ' && character !== '\t' && character !== '-') return false;
  }
  return true;
}

function startsQuoted(text: string, index: number): boolean {
  const first = text[index];
  return first === '"' || first === "'" || (first === '\\' && text[index + 1] === '"');
}
