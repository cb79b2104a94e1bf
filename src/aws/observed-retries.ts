// The SDK's standard retry mode as every client made in clients.ts retries: told to the status
// line before each wait, and never again after a timeout or once the run is stopped. Loaded with
// the first call (clients.ts DeferredRetries), with @smithy/core's retry code and what it pulls in.
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { AwsService, RetryNotice } from './call-facts';

type Token = Parameters<StandardRetryStrategy['recordSuccess']>[0];
type ErrorInfo = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[1];

/**
 * The SDK's standard retry mode (throttling, 5xx, a reset connection; exponential backoff with
 * jitter, at most maxAttempts), told to the listeners before each wait. A call that used up its
 * whole timeout is not tried again: the person has already waited that long for an endpoint
 * that does not answer, and three timeouts in a row would triple it.
 */
export class ObservedRetries extends StandardRetryStrategy {
  readonly #attempts: number;
  readonly #service: AwsService;
  readonly #listeners: ReadonlySet<(notice: RetryNotice) => void>;
  readonly #signal: AbortSignal | undefined;

  constructor(
    maxAttempts: number,
    service: AwsService,
    listeners: ReadonlySet<(notice: RetryNotice) => void>,
    signal: AbortSignal | undefined,
  ) {
    super(maxAttempts);
    this.#attempts = maxAttempts;
    this.#service = service;
    this.#listeners = listeners;
    this.#signal = signal;
  }

  override async refreshRetryTokenForRetry(token: Token, errorInfo: ErrorInfo): Promise<Token> {
    const next = token.getRetryCount() + 2;
    const notice: RetryNotice = {
      service: this.#service,
      attempt: next,
      maxAttempts: this.#attempts,
      throttled: errorInfo.errorType === 'THROTTLING',
    };
    const retryable = errorInfo.errorType === 'THROTTLING' || errorInfo.errorType === 'TRANSIENT';
    if (isTimeout(errorInfo.error) || this.#signal?.aborted || !retryable || next > this.#attempts) {
      // Given up: a "retrying" said of an earlier attempt is no longer true.
      if (next > 2) this.#tell({ ...notice, over: true });
      if (isTimeout(errorInfo.error) || this.#signal?.aborted) throw new Error('not retried');
    } else {
      this.#tell(notice);
    }
    const refreshed = super.refreshRetryTokenForRetry(token, errorInfo);
    if (!this.#signal) return refreshed;
    // The backoff wait ends when the signal does.
    const signal = this.#signal;
    let stop = () => {};
    const aborted = new Promise<never>((_, reject) => {
      stop = () => reject(new Error('not retried'));
      signal.addEventListener('abort', stop, { once: true });
    });
    try {
      return await Promise.race([refreshed, aborted]);
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  override recordSuccess(token: Token): void {
    super.recordSuccess(token);
    // Answered after a retry: the "retrying" said of it is no longer true.
    if (token.getRetryCount() > 0) {
      this.#tell({
        service: this.#service,
        attempt: token.getRetryCount() + 1,
        maxAttempts: this.#attempts,
        throttled: false,
        over: true,
      });
    }
  }

  #tell(notice: RetryNotice): void {
    for (const listener of this.#listeners) listener(notice);
  }
}

/** The handler's own timeouts: no connection in time, or no answer in time (not a reset). */
function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string } | undefined;
  if (e?.name !== 'TimeoutError') return false;
  return e.code === 'ETIMEDOUT' || /did not establish a connection|timed out after/.test(e.message ?? '');
}
