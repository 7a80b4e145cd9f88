// The door of `ferry lint`'s engine, also used by `ferry migrate` to check what it prints: sources
// read from -f, objects with positions, Ferry's admission and controller checks, the findings.
export { checkFerryObject, type FerryObject, type ObjectCheck } from './check-object.ts';
export {
  parseFlags,
  lastValue,
  outputFormat,
  UsageError,
  type FlagSpec,
  type ParsedFlags,
} from './command-line.ts';
export { parseSource, type ManifestObject, type ParsedSource, type Position } from './documents.ts';
export { ferryApiVersion, ferryKinds } from './ferry-kinds.ts';
export { formatPath, type FieldPath, type ObjectFinding } from './findings.ts';
export {
  formatFinding,
  groupOf,
  lintSources,
  migratableGroups,
  type LintFinding,
  type LintResult,
} from './lint.ts';
export { readSources, UnreadableSourceError, type Source } from './sources.ts';
export { simulateAdmission } from './admission.ts';
export { ferryGroup } from './ferry-kinds.ts';
