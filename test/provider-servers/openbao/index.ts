export { startOpenBaoServer, type OpenBaoServerOptions } from './server.ts';
export { provideOpenBao } from './binaries.ts';
export { openBaoAdmin, type AdminOptions, type OpenBaoAdmin } from './admin.ts';
export { exampleOpenBaoPort, exampleOpenBaoRootToken, seedOpenBaoExampleData } from './example-data.ts';
