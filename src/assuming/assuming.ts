// Assuming a role from the interface: the form's defaults, and the assume itself, which asks for
// MFA codes through the prompt as needed and puts the session on the dashboard with its renewal.
// The MFA session a code started gets its own row too (mfa-sessions.ts).
import type { AccountAliases } from '../accounts/account-aliases';
import type { AwsClients } from '../aws/clients';
import type { Clock } from '../clock';
import { type ProfileProviderOptions, providerForProfile } from '../credentials/from-profile';
import { type AskMfaCode, staticProvider } from '../credentials/provider';
import type { MfaCodes } from '../mfa/mfa-codes';
import type { MfaPrompt } from '../mfa/mfa-prompt';
import type { MfaSessions } from '../mfa/mfa-sessions';
import type { LoadedProfiles } from '../profiles/loaded-profiles';
import type { ProfileSet } from '../profiles/profile-set';
import type { RoleRow } from '../role-listing/role-rows';
import { renewFromProfile } from '../sessions/profile-renewal';
import type { Session, SessionStore } from '../sessions/store';
import type { Settings } from '../settings/settings';
import type { Verdicts } from '../verdicts/verdicts';
import type { AssumeChoices, AssumeDefaultRules, AssumeDefaults } from './assume-defaults';
import { type AssumeTarget, assumeTarget } from './assume-target';
import { ssoTarget } from './sso-target';

export type { AssumeChoices, AssumeDefaults };

export interface Assumed {
  session: Session;
  /** Things the person should be told, such as why a code was asked for again. */
  notes: string[];
}

export interface AssumingOptions {
  profiles: LoadedProfiles;
  settings: Pick<Settings, 'read' | 'rememberExternalId' | 'noteRecent'>;
  sessions: SessionStore;
  verdicts: Verdicts;
  aliases: AccountAliases;
  mfa: MfaPrompt;
  codes: MfaCodes;
  /**
   * The run's one asker (mfa/request-codes.ts): the MFA session an assume starts keeps it, and
   * serves agent requests from other terminals later, which must not reach this form.
   */
  askCode: AskMfaCode;
  mfaSessions: MfaSessions;
  rules: AssumeDefaultRules;
  clock: Clock;
  clients: AwsClients;
}

export class Assuming {
  /** Where an assume's region, duration and session name come from (the CLI's too). */
  readonly rules: AssumeDefaultRules;
  readonly #options: AssumingOptions;
  readonly #assuming = new Map<string, Promise<Assumed>>();

  constructor(options: AssumingOptions) {
    this.#options = options;
    this.rules = options.rules;
  }

  /** What the assume form starts with, and the longest session allowed (and why). */
  async defaults(row: RoleRow): Promise<AssumeDefaults> {
    const set = await this.#options.profiles.read();
    return this.rules.forForm(set, row, await this.#options.verdicts.callerFor(row));
  }

  /**
   * Assumes the role and puts the session on the dashboard, with its renewal. A second ask for
   * the same row while one is under way (the form sent twice) joins it.
   */
  assume(row: RoleRow, choices: AssumeChoices): Promise<Assumed> {
    let assuming = this.#assuming.get(row.key);
    if (!assuming) {
      assuming = this.#assume(row, choices).finally(() => this.#assuming.delete(row.key));
      this.#assuming.set(row.key, assuming);
    }
    return assuming;
  }

  /** Where a permission set's session is made: its profile's region, else the default one. */
  async ssoRegion(row: RoleRow): Promise<string> {
    const set = await this.#options.profiles.read();
    return row.sso?.profile ? this.rules.regionOf(set, row.sso.profile) : this.rules.defaultRegion();
  }

  /** An assume of this row (by its key) is under way. */
  isAssuming(key: string): boolean {
    return this.#assuming.has(key);
  }

  async #assume(row: RoleRow, choices: AssumeChoices): Promise<Assumed> {
    const {
      profiles,
      settings,
      sessions,
      verdicts,
      aliases,
      mfa,
      codes,
      askCode,
      mfaSessions,
      clock,
      clients,
    } = this.#options;
    const set = await profiles.read();
    if (row.sso) return this.#fromPortal(set, row, choices);
    const caller = await verdicts.callerFor(row);
    // The trust-policy engine is loaded when first needed: `rolecall env` builds this core too,
    // and never judges a role.
    const { mfaSessionTooOld, rowVerdict, withoutMfaSession } = await import('../verdicts/row-verdict');
    const judging = {
      durationSeconds: choices.durationSeconds,
      ...(choices.externalId ? { externalId: choices.externalId } : {}),
      sessionName: choices.sessionName,
      now: clock.now(),
    };
    // The role wants a code younger than the live MFA session: AWS would refuse an assume
    // through it, so this one asks for a new code (and so do its renewals).
    const freshCode = mfaSessionTooOld(row, caller, judging);
    // Through a live MFA session when an hour or less is asked for; never with a fresh code.
    const throughFor = freshCode ? undefined : choices.durationSeconds;
    // Its caller as it is with a code: the device is named even when a live MFA session will
    // spare the code, since the chain goes through that session by its device.
    const needsMfa = () => rowVerdict(row, withoutMfaSession(caller), judging).kind === 'needs-mfa';
    const target = await this.#target(set, row, needsMfa, throughFor, choices).catch((error: unknown) => {
      // A device may have been picked in the form: it must not stay up.
      mfa.finish();
      throw error;
    });
    const providerOptions: ProfileProviderOptions = {
      ...this.rules.forProviders(),
      // The one asker: the MFA session it may start serves later assumes and renewals too.
      askCode,
      region: choices.region,
      durationSeconds: choices.durationSeconds,
      ...(freshCode ? {} : { mfaSessions: mfaSessions.byDevice }),
      mfaSessionSeconds: settings.read().mfaSessionSeconds,
      clients,
    };
    const assumed = profiles.keysFollowFiles(target.set);
    const { credentials, notes, chain } = await mfaSessions.refusedDropped(
      assumed,
      target.name,
      throughFor,
      () =>
        codes.run(async () => {
          const { provider, notes, chain } = providerForProfile(assumed, target.name, providerOptions);
          return { credentials: await provider.retrieve(), notes, chain };
        }),
    );
    if (freshCode)
      notes.push(`${row.name} wants a newer MFA code than your MFA session's, so a new code was asked for.`);
    const own = chain.hops[0];
    // Assumed from the MFA session (one code for many roles) is role chaining: 1h at most.
    const viaMfaSession = Boolean(
      throughFor !== undefined && mfaSessions.liveThrough(assumed, target.name, throughFor),
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
    mfaSessions.showOnDashboard();
    // Renewals (by hand or on their own) ask through the same form, so a new code is asked for visibly.
    const renew = renewFromProfile(assumed, target.name, providerOptions);
    sessions.add(session, async () => {
      const renewed = await mfaSessions.refusedDropped(assumed, target.name, throughFor, () =>
        codes.run(renew),
      );
      mfaSessions.showOnDashboard();
      return renewed;
    });
    if (choices.externalId && !row.profile?.externalId)
      settings.rememberExternalId(row.arn, choices.externalId);
    settings.noteRecent(row.arn);
    if (!aliases.learntFor(row.account)) {
      // The new session may read its account's alias: the accounts screen shows it from now on.
      void aliases
        .readWith(staticProvider(`session ${session.id}`, credentials), choices.region)
        .then((alias) => alias && aliases.learn(row.account, alias))
        .catch(() => {});
    }
    return { session, notes };
  }

  /**
   * A permission set's session, from IAM Identity Center's portal (GetRoleCredentials): the set
   * decides how long it lasts, and the session name is the person's own, so only the region is
   * the person's to choose. Renewed the same way, with the cached login (refreshed when it can be).
   */
  async #fromPortal(set: ProfileSet, row: RoleRow, choices: AssumeChoices): Promise<Assumed> {
    const { settings, sessions, clients } = this.#options;
    // Named as the account is shown: the person's label, else the organisation's name for it.
    const target = ssoTarget(
      set,
      row,
      settings.read().accounts[row.account]?.label ?? row.sso?.accountName ?? row.account,
    );
    const providerOptions: ProfileProviderOptions = {
      ...this.rules.forProviders(),
      askCode: this.#options.askCode,
      region: choices.region,
      clients,
    };
    const renew = renewFromProfile(target.set, target.name, providerOptions);
    const credentials = await renew();
    const session: Session = {
      id: target.name,
      credentials,
      origin: {
        ...(row.sso?.profile ? { profile: row.sso.profile } : {}),
        // The role's own ARN once IAM told it; never the pattern a row shows before.
        ...(row.iam ? { roleArn: row.arn } : {}),
        permissionSet: { name: row.name, account: row.account, login: row.sso?.login ?? '' },
        source: target.source,
        mfa: false,
        chained: false,
      },
      region: choices.region,
      autoRefresh: false,
    };
    sessions.add(session, renew);
    // The row's ARN is a pattern until IAM names the set's role: the account is what is noted then.
    settings.noteRecent(row.iam ? row.arn : row.account);
    return { session, notes: [] };
  }

  /** The profile to assume: the row's own (with the form's choices), or one made up for an IAM role. */
  #target(
    set: ProfileSet,
    row: RoleRow,
    needsMfa: () => boolean,
    throughFor: number | undefined,
    choices: AssumeChoices,
  ): Promise<AssumeTarget> {
    const { settings, codes, mfaSessions, clients } = this.#options;
    return assumeTarget(set, row, choices, {
      needsMfa,
      liveDevice: (serials) =>
        throughFor === undefined ? undefined : mfaSessions.liveAmong(serials, throughFor),
      chooseDevice: (serials) => codes.choose(serials, `to assume ${row.arn}`),
      accountName: settings.read().accounts[row.account]?.label ?? row.account,
      region: (profile) => this.rules.regionOf(set, profile),
      clients,
    });
  }
}
