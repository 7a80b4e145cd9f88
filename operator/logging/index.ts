export { createLogger } from './logger.ts';
export type { LogFields, LogFormat, Logger, LoggerOptions, LogLevel } from './logger.ts';
export { redact } from './redact.ts';
export { scrubString } from './scrub-string.ts';
export { KnownValues, minScrubbedLength, minWordScrubbedLength } from './known-values.ts';
