// The Go template oracle for differential tests: run cases through Go's text/template + Sprig
// (runOracle), render them with Ferry, and compare (expectSameAsGo, describeDifferential).
export { oracleFunctionNames, runOracle, type OracleCase, type OracleResult } from './oracle.ts';
export {
  caseData,
  expectSameAsGo,
  ferryOutcome,
  goValueFromJson,
  type ErrorMatch,
  type FerryOutcome,
} from './compare.ts';
export { builtinCase, describeDifferential, jsonCase, type DifferentialCase } from './differential.ts';
export {
  builtinFunctionNames,
  randomTemplateCases,
  randomTemplateData,
  randomTemplateJsonData,
  type RandomTemplateOptions,
} from './random-templates.ts';
