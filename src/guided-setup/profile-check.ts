// Step 4's check: a profile in the loaded config assumes the role (role_arn), its chain of
// source_profile reaches the person's own keys (the profile of step 1, or another holding the same
// user's keys), and it names the person's MFA device (mfa_serial), which the SDKs and the CLI read
// only on the profile with role_arn (aws-reference.md section 1). The chain is resolveChain's, the
// walk the SDKs make, so the profile the check passes is the one an assume would use.
import type { IdentityOf } from '../accounts/key-identities';
import { resolveChain } from '../profiles/chain';
import type { Profile } from '../profiles/profile';
import type { ProfileSet } from '../profiles/profile-set';
import { capital } from '../sentence';
import type { StepCheck } from './setup-step';

export interface ProfileCheckInput {
  set: ProfileSet;
  roleArn: string;
  /** The profile of step 1, and whose keys it holds. */
  sourceProfile: string;
  userArn: string;
  identityOf: IdentityOf;
  /** The user's MFA devices as IAM lists them; undefined when IAM may not be asked. */
  devices: readonly string[] | undefined;
  /** The profile chosen before, looked at first. */
  preferred?: string;
}

export type ProfileCheck = StepCheck & { profile?: string };

export async function checkRoleProfile(input: ProfileCheckInput): Promise<ProfileCheck> {
  const { set, roleArn } = input;
  const candidates = [...set.profiles.values()]
    .filter((p) => p.roleArn === roleArn)
    .sort((a, b) => Number(b.name === input.preferred) - Number(a.name === input.preferred));
  if (candidates.length === 0)
    return {
      state: 'failed',
      missing: true,
      words: `No profile in ${set.files.configFile} assumes ${roleArn} yet.`,
      fix: 'Enter opens the trusted side of the role again: its last part writes the profile (shown as a diff first).',
    };
  const problems: string[] = [];
  for (const profile of candidates) {
    const problem = await profileProblem(profile, input);
    if (!problem)
      return {
        state: 'ok',
        profile: profile.name,
        words: `Profile ${profile.name} assumes it from your keys (profile ${input.sourceProfile}), with your MFA device ${profile.mfaSerial}.`,
      };
    problems.push(`profile ${profile.name} ${problem}`);
  }
  return {
    state: 'failed',
    words: `${capital(problems.join('; '))}.`,
    fix: `Fix it in ${set.files.configFile} (rolecall doctor says how), or write a new profile from the trusted side.`,
  };
}

async function profileProblem(profile: Profile, input: ProfileCheckInput): Promise<string | undefined> {
  if (profile.kind === 'invalid' || profile.refusal)
    return `cannot be used: ${profile.refusal?.problem ?? profile.problem ?? 'it is broken'}`;
  if (!profile.mfaSerial) return 'names no MFA device (mfa_serial), and the role asks for MFA';
  if (input.devices && !input.devices.includes(profile.mfaSerial))
    return `names MFA device ${profile.mfaSerial}, which is not yours (${input.devices.length ? input.devices.join(', ') : 'you have none'})`;
  // Walked as the SDKs walk it: at a later hop, keys of its own win over a role_arn.
  const chain = resolveChain(input.set, profile.name);
  if (chain.problem) return `cannot be used: ${chain.problem}`;
  const base = chain.base;
  if (base?.kind !== 'static')
    return 'takes its credentials from elsewhere (credential_source, SSO, a process), not from your keys';
  const through = chain.hops[1];
  if (through)
    return `reaches your keys through role ${through.roleArn} (profile ${through.profile}): that role, not your user, would assume it`;
  if (base.profile === input.sourceProfile) return undefined;
  const identity = await input.identityOf(base.profile).catch(() => undefined);
  if (identity?.arn === input.userArn) return undefined;
  return `starts from profile ${base.profile}, whose keys are ${identity ? identity.arn : 'not yours'}, not from your keys (profile ${input.sourceProfile})`;
}
