/** One role to assume on the way to the identity that reads secrets. */
export interface RoleToAssume {
  roleArn: string;
  externalId?: string;
  tags?: { key: string; value: string }[];
  transitiveTagKeys?: string[];
}

/** Who the store starts as, before any role is assumed. */
export type BaseIdentity =
  | { kind: 'accessKey'; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** A ServiceAccount token, exchanged with AssumeRoleWithWebIdentity for the first role of the chain. */
  | { kind: 'webIdentity'; token: string }
  /** The AWS SDK's default chain: environment, shared files, web identity token file, ECS, EC2 metadata. */
  | { kind: 'defaultChain' };

/** Everything needed to reach Secrets Manager as one identity, already checked. */
export interface AwsConnection {
  region: string;
  endpoint?: string;
  stsEndpoint?: string;
  base: BaseIdentity;
  /** Assumed in order; with a web identity the first is assumed with its token. */
  roles: RoleToAssume[];
}
