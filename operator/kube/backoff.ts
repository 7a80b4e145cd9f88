/** Exponential backoff with full jitter: the n-th retry waits a random time up to base·2ⁿ, capped. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(baseMs, Math.floor(random() * ceiling));
}
