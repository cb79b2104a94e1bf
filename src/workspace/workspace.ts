// What the interface's screens ask of AWS and the profiles, in one place: the accounts, an
// account's roles (the profiles' and IAM's), a role's details, who would assume it, and the
// assume itself, which puts a live session on the dashboard. It knows nothing of ink.
import type { IAMClient } from '@aws-sdk/client-iam';
import { type AssumeTarget, assumeTarget, roleProfilesIn, sourceFor } from '../assuming/assume-target';
import type { AwsClients } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import type { RoleDetail, RoleSummary } from '../aws/iam-browse';
import { type CallerIdentity, callerIdentity } from '../aws/identity';
import { accountOf } from '../aws-shapes/arn';
import { ROLE_CHAINING_MAX_SECONDS } from '../aws-shapes/session-limits';
import type { Clock } from '../clock';
import {
  mfaSessionDevice,
  type ProfileProviderOptions,
  providerForProfile,
} from '../credentials/from-profile';
import type { MfaSessionProvider } from '../credentials/mfa-session';
import {
  type AskMfaCode,
  type CredentialProvider,
  FRESH_MARGIN_MS,
  staticProvider,
} from '../credentials/provider';
import { formatDuration } from '../duration';
import { MfaCodes } from '../mfa/mfa-codes';
import type { MfaPrompt } from '../mfa/mfa-prompt';
import type { Caller } from '../policy/verdict';
import { type AccountEntry, groupAccounts } from '../profiles/accounts';
import { resolveChain } from '../profiles/chain';
import { type LintFinding, lintProfiles } from '../profiles/lint';
import { type LoadProgress, loadProfiles, type ProfileSet } from '../profiles/load';
import type { Profile } from '../profiles/profile';
import { type IamReader, type IamState, listThroughReaders } from '../role-listing/iam-listing';
import {
  mfaSessionTooOld,
  type RoleRow,
  type RowCaller,
  type RowJudging,
  roleRows,
  rowDurationSeconds,
  rowVerdict,
  withoutMfaSession,
} from '../role-listing/role-rows';
import { renewFromProfile } from '../sessions/profile-renewal';
import { loginName, sessionNameFromTemplate } from '../sessions/session-name';
import type { Session, SessionStore } from '../sessions/store';
import { ACCOUNT_ALIAS } from '../settings/schema';
import type { Settings } from '../settings/settings';
import { callerOfRoleProfile, callerOfSource } from '../verdicts/callers';

export interface WorkspaceOptions {
  env: NodeJS.ProcessEnv;
  settings: Settings;
  sessions: SessionStore;
  mfa: MfaPrompt;
  clock: Clock;
  /** Where every STS and IAM client comes from (timeouts, retries, the stop signal). */
  clients?: AwsClients;
  /** The sandbox's MFA devices and their seeds, so the MFA form can show the current code. */
  sandboxDevices?: ReadonlyArray<{ serial: string; secret: string }>;
}

export interface AccountsView {
  accounts: AccountEntry[];
  /** Profiles on keys whose account could not be found out (refused keys, say). */
  unplaced: string[];
  /** Why, for those whose question to AWS failed: AWS's refusal or the endpoint's silence, in words. */
  unplacedWhy: ReadonlyMap<string, string>;
  findings: LintFinding[];
  configFile: string;
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

export interface RoleListing {
  rows: RoleRow[];
  iam: IamState;
}

export interface AssumeChoices {
  durationSeconds: number;
  sessionName: string;
  region: string;
  externalId?: string;
}

export interface AssumeDefaults extends AssumeChoices {
  /** The longest session AWS would give for this role from this caller. */
  maxSeconds: number;
  /** Why that is the most: the role's maximum, or role chaining's cap. */
  capReason: string;
  /** The external ID is remembered from an earlier assume, or comes from the profile. */
  externalIdFrom?: 'profile' | 'remembered';
}

/** AWS refused the MFA session's own credentials; it was dropped. The message says so. */
export class MfaSessionRefused extends Error {
  override name = 'MfaSessionRefused';
}

/** The dashboard row of the MFA session of a device. */
function mfaSessionId(serial: string): string {
  return `mfa:${serial.split('/').at(-1)}`;
}

/** How many accounts' aliases are read through role profiles at once. */
const ALIAS_READERS = 4;

/** Readers of IAM never interrupt the person for a code (chains needing one are skipped). */
const noCode: AskMfaCode = async () => {
  throw new Error('an MFA code would be needed');
};

/** The IAM client is loaded when first needed: the first frame does not wait for it. */
const iam = () => import('../aws/iam-browse');

export type { IamState };

export class Workspace {
  readonly #options: WorkspaceOptions;
  #profiles?: Promise<ProfileSet>;
  /** The profiles last read, for renewals, which run long after their assume. */
  #latest?: ProfileSet;
  readonly #identityOf: (profile: string) => Promise<CallerIdentity | undefined>;
  readonly #identities = new Map<string, Promise<CallerIdentity | undefined>>();
  readonly #aliasesByProfile = new Map<string, Promise<string | undefined>>();
  readonly #roles = new Map<string, Promise<{ roles: RoleSummary[]; iam: IamState }>>();
  readonly #readers = new Map<string, { iam: IAMClient; via: string }>();
  readonly #lastRows = new Map<string, RoleRow[]>();
  readonly #aliases = new Map<string, string>();
  /** Accounts whose alias was read for through role profiles this run (reload() asks again). */
  readonly #aliasesAsked = new Set<string>();
  /** One GetSessionToken session per MFA device, so one code serves many roles. */
  readonly #mfaSessions = new Map<string, MfaSessionProvider>();
  readonly #codes: MfaCodes;
  readonly #assuming = new Map<string, Promise<{ session: Session; notes: string[] }>>();
  /** Who hears how far the reading of the files has got, and how far it last got. */
  readonly #readingHeard = new Set<(progress: LoadProgress) => void>();
  #reading?: LoadProgress;

  constructor(options: WorkspaceOptions) {
    this.#options = options;
    this.#codes = new MfaCodes(options.mfa, options.clock);
    // The MFA session's row dropped from the dashboard drops the session itself: no role goes
    // through it afterwards, and the next assume that needs MFA asks for a code.
    options.sessions.on((event) => {
      const serial = event.session.origin.mfaSerial;
      if (event.type !== 'dropped' || !serial || event.session.id !== mfaSessionId(serial)) return;
      this.#mfaSessions.get(serial)?.forget();
      this.#mfaSessions.delete(serial);
    });
    // Asked once per profile until reload(); a failure (offline, say) is not kept.
    this.#identityOf = (profile) => {
      let answer = this.#identities.get(profile);
      if (!answer) {
        answer = this.profiles().then((set) => {
          const keys = set.staticKeys(profile);
          return keys
            ? callerIdentity(
                staticProvider(`profile ${profile}`, keys),
                this.#regionOf(set, profile),
                this.#options.clients,
              )
            : undefined;
        });
        this.#identities.set(profile, answer);
        answer.catch(() => this.#identities.get(profile) === answer && this.#identities.delete(profile));
      }
      return answer;
    };
  }

  profiles(): Promise<ProfileSet> {
    if (!this.#profiles) {
      this.#reading = undefined;
      const load = loadProfiles({
        env: this.#options.env,
        onProgress: (progress) => {
          if (this.#profiles !== load) return;
          this.#reading = progress;
          for (const listener of this.#readingHeard) listener(progress);
        },
      }).then((set) => {
        this.#latest = set;
        return set;
      });
      this.#profiles = load;
    }
    return this.#profiles;
  }

  /** The profiles as last read, if they have been: what AWS clients take their settings from. */
  loadedProfiles(): ProfileSet | undefined {
    return this.#latest;
  }

  /**
   * The assume's profiles, with keys as the files hold them now: renewals (and the MFA sessions
   * they share) take rotated keys once the files are read again (reload()).
   */
  #keysFollowFiles(set: ProfileSet): ProfileSet {
    return { ...set, staticKeys: (name) => (this.#latest ?? set).staticKeys(name) };
  }

  /** Forget what was read, so the next look reads the files and IAM again. */
  reload(): void {
    this.#profiles = undefined;
    this.#roles.clear();
    this.#lastRows.clear();
    this.#readers.clear();
    this.#identities.clear();
    this.#aliasesByProfile.clear();
    this.#aliasesAsked.clear();
  }

  async accounts(options: { onProgress?: (progress: AccountsProgress) => void } = {}): Promise<AccountsView> {
    const tell = options.onProgress;
    const hear = (progress: LoadProgress) => tell?.({ step: 'reading', ...progress });
    let set: ProfileSet;
    // The files may be being read already (the header's identity): told from where it has got.
    if (tell) {
      this.#readingHeard.add(hear);
      if (this.#profiles && this.#reading) hear(this.#reading);
    }
    try {
      set = await this.profiles();
    } finally {
      this.#readingHeard.delete(hear);
    }
    const settings = this.#options.settings.read();
    const known = (account: string | undefined) =>
      account ? (this.#aliases.get(account) ?? settings.accountAliases[account]) : undefined;
    const { accounts, unplaced, lookupErrors } = await groupAccounts(
      set,
      {
        accountOf: async (profile) => (await this.#identityOf(profile))?.account,
        aliasOf: async (profile) => {
          // A role profile's account: the alias learnt before (a listing, a session, a last run).
          const keys = set.staticKeys(profile);
          const roleArn = set.profiles.get(profile)?.roleArn;
          if (!keys || roleArn) return known(roleArn && accountOf(roleArn));
          let alias = this.#aliasesByProfile.get(profile);
          if (!alias) {
            alias = this.#readAlias(staticProvider(profile, keys), this.#regionOf(set, profile));
            this.#aliasesByProfile.set(profile, alias);
          }
          const account = (await this.#identityOf(profile).catch(() => undefined))?.account;
          const read = await alias.catch(() => undefined);
          if (read && account) this.#learnAlias(account, read);
          return read ?? known(account);
        },
      },
      settings.accounts,
      tell && ((done, total) => tell({ step: 'placing', done, total })),
    );
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
      aliasesLearnt: this.#readAliases(
        set,
        accounts.filter((a) => !a.alias && !a.identityProfiles.length).map((a) => a.id),
      ),
    };
  }

  /**
   * The aliases of accounts reached only through role profiles, read through their role
   * profiles that need no MFA code (never asking for one), one after another until one may read
   * it, and kept in settings: from the next start they show with no role assumed. Resolves (never
   * rejects) to the aliases learnt.
   */
  async #readAliases(set: ProfileSet, accountIds: readonly string[]): Promise<Map<string, string>> {
    const learnt = new Map<string, string>();
    const defaultRegion = this.#defaultRegion();
    const waiting = accountIds.filter((account) => !this.#aliasesAsked.has(account));
    for (const account of waiting) this.#aliasesAsked.add(account);
    const readOne = async (account: string) => {
      for (const profile of roleProfilesIn(set, account)) {
        if (resolveChain(set, profile.name).problem || this.#needsCode(set, profile.name)) continue;
        try {
          const { provider, region } = this.#profileReader(set, profile.name, defaultRegion);
          const alias = await this.#readAlias(provider, region);
          if (!alias) continue;
          this.#learnAlias(account, alias);
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
  #learnAlias(account: string, alias: string): void {
    this.#aliases.set(account, alias);
    const settings = this.#options.settings;
    const kept = settings.read().accountAliases;
    if (kept[account] === alias || !ACCOUNT_ALIAS.test(alias)) return;
    try {
      settings.update({ accountAliases: { ...kept, [account]: alias } });
    } catch {
      // A settings file that cannot be written loses only the alias, shown again next time it is read.
    }
  }

  /** The profiles that reach an account: the sources of its role profiles, and its own key profiles. */
  async reachedBy(account: AccountEntry): Promise<string[]> {
    const set = await this.profiles();
    const sources = account.roleProfiles.map((name) => set.profiles.get(name)?.sourceProfile ?? name);
    return [...new Set([...account.identityProfiles, ...sources])].sort();
  }

  /**
   * An account's roles: its role profiles at once, and IAM's list when some live session or
   * profile there may read it. IAM's list is kept for the run; `refresh` reads it again.
   */
  async roles(
    account: string,
    options: { onPage?: (count: number) => void; signal?: AbortSignal; refresh?: boolean } = {},
  ): Promise<RoleListing> {
    const set = await this.profiles();
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
    const { roles, iam } = await listing;
    const rows = roleRows(account, profiles, roles);
    this.#lastRows.set(account, rows);
    return { rows, iam };
  }

  /** The account's role profiles as rows, before IAM's list is in. */
  async profileRows(account: string): Promise<RoleRow[]> {
    const set = await this.profiles();
    const rows = roleRows(account, roleProfilesIn(set, account), []);
    // A row can be opened before IAM's list is in.
    if (!this.#lastRows.has(account)) this.#lastRows.set(account, rows);
    return rows;
  }

  /** A row of the account's last listing, by its key (rowKey), for the screens opened from it. */
  row(account: string, key: string): RoleRow | undefined {
    return this.#lastRows.get(account)?.find((row) => row.key === key);
  }

  /** Who would assume each row, worked out once per caller (a profile, or the account's usual source). */
  async callersOf(rows: readonly RoleRow[]): Promise<(row: RoleRow) => RowCaller | undefined> {
    const keys = [...new Set(rows.map((row) => row.profile?.name ?? ''))];
    const byKey = new Map<string, RowCaller | undefined>();
    await Promise.all(
      keys.map(async (key) => {
        const row = rows.find((r) => (r.profile?.name ?? '') === key);
        if (row) byKey.set(key, await this.callerFor(row).catch(() => undefined));
      }),
    );
    return (row) => byKey.get(row.profile?.name ?? '');
  }

  /** The role's details from IAM, through whoever listed the account's roles. */
  async detail(row: RoleRow): Promise<RoleDetail | undefined> {
    const reader = this.#readers.get(row.account);
    return reader ? (await iam()).roleDetail(reader.iam, row.name) : undefined;
  }

  /**
   * Who would call AssumeRole for this row: the profile's source, or the account's usual source;
   * with the live MFA session an assume of an hour or less would go through, if there is one.
   */
  async callerFor(row: RoleRow): Promise<RowCaller | undefined> {
    const set = await this.profiles();
    const source = row.profile ? undefined : sourceFor(set, row.account);
    const caller: Caller | undefined = row.profile
      ? await callerOfRoleProfile(set, row.profile.name, this.#identityOf)
      : source
        ? await callerOfSource(set, source, this.#identityOf)
        : undefined;
    const mfaSession = caller && (await this.#mfaSessionFor(set, row, caller));
    return caller && mfaSession ? { ...caller, mfaSession } : caller;
  }

  /**
   * The live MFA session an assume of this row would start from: for a role profile, the one its
   * chain would go through; for a role with no profile, a session started by the same user.
   */
  async #mfaSessionFor(set: ProfileSet, row: RoleRow, caller: Caller): Promise<RowCaller['mfaSession']> {
    let provider: MfaSessionProvider | undefined;
    if (row.profile) {
      const serial = mfaSessionDevice(set, row.profile.name, this.#options.env);
      if (serial) provider = this.#mfaSessions.get(serial);
    } else if (!caller.chained) {
      for (const candidate of this.#mfaSessions.values()) {
        if (!candidate.live()) continue;
        const from = candidate.source.replace(/^profile /, '');
        const user = await this.#identityOf(from).catch(() => undefined);
        if (user?.arn !== caller.arn) continue;
        provider = candidate;
        break;
      }
    }
    // Until live() says it is over: a code is asked for from then on.
    const expiration = provider?.live()?.expiration?.getTime();
    const since = provider?.startedAt();
    return provider && expiration && since !== undefined
      ? { serial: provider.serial, until: expiration - FRESH_MARGIN_MS, since }
      : undefined;
  }

  /**
   * What an assume of a row would send with no form in between, for its verdict: the profile's
   * duration, session name and external ID, else rolecall's default, the session name template
   * and the external ID remembered. The settings are read once here, not once per row.
   */
  assumeRequests(): (row: RoleRow) => RowJudging {
    const settings = this.#options.settings.read();
    return (row) => {
      const now = this.#options.clock.now();
      const externalId = row.profile?.externalId ?? settings.externalIds[row.arn];
      return {
        durationSeconds: rowDurationSeconds(row, settings.defaultSessionSeconds),
        sessionName:
          row.profile?.roleSessionName ??
          this.#sessionName(row.profile?.name ?? '', row.name, settings.sessionNameTemplate),
        ...(externalId ? { externalId } : {}),
        now,
      };
    };
  }

  /** What the assume form starts with, and the longest session allowed (and why). */
  async assumeDefaults(row: RoleRow): Promise<AssumeDefaults> {
    const set = await this.profiles();
    const settings = this.#options.settings.read();
    const caller = await this.callerFor(row);
    const roleMax = row.iam?.maxSessionSeconds ?? 12 * 3600;
    const chained = caller?.chained ?? false;
    const maxSeconds = chained ? Math.min(roleMax, ROLE_CHAINING_MAX_SECONDS) : roleMax;
    const capReason = chained
      ? 'it is assumed from another role’s session (role chaining), which AWS caps at 1h'
      : row.iam
        ? `the role’s maximum session is ${formatDuration(roleMax)}`
        : 'that is AWS’s most for any role (this one’s own maximum is unknown until IAM can be read here)';
    const wanted = rowDurationSeconds(row, settings.defaultSessionSeconds);
    const remembered = settings.externalIds[row.arn];
    const externalId = row.profile?.externalId ?? remembered;
    return {
      durationSeconds: Math.min(wanted, maxSeconds),
      maxSeconds,
      capReason,
      sessionName: row.profile?.roleSessionName ?? this.#sessionName(row.profile?.name ?? '', row.name),
      region: row.profile ? this.#regionOf(set, row.profile.name) : this.#defaultRegion(),
      ...(externalId
        ? { externalId, externalIdFrom: row.profile?.externalId ? 'profile' : 'remembered' }
        : {}),
    };
  }

  /**
   * Assumes the role (asking for MFA codes through the prompt as needed) and puts the session on
   * the dashboard, with its renewal. The MFA session a code started gets its own row too. A
   * second ask for the same row while one is under way (Enter pressed twice) joins it.
   */
  assume(row: RoleRow, choices: AssumeChoices): Promise<{ session: Session; notes: string[] }> {
    let assuming = this.#assuming.get(row.key);
    if (!assuming) {
      assuming = this.#assume(row, choices).finally(() => this.#assuming.delete(row.key));
      this.#assuming.set(row.key, assuming);
    }
    return assuming;
  }

  /** An assume of this row (by its key) is under way. */
  isAssuming(key: string): boolean {
    return this.#assuming.has(key);
  }

  /** The assume of this row (by its key) under way, if there is one. */
  assumingNow(key: string): Promise<unknown> | undefined {
    return this.#assuming.get(key);
  }

  async #assume(row: RoleRow, choices: AssumeChoices): Promise<{ session: Session; notes: string[] }> {
    const set = await this.profiles();
    const caller = await this.callerFor(row);
    const judging = {
      durationSeconds: choices.durationSeconds,
      ...(choices.externalId ? { externalId: choices.externalId } : {}),
      sessionName: choices.sessionName,
      now: this.#options.clock.now(),
    };
    // The role wants a code younger than the live MFA session: AWS would refuse an assume
    // through it, so this one asks for a new code (and so do its renewals).
    const freshCode = mfaSessionTooOld(row, caller, judging);
    const target = await this.#target(set, row, judging, withoutMfaSession(caller), freshCode, choices).catch(
      (error: unknown) => {
        // A device may have been picked in the form: it must not stay up.
        this.#options.mfa.finish();
        throw error;
      },
    );
    const settings = this.#options.settings.read();
    const providerOptions: ProfileProviderOptions = {
      // The one asker: the MFA session it may start serves later assumes and renewals too.
      askCode: this.#codes.ask,
      region: choices.region,
      defaultRegion: this.#defaultRegion(),
      clock: this.#options.clock,
      durationSeconds: choices.durationSeconds,
      defaultDurationSeconds: settings.defaultSessionSeconds,
      sessionName: (hop) => this.#sessionName(hop.profile, hop.roleArn.split('/').at(-1) ?? ''),
      ...(freshCode ? {} : { mfaSessions: this.#mfaSessions }),
      mfaSessionSeconds: settings.mfaSessionSeconds,
      env: this.#options.env,
      ...(this.#options.clients ? { clients: this.#options.clients } : {}),
    };
    const profiles = this.#keysFollowFiles(target.set);
    const { credentials, notes, chain } = await this.#refusedMfaSessionDropped(
      profiles,
      target.name,
      freshCode ? undefined : choices.durationSeconds,
      () =>
        this.#codes.run(async () => {
          const { provider, notes, chain } = providerForProfile(profiles, target.name, providerOptions);
          return { credentials: await provider.retrieve(), notes, chain };
        }),
    );
    if (freshCode)
      notes.push(`${row.name} wants a newer MFA code than your MFA session's, so a new code was asked for.`);
    const own = chain.hops[0];
    // Assumed from the MFA session (one code for many roles) is role chaining: 1h at most.
    const viaMfaSession = Boolean(
      !freshCode &&
        own?.mfaSerial &&
        choices.durationSeconds <= ROLE_CHAINING_MAX_SECONDS &&
        this.#mfaSessions.get(own.mfaSerial)?.live(),
    );
    const session: Session = {
      id: target.name,
      credentials,
      origin: {
        ...(row.profile ? { profile: row.profile.name } : {}),
        roleArn: row.arn,
        source: target.source,
        mfa: Boolean(own?.mfaSerial),
        chained: chain.chained || viaMfaSession,
      },
      region: choices.region,
      autoRefresh: false,
    };
    // The MFA session first, so the last news on the status line is the session asked for.
    this.#showMfaSessions();
    // Renewals (r, auto-refresh) ask through the same form, so a new code is asked for visibly.
    const renew = renewFromProfile(profiles, target.name, providerOptions);
    this.#options.sessions.add(session, async () => {
      const credentials = await this.#refusedMfaSessionDropped(
        profiles,
        target.name,
        freshCode ? undefined : choices.durationSeconds,
        () => this.#codes.run(renew),
      );
      this.#showMfaSessions();
      return credentials;
    });
    if (choices.externalId && !row.profile?.externalId) {
      this.#options.settings.rememberExternalId(row.arn, choices.externalId);
    }
    this.#options.settings.noteRecent(row.arn);
    if (!this.#aliases.has(row.account)) {
      // The new session may read its account's alias: the accounts screen shows it from now on.
      void this.#readAlias(staticProvider(`session ${session.id}`, credentials), choices.region)
        .then((alias) => alias && this.#learnAlias(row.account, alias))
        .catch(() => {});
    }
    return { session, notes };
  }

  /**
   * Runs an assume (or a renewal) of a profile; when it went through a live MFA session and AWS
   * refused that session's own credentials (expired early, revoked, its key unknown), the
   * session is dropped, from the dashboard too, and the error says so: until then every role
   * would stay marked assumable through a session AWS no longer takes. `durationSeconds`
   * undefined: the assume asks for a fresh code and does not go through the session.
   */
  async #refusedMfaSessionDropped<T>(
    set: ProfileSet,
    profile: string,
    durationSeconds: number | undefined,
    run: () => Promise<T>,
  ): Promise<T> {
    const serial =
      durationSeconds !== undefined && durationSeconds <= ROLE_CHAINING_MAX_SECONDS
        ? mfaSessionDevice(set, profile, this.#options.env)
        : undefined;
    const through = serial ? this.#mfaSessions.get(serial) : undefined;
    const live = through?.live();
    try {
      return await run();
    } catch (error) {
      if (!serial || !through || !live) throw error;
      const { kind } = describeAwsError(error);
      if (kind !== 'expired' && kind !== 'invalid-credentials') throw error;
      const why = kind === 'expired' ? 'it has expired' : 'its key is unknown to AWS, or was revoked';
      // Another assume or a renewal may have started a new session while AWS answered: that one
      // was not refused, and stays. (None live: the refused one has run out meanwhile.)
      const now = through.live();
      if (now && now !== live) {
        throw new MfaSessionRefused(
          `AWS refused the MFA session for ${serial} (${why}); a new one has started since, which the next assume uses.`,
          { cause: error },
        );
      }
      through.forget();
      if (this.#mfaSessions.get(serial) === through) this.#mfaSessions.delete(serial);
      const id = mfaSessionId(serial);
      if (this.#options.sessions.get(id)?.credentials === live) this.#options.sessions.drop(id);
      throw new MfaSessionRefused(
        `AWS refused the MFA session for ${serial} (${why}); it was dropped: the next assume asks for a code.`,
        { cause: error },
      );
    }
  }

  /** The current code of a sandbox MFA device, for the form's hint; undefined outside the sandbox. */
  async sandboxCode(serial: string): Promise<string | undefined> {
    const device = this.#options.sandboxDevices?.find((d) => d.serial === serial);
    if (!device) return undefined;
    const { generate } = await import('otplib');
    return generate({ secret: device.secret, epoch: Math.floor(this.#options.clock.now() / 1000) });
  }

  /** MFA sessions started by an assume get a row of their own, with their own countdown. */
  #showMfaSessions(): void {
    for (const [serial, provider] of this.#mfaSessions) {
      const live = provider.live();
      const id = mfaSessionId(serial);
      if (!live || this.#options.sessions.get(id)?.credentials === live) continue;
      const { source } = provider;
      this.#options.sessions.add(
        {
          id,
          credentials: live,
          origin: { source, mfa: true, chained: false, mfaSerial: serial },
          region: this.#defaultRegion(),
          autoRefresh: false,
        },
        () => this.#codes.run(() => provider.renew()),
      );
    }
  }

  /**
   * The profile to assume: the row's own (with the form's choices), or one made up for an IAM
   * role. Its caller is as it is with a code: the device is named even when a live MFA session
   * will spare the code, since the chain goes through that session by its device.
   */
  async #target(
    set: ProfileSet,
    row: RoleRow,
    judging: RowJudging,
    caller: Caller | undefined,
    freshCode: boolean,
    choices: AssumeChoices,
  ): Promise<AssumeTarget> {
    return assumeTarget(set, row, choices, {
      needsMfa: () => rowVerdict(row, caller, judging).kind === 'needs-mfa',
      liveDevice: (serials) =>
        freshCode ? undefined : serials.find((serial) => this.#mfaSessions.get(serial)?.live()),
      chooseDevice: (serials) => this.#codes.choose(serials, `to assume ${row.arn}`),
      accountName: this.#options.settings.read().accounts[row.account]?.label ?? row.account,
      region: (profile) => this.#regionOf(set, profile),
      ...(this.#options.clients ? { clients: this.#options.clients } : {}),
    });
  }

  async #listIam(
    set: ProfileSet,
    account: string,
    profiles: readonly Profile[],
    options: { onPage?: (count: number) => void; signal?: AbortSignal },
  ): Promise<{ roles: RoleSummary[]; iam: IamState }> {
    const needCode = profiles.filter((p) => this.#needsCode(set, p.name)).length;
    const {
      roles,
      iam: state,
      reader,
    } = await listThroughReaders(this.#readerCandidates(set, account, profiles), {
      ...options,
      needCode,
      ...(this.#options.clients ? { clients: this.#options.clients } : {}),
    });
    if (reader) {
      this.#readers.set(account, { iam: reader.client, via: reader.via });
      // Whoever may list roles may usually read the alias too; the accounts screen shows it.
      (await iam())
        .accountAlias(reader.client)
        .then((alias) => alias && this.#learnAlias(account, alias))
        .catch(() => {});
    }
    return { roles, iam: state };
  }

  /** The account alias, read with these credentials (undefined when the account has none). */
  async #readAlias(provider: CredentialProvider, region: string): Promise<string | undefined> {
    const { accountAlias, iamClientFor } = await iam();
    return accountAlias(iamClientFor(provider, region, this.#options.clients));
  }

  /** Its chain would ask for a code: an MFA device, and no live MFA session for it. */
  #needsCode(set: ProfileSet, profile: string): boolean {
    return resolveChain(set, profile).hops.some(
      (h) => h.mfaSerial && !this.#mfaSessions.get(h.mfaSerial)?.live(),
    );
  }

  /** Who may read IAM in an account, most likely first: live sessions, key profiles, role profiles. */
  async *#readerCandidates(
    set: ProfileSet,
    account: string,
    profiles: readonly Profile[],
  ): AsyncGenerator<IamReader> {
    const defaultRegion = this.#defaultRegion();
    for (const session of this.#options.sessions.list()) {
      if (session.origin.roleArn && accountOf(session.origin.roleArn) === account) {
        const { id } = session;
        yield {
          // Read at each call: the session may have been refreshed since it listed the roles.
          provider: {
            label: `session ${id}`,
            retrieve: async () => {
              const live = this.#options.sessions.get(id);
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
      if ((await this.#identityOf(name).catch(() => undefined))?.account !== account) continue;
      yield {
        provider: staticProvider(`profile ${name}`, keys),
        region: this.#regionOf(set, name),
        via: `profile ${name}`,
      };
    }
    for (const profile of profiles) {
      // Readers never interrupt the person for a code: only chains with no MFA, or a live MFA session.
      if (resolveChain(set, profile.name).problem || this.#needsCode(set, profile.name)) continue;
      yield { ...this.#profileReader(set, profile.name, defaultRegion), via: `profile ${profile.name}` };
    }
  }

  /** A role profile as a reader of IAM: short sessions, named for reading, never asking for a code. */
  #profileReader(set: ProfileSet, name: string, defaultRegion: string) {
    const { provider } = providerForProfile(set, name, {
      askCode: noCode,
      defaultRegion,
      clock: this.#options.clock,
      defaultDurationSeconds: 900,
      sessionName: () => this.#sessionName(name, 'read'),
      mfaSessions: this.#mfaSessions,
      env: this.#options.env,
      ...(this.#options.clients ? { clients: this.#options.clients } : {}),
    });
    return { provider, region: this.#regionOf(set, name) };
  }

  /** AWS_REGION, else rolecall's default region ('' counts as unset). */
  #defaultRegion(): string {
    return this.#options.env.AWS_REGION || this.#options.settings.read().defaultRegion;
  }

  #regionOf(set: ProfileSet, profile: string): string {
    return set.profiles.get(profile)?.region || this.#defaultRegion();
  }

  #sessionName(
    profile: string,
    role: string,
    template = this.#options.settings.read().sessionNameTemplate,
  ): string {
    return sessionNameFromTemplate(template, {
      user: loginName(this.#options.env),
      profile,
      role,
      time: String(Math.floor(this.#options.clock.now() / 1000)),
    });
  }
}
