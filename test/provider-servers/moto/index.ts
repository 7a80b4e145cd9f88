export { startMotoServer } from './server.ts';
export { provideMotoServer } from './binaries.ts';
export {
  createIamRole,
  createIamUser,
  roleSessions,
  setIamChecks,
  type PolicyStatement,
  type RoleSession,
} from './admin.ts';
export { exampleMotoPort, seedMotoExampleData } from './example-data.ts';
