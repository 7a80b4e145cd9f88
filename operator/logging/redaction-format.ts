import winston from 'winston';
import type { Logform } from 'winston';

import { redact } from './redact.ts';

const levelSymbol = Symbol.for('level');

/**
 * A winston format that redacts every entry before any later format serialises it. It builds a new
 * entry rather than editing the old one, whose nested objects belong to the caller.
 */
export const redaction = winston.format((info: Logform.TransformableInfo) => {
  const clean = redact({ ...info }) as Logform.TransformableInfo;
  clean[levelSymbol] = info[levelSymbol];
  return clean;
});
