// `ferry lint` evaluates the CRDs' CEL rules themselves (operator/cli/lint/cel-*.ts) instead of a
// hand-written copy of each. These tests make sure no rule can be missed: every rule in crds/ is
// one lint evaluates, and parses in the CEL subset lint implements.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ferryKinds } from './index.ts';
import { evaluateCelRule } from './cel-evaluate.ts';
import { parseCel } from './cel-parse.ts';

const crdsDir = join(import.meta.dirname, '..', '..', '..', 'crds');

function rulesIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) rulesIn(item, found);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-kubernetes-validations' && Array.isArray(value))
        for (const rule of value as { rule: string }[]) found.push(rule.rule);
      else rulesIn(value, found);
    }
  }
  return found;
}

const crdRules = readdirSync(crdsDir)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) => rulesIn(parse(readFileSync(join(crdsDir, file), 'utf8'))));

describe('the CEL rules of crds/ in ferry lint', () => {
  it('finds rules in crds/', () => {
    expect(crdRules.length).toBeGreaterThan(30);
  });

  it('evaluates exactly the rules the CRDs carry (status schemas aside, which manifests do not set)', () => {
    const linted = [...ferryKinds().values()].flatMap((kind) => rulesIn(kind.openApi));
    expect([...new Set(linted)].sort()).toEqual([...new Set(crdRules)].sort());
  });

  it.each([...new Set(crdRules)])('parses %s', (rule) => {
    expect(() => parseCel(rule)).not.toThrow();
  });
});

describe('CEL evaluation', () => {
  it.each([
    ['has(self.a) != has(self.b)', { a: 1 }, true],
    ['has(self.a) != has(self.b)', { a: 1, b: 2 }, false],
    ['[has(self.a), has(self.b), has(self.c)].filter(x, x).size() == 1', { b: 1 }, true],
    ['[has(self.a), has(self.b), has(self.c)].filter(x, x).size() == 1', {}, false],
    [
      "!has(self.t) || self.t != 'x' || !has(self.m) || !('k' in self.m.annotations)",
      { t: 'x', m: { annotations: { k: '' } } },
      false,
    ],
    ["self.all(name, name.size() <= 3 && !(name.lowerAscii() in ['abc']))", { ab: '1', ABC: '2' }, false],
    ['self.all(name, name.size() <= 3)', { ab: '1' }, true],
    ["self.matches(r'^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$')", '1h30m', true],
    ["self.matches(r'^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$')", '5 minutes', false],
    [
      "self.server.startsWith('https://') || self.server.startsWith('http://')",
      { server: 'vault:8200' },
      false,
    ],
    ['has(self.data) && size(self.data) > 0', { data: [] }, false],
    ['self.d.all(e, has(e.s) && has(e.s.r))', { d: [{ s: { r: 1 } }, { s: {} }] }, false],
    // CEL's commutative logic: an error on one side is absorbed when the other side decides.
    ['self.missing.x || true', {}, true],
    ["duration(self) < duration('1m')", '59.999s', true],
    ["duration(self) < duration('1m')", '1m0s', false],
    ["duration(self) == duration('0s')", '0', true],
    ["duration(self) >= duration('1s')", '1000ms', true],
    ["self.substring(7) == '1h'", '@every 1h', true],
    ["self.substring(1, 3) == 'µs'", '1µs', true],
  ])('%s on %j is %s', (rule, self, expected) => {
    expect(evaluateCelRule(rule, self)).toBe(expected);
  });

  it('throws when a rule cannot be evaluated', () => {
    expect(() => evaluateCelRule('self.missing == 1', {})).toThrow('no such key: missing');
    expect(() => evaluateCelRule("duration(self) < duration('1m')", '5 minutes')).toThrow('invalid duration');
  });
});

describe('CEL maps in ferry lint', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'sees only the fields a manifest has, not %s, which every plain object inherits',
    (field) => {
      expect(evaluateCelRule(`has(self.${field})`, {})).toBe(false);
      expect(evaluateCelRule(`'${field}' in self`, {})).toBe(false);
      expect(evaluateCelRule(`has(self.${field})`, JSON.parse(`{"${field}":"x"}`))).toBe(true);
    },
  );
});
