import { z } from 'zod';
import { cel, NamespaceName, ObjectName, SecretKeySelector } from './common.ts';

/** ESO's `kubernetes` provider: Secrets of another namespace, or of another cluster. */
export const KubernetesProvider = cel(
  z.object({
    server: z
      .object({
        url: z
          .string()
          .max(2048)
          .default('kubernetes.default')
          .describe('API server URL; the local cluster by default.'),
        caBundle: z
          .string()
          .max(64 * 1024)
          .optional()
          .describe('PEM CA bundle, base64-encoded, to trust the server.'),
        caProvider: z
          .object({
            type: z.enum(['Secret', 'ConfigMap']),
            name: ObjectName,
            key: z.string().min(1).max(253),
            namespace: NamespaceName.optional(),
          })
          .optional(),
      })
      .prefault({}),
    auth: cel(
      z.object({
        cert: z.object({ clientCert: SecretKeySelector, clientKey: SecretKeySelector }).optional(),
        token: z.object({ bearerToken: SecretKeySelector }).optional(),
        serviceAccount: z
          .object({
            name: ObjectName,
            namespace: NamespaceName.optional(),
            audiences: z.array(z.string().max(256)).max(16).optional(),
          })
          .optional(),
      }),
      [
        {
          rule: '[has(self.cert), has(self.token), has(self.serviceAccount)].filter(x, x).size() == 1',
          message: 'auth has exactly one of cert, token or serviceAccount',
        },
      ],
    ).optional(),
    authRef: SecretKeySelector.optional().describe('A Secret holding a kubeconfig, instead of auth.'),
    remoteNamespace: NamespaceName.default('default').describe('Namespace whose Secrets this store reads.'),
  }),
  [
    {
      rule: 'has(self.auth) != has(self.authRef)',
      message: 'the kubernetes provider needs exactly one of auth or authRef',
    },
  ],
);
export type KubernetesProvider = z.infer<typeof KubernetesProvider>;
