// Templates that call a random or clock function (randAlphaNum, uuidv4, now, htpasswd, a PKCS#12
// keystore with its random salt...) render differently each time. ESO renders at every refresh and
// so rewrites the Secret every time, rotating those values and restarting whatever watches it.
// Ferry renders such a template only when its inputs change — the fetched data, the template, its
// templateFrom sources, the Secret type — and keeps what it wrote otherwise: the keyed hash of the
// inputs is recorded on the Secret, next to the data hash.
import {
  ownerLabel,
  templateInputsHashAnnotation,
  type ExternalSecret,
  type Template,
} from '../../api/v1alpha1/index.ts';
import type { LiveTarget } from './live-target.ts';
import type { TemplateSourceData } from './secret-template.ts';
import { targetState } from './target-comparison.ts';

/** The functions whose result is not given by their arguments (read with templateFunctions). */
const volatileFunctions = [
  'randAlphaNum',
  'randAlpha',
  'randNumeric',
  'randAscii',
  'randBytes',
  'randInt',
  'uuidv4',
  'shuffle',
  'now',
  'date',
  'dateInZone',
  'date_in_zone',
  'htmlDate',
  'htmlDateInZone',
  'dateModify',
  'date_modify',
  'mustDateModify',
  'must_date_modify',
  'unixEpoch',
  'ago',
  'bcrypt',
  'htpasswd',
  'encryptAES',
  'pemToPkcs12',
  'pemToPkcs12Pass',
  'fullPemToPkcs12',
  'fullPemToPkcs12Pass',
  'pemTruststoreToPKCS12',
  'pemTruststoreToPKCS12Pass',
  'genPrivateKey',
  'genCA',
  'genCAWithKey',
  'genSelfSignedCert',
  'genSelfSignedCertWithKey',
  'genSignedCert',
  'genSignedCertWithKey',
];
// A name anywhere in the text counts, even in a string or as a field: treating a template as
// volatile when it is not only means it is rendered on input changes alone, which is still right.
const volatileCall = new RegExp(`(?<![A-Za-z0-9_])(${volatileFunctions.join('|')})(?![A-Za-z0-9_])`);

/** Every template text the ExternalSecret's target.template renders with. */
export function templateTexts(
  template: Template | undefined,
  sources: readonly (TemplateSourceData | undefined)[],
): string[] {
  if (!template) return [];
  const texts = [
    ...Object.values(template.data ?? {}),
    ...Object.values(template.metadata?.labels ?? {}),
    ...Object.values(template.metadata?.annotations ?? {}),
  ];
  (template.templateFrom ?? []).forEach((entry, index) => {
    if (entry.literal !== undefined) texts.push(entry.literal);
    const source = sources[index];
    for (const item of entry.configMap?.items ?? []) texts.push(source?.configMap?.[item.key] ?? '');
    for (const item of entry.secret?.items ?? [])
      texts.push(Buffer.from(source?.secret?.[item.key] ?? new Uint8Array()).toString('latin1'));
  });
  return texts;
}

export function isVolatile(texts: readonly string[]): boolean {
  return texts.some((text) => volatileCall.test(text));
}

/**
 * What the rendering depends on, as a map to hash with the data hash's key: the fetched data, the
 * template spec, and the items of its sources.
 */
export function templateInputs(
  fetched: Readonly<Record<string, Uint8Array>>,
  template: Template,
  sources: readonly (TemplateSourceData | undefined)[],
): Record<string, Uint8Array> {
  const inputs = Object.create(null) as Record<string, Uint8Array>;
  for (const [key, value] of Object.entries(fetched)) inputs[`data\0${key}`] = value;
  inputs['template'] = Buffer.from(JSON.stringify(template));
  sources.forEach((source, index) => {
    for (const [key, value] of Object.entries(source?.configMap ?? {}))
      inputs[`configMap\0${String(index)}\0${key}`] = Buffer.from(value);
    for (const [key, value] of Object.entries(source?.secret ?? {}))
      inputs[`secret\0${String(index)}\0${key}`] = value;
  });
  return inputs;
}

/** Whether the Secret holds, intact and as Ferry wrote it, what a rendering of these inputs made. */
export function renderedFromSameInputs(
  live: LiveTarget,
  inputsHash: string | undefined,
  owner: string,
  es: ExternalSecret,
): boolean {
  return (
    inputsHash !== undefined &&
    live.metadata.annotations?.[templateInputsHashAnnotation] === inputsHash &&
    live.metadata.labels?.[ownerLabel] === owner &&
    targetState(live, es) === 'in-sync'
  );
}
