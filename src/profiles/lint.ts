// What is wrong with the user's AWS profiles, each with the fix, in words. Nothing here changes
// a file: rolecall shows the finding and the user decides.
import { ROLE_ARN, ROLE_CHAINING_MAX_SECONDS as ROLE_CHAINING_MAX } from '../aws/identifiers';
import { resolveChain } from './chain';
import type { ProfileSet } from './load';

export interface LintFinding {
  profile: string;
  file: 'config' | 'credentials';
  problem: string;
  fix: string;
}

export function lintProfiles(set: ProfileSet): LintFinding[] {
  const findings: LintFinding[] = [];
  const fileOf = (name: string) => set.profiles.get(name)?.definedIn[0] ?? 'config';

  for (const { file, line, text } of set.brokenHeaders) {
    const name = /^\[\s*(?:profile\s+)?([^\]\s]*)/.exec(text)?.[1] || `line ${line}`;
    findings.push({
      profile: name,
      file,
      problem: `Line ${line} of the ${file} file, "${text}", is not a section header, so the AWS SDK ignores it and the settings under it.`,
      fix: 'Close it with ] (for example [profile NAME]).',
    });
  }

  for (const { file, section, name } of set.ignoredSections) {
    findings.push(
      file === 'config'
        ? {
            profile: name,
            file,
            problem: `${section} in the config file is ignored by the AWS SDK for JavaScript (it reads only [default] and [profile NAME] there).`,
            fix: `Rename the section to [profile ${name}].`,
          }
        : {
            profile: name,
            file,
            problem: `${section} in the credentials file is read as a profile named "profile ${name}".`,
            fix: `Rename the section to [${name}]: the credentials file names profiles without the word "profile".`,
          },
    );
  }

  for (const profile of set.profiles.values()) {
    const file = fileOf(profile.name);
    const add = (problem: string, fix: string) =>
      findings.push({ profile: profile.name, file, problem, fix });

    if (profile.mfaSerial && profile.kind === 'static') {
      add(
        'mfa_serial is set on a profile with static keys, where the AWS SDKs ignore it.',
        'Move mfa_serial to the role profiles that use this one as source_profile.',
      );
    }
    if (profile.sourceProfile && profile.credentialSource) {
      add(
        'Both source_profile and credential_source are set: botocore refuses it, and the JS SDK silently does not assume the role.',
        'Keep one of them.',
      );
    } else if (profile.kind === 'invalid' && profile.problem) {
      add(`The profile ${profile.problem}.`, fixFor(profile.problem));
    }
    if (profile.roleArn && !ROLE_ARN.test(profile.roleArn)) {
      add(
        `role_arn ${profile.roleArn} is not an IAM role ARN.`,
        'Use the form arn:aws:iam::123456789012:role/NAME.',
      );
    }
    if (profile.kind !== 'assume-role') continue;

    const chain = resolveChain(set, profile.name);
    // Each broken link is reported once, on the profile that holds it; profiles upstream of it
    // are fine as written.
    if (profile.sourceProfile && !set.profiles.has(profile.sourceProfile)) {
      add(
        `source_profile ${profile.sourceProfile} names no profile.`,
        `Add a [profile ${profile.sourceProfile}] section, or fix the name in source_profile.`,
      );
    }
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

/** The profiles of a loop, in chain order, when the chain ended in one. */
function loopIn(visited: readonly string[], problem: string | undefined): string[] | undefined {
  if (!problem?.startsWith('source_profile loops')) return undefined;
  const last = problem.split(' → ').at(-1) ?? '';
  return visited.slice(visited.indexOf(last));
}

function fixFor(problem: string): string {
  if (problem.includes('neither source_profile nor credential_source')) {
    return 'Add source_profile = a profile with keys, or credential_source = Environment.';
  }
  if (problem.includes('credential_source')) return 'Use Environment, Ec2InstanceMetadata or EcsContainer.';
  if (problem.includes('duration_seconds')) return 'Use a whole number of seconds from 900 to 43200.';
  if (problem.includes('aws_access_key_id')) return 'Set both aws_access_key_id and aws_secret_access_key.';
  return 'Correct the profile as described.';
}
