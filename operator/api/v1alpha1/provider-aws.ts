import { z } from 'zod';
import { cel, SecretKeySelector, serviceAccountSelector } from './common.ts';

const roleArnPattern = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]{1,512}$/;
const RoleArn = z
  .string()
  .max(2048)
  .regex(roleArnPattern, 'expected an IAM role ARN such as "arn:aws:iam::123456789012:role/name"');

// An http(s) URL without user info, query or fragment: what the SDK takes as an endpoint.
const endpointPattern =
  /^https?:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/;
const Endpoint = z
  .string()
  .max(2048)
  .regex(
    endpointPattern,
    'expected a URL such as "https://vpce-0abc.secretsmanager.eu-west-1.vpce.amazonaws.com"',
  );

const SessionTag = z.object({
  key: z.string().min(1).max(128),
  value: z.string().max(256),
});

/** ESO's `aws` provider: AWS Secrets Manager. */
export const AWSProvider = cel(
  z.object({
    service: z
      .enum(['SecretsManager', 'ParameterStore'])
      .describe(
        'Which AWS service holds the secrets. Ferry supports SecretsManager; ParameterStore is not supported yet.',
      ),
    region: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z]{2,}(-[a-z]+)+-[0-9]+$/, 'expected an AWS region such as "eu-west-1"')
      .describe('The AWS region of the secrets, e.g. "eu-west-1".'),
    auth: cel(
      z.object({
        secretRef: z
          .object({
            accessKeyIDSecretRef: SecretKeySelector.describe('A Secret key holding the access key ID.'),
            secretAccessKeySecretRef: SecretKeySelector.describe(
              'A Secret key holding the secret access key.',
            ),
            sessionTokenSecretRef: SecretKeySelector.optional().describe(
              'A Secret key holding a session token, when the keys are temporary credentials.',
            ),
          })
          .optional()
          .describe("Static credentials (an IAM user's access key) from Secrets."),
        jwt: z
          .object({
            serviceAccountRef: serviceAccountSelector({
              description: 'Extra audiences of the token, after "sts.amazonaws.com".',
              maxLength: 512,
            }).describe(
              'The ServiceAccount whose token (TokenRequest API) is exchanged with AssumeRoleWithWebIdentity.',
            ),
          })
          .optional()
          .describe(
            "Web identity (IRSA-style): a ServiceAccount token exchanged for the first role of additionalRoles, else for role. With neither, the role the ServiceAccount's eks.amazonaws.com/role-arn annotation names, as ESO.",
          ),
      }),
      [
        {
          rule: '!(has(self.secretRef) && has(self.jwt))',
          message:
            "auth takes at most one of secretRef or jwt (none: the AWS SDK's default credential chain)",
        },
      ],
    )
      .optional()
      .describe("How to authenticate; the AWS SDK's default credential chain when unset."),
    role: RoleArn.optional().describe(
      'An IAM role to assume (after additionalRoles), with externalID and sessionTags.',
    ),
    additionalRoles: z
      .array(RoleArn)
      .max(8)
      .optional()
      .describe('Roles assumed in order before role: a chain across accounts.'),
    externalID: z
      .string()
      .min(2)
      .max(1224)
      .regex(/^[\w+=,.@:/-]+$/, 'expected letters, digits and +=,.@:/-')
      .optional()
      .describe("The external ID that role's trust policy asks for."),
    sessionTags: z
      .array(SessionTag)
      .max(50)
      .optional()
      .describe('Session tags passed when assuming role (needs sts:TagSession in its trust policy).'),
    transitiveTagKeys: z
      .array(z.string().min(1).max(128))
      .max(50)
      .optional()
      .describe('Which of sessionTags carry over to roles assumed from this session.'),
    sessionTagsPolicy: z
      .enum(['None', 'Simple', 'Custom'])
      .optional()
      .describe("ESO's automatic session tags. Ferry supports only None (the default) yet."),
    prefix: z
      .string()
      .max(512)
      .optional()
      .describe('Prepended to every remoteRef.key (not to find, which matches whole names).'),
    secretsManager: z
      .object({
        forceDeleteWithoutRecovery: z.boolean().optional(),
        recoveryWindowInDays: z.number().int().min(7).max(30).optional(),
      })
      .optional()
      .describe('How PushSecret deletes secrets. Accepted for ESO manifests; Ferry has no PushSecret yet.'),
    endpoint: Endpoint.optional().describe(
      'Ferry: the Secrets Manager endpoint URL, for a VPC endpoint, a FIPS or sovereign endpoint, or a local emulator. http:// is plaintext: for local emulators only.',
    ),
    stsEndpoint: Endpoint.optional().describe(
      'Ferry: the STS endpoint URL for AssumeRole and AssumeRoleWithWebIdentity; the regional STS endpoint when unset.',
    ),
  }),
  [
    {
      rule: "self.service == 'SecretsManager'",
      message: 'service ParameterStore is not supported by Ferry yet; use SecretsManager',
    },
    {
      rule: "!has(self.sessionTagsPolicy) || self.sessionTagsPolicy == 'None'",
      message: 'sessionTagsPolicy Simple and Custom are not supported by Ferry yet; use sessionTags',
    },
    {
      rule: '!(has(self.externalID) || has(self.sessionTags) || has(self.transitiveTagKeys)) || has(self.role)',
      message: 'externalID, sessionTags and transitiveTagKeys apply when assuming role: set role',
    },
    {
      rule: '!has(self.auth) || !has(self.auth.jwt) || !(has(self.externalID) || has(self.sessionTags)) || (has(self.additionalRoles) && size(self.additionalRoles) > 0)',
      message:
        "with auth.jwt, role is assumed with the ServiceAccount's token, which takes no externalID or sessionTags: put that web identity role first in additionalRoles and keep role for the role that needs them",
    },
  ],
);
export type AWSProvider = z.infer<typeof AWSProvider>;
