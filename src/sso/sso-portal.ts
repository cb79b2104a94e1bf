// What IAM Identity Center's access portal gives the person, for each login the config names:
// the accounts (ListAccounts, with the organisation's names for them) and, in each, the
// permission sets they may use (ListAccountRoles), as `aws sso list-accounts` reads them. Asked
// with the cached login (sso-token.ts refreshes it when it can); never logs in by itself: with no
// login to use, the login's state says so and the interface offers one. Kept for the run, until
// forget() (a reload, or a login just made).
import type { AwsClients } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import type { Clock } from '../clock';
import type { LoadedProfiles } from '../profiles/loaded-profiles';
import type { SsoLogin } from './sso-logins';
import { ssoLoginsOf } from './sso-logins';
import type { SsoSettings } from './sso-settings';

export interface PortalAccount {
  id: string;
  /** The account's name in the organisation, as the portal shows it. */
  name?: string;
}

export type PortalState =
  | { login: SsoLogin; state: 'listed'; accounts: PortalAccount[] }
  /** No login in the cache, or one past use: `why` says which. */
  | { login: SsoLogin; state: 'login-needed'; why: string }
  | { login: SsoLogin; state: 'failed'; why: string };

/** Pages read at most, for each list: 100 accounts a page, so 20,000 accounts. */
const MAX_PAGES = 200;

export interface SsoPortalOptions {
  profiles: LoadedProfiles;
  clients: AwsClients;
  clock: Clock;
  env: NodeJS.ProcessEnv;
}

export class SsoPortal {
  readonly #options: SsoPortalOptions;
  readonly #states = new Map<string, Promise<PortalState>>();
  readonly #roles = new Map<string, Promise<string[]>>();

  constructor(options: SsoPortalOptions) {
    this.#options = options;
  }

  /** The config's logins (no call made): for a screen to know whether there are any. */
  async logins(): Promise<SsoLogin[]> {
    return ssoLoginsOf(await this.#options.profiles.read());
  }

  /** Each login's accounts, or why there are none; the logins are asked at once. */
  async accounts(options: { signal?: AbortSignal } = {}): Promise<PortalState[]> {
    const logins = await this.logins();
    return Promise.all(
      logins.map((login) => {
        let state = this.#states.get(login.key);
        if (!state) {
          state = this.#list(login, options.signal);
          this.#states.set(login.key, state);
          // Only a listing is kept: a missing login or a failure is asked again at the next look.
          const forget = () => this.#states.get(login.key) === state && this.#states.delete(login.key);
          state.then((s) => s.state === 'listed' || forget(), forget);
        }
        return state;
      }),
    );
  }

  /** The permission sets the login gives in the account, by name, sorted. */
  roles(login: SsoLogin, account: string, options: { signal?: AbortSignal } = {}): Promise<string[]> {
    const key = `${login.key} ${account}`;
    let roles = this.#roles.get(key);
    if (!roles) {
      roles = this.#listRoles(login, account, options.signal);
      this.#roles.set(key, roles);
      roles.catch(() => this.#roles.get(key) === roles && this.#roles.delete(key));
    }
    return roles;
  }

  /** The next look asks the portal again (after a reload, or a new login). */
  forget(): void {
    this.#states.clear();
    this.#roles.clear();
  }

  async #list(login: SsoLogin, signal: AbortSignal | undefined): Promise<PortalState> {
    const { SsoLoginNeeded } = await import('./sso-token');
    try {
      const { ListAccountsCommand } = await import('./sso-sdk');
      const { client, accessToken } = await this.#client(login);
      const accounts: PortalAccount[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await this.#send(login, () =>
          client.send(new ListAccountsCommand({ accessToken, ...(nextToken ? { nextToken } : {}) }), {
            ...(signal ? { abortSignal: signal } : {}),
          }),
        );
        for (const account of out.accountList ?? [])
          if (account.accountId)
            accounts.push({
              id: account.accountId,
              ...(account.accountName ? { name: account.accountName } : {}),
            });
        nextToken = out.nextToken;
        if (!nextToken) break;
      }
      return { login, state: 'listed', accounts };
    } catch (error) {
      if (error instanceof SsoLoginNeeded) return { login, state: 'login-needed', why: error.message };
      return {
        login,
        state: 'failed',
        why: describeAwsError(error, {
          doing: `list your accounts in IAM Identity Center (${login.startUrl})`,
        }).message,
      };
    }
  }

  async #listRoles(login: SsoLogin, account: string, signal: AbortSignal | undefined): Promise<string[]> {
    const { ListAccountRolesCommand } = await import('./sso-sdk');
    const { client, accessToken } = await this.#client(login);
    const roles: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await this.#send(login, () =>
        client.send(
          new ListAccountRolesCommand({
            accessToken,
            accountId: account,
            ...(nextToken ? { nextToken } : {}),
          }),
          { ...(signal ? { abortSignal: signal } : {}) },
        ),
      );
      for (const role of out.roleList ?? []) if (role.roleName) roles.push(role.roleName);
      nextToken = out.nextToken;
      if (!nextToken) break;
    }
    return [...new Set(roles)].sort();
  }

  /** The portal's client in the login's region, and the login's token (refreshed first when it can be). */
  async #client(login: SsoLogin) {
    const { clients, clock, env } = this.#options;
    const { freshToken, UNSIGNED } = await import('./sso-token');
    const { SSOClient } = await import('./sso-sdk');
    const accessToken = await freshToken(settingsOf(login), { clients, clock, env });
    return { client: clients.make(SSOClient, 'SSO', UNSIGNED, login.region), accessToken };
  }

  /** A call with the login's token: a token the portal no longer takes means logging in again. */
  async #send<T>(login: SsoLogin, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if ((error as Error).name === 'UnauthorizedException') {
        const { SsoLoginNeeded } = await import('./sso-token');
        throw new SsoLoginNeeded(`IAM Identity Center no longer takes the login for ${login.startUrl}.`);
      }
      throw error;
    }
  }
}

/** What the token code reads of a login: its session, start URL and region. */
export function settingsOf(login: SsoLogin): SsoSettings {
  return {
    profile: login.profile ?? '',
    ...(login.session ? { session: login.session } : {}),
    startUrl: login.startUrl,
    region: login.region,
    scopes: login.scopes,
    accountId: '',
    roleName: '',
  };
}
