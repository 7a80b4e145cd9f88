// Every regexp in operator/ runs on tenant data (keys, values, names, URLs, templates), so none may
// backtrack super-linearly, and none may be built from a string at run time unless that string is a
// constant of ours: a tenant's own expressions go to re2js. This reads the source, so a new regexp
// anywhere in operator/ is checked the day it is written.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { goDurationPattern, secretKeyPattern } from './api/v1alpha1/common.ts';
import { syncWindowSchedulePattern } from './api/v1alpha1/external-secret.ts';

const require = createRequire(import.meta.url);
// recheck is CommonJS and ships its own types; only checkSync is needed.
const { checkSync } = require('recheck') as typeof import('recheck');

const root = fileURLToPath(new URL('..', import.meta.url));

/** `file: argument text` of each RegExp built at run time → why its argument is a constant of ours. */
const constantRegExpConstructions: Readonly<Record<string, string>> = {
  'operator/api/v1alpha1/common.ts: goDurationPattern':
    'the CRD pattern of a duration, a string constant (checked below)',
  'operator/api/v1alpha1/common.ts: secretKeyPattern':
    'the CRD pattern of a Secret key, a string constant (checked below)',
  'operator/api/v1alpha1/duration.ts: goDurationPattern':
    'the CRD pattern of a duration, a string constant (checked below)',
  'operator/api/v1alpha1/external-secret.ts: goDurationPattern':
    'the CRD pattern of a duration, a string constant (checked below)',
  'operator/api/v1alpha1/external-secret.ts: syncWindowSchedulePattern':
    'the CRD pattern of a sync window schedule, a string constant (checked below)',
  'operator/api/v1alpha1/provider-vault.ts: `^(${vaultPathPattern.source.slice(1, -1)})?$`':
    'the regex literal vaultPathPattern (checked as a literal) made optional',
  "operator/controllers/externalsecret/template-inputs.ts: `(?<![A-Za-z0-9_])(${volatileFunctions.join('|')})(?![A-Za-z0-9_])`":
    'an alternation of the fixed names of volatile template functions, between lookarounds',
};

/** The string constants above, as the constructions use them. */
const constantPatterns = { goDurationPattern, secretKeyPattern, syncWindowSchedulePattern };

function* sourceFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

interface RegExpSite {
  where: string;
  /** `implicit`: `.match(x)`, `.matchAll(x)` or `.search(x)`, which compile x when it is a string. */
  kind: 'literal' | 'construction' | 'implicit';
  /** The literal as written (`/a+/g`), or `file: argument text` of a construction. */
  text: string;
}

/** Every regex literal and every `RegExp(…)` / `new RegExp(…)` in operator/, outside tests. */
function regExpSites(): RegExpSite[] {
  const sites: RegExpSite[] = [];
  for (const path of sourceFiles(join(root, 'operator'))) {
    const file = relative(root, path);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const literalNames = regexpConstantNames(source);
    const isRegExpValue = (node: ts.Expression): boolean =>
      node.kind === ts.SyntaxKind.RegularExpressionLiteral ||
      (ts.isIdentifier(node) && literalNames.has(node.text)) ||
      (ts.isConditionalExpression(node) && isRegExpValue(node.whenTrue) && isRegExpValue(node.whenFalse));
    const where = (node: ts.Node): string =>
      `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        sites.push({ where: where(node), kind: 'literal', text: node.getText() });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const argument = node.arguments?.[0]?.getText() ?? '';
        sites.push({ where: where(node), kind: 'construction', text: `${file}: ${argument}` });
      } else if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['match', 'matchAll', 'search'].includes(node.expression.name.text) &&
        node.arguments[0] !== undefined &&
        !isRegExpValue(node.arguments[0])
      ) {
        sites.push({ where: where(node), kind: 'implicit', text: node.getText() });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

/** Names of the file's `const x = /…/` declarations. */
function regexpConstantNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer?.kind === ts.SyntaxKind.RegularExpressionLiteral
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** recheck's verdict, with the attack string's shape when it found one. */
function verdict(pattern: string, flags: string): string {
  // A fixed seed keeps the fuzzing checker (used for lookbehinds) from giving a different answer per
  // run, and no wall-clock limit keeps a loaded machine from turning a slow check into "unknown
  // (timeout)": the verdict depends on the pattern alone. The test's own timeout bounds the run.
  const result = checkSync(pattern, flags, { randomSeed: 14, timeout: null });
  if (result.status === 'vulnerable')
    return `vulnerable (${result.complexity.summary}): ${result.attack.pattern}`;
  if (result.status === 'unknown') return `unknown (${result.error.kind})`;
  return 'safe';
}

describe('regexps in operator/', () => {
  const sites = regExpSites();

  it('are not built at run time, except from constants of ours listed with a reason', () => {
    const constructions = sites.filter((site) => site.kind === 'construction');
    const unlisted = constructions
      .filter((site) => constantRegExpConstructions[site.text] === undefined)
      .map((site) => `${site.where}: new RegExp(${site.text.slice(site.text.indexOf(': ') + 2)})`);
    expect(
      unlisted,
      'use re2js for a pattern that comes from input (see controllers/externalsecret/rewrite.ts)',
    ).toEqual([]);
    const stale = Object.keys(constantRegExpConstructions).filter(
      (text) => !constructions.some((site) => site.text === text),
    );
    expect(stale, 'allow-list entries that no longer match any construction').toEqual([]);
  });

  it('are not compiled from strings by match, matchAll or search', () => {
    const implicit = sites
      .filter((site) => site.kind === 'implicit')
      .map((site) => `${site.where}: ${site.text}`);
    expect(implicit, 'pass a regex literal, or an re2js matcher for input').toEqual([]);
  });

  it('backtrack at most linearly, literals and the constants the listed constructions use', () => {
    const literals = sites.filter((site) => site.kind === 'literal');
    expect(literals.length).toBeGreaterThan(100);
    const unsafe: string[] = [];
    for (const site of literals) {
      const slash = site.text.lastIndexOf('/');
      const answer = verdict(site.text.slice(1, slash), site.text.slice(slash + 1));
      if (answer !== 'safe') unsafe.push(`${site.where} ${site.text} is ${answer}`);
    }
    for (const [name, pattern] of Object.entries(constantPatterns)) {
      const answer = verdict(pattern, '');
      if (answer !== 'safe') unsafe.push(`${name} ${pattern} is ${answer}`);
    }
    expect(unsafe).toEqual([]);
  }, 180_000);
});
