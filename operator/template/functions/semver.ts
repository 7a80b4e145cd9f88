// Sprig's semver and semverCompare. (Being written.)
import type { FunctionDefinition } from './signature.ts';

export const semverFunctions: Record<string, FunctionDefinition> = {};
