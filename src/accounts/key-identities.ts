// Whose keys each key profile holds (GetCallerIdentity): what places it in an account, and who
// assumes the roles reached from it. Asked once per profile until forget(); a failure (offline,
// say) is not kept, so the next look asks again.
import type { AwsClients } from '../aws/clients';
import { type CallerIdentity, callerIdentity } from '../credentials/caller-identity';
import { staticProvider } from '../credentials/provider';
import type { LoadedProfiles } from '../profiles/loaded-profiles';
import type { ProfileSet } from '../profiles/profile-set';

/** The identity of a profile's own keys; undefined when it has none. */
export type IdentityOf = (profile: string) => Promise<CallerIdentity | undefined>;

export class KeyIdentities {
  readonly #asked = new Map<string, Promise<CallerIdentity | undefined>>();
  readonly #profiles: LoadedProfiles;
  readonly #clients: AwsClients;
  readonly #region: (set: ProfileSet, profile: string) => string;

  constructor(options: {
    profiles: LoadedProfiles;
    clients: AwsClients;
    /** The region a profile's calls go to. */
    region: (set: ProfileSet, profile: string) => string;
  }) {
    this.#profiles = options.profiles;
    this.#clients = options.clients;
    this.#region = options.region;
  }

  /** The identity of the profile's keys. */
  readonly of: IdentityOf = (profile) => {
    let answer = this.#asked.get(profile);
    if (!answer) {
      answer = this.#profiles.read().then((set) => {
        const keys = set.staticKeys(profile);
        return keys
          ? callerIdentity(
              staticProvider(`profile ${profile}`, keys),
              this.#region(set, profile),
              this.#clients,
            )
          : undefined;
      });
      this.#asked.set(profile, answer);
      answer.catch(() => this.#asked.get(profile) === answer && this.#asked.delete(profile));
    }
    return answer;
  };

  /** The next look asks AWS again. */
  forget(): void {
    this.#asked.clear();
  }
}
