// Who may read IAM in an account, most likely first: the live sessions there, the key profiles
// whose keys are the account's, the SSO profiles there (with a cached login), then the role
// profiles that need no MFA code. Readers never interrupt the person for a code: a chain that
// would ask for one is left out.

import type { AwsClients } from '../aws/clients';
import { type ProfileProviderOptions, providerForProfile } from '../credentials/from-profile';
import { type AskMfaCode, type CredentialProvider, staticProvider } from '../credentials/provider';
import type { MfaSessions } from '../mfa/mfa-sessions';
import { resolveChain } from '../profiles/chain';
import type { Profile } from '../profiles/profile';
import type { ProfileSet } from '../profiles/profile-set';
import { type SessionStore, sessionAccount } from '../sessions/store';
import type { IamReader } from './iam-listing';
import { ssoProfilesIn } from './role-rows';

/** Readers of IAM never interrupt the person for a code (chains needing one are skipped). */
const noCode: AskMfaCode = async () => {
  throw new Error('an MFA code would be needed');
};

/** How long a reader's role session lasts: AWS's least, as it only reads. */
const READER_SESSION_SECONDS = 900;

/**
 * The defaults a reader's role session is made with: the same as an assume's
 * (src/assuming/assume-defaults.ts, which the core hands in), named here by what readers use.
 */
export interface ReaderDefaults {
  forProviders(): Pick<
    ProfileProviderOptions,
    'defaultRegion' | 'defaultDurationSeconds' | 'sessionName' | 'clock' | 'env'
  >;
  sessionName(profile: string, role: string): string;
  regionOf(set: ProfileSet, profile: string): string;
}

export interface IamReadersOptions {
  sessions: SessionStore;
  mfaSessions: MfaSessions;
  rules: ReaderDefaults;
  clients: AwsClients;
  /** The account of a key profile's keys (asked of AWS), when it has keys. */
  accountOfKeys: (profile: string) => Promise<string | undefined>;
}

export class IamReaders {
  readonly #options: IamReadersOptions;

  constructor(options: IamReadersOptions) {
    this.#options = options;
  }

  /** Its chain would ask for a code (no live MFA session serves it): it is no reader. */
  needsCode(set: ProfileSet, profile: string): boolean {
    return this.#options.mfaSessions.wouldAskForCode(set, profile);
  }

  /** The role profile may read with no code asked for: its chain is sound and needs none. */
  mayRead(set: ProfileSet, profile: string): boolean {
    return !resolveChain(set, profile).problem && !this.needsCode(set, profile);
  }

  /** A role profile as a reader of IAM: short sessions, named for reading, never asking for a code. */
  asProfile(set: ProfileSet, name: string): { provider: CredentialProvider; region: string } {
    const { rules, mfaSessions, clients } = this.#options;
    const { provider } = providerForProfile(set, name, {
      ...rules.forProviders(),
      askCode: noCode,
      defaultDurationSeconds: READER_SESSION_SECONDS,
      sessionName: () => rules.sessionName(name, 'read'),
      mfaSessions: mfaSessions.byDevice,
      clients,
    });
    return { provider, region: rules.regionOf(set, name) };
  }

  /** Who may read IAM in the account, most likely first (asked lazily, one after another). */
  async *candidates(
    set: ProfileSet,
    account: string,
    profiles: readonly Profile[],
  ): AsyncGenerator<IamReader> {
    const { sessions, rules, accountOfKeys } = this.#options;
    for (const session of sessions.list()) {
      if (!session.origin.mfaSerial && sessionAccount(session.origin) === account) {
        const { id } = session;
        yield {
          // Read at each call: the session may have been refreshed since it listed the roles.
          provider: {
            label: `session ${id}`,
            retrieve: async () => {
              const live = sessions.get(id);
              if (!live) throw new Error(`Session ${id} was dropped; list the roles again.`);
              return live.credentials;
            },
          },
          region: session.region,
          via: `session ${session.id}`,
        };
      }
    }
    for (const [name] of set.profiles) {
      const keys = set.staticKeys(name);
      if (!keys || set.profiles.get(name)?.roleArn) continue;
      // Lazy: the account of a key profile is asked only when no earlier reader would do.
      if ((await accountOfKeys(name).catch(() => undefined)) !== account) continue;
      yield {
        provider: staticProvider(`profile ${name}`, keys),
        region: rules.regionOf(set, name),
        via: `profile ${name}`,
      };
    }
    // IAM Identity Center's permission sets here: a cached login is all they need, never a code.
    for (const { profile } of ssoProfilesIn(set, account)) {
      if (profile) yield { ...this.asProfile(set, profile), via: `profile ${profile}` };
    }
    for (const profile of profiles) {
      if (!this.mayRead(set, profile.name)) continue;
      yield { ...this.asProfile(set, profile.name), via: `profile ${profile.name}` };
    }
  }
}
