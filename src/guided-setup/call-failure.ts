// A failed AWS call as a step's words and what to do. When AWS never answered (a timeout, a reset
// connection, an endpoint that is not a URL or not AWS, AWS's own 5xx or throttling), nothing is
// known of the keys, the MFA code or the policies: the advice is describeAwsError's own (the
// endpoint, AWS_ENDPOINT_URL, a proxy, the network, or wait a minute), moved from the words to
// the fix line, rather than the step's "check the keys", which would send the person looking in
// the wrong place.
import { type AwsErrorKind, describeAwsError } from '../aws/errors';
import { capital } from '../sentence';
import type { StepCheck } from './setup-step';

/** Kinds of failure in which AWS said nothing of the request itself. */
const NOT_ANSWERED: ReadonlySet<AwsErrorKind> = new Set([
  'timed-out',
  'connection-reset',
  'unreachable',
  'not-aws',
  'bad-endpoint',
  'server-error',
  'throttled',
]);

export function callFailure(
  error: unknown,
  doing: string | undefined,
  /** What to check when AWS did answer (the keys, the MFA code): "check profile alice's keys". */
  otherwise: string,
): Extract<StepCheck, { state: 'failed' }> {
  const described = describeAwsError(error, doing ? { doing } : {});
  if (!NOT_ANSWERED.has(described.kind))
    return { state: 'failed', words: described.message, fix: `${capital(otherwise)}.` };
  const { words, advice } = splitAdvice(described.message);
  return {
    state: 'failed',
    words,
    fix: `${advice ? advice.replace(/\.$/, '') : 'Check the network and the endpoint (AWS_ENDPOINT_URL, a proxy)'}; then check again (c).`,
  };
}

/**
 * describeAwsError's message for a call AWS did not answer ends with what to do, a sentence of
 * its own ("… did not answer within 15s. Check AWS_ENDPOINT_URL (if set), any proxy …"): that
 * sentence, apart from what happened.
 */
function splitAdvice(message: string): { words: string; advice?: string } {
  const at = message.lastIndexOf('. ');
  if (at < 0 || !/^[A-Z]/.test(message.slice(at + 2))) return { words: message };
  return { words: message.slice(0, at + 1), advice: message.slice(at + 2) };
}

/**
 * A check that went wrong in a way none of the checks foresaw (a file unreadable, say). Here, not
 * in guided-setup.ts, so that the screen can use it without loading the checks' AWS clients.
 */
export function unexpectedFailure(error: unknown): Extract<StepCheck, { state: 'failed' }> {
  return callFailure(error, undefined, 'check your AWS files, then check again (c)');
}
