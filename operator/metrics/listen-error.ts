/**
 * The error to stop with when the health and metrics server cannot listen: what is wrong with the
 * address and which setting chooses another, instead of Node's `listen EADDRINUSE`.
 */
export function listenError(error: unknown, address: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const port = /:(\d+)$/.exec(address)?.[1] ?? '';
  const why =
    code === 'EADDRINUSE'
      ? `another process is listening on port ${port}`
      : code === 'EACCES'
        ? `this process may not listen on port ${port} (ports below 1024 need privileges)`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `${address.replace(/:\d+$/, '')} is not an address of this machine`
          : (code ?? String(error));
  return new Error(
    `cannot serve /metrics, /healthz and /readyz on ${address}: ${why}. Choose another address with ` +
      '--metrics-address=HOST:PORT or the environment variable FERRY_METRICS_ADDRESS=HOST:PORT ' +
      '(the flag wins; port 0 picks a free port).',
    { cause: error },
  );
}
