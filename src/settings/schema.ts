// What the settings file holds, its defaults, and the JSON schema conf validates it with.
import { ACCOUNT_ID } from '../aws-shapes/arn';
import { EXTERNAL_ID, REGION } from '../aws-shapes/request-fields';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from '../aws-shapes/session-limits';

/** Colours an account can be shown in: the ones every terminal has. */
export const ACCOUNT_COLOURS = [
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'gray',
] as const;
export type AccountColour = (typeof ACCOUNT_COLOURS)[number];

export interface AccountLabel {
  label?: string;
  colour?: AccountColour;
}

export interface SettingsData {
  /** Used when neither the profile nor AWS_REGION names one. */
  defaultRegion: string;
  /** DurationSeconds asked for when assuming a role, before the role's maximum caps it. */
  defaultSessionSeconds: number;
  /** RoleSessionName template; see SESSION_NAME_TOKENS in src/session-name.ts. */
  sessionNameTemplate: string;
  /** How long before expiry a session counts as expiring and auto-refresh runs. */
  refreshLeadSeconds: number;
  /** How long one MFA code lasts: the GetSessionToken session roles are assumed from. */
  mfaSessionSeconds: number;
  /** How long an AWS call may take to connect before it is given up (every STS and IAM client). */
  connectTimeoutSeconds: number;
  /** How long one attempt of an AWS call may take, from sending to AWS's answer. */
  requestTimeoutSeconds: number;
  /** Keyed by 12-digit account ID. */
  accounts: Record<string, AccountLabel>;
  /** Account IDs and role ARNs, in the order they were starred. */
  favourites: string[];
  /** Account IDs and role ARNs, most recent first. */
  recents: string[];
  /** The external ID last used successfully, keyed by role ARN. */
  externalIds: Record<string, string>;
  /**
   * Account aliases (ListAccountAliases) learnt through any session or profile that could read
   * them, keyed by account ID: an account reached only through role profiles shows its alias
   * from the next start on, with no role assumed for it.
   */
  accountAliases: Record<string, string>;
  /** The getting-started walkthrough: where the person left it, so that it resumes there. */
  tour: TourProgress;
  /** What a shell opened with `s` gets: see SHELL_CREDENTIALS. */
  shellCredentials: ShellCredentials;
}

/**
 * exported: the keys in the environment, re-exported by a prompt hook when they change (bash, zsh,
 * fish); endpoint: no keys, the SDKs ask rolecall's container-credentials endpoint; static: the
 * keys the shell started with, as before live shells.
 */
export const SHELL_CREDENTIALS = ['exported', 'endpoint', 'static'] as const;
export type ShellCredentials = (typeof SHELL_CREDENTIALS)[number];

/** Where the walkthrough was left, and the guided setup's choices so far. */
export interface TourProgress {
  /** The page open when the person left: a concept page's id, or the check, or the setup. */
  page?: string;
  /** Finished or put away: it no longer opens by itself (`g` and `rolecall tour` still open it). */
  dismissed?: boolean;
  /** The guided setup against the person's own accounts. */
  setup?: SetupProgress;
  /** The guided setup in the sandbox, kept apart: the sandbox starts afresh each time. */
  sandboxSetup?: SetupProgress;
}

/** The guided setup's six steps: the one to do next, and what the earlier ones chose. */
export interface SetupProgress {
  /** 1 to SETUP_STEPS: the step to do next (earlier ones are checked again on resuming). */
  step: number;
  /** The profile that says who the person is (step 1): one with their own keys. */
  sourceProfile?: string;
  /** The account to work in (step 2), as 12 digits. */
  target?: string;
  /** The role made or chosen there (step 2). */
  roleName?: string;
  /** The config profile for the role (step 4). */
  profile?: string;
}

/** Who you are, the role, your permission, the profile, the assume, the shell. */
export const SETUP_STEPS = 6;

export const RECENTS_KEPT = 20;
export const MIN_REFRESH_LEAD_SECONDS = 30;
export const MAX_REFRESH_LEAD_SECONDS = 3600;
/** GetSessionToken's DurationSeconds range for an IAM user (aws-reference.md, GetSessionToken). */
export const MIN_MFA_SESSION_SECONDS = 900;
export const MAX_MFA_SESSION_SECONDS = 129_600;
/** Long enough for a slow link, short enough that a person at a keyboard waits it out. */
export const MIN_TIMEOUT_SECONDS = 1;
export const MAX_CONNECT_TIMEOUT_SECONDS = 60;
export const MAX_REQUEST_TIMEOUT_SECONDS = 300;

export const DEFAULT_SETTINGS: SettingsData = {
  defaultRegion: 'us-east-1',
  defaultSessionSeconds: 3600,
  sessionNameTemplate: 'rolecall-{user}',
  refreshLeadSeconds: 300,
  mfaSessionSeconds: 12 * 3600,
  connectTimeoutSeconds: 3,
  requestTimeoutSeconds: 15,
  accounts: {},
  favourites: [],
  recents: [],
  externalIds: {},
  accountAliases: {},
  tour: {},
  shellCredentials: 'exported',
};

/** IAM's account alias: 3 to 63 lower-case letters, digits and single hyphens (CreateAccountAlias). */
export const ACCOUNT_ALIAS = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

const SETUP_PROGRESS_SCHEMA = {
  type: 'object',
  properties: {
    step: { type: 'integer', minimum: 1, maximum: SETUP_STEPS },
    sourceProfile: { type: 'string', minLength: 1, maxLength: 128 },
    target: { type: 'string', pattern: ACCOUNT_ID.source },
    roleName: { type: 'string', pattern: '^[\\w+=,.@-]{1,64}$' },
    profile: { type: 'string', minLength: 1, maxLength: 128 },
  },
  required: ['step'],
  additionalProperties: false,
};

// conf's JSON schema: one entry per top-level key. Kept in step with SettingsData by the
// `satisfies` below and by the tests that write every field.
export const SETTINGS_SCHEMA = {
  defaultRegion: { type: 'string', pattern: REGION.source },
  defaultSessionSeconds: { type: 'integer', minimum: MIN_SESSION_SECONDS, maximum: MAX_SESSION_SECONDS },
  sessionNameTemplate: { type: 'string', minLength: 1, maxLength: 64 },
  refreshLeadSeconds: {
    type: 'integer',
    minimum: MIN_REFRESH_LEAD_SECONDS,
    maximum: MAX_REFRESH_LEAD_SECONDS,
  },
  mfaSessionSeconds: { type: 'integer', minimum: MIN_MFA_SESSION_SECONDS, maximum: MAX_MFA_SESSION_SECONDS },
  connectTimeoutSeconds: {
    type: 'integer',
    minimum: MIN_TIMEOUT_SECONDS,
    maximum: MAX_CONNECT_TIMEOUT_SECONDS,
  },
  requestTimeoutSeconds: {
    type: 'integer',
    minimum: MIN_TIMEOUT_SECONDS,
    maximum: MAX_REQUEST_TIMEOUT_SECONDS,
  },
  accounts: {
    type: 'object',
    propertyNames: { pattern: ACCOUNT_ID.source },
    additionalProperties: {
      type: 'object',
      properties: {
        label: { type: 'string', maxLength: 64 },
        colour: { enum: [...ACCOUNT_COLOURS] },
      },
      additionalProperties: false,
    },
  },
  favourites: { type: 'array', items: { type: 'string' }, uniqueItems: true },
  recents: { type: 'array', items: { type: 'string' }, maxItems: RECENTS_KEPT },
  externalIds: { type: 'object', additionalProperties: { type: 'string', pattern: EXTERNAL_ID.source } },
  accountAliases: {
    type: 'object',
    propertyNames: { pattern: ACCOUNT_ID.source },
    additionalProperties: { type: 'string', pattern: ACCOUNT_ALIAS.source },
  },
  tour: {
    type: 'object',
    properties: {
      page: { type: 'string', maxLength: 64 },
      dismissed: { type: 'boolean' },
      setup: SETUP_PROGRESS_SCHEMA,
      sandboxSetup: SETUP_PROGRESS_SCHEMA,
    },
    additionalProperties: false,
  },
  shellCredentials: { enum: [...SHELL_CREDENTIALS] },
} satisfies Record<keyof SettingsData, object>;
