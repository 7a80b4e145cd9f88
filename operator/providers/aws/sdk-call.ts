import { UnavailableError } from '../errors.ts';
import { toProviderError, type FailedCall } from './aws-error.ts';
import { callTimeoutMs } from './sdk-options.ts';

/**
 * One SDK call under the caller's signal and the adapter's own timeout. An abort by the caller
 * rejects with its reason; `answerFor` may turn an AWS failure into an answer; any other failure
 * becomes a sanitised ProviderError.
 */
export async function sdkCall<T>(
  signal: AbortSignal,
  call: FailedCall,
  send: (abortSignal: AbortSignal) => Promise<T>,
  answerFor: (error: unknown) => T | undefined = () => undefined,
): Promise<T> {
  signal.throwIfAborted();
  const timeout = AbortSignal.timeout(callTimeoutMs);
  try {
    return await send(AbortSignal.any([signal, timeout]));
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (timeout.aborted) {
      throw new UnavailableError(
        `aws: ${call.service} at ${call.endpoint} did not answer to ${call.action} within ${String(callTimeoutMs / 1000)} s`,
      );
    }
    const answer = answerFor(error);
    if (answer !== undefined) return answer;
    throw toProviderError(error, call);
  }
}
