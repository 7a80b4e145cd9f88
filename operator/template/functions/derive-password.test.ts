import { describe, expect, it } from 'vitest';
import { derivePassword } from './derive-password.ts';

// Go's Sprig v3.3.0 output for the same arguments (recorded with the template oracle; the
// differential suite test/template/functions-certificates.test.ts compares many more).
const golden: [number, string, string, string, string, string][] = [
  [1, 'maximum', 'correct horse', 'alice', 'example.com', 'e6)))pSKrXzRYOPNH0%i'],
  [1, 'long', 'correct horse', 'alice', 'example.com', 'HeqaWufi4,Jisf'],
  [1, 'medium', 'correct horse', 'alice', 'example.com', 'Heq5.Muw'],
  [1, 'short', 'correct horse', 'alice', 'example.com', 'Heq5'],
  [1, 'basic', 'correct horse', 'alice', 'example.com', 'ek75lBS7'],
  [1, 'pin', 'correct horse', 'alice', 'example.com', '0675'],
  [7, 'long', 'pässwörd 🔑', 'ユーザー', 'пример.рф', 'JoqlFimaNuwx2.'],
  [0, 'long', '', '', '', 'Rozi8;WilbQoyu'],
  [1, 'Long', 'pw', 'user', 'site', 'cannot find password template Long'],
  [1, 'constructor', 'pw', 'user', 'site', 'cannot find password template constructor'],
];

describe('derivePassword', () => {
  it.each(golden)('%i %s %s %s %s', (counter, type, password, user, site, expected) => {
    expect(derivePassword(counter, type, password, user, site)).toBe(expected);
  });
});
