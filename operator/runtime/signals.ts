/**
 * Calls `onShutdown` once on the first SIGTERM or SIGINT. A second signal means the person or the
 * kubelet has run out of patience: exit at once, non-zero.
 */
export function onShutdownSignal(onShutdown: (signal: NodeJS.Signals) => void): void {
  let received = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (received) {
      process.stderr.write(`received ${signal} again; exiting without finishing in-flight work\n`);
      process.exit(1);
    }
    received = true;
    onShutdown(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
