export { provideControlPlaneBinaries } from './binaries.ts';
export { installCrds } from './crds.ts';
export {
  restartComponent,
  startControlPlane,
  stopControlPlane,
  serverVersion,
  type ControlPlaneState,
} from './control-plane.ts';
export { isRunning, startComponent, stopProcess, type ComponentProcess } from './processes.ts';
export { runProvideScript } from './provide-script.ts';
export { freeLoopbackPort } from './ports.ts';
export { httpGet, httpsGet, waitForHealthy } from './health.ts';
export { generatePki, type ControlPlanePki } from './certificates.ts';
