// Sprig's urlParse and urlJoin: Go's net/url Parse and URL.String for the parts Sprig exposes
// (scheme, userinfo, host, hostname, path, query, fragment, opaque). Go's parse errors quote the
// URL, which may hold a password, so the messages here say only what was wrong.
import { goStringFromBytes, goStringToBytes } from '../go-string.ts';
import { GoMap } from '../values.ts';
import { fixed, type FunctionDefinition } from './signature.ts';
import { FunctionError } from './types.ts';

type Mode = 'path' | 'host' | 'userPassword' | 'fragment';

interface ParsedUrl {
  scheme: string;
  opaque: string;
  username: string | undefined;
  password: string | undefined;
  host: string;
  path: string;
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
  /** The path and fragment as written, when that is not their default escaping (Go's RawPath,
   * RawFragment): String keeps them (`a%2Fb` stays so). */
  rawPath?: string;
  rawFragment?: string;
}

export const urlFunctions: Record<string, FunctionDefinition> = {
  urlParse: fixed(['string'], (text) => {
    let url: ParsedUrl;
    try {
      url = parseUrl(text);
    } catch (error) {
      if (error instanceof FunctionError) throw new FunctionError(`unable to parse url: ${error.message}`);
      throw error;
    }
    return new GoMap([
      ['scheme', url.scheme],
      ['host', url.host],
      ['hostname', hostname(url.host)],
      ['path', url.path],
      ['query', url.rawQuery],
      ['opaque', url.opaque],
      ['fragment', url.fragment],
      ['userinfo', url.username === undefined ? '' : userinfoString(url.username, url.password)],
    ]);
  }),
  urlJoin: fixed(['map[string]interface {}'], (parts) => {
    const part = (key: string): string => {
      const value = parts?.get(key);
      return typeof value === 'string' ? value : '';
    };
    let username: string | undefined;
    let password: string | undefined;
    const userinfo = part('userinfo');
    if (userinfo !== '') {
      try {
        ({ username, password } = parseUrl(`proto://${userinfo}@host`));
      } catch {
        throw new FunctionError('unable to parse userinfo in dict');
      }
    }
    return urlString({
      scheme: part('scheme'),
      opaque: part('opaque'),
      username,
      password,
      host: part('host'),
      path: part('path'),
      rawQuery: part('query'),
      forceQuery: false,
      fragment: part('fragment'),
    });
  }),
};

const isAlphanumeric = (char: string): boolean => /^[A-Za-z0-9]$/.test(char);

/** net/url's shouldEscape for one ASCII character. */
function shouldEscape(char: string, mode: Mode): boolean {
  if (isAlphanumeric(char)) return false;
  if (mode === 'host' && `!$&'()*+,;=:[]<>"`.includes(char)) return false;
  if ('-_.~'.includes(char)) return false;
  if ('$&+,/:;=?@'.includes(char)) {
    if (mode === 'path') return char === '?';
    if (mode === 'userPassword') return '@/?:'.includes(char);
    if (mode === 'fragment') return false;
  }
  if (mode === 'fragment' && '!()*'.includes(char)) return false;
  return true;
}

function escape(text: string, mode: Mode): string {
  let result = '';
  for (const byte of goStringToBytes(text)) {
    const char = String.fromCharCode(byte);
    result +=
      byte >= 0x80 || shouldEscape(char, mode)
        ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
        : char;
  }
  return result;
}

function unescape(text: string, mode: Mode): string {
  const bytes = goStringToBytes(text);
  const output: number[] = [];
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] ?? 0;
    if (byte === 0x25) {
      const hex = String.fromCharCode(bytes[index + 1] ?? 0, bytes[index + 2] ?? 0);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new FunctionError('invalid URL escape');
      output.push(parseInt(hex, 16));
      index += 2;
    } else {
      if (mode === 'host' && byte < 0x80 && shouldEscape(String.fromCharCode(byte), 'host')) {
        throw new FunctionError('invalid character in host name');
      }
      output.push(byte);
    }
  }
  return goStringFromBytes(Uint8Array.from(output));
}

/** url.Parse. */
export function parseUrl(raw: string): ParsedUrl {
  if (Array.from(raw).some((char) => char < ' ' || char === '\x7f')) {
    throw new FunctionError('net/url: invalid control character in URL');
  }
  const hash = raw.indexOf('#');
  const rawFragment = hash < 0 ? '' : raw.slice(hash + 1);
  const fragment = unescape(rawFragment, 'fragment');
  let rest = hash < 0 ? raw : raw.slice(0, hash);
  const url: ParsedUrl = {
    scheme: '',
    opaque: '',
    username: undefined,
    password: undefined,
    host: '',
    path: '',
    rawQuery: '',
    forceQuery: false,
    fragment,
  };
  if (escape(fragment, 'fragment') !== rawFragment) url.rawFragment = rawFragment;
  if (rest === '') return url;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (rest.startsWith(':')) throw new FunctionError('missing protocol scheme');
  if (scheme !== null) {
    url.scheme = (scheme[1] ?? '').toLowerCase();
    rest = rest.slice(scheme[0].length);
  }
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const question = rest.indexOf('?');
    if (question >= 0) {
      url.rawQuery = rest.slice(question + 1);
      rest = rest.slice(0, question);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    const firstSegment = rest.split('/')[0] ?? '';
    if (firstSegment.includes(':')) throw new FunctionError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    parseAuthority(url, authority);
  }
  url.path = unescape(rest, 'path');
  if (escape(url.path, 'path') !== rest) url.rawPath = rest;
  return url;
}

function parseAuthority(url: ParsedUrl, authority: string): void {
  const at = authority.lastIndexOf('@');
  url.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo))
    throw new FunctionError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  url.username = unescape(colon < 0 ? userinfo : userinfo.slice(0, colon), 'userPassword');
  if (colon >= 0) url.password = unescape(userinfo.slice(colon + 1), 'userPassword');
}

function parseHost(host: string): string {
  let colonPort = '';
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new FunctionError("missing ']' in host");
    colonPort = host.slice(close + 1);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) colonPort = host.slice(colon);
  }
  if (colonPort !== '' && !/^:[0-9]*$/.test(colonPort)) throw new FunctionError('invalid port after host');
  return unescape(host, 'host');
}

/** URL.Hostname: the host without its port or IPv6 brackets. */
function hostname(host: string): string {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    return close < 0 ? host.slice(1) : host.slice(1, close);
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function userinfoString(username: string, password: string | undefined): string {
  const user = escape(username, 'userPassword');
  return password === undefined ? user : `${user}:${escape(password, 'userPassword')}`;
}

/** URL.String. */
export function urlString(url: ParsedUrl): string {
  let text = url.scheme === '' ? '' : `${url.scheme}:`;
  if (url.opaque !== '') text += url.opaque;
  else {
    if (url.scheme !== '' || url.host !== '' || url.username !== undefined) {
      if (url.host !== '' || url.path !== '' || url.username !== undefined) text += '//';
      if (url.username !== undefined) text += `${userinfoString(url.username, url.password)}@`;
      if (url.host !== '') text += escape(url.host, 'host');
    }
    const path = escapedPart(url.path, url.rawPath, 'path');
    if (path !== '' && !path.startsWith('/') && url.host !== '') text += '/';
    if (text === '' && (path.split('/')[0] ?? '').includes(':')) text += './';
    text += path;
  }
  if (url.forceQuery || url.rawQuery !== '') text += `?${url.rawQuery}`;
  if (url.fragment !== '') text += `#${escapedPart(url.fragment, url.rawFragment, 'fragment')}`;
  return text;
}

/** URL.EscapedPath and EscapedFragment: the part as written when that is a valid escaping of it. */
function escapedPart(decoded: string, raw: string | undefined, mode: 'path' | 'fragment'): string {
  if (raw !== undefined && validEncoded(raw, mode)) {
    try {
      if (unescape(raw, mode) === decoded) return raw;
    } catch {
      // not a valid escaping: escape the decoded part
    }
  }
  if (mode === 'path' && decoded === '*') return '*';
  return escape(decoded, mode);
}

function validEncoded(text: string, mode: Mode): boolean {
  for (const byte of goStringToBytes(text)) {
    const char = String.fromCharCode(byte);
    if ("!$&'()*+,;=:@[]%".includes(char)) continue;
    if (byte >= 0x80 || shouldEscape(char, mode)) return false;
  }
  return true;
}
