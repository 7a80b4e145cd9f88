// What the API server would refuse in a Secret's labels and annotations, checked before the write:
// the server's own message quotes the offending value, and templated labels are rendered from
// secret data. These messages name where the entry came from, never its value.
import { isReservedKey, reservedKeyPrefix } from '../../api/v1alpha1/index.ts';
import { TemplateProblem } from './template-failure.ts';

const namePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The API server's limit on all annotations of one object together. */
const maxAnnotationBytes = 256 * 1024;

/** A label or annotation key: an optional DNS-subdomain prefix and "/", then a name of 63 characters at most. */
export function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !dnsSubdomain.test(prefix))) return false;
  return name.length <= 63 && namePart.test(name);
}

export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && namePart.test(value));
}

/**
 * Checks one rendered label or annotation. `origin` says where it came from; `keyIsSpec` is false
 * when the key itself was rendered (KeysAndValues) and may then be secret too.
 */
export function checkMetadataEntry(
  kind: 'label' | 'annotation',
  key: string,
  value: string,
  origin: string,
  keyIsSpec: boolean,
): void {
  const shownKey = keyIsSpec ? ` ${JSON.stringify(key)}` : '';
  if (!isQualifiedName(key)) {
    throw new TemplateProblem(
      `${origin}: the ${kind} key${shownKey} is not a valid ${kind} key (an optional DNS-subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`,
    );
  }
  if (isReservedKey(key)) {
    // A forged owner label would let another ExternalSecret adopt this Secret, and delete it with itself.
    throw new TemplateProblem(
      `${origin}: the ${kind} key${shownKey || ` the template rendered`} is under ${reservedKeyPrefix}, which Ferry reserves for its own markers (they decide the ExternalSecret that owns a Secret); use another prefix`,
    );
  }
  if (kind === 'label' && !isLabelValue(value)) {
    throw new TemplateProblem(
      `${origin}: the rendered value of label${shownKey} is not a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`,
    );
  }
}

export function checkAnnotationsSize(annotations: Readonly<Record<string, string>>): void {
  let total = 0;
  for (const [key, value] of Object.entries(annotations))
    total += Buffer.byteLength(key) + Buffer.byteLength(value);
  if (total > maxAnnotationBytes) {
    throw new TemplateProblem(
      `spec.target.template: the rendered annotations hold ${String(total)} bytes, more than the 256 KiB the API server allows`,
    );
  }
}
