import winston from 'winston';
import type { Logform } from 'winston';

const messageSymbol = Symbol.for('message');

/** One JSON object per line: `time`, `level`, `msg`, then the fields. */
export const jsonLine = winston.format((info: Logform.TransformableInfo) => {
  const { time, level, message, ...fields } = info;
  info[messageSymbol] = JSON.stringify({ time, level, msg: message, ...fields });
  return info;
});

/** One human-readable line per entry, for a terminal: `time LEVEL message key=value ...`. */
export const textLine = winston.format((info: Logform.TransformableInfo) => {
  const { time, level, message, ...fields } = info;
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${textValue(value)}`);
  const head = `${String(time)} ${level.toUpperCase().padEnd(5)} ${textMessage(String(message))}`;
  info[messageSymbol] = [head, ...pairs].join(' ');
  return info;
});

// A message that spans lines is quoted, so that one entry stays one line.
function textMessage(message: string): string {
  return /[\r\n]/.test(message) ? JSON.stringify(message) : message;
}

function textValue(value: unknown): string {
  if (typeof value === 'string' && /^[^\s"=]+$/.test(value)) return value;
  return JSON.stringify(value);
}
