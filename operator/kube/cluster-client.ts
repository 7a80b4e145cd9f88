import { randomBytes } from 'node:crypto';
import {
  CoreV1Api,
  CustomObjectsApi,
  EventsV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  V1MicroTime,
  setHeaderOptions,
  type KubeConfig,
  type V1ConfigMap,
  type V1Secret,
  type V1ServiceAccount,
} from '@kubernetes/client-node';
import { isConflict, isNotFound } from './errors.ts';

/** One operation of a JSON Patch (RFC 6902), as far as Ferry uses them. */
export interface JsonPatchOperation {
  op: 'test' | 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** A reference to the object an Event is about. */
export interface ObjectReference {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

export interface EventRecord {
  regarding: ObjectReference;
  type: 'Normal' | 'Warning';
  reason: string;
  action: string;
  note: string;
}

/**
 * The few Kubernetes operations the controllers need, typed and named for what they do. Writes use
 * server-side apply with a caller-given field manager; status goes through the status subresource
 * as a merge patch, so only the fields we send change.
 */
export class ClusterClient {
  private readonly core: CoreV1Api;
  private readonly objects: KubernetesObjectApi;
  private readonly custom: CustomObjectsApi;
  private readonly events: EventsV1Api;
  private readonly reportingInstance: string;

  constructor(kubeConfig: KubeConfig, reportingInstance: string) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.objects = KubernetesObjectApi.makeApiClient(kubeConfig);
    this.custom = kubeConfig.makeApiClient(CustomObjectsApi);
    this.events = kubeConfig.makeApiClient(EventsV1Api);
    this.reportingInstance = reportingInstance.slice(0, 128);
  }

  readSecret(namespace: string, name: string): Promise<V1Secret> {
    return this.core.readNamespacedSecret({ namespace, name });
  }

  /** The text data of a ConfigMap (not its binaryData). */
  async readConfigMapData(namespace: string, name: string): Promise<Record<string, string>> {
    const configMap = await this.readConfigMap(namespace, name);
    return configMap.data ?? {};
  }

  /** Whether the namespace exists; other failures (403 among them) are thrown. */
  async namespaceExists(name: string): Promise<boolean> {
    try {
      await this.core.readNamespace({ name });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  readConfigMap(namespace: string, name: string): Promise<V1ConfigMap> {
    return this.core.readNamespacedConfigMap({ namespace, name });
  }

  /** A ServiceAccount (stores that take a role or client id from its annotations, as ESO does). */
  readServiceAccount(namespace: string, name: string): Promise<V1ServiceAccount> {
    return this.core.readNamespacedServiceAccount({ namespace, name });
  }

  /** A short-lived token of a ServiceAccount (TokenRequest API), for stores that log in with one. */
  async serviceAccountToken(
    namespace: string,
    name: string,
    audiences: string[],
    expirationSeconds = 600,
  ): Promise<string> {
    const request = await this.core.createNamespacedServiceAccountToken({
      namespace,
      name,
      body: { spec: { audiences, expirationSeconds } },
    });
    const token = request.status?.token;
    if (!token) throw new Error(`TokenRequest for ServiceAccount ${namespace}/${name} returned no token`);
    return token;
  }

  /**
   * Reads `key` of Secret namespace/name, creating the Secret with `generate()` if it does not exist.
   * Create-then-read makes two replicas starting together agree on one value.
   */
  async ensureSecretKey(
    namespace: string,
    name: string,
    key: string,
    generate: () => Uint8Array,
  ): Promise<Uint8Array> {
    try {
      await this.core.createNamespacedSecret({
        namespace,
        body: { metadata: { name, namespace }, data: { [key]: Buffer.from(generate()).toString('base64') } },
      });
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    const secret = await this.core.readNamespacedSecret({ namespace, name });
    const value = secret.data?.[key];
    if (!value) throw new Error(`Secret ${namespace}/${name} has no key "${key}"`);
    return Buffer.from(value, 'base64');
  }

  async namespaceLabels(name: string): Promise<Record<string, string>> {
    const namespace = await this.core.readNamespace({ name });
    return namespace.metadata?.labels ?? {};
  }

  /** Server-side apply of a Secret with `fieldManager`; force, since Ferry owns the fields it sends. */
  async applySecret(secret: V1Secret, fieldManager: string): Promise<V1Secret> {
    return this.objects.patch(
      secret,
      undefined,
      undefined,
      fieldManager,
      true,
      PatchStrategy.ServerSideApply,
    );
  }

  /** A JSON Patch of a Secret (RFC 6902): a `test` operation in it makes the patch conditional. */
  async patchSecret(
    namespace: string,
    name: string,
    operations: readonly JsonPatchOperation[],
    fieldManager: string,
  ): Promise<V1Secret> {
    return this.core.patchNamespacedSecret(
      { namespace, name, body: operations, fieldManager },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
  }

  async deleteSecret(namespace: string, name: string): Promise<void> {
    await this.core.deleteNamespacedSecret({ namespace, name });
  }

  /** Merge-patches the status subresource of a Ferry custom resource; returns the new resourceVersion. */
  async patchStatus(
    plural: string,
    namespace: string | undefined,
    name: string,
    status: unknown,
    group: string,
    version: string,
  ): Promise<string | undefined> {
    const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const body = { status };
    const patched = (
      namespace
        ? await this.custom.patchNamespacedCustomObjectStatus(
            { group, version, namespace, plural, name, body },
            options,
          )
        : await this.custom.patchClusterCustomObjectStatus({ group, version, plural, name, body }, options)
    ) as { metadata?: { resourceVersion?: string } };
    return patched.metadata?.resourceVersion;
  }

  /** Records an events.k8s.io/v1 Event; a failure to record is not a failure of the sync. */
  async recordEvent(event: EventRecord, reportingController: string): Promise<void> {
    const now = new V1MicroTime();
    await this.events.createNamespacedEvent({
      namespace: event.regarding.namespace || 'default',
      body: {
        metadata: {
          // client-go's naming; generateName may not end in "." on events.k8s.io/v1.
          name: `${event.regarding.name}.${Date.now().toString(16)}${randomBytes(4).toString('hex')}`,
          namespace: event.regarding.namespace || 'default',
        },
        eventTime: now,
        type: event.type,
        reason: event.reason,
        action: event.action,
        note: event.note.slice(0, 1024),
        regarding: event.regarding,
        reportingController,
        reportingInstance: this.reportingInstance,
      },
    });
  }
}
