import winston from 'winston';

import { jsonLine, textLine } from './line-formats.ts';
import { redaction } from './redaction-format.ts';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogFormat = 'json' | 'text';
export type LogFields = Record<string, unknown>;

export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every entry, e.g. `{ controller, namespace, name }`. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Where lines go; standard output unless a test captures them. */
  stream?: NodeJS.WritableStream;
}

const levels: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

// Keys of the line itself; a field with one of these names is kept as `fields.<name>` (logrus' way).
const lineKeys = new Set(['time', 'level', 'msg', 'message']);

/** A logger writing redacted entries, one line each, as JSON or as human-readable text. */
export function createLogger(options: LoggerOptions): Logger {
  const output = winston.createLogger({
    level: options.level,
    levels,
    format: winston.format.combine(redaction(), options.format === 'json' ? jsonLine() : textLine()),
    transports: [
      // winston declares its transports as interfaces; at run time Stream does extend TransportStream.
      new winston.transports.Stream({ stream: options.stream ?? process.stdout }),
    ],
  });
  return loggerWith(output, {});
}

function loggerWith(output: winston.Logger, context: LogFields): Logger {
  const writer =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      // Checked here so that a disabled level costs neither an entry nor a redaction pass.
      if (!output.isLevelEnabled(level)) return;
      const entry = fieldsOfLine({ ...context, ...fields });
      output.log({ ...entry, time: new Date().toISOString(), level, message });
    };
  return {
    error: writer('error'),
    warn: writer('warn'),
    info: writer('info'),
    debug: writer('debug'),
    child: (fields) => loggerWith(output, { ...context, ...fields }),
  };
}

function fieldsOfLine(fields: LogFields): LogFields {
  const line: LogFields = {};
  for (const [key, value] of Object.entries(fields)) line[lineKeys.has(key) ? `fields.${key}` : key] = value;
  return line;
}
