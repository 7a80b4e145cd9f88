import { z } from 'zod';
import { cel, NamespaceName, ObjectName, SecretKeySelector, serviceAccountSelector } from './common.ts';

// A Vault path: a mount (`secret`, `kv/team-a`), an auth mount (`approle`) or a namespace
// (`team-a/apps`): segments of the characters Vault's own mounts use, no empty segment. The
// adapter also refuses `.` and `..` segments (RE2, which the API server runs, has no lookahead).
const vaultPathPattern = /^[A-Za-z0-9_.@-]+(\/[A-Za-z0-9_.@-]+)*\/?$/;
const VaultPath = z
  .string()
  .min(1)
  .max(512)
  .regex(vaultPathPattern, 'expected a Vault path such as "secret" or "team-a/kv": no leading slash');
/** A role, username or role id: sent as is, so no control characters. */
const VaultName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^\p{Cc}]+$/u, 'expected a name without control characters');

/** ESO's ServiceAccountSelector: a ServiceAccount whose TokenRequest token the store logs in with. */
const ServiceAccountSelector = serviceAccountSelector({
  description: 'Audiences of the token; the API server default when empty.',
  maxLength: 256,
});

const CAProvider = z.object({
  type: z.enum(['Secret', 'ConfigMap']).describe('Whether the CA bundle is in a Secret or a ConfigMap.'),
  name: ObjectName.describe('Name of the Secret or ConfigMap.'),
  key: z.string().min(1).max(253).describe('Key holding the PEM CA bundle.'),
  namespace: NamespaceName.optional().describe(
    'Namespace of the object. Only ClusterSecretStores may name one; a SecretStore reads its own namespace.',
  ),
});

const AppRoleAuth = cel(
  z.object({
    path: VaultPath.default('approle').describe('Mount path of the AppRole auth method.'),
    roleId: VaultName.optional().describe('The RoleID, written in the store.'),
    roleRef: SecretKeySelector.optional().describe('A Secret key holding the RoleID, instead of roleId.'),
    secretRef: SecretKeySelector.describe('A Secret key holding the SecretID.'),
  }),
  [
    {
      rule: 'has(self.roleId) != has(self.roleRef)',
      message: 'appRole needs exactly one of roleId or roleRef',
    },
  ],
);

const KubernetesAuth = cel(
  z.object({
    mountPath: VaultPath.default('kubernetes').describe('Mount path of the Kubernetes auth method.'),
    role: VaultName.describe('The Vault role to log in as; it binds ServiceAccounts to policies.'),
    serviceAccountRef: ServiceAccountSelector.optional().describe(
      'Log in with a short-lived token of this ServiceAccount, requested with the TokenRequest API.',
    ),
    secretRef: SecretKeySelector.optional().describe(
      'Log in with a ServiceAccount token kept in a Secret (key "token" by default).',
    ),
  }),
  [
    {
      rule: '!(has(self.serviceAccountRef) && has(self.secretRef))',
      message:
        'kubernetes auth takes serviceAccountRef or secretRef, not both; with neither, the operator logs in with its own ServiceAccount token',
    },
  ],
);

const JwtAuth = cel(
  z.object({
    path: VaultPath.default('jwt').describe('Mount path of the JWT/OIDC auth method.'),
    role: z
      .string()
      .max(512)
      .regex(/^[^\p{Cc}]*$/u, 'expected a name without control characters')
      .optional()
      .describe("The Vault role to log in as; the auth method's default_role when empty."),
    secretRef: SecretKeySelector.optional().describe('A Secret key holding the JWT.'),
    kubernetesServiceAccountToken: z
      .object({
        serviceAccountRef: ServiceAccountSelector.describe(
          'The ServiceAccount whose TokenRequest token is the JWT.',
        ),
        audiences: z
          .array(z.string().min(1).max(256))
          .max(16)
          .optional()
          .describe(
            'Audiences added to the token; ["vault"] when not set (deprecated in ESO: use serviceAccountRef.audiences).',
          ),
        expirationSeconds: z
          .number()
          .int()
          .min(600)
          .max(86_400)
          .optional()
          .describe(
            'Accepted for ESO compatibility; Ferry requests 10-minute tokens and logs in again with a new one.',
          ),
      })
      .optional()
      .describe('Log in with a short-lived token of a ServiceAccount, requested with the TokenRequest API.'),
  }),
  [
    {
      rule: 'has(self.secretRef) != has(self.kubernetesServiceAccountToken)',
      message: 'jwt auth needs exactly one of secretRef or kubernetesServiceAccountToken',
    },
  ],
);

const CertAuth = z.object({
  path: VaultPath.default('cert').describe('Mount path of the TLS certificate auth method.'),
  clientCert: SecretKeySelector.describe('A Secret key holding the PEM client certificate.'),
  secretRef: SecretKeySelector.describe(
    'A Secret key holding the PEM private key of the client certificate.',
  ),
  vaultRole: VaultName.optional().describe(
    'The certificate role to log in as; Vault tries every role that trusts the certificate when empty.',
  ),
});

const UserPassAuth = z.object({
  path: VaultPath.default('userpass').describe('Mount path of the userpass auth method.'),
  username: VaultName.describe('The username.'),
  secretRef: SecretKeySelector.describe('A Secret key holding the password.'),
});

/** Headers the adapter sets itself: a custom header must not override them. */
const reservedHeaders = ['x-vault-token', 'x-vault-namespace'];

const authMethods = ['tokenSecretRef', 'appRole', 'kubernetes', 'jwt', 'cert', 'userPass'] as const;

const VaultAuth = cel(
  z.object({
    namespace: z
      .string()
      .max(512)
      .regex(
        new RegExp(`^(${vaultPathPattern.source.slice(1, -1)})?$`),
        'expected a Vault namespace path, or "" for the root namespace',
      )
      .optional()
      .describe(
        'Vault namespace to log in to, when it differs from the namespace secrets are read from; "" is the root namespace.',
      ),
    tokenSecretRef: SecretKeySelector.optional().describe('A Secret key holding a Vault token.'),
    appRole: AppRoleAuth.optional().describe('Log in with an AppRole RoleID and SecretID.'),
    kubernetes: KubernetesAuth.optional().describe('Log in with a Kubernetes ServiceAccount token.'),
    jwt: JwtAuth.optional().describe('Log in with a JWT (the JWT/OIDC auth method).'),
    cert: CertAuth.optional().describe('Log in with a TLS client certificate.'),
    userPass: UserPassAuth.optional().describe('Log in with a username and password.'),
  }),
  [
    {
      rule: `[${authMethods.map((method) => `has(self.${method})`).join(', ')}].filter(x, x).size() == 1`,
      message: `auth needs exactly one of ${authMethods.join(', ')}`,
    },
  ],
);

/** ESO's `vault` provider: the KV secrets engine of HashiCorp Vault or OpenBao. */
export const VaultProvider = cel(
  z.object({
    server: z
      .string()
      .min(1)
      .max(2048)
      .describe('Address of the Vault server, e.g. "https://vault.example.com:8200".'),
    path: VaultPath.optional().describe(
      'Mount path of the KV secrets engine, e.g. "secret". When not set, every remoteRef.key starts with the mount.',
    ),
    version: z.enum(['v1', 'v2']).default('v2').describe('Version of the KV secrets engine mounted at path.'),
    namespace: VaultPath.optional().describe(
      'Vault namespace (Vault Enterprise, OpenBao) to read from, sent as X-Vault-Namespace.',
    ),
    caBundle: z
      .string()
      .max(64 * 1024)
      .optional()
      .describe('PEM CA bundle, base64-encoded, to trust the server; the system roots when not set.'),
    caProvider: CAProvider.optional().describe('A Secret or ConfigMap key holding the PEM CA bundle.'),
    tls: cel(
      z.object({
        certSecretRef: SecretKeySelector.optional().describe(
          'A Secret key holding the PEM client certificate (key "tls.crt" by default).',
        ),
        keySecretRef: SecretKeySelector.optional().describe(
          'A Secret key holding its PEM private key (key "tls.key" by default).',
        ),
      }),
      [
        {
          rule: 'has(self.certSecretRef) == has(self.keySecretRef)',
          message: 'tls needs both certSecretRef and keySecretRef, or neither',
        },
      ],
    )
      .optional()
      .describe('A client certificate for servers that require mutual TLS (not the cert auth method).'),
    headers: cel(
      z
        .record(
          z
            .string()
            .max(256)
            .regex(/^[A-Za-z0-9-]+$/, 'expected an HTTP header name')
            .refine(
              (name) => !reservedHeaders.includes(name.toLowerCase()),
              'X-Vault-Token and X-Vault-Namespace come from auth and namespace',
            ),
          z
            .string()
            .max(4096)
            .regex(/^[^\p{Cc}]*$/u, 'expected a header value without control characters'),
        )
        .meta({ maxProperties: 32 }),
      [
        {
          rule: `self.all(name, name.size() <= 256 && name.matches('^[A-Za-z0-9-]+$') && !(name.lowerAscii() in [${reservedHeaders.map((name) => `'${name}'`).join(', ')}]))`,
          message:
            'header names must be HTTP header names other than X-Vault-Token and X-Vault-Namespace (set those through auth and namespace)',
        },
      ],
    )
      .optional()
      .describe('Additional HTTP headers sent with every request.'),
    readYourWrites: z
      .boolean()
      .optional()
      .describe('Accepted for ESO compatibility; it has no effect, since Ferry only reads.'),
    forwardInconsistent: z
      .boolean()
      .optional()
      .describe(
        'Ask performance standbys to forward reads they cannot serve consistently to the active node.',
      ),
    auth: VaultAuth.optional().describe(
      'How to authenticate. Without it no token is sent (e.g. behind a Vault Agent or OpenBao Agent proxy).',
    ),
  }),
  [
    {
      rule: "self.server.startsWith('https://') || self.server.startsWith('http://')",
      message: 'server must be an http:// or https:// URL, e.g. "https://vault.example.com:8200"',
    },
  ],
);
export type VaultProvider = z.infer<typeof VaultProvider>;
