// One named profile of ~/.aws/config and ~/.aws/credentials, read into what rolecall needs to
// know of it. Secret values stay out of it: ProfileSet.staticKeys reads them when they are used.

export type ProfileKind =
  /** aws_access_key_id and aws_secret_access_key. */
  | 'static'
  /** role_arn with source_profile or credential_source. */
  | 'assume-role'
  /** IAM Identity Center: recognised and labelled, not assumed yet. */
  | 'sso'
  /** role_arn with web_identity_token_file: recognised, not assumed yet. */
  | 'web-identity'
  | 'credential-process'
  /** Settings only (a region, say): credentials come from elsewhere. */
  | 'no-credentials'
  /** Cannot give credentials as written; `problem` says why. */
  | 'invalid';

export interface Profile {
  name: string;
  kind: ProfileKind;
  problem?: string;
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: string;
  mfaSerial?: string;
  externalId?: string;
  durationSeconds?: number;
  roleSessionName?: string;
  region?: string;
  hasStaticKeys: boolean;
  /** Its keys carry a session token: temporary, perhaps a role's. */
  hasSessionToken: boolean;
  /** Which files define it. */
  definedIn: Array<'config' | 'credentials'>;
}

export const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;

/** What a profile is, from its merged keys, as the JS SDK's credential chain reads it. */
export function classifyProfile(
  name: string,
  keys: Readonly<Record<string, string>>,
  definedIn: Profile['definedIn'],
): Profile {
  const hasStaticKeys = Boolean(keys.aws_access_key_id && keys.aws_secret_access_key);
  const duration = keys.duration_seconds === undefined ? undefined : Number(keys.duration_seconds);
  const profile: Profile = {
    name,
    kind: 'no-credentials',
    hasStaticKeys,
    hasSessionToken: Boolean(keys.aws_session_token),
    definedIn,
    ...optional('roleArn', keys.role_arn),
    ...optional('sourceProfile', keys.source_profile),
    ...optional('credentialSource', keys.credential_source),
    ...optional('mfaSerial', keys.mfa_serial),
    ...optional('externalId', keys.external_id),
    ...optional('roleSessionName', keys.role_session_name),
    ...optional('region', keys.region),
    ...(duration !== undefined ? { durationSeconds: duration } : {}),
  };
  // The JS SDK falls through from a role_arn without a source to web identity (aws-reference.md §1).
  if (
    keys.role_arn !== undefined &&
    keys.web_identity_token_file &&
    !keys.source_profile &&
    !keys.credential_source
  ) {
    return { ...profile, kind: 'web-identity' };
  }
  if (keys.role_arn !== undefined) {
    if (keys.source_profile !== undefined && keys.credential_source !== undefined) {
      // botocore refuses this; the JS SDK silently does not treat the profile as assume-role.
      return { ...profile, kind: 'invalid', problem: 'has both source_profile and credential_source' };
    }
    if (keys.source_profile === undefined && keys.credential_source === undefined) {
      return {
        ...profile,
        kind: 'invalid',
        problem: 'has role_arn but neither source_profile nor credential_source',
      };
    }
    if (
      keys.credential_source !== undefined &&
      !(CREDENTIAL_SOURCES as readonly string[]).includes(keys.credential_source)
    ) {
      return {
        ...profile,
        kind: 'invalid',
        problem: `credential_source ${keys.credential_source} is not one of ${CREDENTIAL_SOURCES.join(', ')}`,
      };
    }
    if (duration !== undefined && (!Number.isInteger(duration) || duration < 900 || duration > 43_200)) {
      return {
        ...profile,
        kind: 'invalid',
        problem: `duration_seconds ${keys.duration_seconds} is not a whole number from 900 to 43200`,
      };
    }
    return { ...profile, kind: 'assume-role' };
  }
  if (hasStaticKeys) return { ...profile, kind: 'static' };
  if (keys.aws_access_key_id || keys.aws_secret_access_key) {
    return {
      ...profile,
      kind: 'invalid',
      problem: 'has only one of aws_access_key_id and aws_secret_access_key',
    };
  }
  if (keys.sso_session || keys.sso_start_url || keys.sso_account_id) return { ...profile, kind: 'sso' };
  if (keys.credential_process) return { ...profile, kind: 'credential-process' };
  return profile;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
