// The functions ESO's templates can call: Sprig's (v3.3.0, as ESO registers them, with ESO's
// additions to its own copy of Sprig: hexdec, htpasswd's hash argument), ESO's own PKCS#12, PEM,
// JWK and decryption helpers, and its toYaml/fromYaml. Deliberately absent, as in ESO: `env` and
// `expandenv`; and, as in ESO's newest releases, `getHostByName`. Nothing here reads files, the
// network, the process environment or the clock except through the FunctionEnvironment.
import { randomBytes } from 'node:crypto';
import { certificateFunctions } from './certificates.ts';
import { cryptoFunctions } from './crypto.ts';
import { dateFunctions } from './dates.ts';
import { dictFunctions } from './dicts.ts';
import { encodingFunctions } from './encoding.ts';
import { esoFunctions } from './eso.ts';
import { jsonFunctions } from './json.ts';
import { listFunctions } from './lists.ts';
import { mathFunctions } from './math.ts';
import { pathFunctions } from './paths.ts';
import { randomFunctions } from './random.ts';
import { regexFunctions } from './regex.ts';
import { semverFunctions } from './semver.ts';
import { signed, type FunctionDefinition, type SignedFunction } from './signature.ts';
import { stringCaseFunctions } from './string-case.ts';
import { stringListFunctions } from './string-lists.ts';
import { stringFunctions } from './strings.ts';
import type { FunctionEnvironment } from './types.ts';
import { conversionFunctions, defaultFunctions } from './types-and-defaults.ts';
import { urlFunctions } from './urls.ts';
import { yamlFunctions } from './yaml.ts';

export {
  ArgumentError,
  type FunctionSignature,
  type GoParameterType,
  type SignedFunction,
} from './signature.ts';
export { FunctionError, type FunctionEnvironment, type FunctionMap, type TemplateFunction } from './types.ts';

/** Names that exist in Sprig but are left out on purpose: they would read the process environment or the network. */
export const removedFunctions: readonly string[] = ['env', 'expandenv', 'getHostByName'];

/** The real world, for the controller to pass in: the system clock and a cryptographic random source. */
export const systemEnvironment: FunctionEnvironment = {
  now: () => new Date(),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
};

/** Every function, each carrying its Go signature (see signature.ts) for the executor; the clock
 * and randomness they use come from `environment` (systemEnvironment in production). */
export function templateFunctions(environment: FunctionEnvironment): ReadonlyMap<string, SignedFunction> {
  const groups: Record<string, FunctionDefinition>[] = [
    { hello: { signature: { parameters: [] }, implementation: () => 'Hello!' } },
    stringFunctions,
    stringListFunctions,
    stringCaseFunctions,
    conversionFunctions,
    defaultFunctions,
    encodingFunctions,
    jsonFunctions,
    listFunctions,
    dictFunctions,
    mathFunctions,
    regexFunctions,
    pathFunctions,
    urlFunctions,
    cryptoFunctions(environment),
    randomFunctions(environment),
    dateFunctions(environment),
    certificateFunctions(environment),
    semverFunctions,
    // ESO's own additions; Sprig v3 has no toYaml or fromYaml (those are Helm's).
    yamlFunctions,
    esoFunctions,
  ];
  const functions = new Map<string, SignedFunction>();
  for (const group of groups) {
    for (const [name, definition] of Object.entries(group)) functions.set(name, signed(name, definition));
  }
  return functions;
}
