// One named profile of ~/.aws/config and ~/.aws/credentials, read into what rolecall needs to
// know of it. Secret values stay out of it: ProfileSet.staticKeys reads them when they are used.
// A value AWS would refuse (a role ARN with an 11-digit account, an MFA serial that is a user's
// ARN) makes the profile invalid here, before any AWS call, so the CLI and the TUI say the same.

import { ROLE_ARN } from '../aws-shapes/arn';
import { EXTERNAL_ID } from '../aws-shapes/request-fields';

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
  /** Why it cannot give credentials, as a phrase after its name ("has role_arn but …"). */
  problem?: string;
  /** How to fix `problem`. */
  fix?: string;
  /** The setting `problem` is about, so that its line can be named. */
  problemKey?: string;
  /** Where that setting is (problem names it too). */
  problemAt?: { file: 'config' | 'credentials'; line: number };
  /**
   * Why rolecall will not use it although the SDK would: its files may have changed it behind
   * the person's back (file-findings.ts). Every chain through it stops there.
   */
  refusal?: {
    problem: string;
    fix: string;
    /**
     * Refused for the profile its chain goes through, not for its own lines: that holds where
     * its own role is assumed, not where it is a later hop (whose keys end the chain there).
     */
    through?: string;
  };
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
  // Built by assignment, not spreads: a config of 50,000 profiles makes this a hot path.
  const profile: Profile = {
    name,
    kind: 'no-credentials',
    hasStaticKeys,
    hasSessionToken: Boolean(keys.aws_session_token),
    definedIn,
  };
  if (keys.role_arn !== undefined) profile.roleArn = keys.role_arn;
  if (keys.source_profile !== undefined) profile.sourceProfile = keys.source_profile;
  if (keys.credential_source !== undefined) profile.credentialSource = keys.credential_source;
  if (keys.mfa_serial !== undefined) profile.mfaSerial = keys.mfa_serial;
  if (keys.external_id !== undefined) profile.externalId = keys.external_id;
  if (keys.role_session_name !== undefined) profile.roleSessionName = keys.role_session_name;
  if (keys.region !== undefined) profile.region = keys.region;
  if (duration !== undefined) profile.durationSeconds = duration;
  const as = (kind: ProfileKind): Profile => {
    profile.kind = kind;
    return profile;
  };
  // The JS SDK falls through from a role_arn without a source to web identity (aws-reference.md §1).
  if (
    keys.role_arn !== undefined &&
    keys.web_identity_token_file &&
    !keys.source_profile &&
    !keys.credential_source
  ) {
    return as('web-identity');
  }
  if (keys.role_arn !== undefined) {
    const invalid = (problem: string, fix: string, key?: string): Profile => {
      profile.problem = problem;
      profile.fix = fix;
      if (key) profile.problemKey = key;
      return as('invalid');
    };
    if (keys.source_profile !== undefined && keys.credential_source !== undefined) {
      // botocore refuses this; the JS SDK silently does not treat the profile as assume-role.
      return invalid('has both source_profile and credential_source', 'Keep one of them.');
    }
    if (keys.source_profile === undefined && keys.credential_source === undefined) {
      return invalid(
        'has role_arn but neither source_profile nor credential_source',
        'Add source_profile = a profile with keys, or credential_source = Environment.',
      );
    }
    if (
      keys.credential_source !== undefined &&
      !(CREDENTIAL_SOURCES as readonly string[]).includes(keys.credential_source)
    ) {
      return invalid(
        `has credential_source ${keys.credential_source}, which is not one of ${CREDENTIAL_SOURCES.join(', ')}`,
        `Use ${CREDENTIAL_SOURCES.join(', ')}.`,
        'credential_source',
      );
    }
    if (duration !== undefined && (!Number.isInteger(duration) || duration < 900 || duration > 43_200)) {
      return invalid(
        `has duration_seconds ${keys.duration_seconds}, which is not a whole number from 900 to 43200`,
        'Use a whole number of seconds from 900 to 43200.',
        'duration_seconds',
      );
    }
    const settingProblem = roleSettingProblem(keys);
    if (settingProblem) return invalid(settingProblem.problem, settingProblem.fix, settingProblem.key);
    return as('assume-role');
  }
  if (hasStaticKeys) return as('static');
  if (keys.aws_access_key_id || keys.aws_secret_access_key) {
    profile.problem = 'has only one of aws_access_key_id and aws_secret_access_key';
    profile.fix = 'Set both aws_access_key_id and aws_secret_access_key.';
    return as('invalid');
  }
  if (keys.sso_session || keys.sso_start_url || keys.sso_account_id) return as('sso');
  if (keys.credential_process) return as('credential-process');
  return profile;
}

/**
 * SerialNumber is 9–256 characters of [\w+=/:,.@-]: a hardware device's serial, or a virtual
 * device's ARN, arn:aws:iam::ACCOUNT:mfa/NAME (aws-reference.md sections 2 and 7). Anything else,
 * a user's ARN above all, AWS refuses only after the code is typed.
 */
const MFA_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:mfa\/[\w+=,.@/-]+$/;
const HARDWARE_SERIAL = /^[\w+=/:,.@-]{9,256}$/;

/** A role_arn, mfa_serial or external_id that AWS would refuse, found before any call. */
function roleSettingProblem(
  keys: Readonly<Record<string, string>>,
): { problem: string; fix: string; key: string } | undefined {
  const arn = keys.role_arn ?? '';
  if (!ROLE_ARN.test(arn)) {
    const digits = /^arn:[\w-]+:iam::(\d+):role\//.exec(arn)?.[1];
    return {
      problem:
        digits && digits.length !== 12
          ? `has role_arn ${arn}, whose account ID has ${digits.length} digits, not 12, so it is not an IAM role ARN`
          : `has role_arn ${arn}, which is not an IAM role ARN`,
      fix: 'Use the form arn:aws:iam::123456789012:role/NAME (the account ID is 12 digits, leading zeros kept).',
      key: 'role_arn',
    };
  }
  const serial = keys.mfa_serial;
  if (
    serial !== undefined &&
    (serial.startsWith('arn:') ? !MFA_ARN.test(serial) : !HARDWARE_SERIAL.test(serial))
  ) {
    return {
      problem: `has mfa_serial ${serial}, which is neither an MFA device ARN nor a hardware device's serial number`,
      fix: 'Use the device ARN IAM shows for your MFA device (arn:aws:iam::123456789012:mfa/NAME), or the serial number on a hardware device.',
      key: 'mfa_serial',
    };
  }
  const externalId = keys.external_id;
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
    return {
      problem: `has an external_id of ${externalId.length} characters${/^[\w+=,.@:/-]*$/.test(externalId) ? '' : ' with characters AWS does not allow'}, which AWS refuses: it takes 2 to 1224 letters, digits and + = , . @ : / - _`,
      fix: "Use the external ID exactly as the role's owner gave it to you.",
      key: 'external_id',
    };
  }
  return undefined;
}
