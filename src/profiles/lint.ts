// What is wrong with the user's AWS profiles, each with the fix, in words. Nothing here changes
// a file: rolecall shows the finding and the user decides.
import { ROLE_CHAINING_MAX_SECONDS as ROLE_CHAINING_MAX } from '../aws-shapes/session-limits';
import { profilesOnLoops, resolveChain } from './chain';
import type { ProfileSet } from './profile-set';

export interface LintFinding {
  profile: string;
  file: 'config' | 'credentials';
  /** The line it is about, when it is about one. */
  line?: number;
  problem: string;
  fix: string;
  /** It breaks no assume for certain (a setting some tool other than the SDKs reads): a warning. */
  harmless?: true;
}

export function lintProfiles(set: ProfileSet): LintFinding[] {
  const findings: LintFinding[] = set.fileFindings.map(({ profile, file, line, problem, fix }) => ({
    profile,
    file,
    ...(line !== undefined ? { line } : {}),
    problem,
    fix,
  }));
  const fileOf = (name: string) => set.profiles.get(name)?.definedIn[0] ?? 'config';
  const onLoops = profilesOnLoops(set);

  for (const profile of set.profiles.values()) {
    const file = fileOf(profile.name);
    const add = (problem: string, fix: string) =>
      findings.push({ profile: profile.name, file, problem, fix });

    if (profile.mfaSerial && profile.kind === 'static') {
      const { problem, fix } = mfaSerialOnKeysWords(set, profile.name, profile.mfaSerial);
      // A role whose trust asks for MFA fails without it, one that does not is fine, and
      // aws-vault's users set it here on purpose: which it is, rolecall cannot tell.
      findings.push({ profile: profile.name, file, problem, fix, harmless: true });
    }
    if (profile.sourceProfile && profile.credentialSource) {
      add(
        'Both source_profile and credential_source are set: botocore refuses it, and the JS SDK silently does not assume the role.',
        'Keep one of them.',
      );
    } else if (profile.kind === 'invalid' && profile.problem) {
      const { problemAt } = profile;
      if (problemAt)
        findings.push({
          profile: profile.name,
          file: problemAt.file,
          line: problemAt.line,
          problem: `The profile ${profile.problem}.`,
          fix: profile.fix ?? 'Correct the profile as described.',
        });
      else add(`The profile ${profile.problem}.`, profile.fix ?? 'Correct the profile as described.');
    }
    if (profile.kind !== 'assume-role') continue;
    // Each broken link is reported once, on the profile that holds it; profiles upstream of it
    // are fine as written.
    if (profile.sourceProfile && !set.profiles.has(profile.sourceProfile)) {
      add(
        `source_profile ${profile.sourceProfile} names no profile.`,
        `Add a [profile ${profile.sourceProfile}] section, or fix the name in source_profile.`,
      );
    }
    // Only a profile on a loop, or one asking for more than an hour, needs its chain walked.
    const long = (profile.durationSeconds ?? 0) > ROLE_CHAINING_MAX;
    if (!long && !onLoops.has(profile.name)) continue;
    const chain = resolveChain(set, profile.name);
    const loop = loopIn(chain.visited, chain.problem);
    if (loop && profile.name === [...loop].sort()[0]) {
      add(
        `source_profile loops: ${[...loop, loop[0]].join(' → ')}.`,
        'Point one profile in the loop at a profile with keys (or credential_source).',
      );
    }
    if (chain.chained && (profile.durationSeconds ?? 0) > ROLE_CHAINING_MAX) {
      add(
        `duration_seconds = ${profile.durationSeconds} on a profile reached by role chaining (${chain.visited.join(' → ')}), which AWS caps at one hour; the JS SDK fails.`,
        'Set duration_seconds = 3600 or less, or take the source credentials from a profile with keys.',
      );
    }
  }
  return findings;
}

/**
 * mfa_serial on a profile with static keys. The SDKs and the AWS CLI send an MFA code only for
 * the mfa_serial of the profile that has role_arn (botocore AssumeRoleProvider reads it from the
 * role's own config; aws-reference.md section 1), so the roles assumed from this profile send
 * none. aws-vault does read it here (GetSessionToken with MFA), so it is not wrong to keep; and
 * which roles need it depends on each role's trust policy, so rolecall names them and moves
 * nothing (doctor --fix leaves it).
 */
export function mfaSerialOnKeysWords(
  set: Pick<ProfileSet, 'profiles'>,
  name: string,
  serial: string,
): { problem: string; fix: string; roles: string[] } {
  const users = [...set.profiles.values()].filter(
    (p) => p.kind === 'assume-role' && p.sourceProfile === name && p.name !== name,
  );
  const roles = users.filter((p) => p.mfaSerial === undefined).map((p) => p.name);
  const own = users.filter((p) => p.mfaSerial !== undefined).map((p) => p.name);
  const problem = `mfa_serial is set on ${name}, a profile with static keys: the AWS SDKs and the AWS CLI send an MFA code only for the mfa_serial of the profile with role_arn, so ${roles.length ? `${roles.join(', ')}, assumed from ${name}, send${roles.length === 1 ? 's' : ''} none` : 'the SDKs do nothing with it'} (aws-vault does read it here, for GetSessionToken).`;
  const ownWords = own.length
    ? ` (${own.join(', ')} ${own.length === 1 ? 'names its own' : 'name their own'})`
    : '';
  const fix = roles.length
    ? `Add mfa_serial = ${serial} to the role profiles whose roles require MFA: ${roles.join(', ')}${ownWords}. Keep it on ${name} if aws-vault uses it.`
    : `Add mfa_serial = ${serial} to the role profiles you make from ${name} whose roles require MFA${ownWords}. Keep it on ${name} if aws-vault uses it.`;
  return { problem, fix, roles };
}

/** The profiles of a loop, in chain order, when the chain ended in one. */
function loopIn(visited: readonly string[], problem: string | undefined): string[] | undefined {
  if (!problem?.startsWith('source_profile loops')) return undefined;
  const last = problem.split(' → ').at(-1) ?? '';
  return visited.slice(visited.indexOf(last));
}
