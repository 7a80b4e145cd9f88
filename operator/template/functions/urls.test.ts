// Sprig's urlParse and urlJoin, called directly. Each expectation is what Go's text/template + Sprig
// v3.3.0 rendered for `{{ NAME ARGS... }}`, recorded from the oracle.
import { describe, expect, it } from 'vitest';
import { dict, expectGolden, render, type GoldenCase } from './test-support.ts';

const cases: GoldenCase[] = [
  [
    'out',
    'urlParse',
    ['postgres://user:p%40ss@db.example:5432/app?sslmode=disable#frag'],
    'map[fragment:frag host:db.example:5432 hostname:db.example opaque: path:/app query:sslmode=disable scheme:postgres userinfo:user:p%40ss]',
  ],
  [
    'out',
    'urlParse',
    ['https://example.com'],
    'map[fragment: host:example.com hostname:example.com opaque: path: query: scheme:https userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['mailto:a@b.c'],
    'map[fragment: host: hostname: opaque:a@b.c path: query: scheme:mailto userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['/just/path?q=1'],
    'map[fragment: host: hostname: opaque: path:/just/path query:q=1 scheme: userinfo:]',
  ],
  ['out', 'urlParse', [''], 'map[fragment: host: hostname: opaque: path: query: scheme: userinfo:]'],
  [
    'out',
    'urlParse',
    ['http://[::1]:80/a%20b/c?x=%20#f%20g'],
    'map[fragment:f g host:[::1]:80 hostname:::1 opaque: path:/a b/c query:x=%20 scheme:http userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['http://u@h/p'],
    'map[fragment: host:h hostname:h opaque: path:/p query: scheme:http userinfo:u]',
  ],
  [
    'out',
    'urlParse',
    ['http://u:@h/p'],
    'map[fragment: host:h hostname:h opaque: path:/p query: scheme:http userinfo:u:]',
  ],
  [
    'out',
    'urlParse',
    ['http://h/p%2Fq'],
    'map[fragment: host:h hostname:h opaque: path:/p/q query: scheme:http userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['HTTP://H/'],
    'map[fragment: host:H hostname:H opaque: path:/ query: scheme:http userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['http:///p'],
    'map[fragment: host: hostname: opaque: path:/p query: scheme:http userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['//host/p'],
    'map[fragment: host:host hostname:host opaque: path:/p query: scheme: userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['a?b#c#d'],
    'map[fragment:c#d host: hostname: opaque: path:a query:b scheme: userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['redis://:secret@redis:6379/0'],
    'map[fragment: host:redis:6379 hostname:redis opaque: path:/0 query: scheme:redis userinfo::secret]',
  ],
  [
    'out',
    'urlParse',
    ['http://h?'],
    'map[fragment: host:h hostname:h opaque: path: query: scheme:http userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['http://u:p:q@h'],
    'map[fragment: host:h hostname:h opaque: path: query: scheme:http userinfo:u:p%3Aq]',
  ],
  [
    'out',
    'urlParse',
    ['http://h/é?é#é'],
    'map[fragment:é host:h hostname:h opaque: path:/é query:é scheme:http userinfo:]',
  ],
  [
    'out',
    'urlParse',
    ['amqp://guest:gu%20est@rabbit'],
    'map[fragment: host:rabbit hostname:rabbit opaque: path: query: scheme:amqp userinfo:guest:gu%20est]',
  ],
  [
    'out',
    'urlJoin',
    [
      dict(
        'scheme',
        'https',
        'host',
        'h:1',
        'path',
        '/a b',
        'query',
        'x=1',
        'fragment',
        'f g',
        'userinfo',
        'u:p@s',
      ),
    ],
    'https://u:p%40s@h:1/a%20b?x=1#f%20g',
  ],
  ['out', 'urlJoin', [dict('scheme', 'mailto', 'opaque', 'a@b')], 'mailto:a@b'],
  ['out', 'urlJoin', [dict('path', 'a:b')], './a:b'],
  ['out', 'urlJoin', [dict('host', 'h', 'path', 'p')], '//h/p'],
  [
    'out',
    'urlJoin',
    [dict('scheme', 'postgres', 'host', 'db:5432', 'path', '/app', 'userinfo', 'user:p%40ss')],
    'postgres://user:p%40ss@db:5432/app',
  ],
  [
    'out',
    'urlJoin',
    [dict('scheme', 'http', 'host', 'h', 'path', "/a!*'();:@&=+$,[]é")],
    'http://h/a%21%2A%27%28%29;:@&=+$,%5B%5D%C3%A9',
  ],
  ['out', 'urlJoin', [dict()], ''],
  ['out', 'urlJoin', [dict('fragment', "!*'();:@&=+$,/?#[] ")], '#!*%27();:@&=+$,/?%23%5B%5D%20'],
];

describe('urlParse and urlJoin', () => {
  it.each(cases)('%s of %s(%o)', (...row) => {
    expectGolden(row, expect);
  });

  it('say what is wrong with a URL without quoting it (it may hold a password)', () => {
    // Go: unable to parse url: parse "http://u:hunter2@h:port/": invalid port ":port" after host
    expect(() => render('urlParse', ['http://u:hunter2@h:port/'])).toThrow(
      /^unable to parse url: invalid port after host$/,
    );
    expect(() => render('urlParse', ['%zz'])).toThrow(/^unable to parse url: invalid URL escape$/);
    expect(() => render('urlParse', ['http://a b/'])).toThrow(
      /^unable to parse url: invalid character in host name$/,
    );
  });
});
