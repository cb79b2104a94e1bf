// When a live session's credentials are worth handing out as they are, and what may be served
// at all: the rules the endpoint, the socket's requests and the ticks share.
import type { Session } from '../sessions/store';
import type { ClientMode } from './protocol';
import { Refused, refusal } from './refusals';

/**
 * botocore starts refreshing container credentials 15 minutes before they expire (the JS SDK 5):
 * credentials handed out with less would be asked for again at once, so the session is
 * refreshed first when it can be.
 */
export const SERVE_MARGIN_SECONDS = 15 * 60;

/**
 * Less than the serving margin left, and past half its length: worth refreshing (a session
 * shorter than the margin is not refreshed on every ask). `issuedAt` unknown: only the margin.
 */
export function dueForRefresh(
  session: Session,
  secondsLeft: number | undefined,
  issuedAt: number | undefined,
): boolean {
  if (secondsLeft === undefined) return false;
  const length =
    issuedAt === undefined
      ? Number.POSITIVE_INFINITY
      : (session.credentials.expiration?.getTime() ?? 0) - issuedAt;
  return secondsLeft <= SERVE_MARGIN_SECONDS && secondsLeft * 1000 <= length / 2;
}

/**
 * The SDKs refuse an endpoint answer without Token and Expiration (the JS SDK's fromHttp,
 * botocore's container provider): long-term keys cannot be served that way.
 */
export function servable(mode: ClientMode, session: Session): void {
  if (mode === 'endpoint' && !session.credentials.sessionToken)
    throw new Refused(
      refusal(
        'refused',
        `${session.id} holds long-term keys, not a session: the credentials endpoint serves only temporary credentials. Use a role profile, or shellCredentials exported.`,
      ),
    );
}

/** The refresh, or after `ms` an error that says what did not end; the refresh goes on regardless. */
export function withinTime<T>(work: Promise<T>, ms: number, id: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `The refresh of ${id} did not end within ${Math.round(ms / 1000)} s: it may be waiting for an MFA code in the rolecall dashboard.`,
          ),
        ),
      ms,
    );
    timer.unref();
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
