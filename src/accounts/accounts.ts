// The accounts screen's list: the profiles grouped into accounts (key profiles by whose keys
// they hold, role profiles by their role's account) and those IAM Identity Center's portal lists,
// with their aliases, the profiles that could not be placed and why, what the files' lint found,
// and where each Identity Center login stands.
import { describeAwsError } from '../aws/errors';
import { accountOf } from '../aws-shapes/arn';
import { type LintFinding, lintProfiles } from '../profiles/lint';
import type { LoadedProfiles } from '../profiles/loaded-profiles';
import type { Settings } from '../settings/settings';
import type { PortalState, SsoPortal } from '../sso/sso-portal';
import type { AccountAliases } from './account-aliases';
import { type AccountEntry, groupAccounts } from './group-accounts';
import type { KeyIdentities } from './key-identities';

export interface AccountsView {
  accounts: AccountEntry[];
  /** Profiles on keys whose account could not be found out (refused keys, say). */
  unplaced: string[];
  /** Why, for those whose question to AWS failed: AWS's refusal or the endpoint's silence, in words. */
  unplacedWhy: ReadonlyMap<string, string>;
  findings: LintFinding[];
  configFile: string;
  /** Each IAM Identity Center login the config names: its accounts listed, or why not. */
  sso: PortalState[];
  /**
   * Aliases still being read for accounts reached only through role profiles (kept in settings
   * once read); resolves to those learnt, for the screen to show them.
   */
  aliasesLearnt: Promise<Map<string, string>>;
}

/** How far the accounts have got, for the screen's progress line. */
export type AccountsProgress =
  | { step: 'reading'; done: number; total: number }
  /** Key profiles whose account AWS has told (or failed to), of those there are. */
  | { step: 'placing'; done: number; total: number };

export interface AccountsOptions {
  profiles: LoadedProfiles;
  settings: Pick<Settings, 'read'>;
  identities: KeyIdentities;
  aliases: AccountAliases;
  portal: SsoPortal;
}

export class Accounts {
  readonly #options: AccountsOptions;

  constructor(options: AccountsOptions) {
    this.#options = options;
  }

  async list(options: { onProgress?: (progress: AccountsProgress) => void } = {}): Promise<AccountsView> {
    const { profiles, identities, aliases, portal } = this.#options;
    const tell = options.onProgress;
    const set = await profiles.readTelling(tell && ((progress) => tell({ step: 'reading', ...progress })));
    // Asked beside the key profiles' accounts: neither waits for the other.
    const portalAsked = portal.accounts();
    const settings = this.#options.settings.read();
    const known = (account: string | undefined) => aliases.known(account, settings.accountAliases);
    const placing = groupAccounts(
      set,
      {
        accountOf: async (profile) => (await identities.of(profile))?.account,
        aliasOf: async (profile) => {
          // A role profile's account: the alias learnt before (a listing, a session, a last run).
          const roleArn = set.profiles.get(profile)?.roleArn;
          if (!set.staticKeys(profile) || roleArn) return known(roleArn && accountOf(roleArn));
          const alias = aliases.readByKeys(set, profile);
          const account = (await identities.of(profile).catch(() => undefined))?.account;
          const read = await alias.catch(() => undefined);
          if (read && account) aliases.learn(account, read);
          return read ?? known(account);
        },
      },
      settings.accounts,
      tell && ((done, total) => tell({ step: 'placing', done, total })),
      portalAsked.then((states) =>
        states.flatMap((s) => (s.state === 'listed' ? [{ login: s.login.key, accounts: s.accounts }] : [])),
      ),
    );
    const [{ accounts, unplaced, lookupErrors }, sso] = await Promise.all([placing, portalAsked]);
    for (const account of accounts) account.alias ??= known(account.id);
    // The lint of 50,000 profiles is some 30 ms: keys pressed meanwhile are not kept waiting longer.
    await new Promise((resolve) => setImmediate(resolve));
    return {
      accounts,
      unplaced,
      unplacedWhy: new Map(
        [...lookupErrors].map(([profile, error]) => [
          profile,
          describeAwsError(error, { doing: 'find out whose keys these are' }).message,
        ]),
      ),
      findings: lintProfiles(set),
      configFile: set.files.configFile,
      sso,
      aliasesLearnt: aliases.readThroughRoleProfiles(
        set,
        // Where no profile's own keys could read it: an SSO profile in the account reads nothing
        // without a login, so its role profiles are asked as for an account with none.
        accounts
          .filter((a) => !a.alias && !a.identityProfiles.some((profile) => set.staticKeys(profile)))
          .map((a) => a.id),
      ),
    };
  }

  /** The profiles that reach an account: the sources of its role profiles, and its own key profiles. */
  async reachedBy(account: AccountEntry): Promise<string[]> {
    const set = await this.#options.profiles.read();
    const sources = account.roleProfiles.map((name) => set.profiles.get(name)?.sourceProfile ?? name);
    return [...new Set([...account.identityProfiles, ...sources])].sort();
  }
}
