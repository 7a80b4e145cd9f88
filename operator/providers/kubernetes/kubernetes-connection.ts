/** Everything needed to reach one API server as one identity, already checked. */
export interface KubernetesConnection {
  /** The API server's https URL, without user info or a trailing slash. */
  server: string;
  /** PEM bundle to trust; absent means the system's roots, as kubectl does. */
  caPem?: string;
  tlsServerName?: string;
  identity:
    { kind: 'bearerToken'; token: string } | { kind: 'clientCertificate'; certPem: string; keyPem: string };
}
