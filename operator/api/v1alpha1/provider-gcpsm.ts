import { z } from 'zod';
import { cel, NamespaceName, ObjectName, SecretKeySelector, serviceAccountSelector } from './common.ts';

/** ESO's ServiceAccountSelector: a ServiceAccount whose TokenRequest token the store exchanges. */
const ServiceAccountSelector = serviceAccountSelector({
  description: 'Extra audiences of the token, after the one the auth method needs.',
  maxLength: 512,
});

const GcpServiceAccountEmail = z
  .string()
  .max(320)
  .regex(
    /^[^@]+@[^@]+\.iam\.gserviceaccount\.com$/,
    'expected a service account email (…@….iam.gserviceaccount.com)',
  );

const GCPWorkloadIdentity = z.object({
  serviceAccountRef: ServiceAccountSelector.describe(
    'The Kubernetes ServiceAccount bound to Google identity through GKE Workload Identity.',
  ),
  clusterLocation: z
    .string()
    .max(64)
    .optional()
    .describe(
      'Location of the GKE cluster. ESO reads it from the metadata server when unset; Ferry needs it.',
    ),
  clusterName: z
    .string()
    .max(128)
    .optional()
    .describe('Name of the GKE cluster. ESO reads it from the metadata server when unset; Ferry needs it.'),
  clusterProjectID: z
    .string()
    .max(64)
    .optional()
    .describe('Project of the GKE cluster; projectID when unset.'),
  gcpServiceAccountEmail: GcpServiceAccountEmail.optional().describe(
    "The Google service account to impersonate. Unset: the one the ServiceAccount's iam.gke.io/gcp-service-account annotation names, as in ESO; without that annotation the federated identity is used directly.",
  ),
});

const GCPWorkloadIdentityFederation = z.object({
  credConfig: z
    .object({
      name: ObjectName,
      namespace: NamespaceName.optional(),
      key: z.string().min(1).max(253),
    })
    .optional()
    .describe(
      'A ConfigMap key with an external account credential configuration (JSON). Not supported by Ferry yet.',
    ),
  serviceAccountRef: ServiceAccountSelector.optional().describe(
    'The Kubernetes ServiceAccount whose token is exchanged, when this cluster is the identity provider of the pool.',
  ),
  awsSecurityCredentials: z
    .object({
      region: z.string().min(1).max(50),
      awsCredentialsSecretRef: z.object({ name: ObjectName, namespace: NamespaceName.optional() }),
    })
    .optional()
    .describe('AWS credentials as the subject token source. Not supported by Ferry yet.'),
  audience: z
    .string()
    .max(1024)
    .optional()
    .describe(
      'The STS audience: //iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>.',
    ),
  externalTokenEndpoint: z.string().max(2048).optional().describe('Used with credConfig only.'),
  gcpServiceAccountEmail: GcpServiceAccountEmail.optional().describe(
    'The Google service account to impersonate after the exchange; the federated identity when unset.',
  ),
});

/** ESO's `gcpsm` provider: Google Secret Manager. */
export const GCPSMProvider = cel(
  z.object({
    auth: cel(
      z.object({
        secretRef: z
          .object({
            secretAccessKeySecretRef: SecretKeySelector.describe(
              'A Secret key holding a service account key (JSON).',
            ),
          })
          .optional(),
        workloadIdentity: GCPWorkloadIdentity.optional(),
        workloadIdentityFederation: cel(GCPWorkloadIdentityFederation, [
          {
            rule: '!has(self.serviceAccountRef) || has(self.audience)',
            message:
              'workloadIdentityFederation.serviceAccountRef needs audience: the pool provider to exchange at',
          },
        ]).optional(),
      }),
      [
        {
          rule: '[has(self.secretRef), has(self.workloadIdentity), has(self.workloadIdentityFederation)].filter(x, x).size() <= 1',
          message:
            'auth takes at most one of secretRef, workloadIdentity or workloadIdentityFederation (none: default credentials)',
        },
      ],
    )
      .prefault({})
      .describe('How to authenticate; Application Default Credentials when empty.'),
    projectID: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe(
        'The project that holds the secrets (its ID or number); auth.workloadIdentity.clusterProjectID when unset. ESO can also ask the metadata server; Ferry needs one of the two.',
      ),
    location: z
      .string()
      .max(64)
      .regex(/^([a-z]+-[a-z]+[0-9]+)?$/, 'expected a region such as "europe-west1"')
      .optional()
      .describe(
        'A region for regional secrets: names become projects/<p>/locations/<l>/secrets/… and calls go to secretmanager.<l>.rep.googleapis.com.',
      ),
    secretVersionSelectionPolicy: z
      .enum(['LatestOrFail', 'LatestOrFetch'])
      .default('LatestOrFail')
      .describe(
        'When the latest version is disabled or destroyed: fail (LatestOrFail), or read the newest enabled version (LatestOrFetch).',
      ),
    endpoint: z
      .string()
      .max(2048)
      .regex(
        /^(https?:\/\/)?[A-Za-z0-9.-]+(:[0-9]{1,5})?\/?$|^(https?:\/\/)?\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?\/?$/,
        'expected host[:port], https://host[:port] or http://host:port',
      )
      .optional()
      .describe(
        'Ferry: the API endpoint, for Private Service Connect or an emulator. host[:port] and https:// use TLS; http:// is plaintext, for a local emulator only, and carries no credentials.',
      ),
    transport: z
      .enum(['gRPC', 'REST'])
      .default('gRPC')
      .describe(
        'Ferry: the wire protocol. gRPC (the default, as ESO); REST (HTTP/1.1 + JSON) where gRPC cannot pass, such as proxies without HTTP/2.',
      ),
  }),
  [
    {
      rule: "!has(self.endpoint) || !self.endpoint.startsWith('http://') || !has(self.auth) || (!has(self.auth.secretRef) && !has(self.auth.workloadIdentity) && !has(self.auth.workloadIdentityFederation))",
      message:
        'an http:// endpoint is plaintext and never carries credentials: remove auth, or use an https:// endpoint',
    },
  ],
);
export type GCPSMProvider = z.infer<typeof GCPSMProvider>;
