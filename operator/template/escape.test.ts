import { describe, expect, it } from 'vitest';
import { htmlEscaper, jsEscaper, urlQueryEscaper } from './escape.ts';

// Expectations are Go's (HTMLEscapeString, JSEscapeString, url.QueryEscape behind text/template's
// html, js and urlquery), recorded with the oracle.
describe('html', () => {
  it('escapes the five HTML specials and NUL', () => {
    expect(htmlEscaper(`<a href='x'>&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;');
    expect(htmlEscaper('\0nul')).toBe('\uFFFDnul');
  });

  it('prints several arguments as print does, nil as <no value>', () => {
    expect(htmlEscaper('a', 'b', 1n)).toBe('ab1');
    expect(htmlEscaper(null)).toBe('&lt;no value&gt;');
    expect(htmlEscaper()).toBe('');
  });
});

describe('js', () => {
  it('escapes quotes, backslashes, <>&= and control characters, keeps printable Unicode', () => {
    expect(jsEscaper(`it's "q" <b> & = \\ \n\t\r\x01 é`)).toBe(
      `it\\'s \\"q\\" \\u003Cb\\u003E \\u0026 \\u003D \\\\ \\u000A\\u0009\\u000D\\u0001 é`,
    );
    expect(jsEscaper('\u2028 \u00a0')).toBe('\\u2028 \\u00A0');
  });
});

describe('urlquery', () => {
  it('percent-encodes all but unreserved characters, a space as +', () => {
    expect(urlQueryEscaper('a b&c=d/é?~-_.')).toBe('a+b%26c%3Dd%2F%C3%A9%3F~-_.');
    expect(urlQueryEscaper('x', 1n)).toBe('x1');
    expect(urlQueryEscaper(null)).toBe('%3Cno+value%3E');
  });
});
