export { gcpProject, provideGcpSecretManagerServer, startGcpSecretManagerServer } from './server.ts';
