import { PropertyNotFoundError } from '../errors.ts';
import { selectProperty } from '../json-property.ts';

/**
 * ESO's `property` for a Secret: a data key (which may contain dots, e.g. `tls.crt`), else a data
 * key followed by a gjson path into that key's JSON value (`config.db.host`). ESO tries only the
 * first dot; trying each dot in turn also finds keys with dots that hold JSON.
 */
export function selectDataProperty(
  data: Record<string, Uint8Array>,
  property: string,
  context: string,
): Uint8Array {
  const exact = data[property];
  if (exact !== undefined && Object.hasOwn(data, property)) return exact;
  for (let dot = property.indexOf('.'); dot > 0; dot = property.indexOf('.', dot + 1)) {
    const key = property.slice(0, dot);
    const value = data[key];
    if (value !== undefined && Object.hasOwn(data, key) && dot < property.length - 1) {
      return selectProperty(value, property.slice(dot + 1), `${context} key "${key}"`);
    }
  }
  throw new PropertyNotFoundError(`${context} has no key "${property}"`);
}
