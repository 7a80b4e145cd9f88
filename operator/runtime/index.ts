export { LeaderElector, type LeaderElectionOptions } from './leader-election.ts';
export { onShutdownSignal } from './signals.ts';
export { processIdentity, operatorNamespace } from './identity.ts';
