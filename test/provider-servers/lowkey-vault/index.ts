export { startLowkeyVault } from './server.ts';
export { lowkeyVaultSeeder, trustLowkeyVaultCa, type LowkeyVaultSeeder } from './seed.ts';
export { provideLowkeyVaultJar } from './binaries.ts';
