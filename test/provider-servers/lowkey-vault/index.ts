export { startLowkeyVault } from './server.ts';
export { lowkeyVaultSeeder, trustLowkeyVaultCa, type LowkeyVaultSeeder } from './seed.ts';
export { isLowkeyVaultAvailable, provideLowkeyVault } from './binaries.ts';
export { exampleLowkeyVaultPort, seedLowkeyVaultExampleData } from './example-data.ts';
