// The MFA sessions of this run, one per device: a GetSessionToken session a code started, which
// later assumes (and renewals) go through so that one code serves many roles. Everything that
// asks whether an assume goes through one asks here, and here follows the rule the providers
// follow (credentials/from-profile.ts): the profile's own role sits right on a user's long-term
// keys (mfaSessionDevice) and the session asked for is an hour or less (mfaSessionServes). Each session has its own row
// on the dashboard; dropping the row drops the session, and so does AWS refusing its credentials.
import { describeAwsError } from '../aws/errors';
import { ROLE_CHAINING_MAX_SECONDS } from '../aws-shapes/session-limits';
import { mfaSessionDevice, mfaSessionServes } from '../credentials/from-profile';
import type { MfaSessionProvider } from '../credentials/mfa-session';
import type { Credentials } from '../credentials/provider';
import { resolveChain } from '../profiles/chain';
import type { ProfileSet } from '../profiles/profile-set';
import type { SessionStore } from '../sessions/store';
import type { MfaCodes } from './mfa-codes';

/** AWS refused the MFA session's own credentials; it was dropped. The message says so. */
export class MfaSessionRefused extends Error {
  override name = 'MfaSessionRefused';
}

/** A live MFA session, with the device it is for. */
export interface LiveMfaSession {
  serial: string;
  provider: MfaSessionProvider;
  credentials: Credentials;
}

/** The dashboard row of the MFA session of a device. */
function rowId(serial: string): string {
  return `mfa:${serial.split('/').at(-1)}`;
}

export class MfaSessions {
  /** By device serial: what providerForProfile shares and starts sessions in. */
  readonly byDevice = new Map<string, MfaSessionProvider>();
  readonly #env: NodeJS.ProcessEnv;
  readonly #sessions: SessionStore;
  readonly #codes: MfaCodes;
  readonly #rowRegion: () => string;

  constructor(options: {
    env: NodeJS.ProcessEnv;
    /** The dashboard, where each MFA session has its row. */
    sessions: SessionStore;
    /** Renewals ask for a code through the interface's form. */
    codes: MfaCodes;
    /** The region shown on an MFA session's row. */
    rowRegion: () => string;
  }) {
    this.#env = options.env;
    this.#sessions = options.sessions;
    this.#codes = options.codes;
    this.#rowRegion = options.rowRegion;
    // The MFA session's row dropped from the dashboard drops the session itself: no role goes
    // through it afterwards, and the next assume that needs MFA asks for a code.
    options.sessions.on((event) => {
      const serial = event.session.origin.mfaSerial;
      if (event.type !== 'dropped' || !serial || event.session.id !== rowId(serial)) return;
      this.byDevice.get(serial)?.forget();
      this.byDevice.delete(serial);
    });
  }

  /** The device's MFA session, while it is live. */
  liveFor(serial: string | undefined): LiveMfaSession | undefined {
    const provider = serial ? this.byDevice.get(serial) : undefined;
    const credentials = provider?.live();
    return serial && provider && credentials ? { serial, provider, credentials } : undefined;
  }

  /** Every live MFA session. */
  live(): LiveMfaSession[] {
    return [...this.byDevice.keys()].flatMap((serial) => this.liveFor(serial) ?? []);
  }

  /**
   * The device whose MFA session an assume of `profile` for `durationSeconds` would go through
   * (whether or not it is live yet): none when more than an hour is asked for.
   */
  throughWhichDevice(
    set: ProfileSet,
    profile: string,
    durationSeconds = ROLE_CHAINING_MAX_SECONDS,
  ): string | undefined {
    return mfaSessionServes(durationSeconds) ? mfaSessionDevice(set, profile, this.#env) : undefined;
  }

  /** The live MFA session an assume of `profile` for `durationSeconds` would go through. */
  liveThrough(set: ProfileSet, profile: string, durationSeconds?: number): LiveMfaSession | undefined {
    return this.liveFor(this.throughWhichDevice(set, profile, durationSeconds));
  }

  /**
   * Of several devices a new profile could name, the one whose live session an assume for
   * `durationSeconds` would go through; none when it would not go through one.
   */
  liveAmong(serials: readonly string[], durationSeconds: number): string | undefined {
    if (!mfaSessionServes(durationSeconds)) return undefined;
    return serials.find((serial) => this.liveFor(serial));
  }

  /**
   * Its chain would ask for a code: a hop names an MFA device, and no live MFA session serves
   * it (each hop with the duration it asks for, else an hour at most).
   */
  wouldAskForCode(set: ProfileSet, profile: string): boolean {
    return resolveChain(set, profile).hops.some(
      (hop) => hop.mfaSerial && !this.liveThrough(set, hop.profile, hop.durationSeconds),
    );
  }

  /** MFA sessions started by an assume get a row of their own, with their own countdown. */
  showOnDashboard(): void {
    for (const { serial, provider, credentials } of this.live()) {
      const id = rowId(serial);
      if (this.#sessions.get(id)?.credentials === credentials) continue;
      this.#sessions.add(
        {
          id,
          credentials,
          origin: { source: provider.source, mfa: true, chained: false, mfaSerial: serial },
          region: this.#rowRegion(),
          autoRefresh: false,
        },
        () => this.#codes.run(() => provider.renew()),
      );
    }
  }

  /**
   * Runs an assume (or a renewal) of a profile; when it went through a live MFA session and AWS
   * refused that session's own credentials (expired early, revoked, its key unknown), the
   * session is dropped, from the dashboard too, and the error says so: until then every role
   * would stay marked assumable through a session AWS no longer takes. `durationSeconds`
   * undefined: the assume asks for a fresh code and does not go through the session.
   */
  async refusedDropped<T>(
    set: ProfileSet,
    profile: string,
    durationSeconds: number | undefined,
    run: () => Promise<T>,
  ): Promise<T> {
    const through =
      durationSeconds === undefined ? undefined : this.liveThrough(set, profile, durationSeconds);
    try {
      return await run();
    } catch (error) {
      if (!through) throw error;
      const { serial, provider, credentials } = through;
      const { kind } = describeAwsError(error);
      if (kind !== 'expired' && kind !== 'invalid-credentials') throw error;
      const why = kind === 'expired' ? 'it has expired' : 'its key is unknown to AWS, or was revoked';
      // Another assume or a renewal may have started a new session while AWS answered: that one
      // was not refused, and stays. (None live: the refused one has run out meanwhile.)
      const now = provider.live();
      if (now && now !== credentials) {
        throw new MfaSessionRefused(
          `AWS refused the MFA session for ${serial} (${why}); a new one has started since, which the next assume uses.`,
          { cause: error },
        );
      }
      provider.forget();
      if (this.byDevice.get(serial) === provider) this.byDevice.delete(serial);
      const id = rowId(serial);
      if (this.#sessions.get(id)?.credentials === credentials) this.#sessions.drop(id);
      throw new MfaSessionRefused(
        `AWS refused the MFA session for ${serial} (${why}); it was dropped: the next assume asks for a code.`,
        { cause: error },
      );
    }
  }
}
