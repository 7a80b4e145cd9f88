export { provideControlPlaneBinaries } from './binaries.ts';
export { installCrds } from './crds.ts';
export {
  restartComponent,
  startControlPlane,
  stopControlPlane,
  serverVersion,
  type ControlPlaneState,
} from './control-plane.ts';
export { isRunning, stopProcess } from './processes.ts';
export { freeLoopbackPort } from './ports.ts';
