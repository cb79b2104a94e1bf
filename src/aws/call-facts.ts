// What a failed AWS call's error carries besides AWS's words: where it went, the timeouts it
// had, how many attempts it made. The client factory (clients.ts) marks each error; errors.ts
// reads the marks to say which endpoint did not answer and after how long. Kept apart from the
// factory so that describing an error never loads an SDK client.

/** The services rolecall calls, as the SDK names them (its AWS_ENDPOINT_URL_<NAME> spells spaces as _). */
export type AwsService = 'STS' | 'IAM' | 'SSO' | 'SSO OIDC';

export interface CallFacts {
  service: AwsService;
  /** Where the request went: https://sts.us-east-1.amazonaws.com, or AWS_ENDPOINT_URL's address. */
  endpoint: string;
  connectSeconds: number;
  requestSeconds: number;
  attempts?: number;
}

/** Said when a call failed in a way the SDK retries (throttling, a 5xx, a reset connection). */
export interface RetryNotice {
  service: AwsService;
  /** The attempt about to be made: 2 for the first retry. */
  attempt: number;
  maxAttempts: number;
  throttled: boolean;
  /** The retried call has ended (answered, or given up): what was said of its retries is stale. */
  over?: boolean;
}

export const CALL_FACTS = Symbol.for('rolecall.awsCallFacts');

export function markCallFacts(error: unknown, facts: CallFacts): void {
  if (!error || typeof error !== 'object') return;
  Object.defineProperty(error, CALL_FACTS, { value: facts, enumerable: false, configurable: true });
}

export function callFactsOf(error: unknown): CallFacts | undefined {
  return error && typeof error === 'object'
    ? ((error as { [CALL_FACTS]?: CallFacts })[CALL_FACTS] ?? undefined)
    : undefined;
}
