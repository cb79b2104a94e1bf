// Where an assume's defaults come from, for the interface and the CLI alike: the region (the
// profile's, else AWS_REGION, else rolecall's default), the duration (the profile's
// duration_seconds, else rolecall's default) and the session name (the template, with the user,
// the profile, the role and the time). A flag or the assume form may say otherwise. The
// providers apply the same fallbacks hop by hop (credentials/from-profile.ts), with the values
// forProviders() hands them from here.
import { ROLE_CHAINING_MAX_SECONDS } from '../aws-shapes/session-limits';
import type { Clock } from '../clock';
import type { ProfileProviderOptions } from '../credentials/from-profile';
import { formatDuration } from '../duration';
import type { Caller } from '../policy/verdict';
import type { Profile } from '../profiles/profile';
import type { ProfileSet } from '../profiles/profile-set';
import type { RoleRow } from '../role-listing/role-rows';
import { loginName, sessionNameFromTemplate } from '../session-name';
import type { SettingsData } from '../settings/schema';
import type { RowJudging } from '../verdicts/row-verdict';

/** The settings the defaults are made of. */
export type DefaultSettings = Pick<
  SettingsData,
  'defaultRegion' | 'defaultSessionSeconds' | 'sessionNameTemplate' | 'externalIds'
>;

export interface AssumeChoices {
  durationSeconds: number;
  sessionName: string;
  region: string;
  externalId?: string;
}

/** What the assume form starts with, and the longest session allowed (and why). */
export interface AssumeDefaults extends AssumeChoices {
  /** The longest session AWS would give for this role from this caller. */
  maxSeconds: number;
  /** Why that is the most: the role's maximum, or role chaining's cap. */
  capReason: string;
  /** The external ID is remembered from an earlier assume, or comes from the profile. */
  externalIdFrom?: 'profile' | 'remembered';
}

/** AWS's most for any role (MaxSessionDuration's upper bound), when the role's own is unknown. */
const AWS_MAX_SESSION_SECONDS = 12 * 3600;

export class AssumeDefaultRules {
  readonly #env: NodeJS.ProcessEnv;
  readonly #settings: () => DefaultSettings;
  readonly #clock: Clock;

  constructor(options: { env: NodeJS.ProcessEnv; settings: () => DefaultSettings; clock: Clock }) {
    this.#env = options.env;
    this.#settings = options.settings;
    this.#clock = options.clock;
  }

  /** AWS_REGION, else rolecall's default region ('' counts as unset). */
  defaultRegion(): string {
    return this.#env.AWS_REGION || this.#settings().defaultRegion;
  }

  /** The profile's region, else the default one. */
  regionOf(set: ProfileSet, profile: string): string {
    return set.profiles.get(profile)?.region || this.defaultRegion();
  }

  /** The profile's duration_seconds, else rolecall's default. */
  durationSeconds(profile: Profile | undefined, settings: DefaultSettings = this.#settings()): number {
    return profile?.durationSeconds ?? settings.defaultSessionSeconds;
  }

  /** The session name the template gives for an assume of `role` through `profile`. */
  sessionName(profile: string, role: string, template = this.#settings().sessionNameTemplate): string {
    return sessionNameFromTemplate(template, {
      user: loginName(this.#env),
      profile,
      role,
      time: String(Math.floor(this.#clock.now() / 1000)),
    });
  }

  /** The defaults every chain of providers is built with (the form's or the flags' choices go on top). */
  forProviders(): Pick<
    ProfileProviderOptions,
    'defaultRegion' | 'defaultDurationSeconds' | 'sessionName' | 'clock' | 'env'
  > {
    const settings = this.#settings();
    return {
      defaultRegion: this.defaultRegion(),
      defaultDurationSeconds: settings.defaultSessionSeconds,
      // The template as it is when the name is needed: a renewal hours later takes an edited one.
      sessionName: (hop) => this.sessionName(hop.profile, hop.roleArn.split('/').at(-1) ?? ''),
      clock: this.#clock,
      env: this.#env,
    };
  }

  /**
   * What an assume of a row would send with no form in between, for its verdict: the profile's
   * duration, session name and external ID, else rolecall's default, the session name template
   * and the external ID remembered. The settings are read once here, not once per row.
   */
  requests(): (row: RoleRow) => RowJudging {
    const settings = this.#settings();
    return (row) => {
      const externalId = row.profile?.externalId ?? settings.externalIds[row.arn];
      return {
        durationSeconds: this.durationSeconds(row.profile, settings),
        sessionName:
          row.profile?.roleSessionName ??
          this.sessionName(row.profile?.name ?? '', row.name, settings.sessionNameTemplate),
        ...(externalId ? { externalId } : {}),
        now: this.#clock.now(),
      };
    };
  }

  /** What the assume form starts with for a row assumed by `caller`, capped at what AWS would give. */
  forForm(set: ProfileSet, row: RoleRow, caller: Caller | undefined): AssumeDefaults {
    const settings = this.#settings();
    const roleMax = row.iam?.maxSessionSeconds ?? AWS_MAX_SESSION_SECONDS;
    const chained = caller?.chained ?? false;
    const maxSeconds = chained ? Math.min(roleMax, ROLE_CHAINING_MAX_SECONDS) : roleMax;
    const capReason = chained
      ? 'it is assumed from another role’s session (role chaining), which AWS caps at 1h'
      : row.iam
        ? `the role’s maximum session is ${formatDuration(roleMax)}`
        : 'that is AWS’s most for any role (this one’s own maximum is unknown until IAM can be read here)';
    const externalId = row.profile?.externalId ?? settings.externalIds[row.arn];
    return {
      durationSeconds: Math.min(this.durationSeconds(row.profile, settings), maxSeconds),
      maxSeconds,
      capReason,
      sessionName: row.profile?.roleSessionName ?? this.sessionName(row.profile?.name ?? '', row.name),
      region: row.profile ? this.regionOf(set, row.profile.name) : this.defaultRegion(),
      ...(externalId
        ? { externalId, externalIdFrom: row.profile?.externalId ? 'profile' : 'remembered' }
        : {}),
    };
  }
}
