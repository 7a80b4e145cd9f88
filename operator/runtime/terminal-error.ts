// A door of its own (see .dependency-cruiser.cjs): the render worker threads need this class, and
// runtime/index.ts would load leader election and the Kubernetes client into each of them.

/** The object is wrong as written (a bad spec): retrying cannot help until it changes, and a change adds it again. */
export class TerminalError extends Error {
  override name = 'TerminalError';
}
