export { startOpenBaoServer } from './server.ts';
export { provideOpenBao } from './binaries.ts';
export { openBaoAdmin, type AdminOptions, type OpenBaoAdmin } from './admin.ts';
