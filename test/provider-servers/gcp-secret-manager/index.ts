export { gcpProject, provideGcpSecretManagerServer, startGcpSecretManagerServer } from './server.ts';
export {
  exampleGcpProject,
  exampleGcpSecretManagerPort,
  seedGcpSecretManagerExampleData,
} from './example-data.ts';
