// Whatever a template passes, a function returns a template value or fails with a FunctionError
// (which the executor reports with Go's position), never with a JavaScript exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GoMap, type GoValue } from '../values.ts';
import { templateFunctions } from './index.ts';
import type { GoParameterType } from './signature.ts';
import { FunctionError } from './types.ts';

const functions = templateFunctions({
  now: () => new Date('2024-01-02T03:04:05Z'),
  randomBytes: (length) => new Uint8Array(length).fill(1),
});

// bcrypt costs ~0.1 s a call; its input handling is covered in crypto's and bcrypt's own tests.
// So do derivePassword's scrypt and the RSA keys of the certificate generators (certificates.test.ts).
const slow = new Set([
  'bcrypt',
  'htpasswd',
  'derivePassword',
  'genPrivateKey',
  'genCA',
  'genSelfSignedCert',
  'genSignedCert',
]);

const scalar = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    '0',
    '1.5',
    '0x1F',
    'a,b',
    '2006-01-02',
    '{"a":1}',
    'a: 1',
    '-----BEGIN X-----\n-----END X-----\n',
  ),
  fc.boolean(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.bigInt({ min: -5n, max: 40n }),
  fc.double(),
  fc.uint8Array({ maxLength: 6 }),
);
const value: fc.Arbitrary<GoValue> = fc.letrec<{ value: GoValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc
      .array(fc.tuple(fc.string({ maxLength: 4 }), tie('value')), { maxLength: 3 })
      .map((entries) => new GoMap(entries)),
  ),
})).value;

/** For each named struct type a parameter can take, calls that make values of it. Made once, lazily:
 * some (keys, certificates) are slow to make. */
const namedTypeMakers: Record<string, () => GoValue[]> = {
  '*semver.Version': () =>
    ['1.2.3', 'v0.1.0-beta.1+b', '2'].map((text) => functions.get('semver')?.(text) ?? null),
  'time.Time': () => [
    functions.get('now')?.() ?? null,
    functions.get('toDate')?.('2006-01-02T15:04:05.999Z07:00', '2024-05-01T10:11:12.5+02:30') ?? null,
    functions.get('toDate')?.('2006', 'not a year') ?? null, // the zero time
  ],
  'sprig.certificate': () => [
    functions.get('genCAWithKey')?.('ca', 1n, functions.get('genPrivateKey')?.('ecdsa') ?? '') ?? null,
  ],
};
const namedTypeValues = new Map<string, GoValue[]>();

function namedValues(type: string): fc.Arbitrary<GoValue> {
  const make = namedTypeMakers[type];
  if (make === undefined)
    throw new Error(`no values of ${type} to call with: add a maker to namedTypeMakers`);
  let made = namedTypeValues.get(type);
  if (made === undefined) namedTypeValues.set(type, (made = make()));
  return fc.constantFrom(...made);
}

function argumentOf(type: GoParameterType): fc.Arbitrary<GoValue> {
  switch (type) {
    case 'string':
      return fc.oneof(
        fc.string({ maxLength: 16 }),
        scalar.filter((item) => typeof item === 'string'),
      );
    case 'int':
      return fc.oneof(
        fc.bigInt({ min: -5n, max: 40n }),
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      );
    case 'float64':
      return fc.double();
    case 'bool':
      return fc.boolean();
    case '[]interface {}':
      return fc.array(value, { maxLength: 4 });
    case 'map[string]interface {}':
      return fc
        .array(fc.tuple(fc.string({ maxLength: 4 }), value), { maxLength: 4 })
        .map((entries) => new GoMap(entries));
    case 'interface {}':
      return value;
  }
  // A named struct type: the values the functions make of it, and any other value (rejected).
  return fc.oneof(namedValues(type), value);
}

function expectValueOrFunctionError(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(FunctionError);
  }
}

describe('every function', () => {
  const names = [...functions.keys()].filter((name) => !slow.has(name));

  it.each(names)('%s returns a value or a FunctionError for any arguments', (name) => {
    const fn = functions.get(name);
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), (args) => {
        expectValueOrFunctionError(() => fn?.(...args));
      }),
      { numRuns: 40 },
    );
  });

  it.each(names)('%s returns a value or a FunctionError for arguments of its declared types', (name) => {
    const fn = functions.get(name);
    const { parameters, variadic } = fn?.signature ?? { parameters: [] };
    const fixedArgs = fc.tuple(...parameters.map(argumentOf));
    const rest = variadic === undefined ? fc.constant([]) : fc.array(argumentOf(variadic), { maxLength: 3 });
    fc.assert(
      fc.property(fixedArgs, rest, (args, more) => {
        expectValueOrFunctionError(() => fn?.(...args, ...more));
      }),
      { numRuns: 80 },
    );
  });
});
