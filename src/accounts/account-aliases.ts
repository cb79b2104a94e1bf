// Account aliases: read from AWS (iam:ListAccountAliases) through whatever may read them (a key
// profile, a role profile that needs no code, a new session, whoever listed the roles), shown
// for the rest of the run and kept in settings, so that from the next start they show with no
// role assumed.
import type { IAMClient } from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/clients';
import type { CredentialProvider } from '../credentials/provider';
import { staticProvider } from '../credentials/provider';
import type { ProfileSet } from '../profiles/profile-set';
import type { IamReaders } from '../role-listing/iam-readers';
import { roleProfilesIn } from '../role-listing/role-rows';
import { ACCOUNT_ALIAS } from '../settings/schema';
import type { Settings } from '../settings/settings';

/** How many accounts' aliases are read through role profiles at once. */
const ALIAS_READERS = 4;

/** The IAM client is loaded when first needed: the first frame does not wait for it. */
const iam = () => import('../aws/iam-browse');

export interface AccountAliasesOptions {
  settings: Pick<Settings, 'read' | 'update'>;
  clients: AwsClients;
  readers: IamReaders;
  /** The region a profile's calls go to. */
  region: (set: ProfileSet, profile: string) => string;
}

export class AccountAliases {
  /** Learnt this run. */
  readonly #learnt = new Map<string, string>();
  readonly #byKeyProfile = new Map<string, Promise<string | undefined>>();
  /** Accounts whose alias was read for through role profiles this run (forget() asks again). */
  readonly #asked = new Set<string>();
  readonly #options: AccountAliasesOptions;

  constructor(options: AccountAliasesOptions) {
    this.#options = options;
  }

  /** The alias learnt this run, else the one kept in settings. */
  known(
    account: string | undefined,
    kept = this.#options.settings.read().accountAliases,
  ): string | undefined {
    return account ? (this.#learnt.get(account) ?? kept[account]) : undefined;
  }

  /** An alias has been learnt this run for the account. */
  learntFor(account: string): boolean {
    return this.#learnt.has(account);
  }

  /** The alias a key profile's keys read (once per profile until forget()); rejects when refused. */
  readByKeys(set: ProfileSet, profile: string): Promise<string | undefined> {
    const keys = set.staticKeys(profile);
    if (!keys) return Promise.resolve(undefined);
    let alias = this.#byKeyProfile.get(profile);
    if (!alias) {
      alias = this.readWith(staticProvider(profile, keys), this.#options.region(set, profile));
      this.#byKeyProfile.set(profile, alias);
    }
    return alias;
  }

  /** The account alias, read with these credentials (undefined when the account has none). */
  async readWith(provider: CredentialProvider, region: string): Promise<string | undefined> {
    const { accountAlias, iamClientFor } = await iam();
    return accountAlias(iamClientFor(provider, region, this.#options.clients));
  }

  /** Learns the account's alias through a client that could list its roles; never rejects. */
  learnThrough(account: string, client: IAMClient): void {
    void iam()
      .then(({ accountAlias }) => accountAlias(client))
      .then((alias) => alias && this.learn(account, alias))
      .catch(() => {});
  }

  /**
   * The aliases of accounts reached only through role profiles, read through their role
   * profiles that need no MFA code (never asking for one), one after another until one may read
   * it. Resolves (never rejects) to the aliases learnt.
   */
  async readThroughRoleProfiles(
    set: ProfileSet,
    accountIds: readonly string[],
  ): Promise<Map<string, string>> {
    const learnt = new Map<string, string>();
    const { readers } = this.#options;
    const waiting = accountIds.filter((account) => !this.#asked.has(account));
    for (const account of waiting) this.#asked.add(account);
    const readOne = async (account: string) => {
      for (const profile of roleProfilesIn(set, account)) {
        if (!readers.mayRead(set, profile.name)) continue;
        try {
          const { provider, region } = readers.asProfile(set, profile.name);
          const alias = await this.readWith(provider, region);
          if (!alias) continue;
          this.learn(account, alias);
          learnt.set(account, alias);
          return;
        } catch {
          // Refused, or the role may not read it: the next profile may.
        }
      }
    };
    // A few at a time: an organisation of hundreds of accounts is not hundreds of calls at once.
    const workers = Array.from({ length: Math.min(ALIAS_READERS, waiting.length) }, async () => {
      for (let account = waiting.shift(); account; account = waiting.shift()) await readOne(account);
    });
    await Promise.all(workers);
    return learnt;
  }

  /** An alias read from AWS: shown for the rest of the run, and kept in settings for the next. */
  learn(account: string, alias: string): void {
    this.#learnt.set(account, alias);
    const { settings } = this.#options;
    const kept = settings.read().accountAliases;
    if (kept[account] === alias || !ACCOUNT_ALIAS.test(alias)) return;
    try {
      settings.update({ accountAliases: { ...kept, [account]: alias } });
    } catch {
      // A settings file that cannot be written loses only the alias, shown again next time it is read.
    }
  }

  /** The next look reads them from AWS again (those learnt stay shown). */
  forget(): void {
    this.#byKeyProfile.clear();
    this.#asked.clear();
  }
}
