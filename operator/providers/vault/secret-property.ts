import { PropertyNotFoundError } from '../errors.ts';
import { selectProperty } from '../json-property.ts';

const utf8 = new TextEncoder();

/**
 * ESO's `property` for a Vault secret (a JSON object): none gives the whole object as JSON; a
 * field of that name wins (`tls.crt`); else a gjson path into the object (`db.host`). Ferry adds
 * one step ESO lacks: a path that runs into a field holding JSON text follows it into that text
 * (`config.db.host` where `config` is the string `{"db":{...}}`), as the kubernetes provider does.
 */
export function selectSecretProperty(
  data: Record<string, unknown>,
  property: string | undefined,
  context: string,
): Uint8Array {
  if (property === undefined) return utf8.encode(JSON.stringify(data));
  if (Object.hasOwn(data, property)) return fieldBytes(data[property]);
  const document = utf8.encode(JSON.stringify(data));
  try {
    return selectProperty(document, property, context);
  } catch (error) {
    if (!(error instanceof PropertyNotFoundError)) throw error;
    for (let dot = property.indexOf('.'); dot > 0; dot = property.indexOf('.', dot + 1)) {
      const field = property.slice(0, dot);
      const value = data[field];
      if (typeof value === 'string' && Object.hasOwn(data, field) && dot < property.length - 1) {
        return selectProperty(utf8.encode(value), property.slice(dot + 1), `${context} field "${field}"`);
      }
    }
    throw error;
  }
}

/** A field as ESO's GetByteValue gives it: a string's text, null as empty, anything else as JSON. */
export function fieldBytes(value: unknown): Uint8Array {
  if (typeof value === 'string') return utf8.encode(value);
  if (value === null || value === undefined) return new Uint8Array();
  return utf8.encode(JSON.stringify(value));
}
