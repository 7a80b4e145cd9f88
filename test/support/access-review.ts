import { AuthorizationV1Api, type KubeConfig, type V1ResourceAttributes } from '@kubernetes/client-node';

/** The user name and groups the API server gives a ServiceAccount's tokens. */
export function serviceAccountUser(namespace: string, name: string): { user: string; groups: string[] } {
  return {
    user: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

/** Whether RBAC lets `subject` do what `attributes` describe (a SubjectAccessReview, asked as admin). */
export async function isAllowed(
  admin: KubeConfig,
  subject: { user: string; groups: string[] },
  attributes: V1ResourceAttributes,
): Promise<boolean> {
  const review = await admin.makeApiClient(AuthorizationV1Api).createSubjectAccessReview({
    body: { spec: { ...subject, resourceAttributes: attributes } },
  });
  return review.status?.allowed === true;
}
