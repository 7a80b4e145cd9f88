import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { generatePki, type ControlPlanePki } from './certificates.ts';
import { httpGet, httpsGet, waitForHealthy } from './health.ts';
import { freeLoopbackPort } from './ports.ts';
import { isRunning, startComponent, stopProcess, type ComponentProcess } from './processes.ts';

/** What a started control plane leaves behind; serialisable so `make dev-cluster-down` can stop it later. */
export interface ControlPlaneState {
  dir: string;
  apiServerUrl: string;
  kubeconfigPath: string;
  processes: ComponentProcess[];
}

export interface StartOptions {
  /** Directory holding etcd, kube-apiserver and kube-controller-manager. */
  binDir: string;
  /** Working directory: PKI, etcd data, kubeconfig and component logs. */
  dir: string;
  /** Processes outlive this one (a person's dev cluster) instead of dying with it (a test run). */
  detached: boolean;
  log?: (line: string) => void;
}

const startTimeoutMs = 120_000;

function kubeconfigFor(
  apiServerUrl: string,
  pki: ControlPlanePki,
  user: string,
  cert: string,
  key: string,
): string {
  const kc = new KubeConfig();
  const base64 = (path: string) => readFileSync(path).toString('base64');
  kc.loadFromOptions({
    clusters: [
      { name: 'ferry-test', server: apiServerUrl, caData: base64(pki.caCert), skipTLSVerify: false },
    ],
    users: [{ name: user, certData: base64(cert), keyData: base64(key) }],
    contexts: [{ name: 'ferry-test', cluster: 'ferry-test', user }],
    currentContext: 'ferry-test',
  });
  return kc.exportConfig();
}

/**
 * Starts etcd, kube-apiserver (RBAC on, TLS, service-account tokens) and kube-controller-manager
 * (garbage collector, namespace and service-account controllers) on free loopback ports, and waits
 * until all three are healthy. Everything listens on 127.0.0.1 only.
 */
export async function startControlPlane(options: StartOptions): Promise<ControlPlaneState> {
  const log = options.log ?? (() => undefined);
  const pkiDir = join(options.dir, 'pki');
  const logDir = join(options.dir, 'logs');
  for (const d of [pkiDir, logDir, join(options.dir, 'etcd')]) mkdirSync(d, { recursive: true });
  const pki = await generatePki(pkiDir);
  const [etcdPort, etcdPeerPort, apiPort, kcmPort] = (await Promise.all(
    Array.from({ length: 4 }, () => freeLoopbackPort()),
  )) as [number, number, number, number];
  const processes: ComponentProcess[] = [];
  const state: ControlPlaneState = {
    dir: options.dir,
    apiServerUrl: `https://127.0.0.1:${apiPort}`,
    kubeconfigPath: join(options.dir, 'kubeconfig'),
    processes,
  };
  const start = (name: string, args: string[]): ComponentProcess => {
    const component = startComponent(name, join(options.binDir, name), args, join(logDir, `${name}.log`), {
      detached: options.detached,
    });
    processes.push(component);
    log(`started ${name} (pid ${component.pid}), log ${component.logFile}`);
    return component;
  };

  try {
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const etcd = start('etcd', [
      '--name=ferry-test',
      `--data-dir=${join(options.dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=ferry-test=http://127.0.0.1:${etcdPeerPort}`,
      // A test cluster's data is disposable; skipping fsync makes every write much cheaper.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
    await waitForHealthy('etcd', () => httpGet(`${etcdUrl}/health`), {
      timeoutMs: startTimeoutMs,
      alive: () => isRunning(etcd.pid),
      logFile: etcd.logFile,
    });

    const apiServer = start('kube-apiserver', [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      // The endpoint reconciler refuses loopback addresses; nothing here routes to the service IP anyway.
      '--endpoint-reconciler-type=none',
      `--secure-port=${apiPort}`,
      `--tls-cert-file=${pki.servingCert}`,
      `--tls-private-key-file=${pki.servingKey}`,
      `--client-ca-file=${pki.caCert}`,
      '--authorization-mode=RBAC',
      // Aggregation-layer identity, so components that read it (the controller manager) find a CA.
      `--requestheader-client-ca-file=${pki.caCert}`,
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-username-headers=X-Remote-User',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${pki.serviceAccountPublicKey}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      '--allow-privileged=true',
      '--profiling=false',
      '--v=1',
    ]);
    const admin = { ca: pki.caCert, cert: pki.adminCert, key: pki.adminKey };
    await waitForHealthy('kube-apiserver', () => httpsGet(`${state.apiServerUrl}/readyz`, admin), {
      timeoutMs: startTimeoutMs,
      alive: () => isRunning(apiServer.pid),
      logFile: apiServer.logFile,
    });

    const kcmKubeconfig = join(pkiDir, 'controller-manager.kubeconfig');
    writeFileSync(
      kcmKubeconfig,
      kubeconfigFor(
        state.apiServerUrl,
        pki,
        'system:kube-controller-manager',
        pki.controllerManagerCert,
        pki.controllerManagerKey,
      ),
      { mode: 0o600 },
    );
    const controllerManager = start('kube-controller-manager', [
      `--kubeconfig=${kcmKubeconfig}`,
      `--authentication-kubeconfig=${kcmKubeconfig}`,
      `--authorization-kubeconfig=${kcmKubeconfig}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${kcmPort}`,
      `--tls-cert-file=${pki.servingCert}`,
      `--tls-private-key-file=${pki.servingKey}`,
      // Only what Ferry's behaviour depends on: ownerReference GC and namespace deletion.
      '--controllers=garbagecollector,namespace,serviceaccount',
      `--root-ca-file=${pki.caCert}`,
      '--leader-elect=false',
      '--v=1',
    ]);
    await waitForHealthy(
      'kube-controller-manager',
      () => httpsGet(`https://127.0.0.1:${kcmPort}/healthz`, { ca: pki.caCert }),
      {
        timeoutMs: startTimeoutMs,
        alive: () => isRunning(controllerManager.pid),
        logFile: controllerManager.logFile,
      },
    );

    writeFileSync(
      state.kubeconfigPath,
      kubeconfigFor(state.apiServerUrl, pki, 'ferry-admin', pki.adminCert, pki.adminKey),
      { mode: 0o600 },
    );
    return state;
  } catch (error) {
    await stopControlPlane(state);
    throw error;
  }
}

/** Stops every component by PID, newest first (controller manager, API server, then etcd). */
export async function stopControlPlane(state: Pick<ControlPlaneState, 'processes'>): Promise<void> {
  for (const component of [...state.processes].reverse()) await stopProcess(component.pid);
}

/**
 * Stops one component by PID and starts it again with the same arguments (same ports, same data):
 * for tests of how Ferry rides out an API server restart. Resolves once it is healthy again.
 */
export async function restartComponent(state: ControlPlaneState, name: string, downMs = 0): Promise<void> {
  const index = state.processes.findIndex((p) => p.name === name);
  const component = state.processes[index];
  if (!component) throw new Error(`no component ${name}`);
  await stopProcess(component.pid);
  if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
  const restarted = startComponent(name, component.binary, component.args, component.logFile, {
    detached: component.detached,
  });
  state.processes[index] = restarted;
  if (name === 'kube-apiserver') {
    const pkiDir = join(state.dir, 'pki');
    const admin = {
      ca: join(pkiDir, 'ca.crt'),
      cert: join(pkiDir, 'admin.crt'),
      key: join(pkiDir, 'admin.key'),
    };
    await waitForHealthy(name, () => httpsGet(`${state.apiServerUrl}/readyz`, admin), {
      timeoutMs: startTimeoutMs,
      alive: () => isRunning(restarted.pid),
      logFile: restarted.logFile,
    });
  }
}

/** The API server's /version, for the log line that proves which release a run used. */
export async function serverVersion(kc: KubeConfig): Promise<string> {
  const { VersionApi } = await import('@kubernetes/client-node');
  const info = await kc.makeApiClient(VersionApi).getCode();
  return info.gitVersion;
}
