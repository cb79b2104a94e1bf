// An account's roles for its screen: its role profiles at once, and IAM's list when some live
// session or profile there may read it, kept for the run (until forget(), or a refresh); and a
// role's details from IAM, through whoever listed the roles.
import type { IAMClient } from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import type { RoleDetail, RoleSummary } from '../aws/iam-browse';
import { USER_OR_ROLE_ARN } from '../aws-shapes/arn';
import type { LoadedProfiles } from '../profiles/loaded-profiles';
import type { Profile } from '../profiles/profile';
import type { ProfileSet } from '../profiles/profile-set';
import type { SsoPortal } from '../sso/sso-portal';
import { type IamState, listThroughReaders } from './iam-listing';
import type { IamReaders } from './iam-readers';
import { type RoleRow, roleProfilesIn, roleRows, type SsoRole, ssoProfilesIn } from './role-rows';

export type { IamState };

/** An IAM client for an account and who it is ("session prod-admin", "profile dev-developer"). */
export interface IamCaller {
  iam: IAMClient;
  via: string;
}

export interface RoleList {
  rows: RoleRow[];
  iam: IamState;
  /** Why IAM Identity Center's permission sets here could not be listed, when they could not. */
  ssoProblem?: string;
}

export interface RoleListingOptions {
  profiles: LoadedProfiles;
  readers: IamReaders;
  clients: AwsClients;
  /** Told of the client that could list an account's roles (it may usually read the alias too). */
  onReader?: (account: string, client: IAMClient) => void;
  /** IAM Identity Center's portal: the permission sets each login gives in an account. */
  portal: SsoPortal;
}

/** The IAM client is loaded when first needed: the first frame does not wait for it. */
const iam = () => import('../aws/iam-browse');

export class RoleListing {
  readonly #roles = new Map<string, Promise<{ roles: RoleSummary[]; iam: IamState }>>();
  readonly #readers = new Map<string, { iam: IAMClient; via: string }>();
  readonly #lastRows = new Map<string, RoleRow[]>();
  /** Each writer's client, by account and who: one client per caller, as the SDK means them. */
  readonly #writerClients = new Map<string, IAMClient>();
  /** Whether each user or role ARN asked about exists, as IAM answered (true or false), for the run. */
  readonly #principals = new Map<string, boolean>();
  readonly #options: RoleListingOptions;

  constructor(options: RoleListingOptions) {
    this.#options = options;
  }

  /** An account's roles: IAM's list is kept for the run; `refresh` reads it again. */
  async roles(
    account: string,
    options: { onPage?: (count: number) => void; signal?: AbortSignal; refresh?: boolean } = {},
  ): Promise<RoleList> {
    const set = await this.#options.profiles.read();
    const profiles = roleProfilesIn(set, account);
    if (options.refresh) this.#roles.delete(account);
    let listing = this.#roles.get(account);
    if (!listing) {
      listing = this.#listIam(set, account, profiles, options);
      this.#roles.set(account, listing);
      // A stopped or failed read is not kept: the next look tries again.
      const forget = () => this.#roles.get(account) === listing && this.#roles.delete(account);
      listing.then((l) => l.iam.state === 'listed' || forget(), forget);
    }
    const [{ roles, iam }, sso] = await Promise.all([listing, this.#portalRoles(account, options)]);
    const ssoProfiles = ssoProfilesIn(set, account).map((role) => {
      const given = sso.byLogin.get(role.login);
      if (!given) return role;
      const portal = given === 'login-needed' ? given : given.has(role.roleName) ? 'given' : 'not-given';
      return { ...role, portal } satisfies SsoRole;
    });
    // A set's role no one names: through the login that is not logged in, else one that does not give it.
    const [login, given] =
      [...sso.byLogin].find(([, g]) => g === 'login-needed') ?? [...sso.byLogin][0] ?? [];
    const rows = roleRows(
      account,
      profiles,
      roles,
      [...ssoProfiles, ...sso.roles],
      login && given ? { login, portal: given === 'login-needed' ? given : 'not-given' } : undefined,
    );
    this.#lastRows.set(account, rows);
    return { rows, iam, ...(sso.problem ? { ssoProblem: sso.problem } : {}) };
  }

  /** The account's role profiles (and SSO profiles) as rows, before IAM's list and the portal's are in. */
  async profileRows(account: string): Promise<RoleRow[]> {
    const set = await this.#options.profiles.read();
    const rows = roleRows(account, roleProfilesIn(set, account), [], ssoProfilesIn(set, account));
    // A row can be opened before IAM's list is in.
    if (!this.#lastRows.has(account)) this.#lastRows.set(account, rows);
    return rows;
  }

  /** A row of the account's last listing, by its key (rowKey), for the screens opened from it. */
  row(account: string, key: string): RoleRow | undefined {
    return this.#lastRows.get(account)?.find((row) => row.key === key);
  }

  /** The role's details from IAM, through whoever listed the account's roles. */
  async detail(row: RoleRow): Promise<RoleDetail | undefined> {
    const reader = this.#readers.get(row.account);
    // A permission set's row is named for the set: its role in IAM is known only once listed.
    if (!reader || (row.sso && !row.iam)) return undefined;
    return (await iam()).roleDetail(reader.iam, row.iam?.name ?? row.name);
  }

  /**
   * Whoever may read IAM in the account, and who that is ("profile dev-developer"): the one that
   * listed its roles, found by listing them when none is known yet; undefined when none may.
   */
  async reader(
    account: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<{ iam: IAMClient; via: string } | undefined> {
    if (!this.#readers.has(account)) await this.roles(account, options);
    return this.#readers.get(account);
  }

  /**
   * Who may write IAM in the account, most likely first, asked lazily: the live sessions there
   * (one assumed after the roles were listed, often an admin's, before a read-only lister), then
   * whoever listed its roles, then the key and role profiles that need no code. Whether one may
   * is known only by asking IAM: try each in turn, the next on a refusal (AccessDenied).
   */
  async *writers(account: string): AsyncGenerator<IamCaller> {
    const set = await this.#options.profiles.read();
    const { iamClientFor } = await iam();
    const lister = this.#readers.get(account);
    const tried = new Set<string>();
    let listerDone = !lister;
    for await (const reader of this.#options.readers.candidates(set, account, roleProfilesIn(set, account))) {
      if (tried.has(reader.via)) continue;
      const isSession = reader.via.startsWith('session ');
      if (!isSession && lister && !listerDone) {
        listerDone = true;
        if (!tried.has(lister.via)) {
          tried.add(lister.via);
          yield lister;
        }
        if (tried.has(reader.via)) continue;
      }
      tried.add(reader.via);
      if (lister?.via === reader.via) {
        yield lister;
        continue;
      }
      const key = `${account} ${reader.via}`;
      let client = this.#writerClients.get(key);
      if (!client) {
        client = iamClientFor(reader.provider, reader.region, this.#options.clients);
        this.#writerClients.set(key, client);
      }
      yield { iam: client, via: reader.via };
    }
    if (lister && !tried.has(lister.via)) yield lister;
  }

  /**
   * Whether the user or role ARN names one that exists, asked of whoever may read IAM in its
   * account (GetUser / GetRole); undefined when that is unknown: nobody here may read IAM there,
   * IAM refused the read, or it did not answer in time. IAM's answers are kept for the run.
   */
  async principalExists(arn: string, options: { signal?: AbortSignal } = {}): Promise<boolean | undefined> {
    const known = this.#principals.get(arn);
    if (known !== undefined) return known;
    const [, , account = '', kind, name = ''] = USER_OR_ROLE_ARN.exec(arn) ?? [];
    if (kind !== 'user' && kind !== 'role') return undefined;
    try {
      const reader = await this.reader(account, options);
      if (!reader || options.signal?.aborted) return undefined;
      const found = await (await import('../aws/iam-principals')).principalArn(
        reader.iam,
        kind,
        name,
        options,
      );
      // No such name: IAM refuses the principal. A name IAM finds (ignoring case) under another
      // spelling or path than the one typed is left unknown, not refused: whether IAM saves such
      // an ARN is unverified (the sandbox refuses it), and a check must not block what AWS may take.
      const exists = found === undefined ? false : found === arn ? true : undefined;
      if (exists !== undefined) this.#principals.set(arn, exists);
      return exists;
    } catch {
      return undefined;
    }
  }

  /** Who read the account's roles and would make a change to one: "profile dev-admin", "session …". */
  readerOf(account: string): string | undefined {
    return this.#readers.get(account)?.via;
  }

  /**
   * Replaces the role's trust policy (UpdateAssumeRolePolicy) through the first of the account's
   * writers IAM allows, and says who that was; with `expected` (the document the edit began
   * from), refused when IAM's differs now.
   */
  async updateTrustPolicy(
    row: RoleRow,
    document: string,
    options: { expected?: string } = {},
  ): Promise<{ via: string }> {
    const { updateTrustPolicy } = await import('../aws/role-changes');
    const refused: string[] = [];
    let made: string | undefined;
    for await (const writer of this.writers(row.account)) {
      try {
        await updateTrustPolicy(writer.iam, row.name, document, options);
        made = writer.via;
        break;
      } catch (error) {
        // The next writer may be allowed; anything else (the document changed meanwhile, IAM
        // refused the policy, a timeout) is the answer.
        if (!describeAwsError(error).kind.startsWith('denied')) throw error;
        refused.push(writer.via);
      }
    }
    if (!made) {
      throw new Error(
        refused.length
          ? `${refused.join(', ')} may not change ${row.name}’s trust policy: assume a role in ${row.account} that may (iam:UpdateAssumeRolePolicy), then try again.`
          : `No profile or session here may call IAM in ${row.account}: assume a role there, then try again.`,
      );
    }
    // What was listed held the old document: the rows of this role (one per profile) hold the new
    // one, so their verdicts follow it, and the next look at the account lists its roles again.
    this.#roles.delete(row.account);
    const rows = this.#lastRows.get(row.account);
    if (rows)
      this.#lastRows.set(
        row.account,
        rows.map((r) =>
          r.arn === row.arn && r.iam ? { ...r, iam: { ...r.iam, trustPolicy: document } } : r,
        ),
      );
    return { via: made };
  }

  /** The next look reads IAM again. */
  forget(): void {
    this.#roles.clear();
    this.#lastRows.clear();
    this.#readers.clear();
    this.#principals.clear();
  }

  /**
   * The permission sets each login whose portal lists the account gives there; a login that
   * could not be asked is said, not thrown: the profiles' rows and IAM's stand without it.
   */
  async #portalRoles(
    account: string,
    options: { signal?: AbortSignal },
  ): Promise<{
    roles: SsoRole[];
    /** By login: the sets it gives here, or that it needs logging in first. */
    byLogin: Map<string, Set<string> | 'login-needed'>;
    problem?: string;
  }> {
    const { portal } = this.#options;
    const roles: SsoRole[] = [];
    const byLogin = new Map<string, Set<string> | 'login-needed'>();
    const problems: string[] = [];
    for (const state of await portal.accounts(options)) {
      const login = state.login.key;
      if (state.state === 'login-needed') byLogin.set(login, 'login-needed');
      if (state.state !== 'listed') continue;
      const listed = state.accounts.find((a) => a.id === account);
      if (!listed) {
        byLogin.set(login, new Set());
        continue;
      }
      try {
        const given = await portal.roles(state.login, account, options);
        byLogin.set(login, new Set(given));
        for (const roleName of given)
          roles.push({
            login,
            roleName,
            portal: 'given',
            ...(listed.name ? { accountName: listed.name } : {}),
          });
      } catch (error) {
        if (options.signal?.aborted) break;
        problems.push(
          describeAwsError(error, { doing: `list your permission sets here in IAM Identity Center` }).message,
        );
      }
    }
    return { roles, byLogin, ...(problems.length ? { problem: problems.join(' ') } : {}) };
  }

  async #listIam(
    set: ProfileSet,
    account: string,
    profiles: readonly Profile[],
    options: { onPage?: (count: number) => void; signal?: AbortSignal },
  ): Promise<{ roles: RoleSummary[]; iam: IamState }> {
    const { readers, clients, onReader } = this.#options;
    const needCode = profiles.filter((p) => readers.needsCode(set, p.name)).length;
    const {
      roles,
      iam: state,
      reader,
    } = await listThroughReaders(readers.candidates(set, account, profiles), {
      ...options,
      needCode,
      clients,
    });
    if (reader) {
      this.#readers.set(account, { iam: reader.client, via: reader.via });
      onReader?.(account, reader.client);
    }
    return { roles, iam: state };
  }
}
