// An MFA session: GetSessionToken with a code, kept in memory for its lifetime (never on disk),
// so one code serves every role assumed from it. Roles assumed with its credentials count as
// role chaining, capped at one hour (aws-reference.md section 2).
import type { AwsClients } from '../aws/clients';
import type { Clock } from '../clock';
import { type AskMfaCode, type CredentialProvider, type Credentials, isFresh } from './provider';
import { stsClientFor, stsSdk } from './sts-client';

export const DEFAULT_MFA_SESSION_SECONDS = 12 * 3600;

export interface MfaSessionProvider extends CredentialProvider {
  readonly serial: string;
  /** Whose long-term keys it was started from: "profile alice". */
  readonly source: string;
  /** The live session, if there is one: no code is asked for while it lasts. */
  live(): Credentials | undefined;
  /** When the live session's code was given (ms): aws:MultiFactorAuthAge counts from then. */
  startedAt(): number | undefined;
  /** A new session now, with a new code, even while the current one lasts. */
  renew(): Promise<Credentials>;
  /** Forgets the session (AWS refused it): the next use asks for a code. */
  forget(): void;
}

export function mfaSessionProvider(options: {
  source: CredentialProvider;
  serial: string;
  askCode: AskMfaCode;
  region: string;
  clock: Clock;
  durationSeconds?: number;
  clients: AwsClients;
}): MfaSessionProvider {
  let session: Credentials | undefined;
  let startedAt: number | undefined;
  let pending: Promise<Credentials> | undefined;
  const fetch = async (): Promise<Credentials> => {
    const code = await options.askCode(options.serial, `to start an MFA session for ${options.source.label}`);
    const { GetSessionTokenCommand } = await stsSdk();
    const sts = await stsClientFor(options.source, options.region, options.clients);
    const out = await sts.send(
      new GetSessionTokenCommand({
        SerialNumber: options.serial,
        TokenCode: code,
        DurationSeconds: options.durationSeconds ?? DEFAULT_MFA_SESSION_SECONDS,
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('GetSessionToken returned no credentials');
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  };
  return {
    label: `MFA session of ${options.source.label}`,
    serial: options.serial,
    source: options.source.label,
    live: () => (isFresh(session, options.clock) ? session : undefined),
    startedAt: () => (isFresh(session, options.clock) ? startedAt : undefined),
    async retrieve() {
      if (isFresh(session, options.clock)) return session;
      return renew();
    },
    renew,
    forget() {
      session = undefined;
      startedAt = undefined;
    },
  };
  async function renew(): Promise<Credentials> {
    // Two roles asking at once share one code.
    pending ??= fetch().finally(() => {
      pending = undefined;
    });
    const asked = options.clock.now();
    session = await pending;
    startedAt = asked;
    return session;
  }
}
