// The caller user's MFA devices against the profiles that use that user's keys: a role profile
// whose mfa_serial names a device the user does not have is refused by STS (AccessDenied:
// the serial is not the user's), and a user with no device cannot assume a role that needs MFA.
import { resolveChain } from '../profiles/chain';
import type { ProfileSet } from '../profiles/profile-set';
import type { DoctorFinding } from './finding';

export interface UserFacts {
  user: string;
  /** Serial numbers (ARNs) of the user's MFA devices. */
  devices: readonly string[];
  /** The profiles whose static keys are this user's (matched by access key ID). */
  keyProfiles: ReadonlySet<string>;
}

export function mfaFindings(set: Pick<ProfileSet, 'profiles'>, facts: UserFacts): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  const { user, devices } = facts;
  findings.push({
    severity: 'info',
    check: 'mfa',
    message:
      devices.length === 0
        ? `${user} has no MFA device.`
        : `${user}'s MFA device${devices.length === 1 ? '' : 's'}: ${devices.join(', ')}.`,
  });
  const named: string[] = [];
  for (const profile of set.profiles.values()) {
    if (profile.kind !== 'assume-role' || !profile.mfaSerial) continue;
    const chain = resolveChain(set, profile.name);
    const base = chain.base;
    // Only the first hop from the keys sends this user's MFA; a later hop's serial goes with a
    // role session, not the user.
    if (base?.kind !== 'static' || !facts.keyProfiles.has(base.profile) || chain.hops.length !== 1) continue;
    named.push(profile.name);
    if (!devices.includes(profile.mfaSerial))
      findings.push({
        severity: 'error',
        check: 'mfa',
        message: `Profile ${profile.name} sends mfa_serial ${profile.mfaSerial}, which is not a device of ${user} (whose keys it uses through ${base.profile}): STS refuses the assume.`,
        fix:
          devices.length > 0
            ? `Set mfa_serial = ${devices[0]} in [profile ${profile.name}].`
            : `Give ${user} an MFA device first (IAM console → Security credentials), then name it in mfa_serial.`,
      });
  }
  if (devices.length > 0 && named.length === 0 && facts.keyProfiles.size > 0)
    findings.push({
      severity: 'info',
      check: 'mfa',
      message: `No role profile that uses ${user}'s keys names an MFA device; roles that require MFA will refuse them.`,
      fix: `Add mfa_serial = ${devices[0]} to the role profiles whose roles require MFA.`,
    });
  return findings;
}
