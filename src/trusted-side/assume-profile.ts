// The ~/.aws/config profile that assumes the role through one of the person's identities: what
// the AWS docs have you type by hand (role_arn, source_profile, mfa_serial, external_id; SDK
// Reference Guide, "Assume role credentials"), in the order they list it.
import type { Profile } from '../profiles/profile';
import type { TrustRequirements } from './identity-policy';

export interface AssumeProfileInput {
  roleArn: string;
  roleName: string;
  /** The profile whose identity the trust admits. */
  source: Pick<Profile, 'name' | 'mfaSerial' | 'region'>;
  needs: TrustRequirements;
  /** The source user's MFA device (ListMFADevices), when the profile names none. */
  userMfaDevice?: string;
}

export type AssumeProfileKeys = { ok: true; keys: Array<[string, string]> } | { ok: false; message: string };

export function assumeProfileKeys(input: AssumeProfileInput): AssumeProfileKeys {
  const keys: Array<[string, string]> = [
    ['role_arn', input.roleArn],
    ['source_profile', input.source.name],
  ];
  if (input.needs.mfa) {
    // mfa_serial is honoured only on the profile with role_arn (aws-reference.md section 1), so
    // the source profile's own serial is copied here.
    const serial = input.source.mfaSerial ?? input.userMfaDevice;
    if (!serial) {
      return {
        ok: false,
        message: `The role needs MFA, and profile ${input.source.name} names no MFA device (mfa_serial) nor has its user one: set one up first.`,
      };
    }
    keys.push(['mfa_serial', serial]);
  }
  if (input.needs.externalId !== undefined) keys.push(['external_id', input.needs.externalId]);
  if (input.source.region) keys.push(['region', input.source.region]);
  return { ok: true, keys };
}

/** "prod-Admin": the account's alias (or ID) and the role's name. */
export function assumeProfileBaseName(roleName: string, accountLabel: string): string {
  return `${accountLabel}-${roleName}`;
}
