// What a test does to moto besides using its AWS APIs: create IAM users and roles (IAM's query
// API; no IAM SDK is a dependency), switch IAM checks on and off, and look at the STS sessions it
// handed out. `endpoint` is the server's AWS_ENDPOINT_URL.

/** A policy document statement list, as IAM takes it. */
export type PolicyStatement = Record<string, unknown>;
const policyDocument = (statements: PolicyStatement[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

/**
 * One IAM call. Unsigned: made while IAM checks are off, moto only needs the credential scope to
 * route the request to IAM.
 */
async function iam(endpoint: string, action: string, params: Record<string, string>): Promise<string> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAFERRYMOTOTEST000/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({ Action: action, Version: '2010-05-08', ...params }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`moto IAM ${action} answered HTTP ${String(response.status)}`);
  return body;
}

const element = (xml: string, name: string): string => {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!match?.[1]) throw new Error(`moto IAM answer has no ${name}`);
  return match[1];
};

/** An IAM user with one access key and an inline policy of `statements`. */
export async function createIamUser(
  endpoint: string,
  name: string,
  statements: PolicyStatement[],
): Promise<{ arn: string; accessKeyId: string; secretAccessKey: string }> {
  const user = await iam(endpoint, 'CreateUser', { UserName: name });
  if (statements.length > 0) {
    await iam(endpoint, 'PutUserPolicy', {
      UserName: name,
      PolicyName: `${name}-policy`,
      PolicyDocument: policyDocument(statements),
    });
  }
  const key = await iam(endpoint, 'CreateAccessKey', { UserName: name });
  return {
    arn: element(user, 'Arn'),
    accessKeyId: element(key, 'AccessKeyId'),
    secretAccessKey: element(key, 'SecretAccessKey'),
  };
}

/** An IAM role with a trust policy and an inline permission policy; returns its ARN. */
export async function createIamRole(
  endpoint: string,
  name: string,
  trust: PolicyStatement[],
  statements: PolicyStatement[],
): Promise<string> {
  const role = await iam(endpoint, 'CreateRole', {
    RoleName: name,
    AssumeRolePolicyDocument: policyDocument(trust),
  });
  if (statements.length > 0) {
    await iam(endpoint, 'PutRolePolicy', {
      RoleName: name,
      PolicyName: `${name}-policy`,
      PolicyDocument: policyDocument(statements),
    });
  }
  return element(role, 'Arn');
}

/**
 * With checks on, moto authenticates every request against its IAM users and STS sessions (SigV4
 * signature, session token) and authorises it against their policies and roles' trust policies,
 * including an sts:ExternalId condition. Off is moto's default: any well-formed key works.
 */
export async function setIamChecks(endpoint: string, on: boolean): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset-auth`, {
    method: 'POST',
    body: on ? '0' : 'inf',
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`moto reset-auth answered HTTP ${String(response.status)}`);
}

export interface RoleSession {
  roleArn: string;
  sessionName: string;
  externalId: string | null;
}

/** The STS sessions moto handed out since it started or was reset, oldest first. */
export async function roleSessions(endpoint: string): Promise<RoleSession[]> {
  const response = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(10_000) });
  const data = (await response.json()) as {
    sts?: { AssumedRole?: { role_arn: string; session_name: string; external_id: string | null }[] };
  };
  return (data.sts?.AssumedRole ?? []).map((session) => ({
    roleArn: session.role_arn,
    sessionName: session.session_name,
    externalId: session.external_id,
  }));
}
