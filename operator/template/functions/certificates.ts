// Sprig's key and certificate generators and derivePassword. (Being written.)
import type { FunctionDefinition } from './signature.ts';
import type { FunctionEnvironment } from './types.ts';

export function certificateFunctions(_environment: FunctionEnvironment): Record<string, FunctionDefinition> {
  return {};
}
